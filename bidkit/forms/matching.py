"""Which library item answers a question: matched by what the question asks, with a confidence.

Tag overlap alone put the Cyber Essentials blurb into "describe your data protection measures"
and the mobilisation plan into "how would you manage a TUPE transfer": both items carry those
tags, but neither is *about* what the question asks. So an item is matched on its subject (its
title and leading tags) being asked about in the question's own words (with the section and
the question before it as context, because buyers write "Describe those measures"), on the
kind of item the question wants (a certificate to attach, or text to write), and only then on
the tags the form's binding lists. Below `INSERT_AT` nothing is inserted: the best items are
offered as suggestions instead.

Words are compared through a small stemmer plus rapidfuzz's edit-distance ratio, so
"mobilization" finds "Mobilisation plan" and "policies" finds "policy". rapidfuzz (a C++
library with wheels for every platform) was chosen over an embedding model: the library's
titles and tags are short, explicit subject labels, the decision must be explainable in one
line to the writer, and it adds no model weights to the download. UK tender wording that names
a subject without its usual label ("your plan for starting this service" for mobilisation) is
covered by `subject_words.SUBJECT_PHRASES`.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from rapidfuzz import fuzz, process

from bidkit.forms.schema import AnswerType, Form, LibraryBinding, Question
from bidkit.forms.subject_words import (
    NARROWER,
    STOP_WORDS,
    content_stems,
    may_name_subjects,
    subjects_in,
    subjects_of_words,
    words_of,
)

#: The lowest confidence at which an item is put into the answer; below it, only suggested.
INSERT_AT = 0.6
#: Items above this confidence are offered as suggestions.
SUGGEST_AT = 0.15

#: Words that say what sort of document an item is rather than what it is about.
_FORM_WORDS = frozenset(
    "case study studies summary our approach answer plan policy policies statement certificate "
    "document example examples testimonial from last first of the a an and or to for in on with "
    "your we you how what this that these those".split()
)
#: Item kinds that can be attached as evidence, and those whose text can be an answer.
_ATTACHABLE = frozenset({"certificate", "policy", "other"})
_EVIDENCE_KINDS = frozenset({"case_study", "statistic", "testimonial"})
_TEXTUAL = frozenset({"answer", "case_study", "statistic", "testimonial", "policy", ""})


class LibraryItem(Protocol):
    """What matching reads of an evidence item (`prefill.EvidenceCandidate` has it all)."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def kind(self) -> str: ...
    @property
    def expires_on(self) -> date | None: ...


@dataclass(frozen=True)
class ItemMatch:
    item_id: int
    title: str
    confidence: float
    #: One line for the writer: what in the question matched the item.
    why: str


@dataclass(frozen=True)
class LibraryMatch:
    """The item to insert (if any is confident enough) and the others worth suggesting."""

    best: ItemMatch | None
    suggestions: tuple[ItemMatch, ...]

    @property
    def inserted(self) -> bool:
        return self.best is not None


# -- questions ------------------------------------------------------------------------------------
def question_context(form: Form, question: Question) -> str:
    """The question's words plus those that give it its subject: its section titles and the
    question just before it in the same section ("Describe those measures")."""
    titles: list[str] = []
    before = ""

    def walk(sections: Iterable[object], path: list[str]) -> bool:
        nonlocal before
        for section in sections:
            here = [*path, getattr(section, "title", "")]
            previous = ""
            for q in getattr(section, "questions", ()):
                if q.id == question.id:
                    titles.extend(here)
                    before = previous
                    return True
                previous = q.text
            if walk(getattr(section, "sections", ()), here):
                return True
        return False

    walk(form.sections, [])
    own = f"{question.text}\n{question.help}".strip()
    if not leans_on_context(question.text):
        return own
    return "\n".join(p for p in (*titles, before, own) if p)


def leans_on_context(text: str) -> bool:
    """True for a question that takes its subject from around it ("Describe those measures",
    "Your certificate"); a self-contained question is matched on its own words, so a DBS
    question in a safeguarding section is not taken for a safeguarding question."""
    if _REFERS_BACK.search(text):
        return True
    meaningful = [
        w for w in words_of(text) if w not in STOP_WORDS | _FORM_WORDS and w not in _VAGUE_WORDS
    ]
    return len(meaningful) <= 1


_VAGUE_WORDS = frozenset(
    "equivalent evidence supporting documents copy attach upload number date name".split()
)

_REFERS_BACK = re.compile(
    r"\b(those|these|the above|above|do this|does this|this\s*[.?]?$|if so|if yes)\b",
    re.IGNORECASE,
)


# -- items ----------------------------------------------------------------------------------------
#: Tags that say what kind of item it is, or are shared by many subjects: never its subject.
_GENERIC_TAGS = frozenset(
    "policy certificate it training governance answer evidence outcomes testimonial".split()
)
#: Words of a question that ask for one kind of item, and that kind.
_KIND_WORDS = (
    (("case study", "example of", "an example"), "case_study"),
    (("testimonial", "feedback from", "in their own words"), "testimonial"),
    (("figures", "statistics", "outcomes", "performance", "kpis"), "statistic"),
    (("certificate",), "certificate"),
    (("policy",), "policy"),
)


_FOLDED_KIND_WORDS = tuple(
    (tuple(f" {' '.join(words_of(p))} " for p in phrases), kind) for phrases, kind in _KIND_WORDS
)


@functools.lru_cache(maxsize=65536)
def _meaningful(phrase: str) -> str:
    return " ".join(w for w in words_of(phrase) if w not in _FORM_WORDS)


@functools.lru_cache(maxsize=65536)
def _phrases_of(title: str, item_tags: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The item's central subject (its title's first meaningful part and first meaningful tag)
    and its other subject phrases (the rest of its tags)."""
    title_parts = [m for p in _TITLE_PARTS.split(title) if (m := _meaningful(p))]
    tags = [t.casefold() for t in item_tags if _meaningful(t) and t.casefold() not in _GENERIC_TAGS]
    central = title_parts[:1] + tags[:1]
    return tuple(central), tuple(tags[1:])


_TITLE_PARTS = re.compile(r"[:,;()]| - | – ")


@functools.lru_cache(maxsize=4096)
def _wanted_kinds(context: str) -> frozenset[str]:
    folded = f" {' '.join(words_of(context))} "
    return frozenset(
        kind for phrases, kind in _FOLDED_KIND_WORDS if any(p in folded for p in phrases)
    )


@dataclass(frozen=True, slots=True)
class ItemWords:
    """What matching reads of an item's title and tags, worked out once per title and tags
    (see `LibraryIndex`), not again for every question."""

    central: tuple[str, ...]
    others: tuple[str, ...]
    phrases: tuple[str, ...]
    #: The named subjects of the title with its central phrases, and with every phrase.
    central_subjects: frozenset[str]
    all_subjects: frozenset[str]
    #: The index keys: one stem of each central phrase, every named subject, every tag.
    keys: frozenset[str]
    folded_tags: frozenset[str]


def item_words(title: str, tags: tuple[str, ...]) -> ItemWords:
    central, others = _phrases_of(title, tags)
    keys = {f"c:{min(stems)}" for phrase in central if (stems := content_stems(phrase))}
    # The subjects of three texts: the title with its central phrases, the other phrases, and
    # all of them (what `subjects_in` would find in each joined with commas). Their words are
    # the whole text's words cut in two, so the text is split into words once; most titles
    # and tags hold none of the phrases' first words or openings, and then neither part does.
    head = words_of(", ".join([title, *central]))
    whole = head + words_of(", ".join(others))
    named = central_subjects = all_subjects = frozenset[str]()
    if may_name_subjects(whole):
        # A central phrase naming an asked subject is a central match on its own.
        named = subjects_of_words(whole).union(*(subjects_in(p) for p in central))
        central_subjects = subjects_of_words(head)
        all_subjects = central_subjects | subjects_of_words(whole[len(head) :])
    return ItemWords(
        central=central,
        others=others,
        phrases=central + others,
        central_subjects=central_subjects,
        all_subjects=all_subjects,
        keys=frozenset(
            keys | {f"@{s}" for s in named | all_subjects} | {f"t:{t.casefold()}" for t in tags}
        ),
        folded_tags=frozenset(t.casefold() for t in tags),
    )


class _Asked:
    """What a question asks, worked out once per question: its content stems and named
    subjects, the kinds of item it wants, and each phrase's share as phrases come up (the
    same tags recur across thousands of items)."""

    def __init__(self, question: Question, context: str) -> None:
        self.question = question
        stems = content_stems(context)
        if isinstance(question.bind, LibraryBinding):
            stems |= content_stems(", ".join(question.bind.tags))
        self.stems = stems
        self.subjects = subjects_in(context)
        self.wanted = _wanted_kinds(context)
        self.fitting = _ATTACHABLE | {""} if question.type is AnswerType.EVIDENCE else _TEXTUAL
        #: (narrower, wider) subject pairs where the question names the narrower one.
        self.narrowed = [(n, w) for n, w in NARROWER.items() if n in self.subjects]
        self.bound_tags = (
            frozenset(t.casefold() for t in question.bind.tags)
            if isinstance(question.bind, LibraryBinding)
            else frozenset[str]()
        )
        self.long_stems = [s for s in stems if len(s) >= 6]
        self._near: dict[str, bool] = {}
        self.shares: dict[str, float] = {}

    def hit(self, word: str) -> bool:
        """The stem is asked, exactly or by a close spelling (edit-distance ratio 85+)."""
        if word in self.stems:
            return True
        known = self._near.get(word)
        if known is None:
            known = self._near[word] = len(word) >= 6 and any(
                fuzz.ratio(word, other, score_cutoff=85) >= 85 for other in self.long_stems
            )
        return known

    def share(self, phrase: str) -> float:
        known = self.shares.get(phrase)
        if known is None:
            if subjects_in(phrase) & self.subjects:
                known = 1.0
            else:
                stems = content_stems(phrase)
                known = sum(1 for s in stems if self.hit(s)) / len(stems) if stems else 0.0
            self.shares[phrase] = known
        return known


def score_item(item: LibraryItem, question: Question, context: str) -> tuple[float, str]:
    """How surely `item` answers `question` (0..1), and why, in one line."""
    words = item_words(item.title, tuple(item.tags))
    confidence, reasons = _score(words, item.kind, _Asked(question, context))
    return confidence, _why(reasons)


def _why(reasons: Sequence[str] | None) -> str:
    if reasons is None:
        return ""
    return "asks about " + ", ".join(dict.fromkeys(reasons)) if reasons else "shares some words"


def _score(words: ItemWords, kind: str, asked: _Asked) -> tuple[float, Sequence[str] | None]:
    """The confidence and what in the question matched (the reasons behind `_why`); None
    when the item cannot answer the question at all."""
    if kind not in asked.fitting:
        return 0.0, None
    # The form's binding tags widen the words asked, but an item's subject must be named by
    # the question itself: the tags of SQ 8.2(b) include "cyber security", the question not.
    subjects = words.all_subjects
    if asked.narrowed and any(n not in subjects and w in subjects for n, w in asked.narrowed):
        return 0.0, None  # asked for Cyber Essentials Plus, the item is plain Cyber Essentials
    known = asked.shares
    shares = [known[p] if p in known else asked.share(p) for p in words.phrases]
    reasons = [p for p, share in zip(words.central, shares, strict=False) if share >= 1.0]
    if words.central_subjects:
        reasons += sorted(words.central_subjects & asked.subjects)
    central = 1.0 if reasons else 0.0
    # Evidence (a case study, figures, a testimonial) supports every subject it is tagged
    # with; a prepared answer or a policy answers only its own.
    if not central and kind in _EVIDENCE_KINDS and (subjects & asked.subjects):
        central = 0.75
        reasons = sorted(subjects & asked.subjects)
    if not words.phrases:
        return 0.0, None
    breadth = sum(shares) / min(len(shares), 3)
    kind_bonus = 0.0
    if asked.wanted and kind:
        kind_bonus = 0.15 if kind in asked.wanted else -0.15
    confidence = max(0.0, 0.6 * central + 0.4 * min(1.0, breadth) + kind_bonus)
    return round(min(confidence, 1.0), 3), reasons


class LibraryIndex:
    """The library's items by their subjects, so each question scores only the items whose
    central subject (title or first tag) it could be asking about, or that share a named
    subject with it, rather than the whole library (tens of thousands of items in a large
    workspace); `candidates` says why no pick is lost.

    Reading an item's title and tags (`item_words`) is most of the cost of indexing, so it is
    kept between indexes, by title and tags: the first pre-fill of a session reads every item
    once, later ones only the items added or retitled since. The words of the two libraries
    indexed last are kept (two workspaces open in one process), so memory follows the
    library's size."""

    def __init__(self, items: Sequence[LibraryItem]) -> None:
        global _LAST_LAYOUT
        self.items = list(items)
        # Every questionnaire of a pre-fill pass indexes the same library: the words and keys
        # depend only on each item's title and tags, in order, so reuse the last ones.
        layout = tuple((item.title, tuple(item.tags)) for item in self.items)
        if layout == _LAST_LAYOUT[0]:
            _, self.words, self._by_key, self._long_stems = _LAST_LAYOUT
            return
        self.words = []
        self._by_key = {}
        with _collector_paused():
            self._build(layout)
        #: The index's central stems of six letters or more, for close spellings of them.
        self._long_stems = [k[2:] for k in self._by_key if k.startswith("c:") and len(k) >= 8]
        _LAST_LAYOUT = (layout, self.words, self._by_key, self._long_stems)

    def _build(self, layout: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        global _WORDS_BEFORE, _WORDS_NOW
        now = _WORDS_NOW
        kept: dict[tuple[str, tuple[str, ...]], ItemWords] = {}
        for position, text in enumerate(layout):
            words = kept.get(text) or now.get(text) or _WORDS_BEFORE.get(text)
            if words is None:
                words = item_words(*text)
            kept[text] = words
            self.words.append(words)
            for key in words.keys:
                self._by_key.setdefault(key, []).append(position)
        if kept.keys() != now.keys():
            _WORDS_BEFORE, _WORDS_NOW = now, kept

    def candidates(self, asked: _Asked) -> list[int]:
        """Positions in `items` of the items the question could be asking about: every item
        that could reach `INSERT_AT - 0.02` (an insert, or a near tie that stops one).

        Such an item has a central phrase whose stems are all asked (the index holds each
        phrase's least stem; asked exactly or by a close spelling), or a named subject the
        question names, or (at most 0.4 + 0.15 from its other tags and kind, short of 0.58
        without the binding's 0.1) a tag the form's binding names. Items outside this set can
        only score lower; they may appear among the suggestions of a full pass, not here."""
        keys = {f"c:{stem}" for stem in asked.stems}
        for stem in asked.long_stems:
            near = process.extract(
                stem, self._long_stems, scorer=fuzz.ratio, score_cutoff=85, limit=None
            )
            keys.update(f"c:{other}" for other, _score, _at in near)
        keys.update(f"@{s}" for s in asked.subjects)
        keys.update(f"t:{tag}" for tag in asked.bound_tags)
        return sorted({p for key in keys for p in self._by_key.get(key, ())})


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a large library is indexed: the index is made of
    ~100,000 small acyclic objects, and each generation-2 collection triggered as they pile up
    walks the whole heap again (half the indexing time at 20,000 items)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_WORDS_NOW: dict[tuple[str, tuple[str, ...]], ItemWords] = {}
_WORDS_BEFORE: dict[tuple[str, tuple[str, ...]], ItemWords] = {}
_LAST_LAYOUT: tuple[
    tuple[tuple[str, tuple[str, ...]], ...], list[ItemWords], dict[str, list[int]], list[str]
] = ((), [], {}, [])


def match_library(
    question: Question,
    context: str,
    items: Sequence[LibraryItem] | LibraryIndex,
    today: date,
) -> LibraryMatch:
    """The item (if any) to insert into `question`, and suggestions, best first.

    Expired items are never offered. Pass a `LibraryIndex` when matching many questions."""
    index = items if isinstance(items, LibraryIndex) else LibraryIndex(items)
    asked = _Asked(question, context)
    positions = index.candidates(asked)
    # A questionnaire is read again after every change: remember the answer for the same
    # question and the same candidates (what matching reads of them; no bodies kept). Ids
    # alone would not do: two workspaces open in one process can both have an item 5.
    candidates = [index.items[p] for p in positions]
    signature = tuple(
        (i.id, getattr(i, "version", 0), i.expires_on, i.title, tuple(i.tags), i.kind)
        for i in candidates
    )
    try:
        key = (question, context, today, signature)
        known = _RESULTS.get(key)
    except TypeError:  # a question with an unhashable binding: work it out afresh
        return _match(asked, index, positions, today)
    if known is None:
        if len(_RESULTS) >= 4096:
            _RESULTS.clear()
        known = _RESULTS[key] = _match(asked, index, positions, today)
    return known


_RESULTS: dict[tuple[object, ...], LibraryMatch] = {}


def _match(
    asked: _Asked, index: LibraryIndex, positions: Iterable[int], today: date
) -> LibraryMatch:
    shown = _ranked(asked, index, positions, today, 5)
    best = shown[0] if shown and shown[0].confidence >= INSERT_AT else None
    if best is not None and len(shown) > 1 and shown[1].confidence >= best.confidence - 0.02:
        best = None  # two items equally likely: let the writer choose
    return LibraryMatch(best, shown)


def _ranked(
    asked: _Asked, index: LibraryIndex, positions: Iterable[int], today: date, limit: int
) -> tuple[ItemMatch, ...]:
    """The `limit` items at `positions` that fit the question best, from `SUGGEST_AT` up."""
    question = asked.question
    bound = (
        {t.casefold() for t in question.bind.tags}
        if isinstance(question.bind, LibraryBinding)
        else set()
    )
    # Thousands of candidates can pass SUGGEST_AT in a large library: keep plain tuples and
    # make matches of the few that are shown (the order is `sorted`'s, ties by title).
    scored: list[tuple[float, str, int, Sequence[str] | None]] = []
    items, all_words = index.items, index.words
    for position in positions:
        item = items[position]
        if item.expires_on is not None and item.expires_on < today:
            continue
        words = all_words[position]
        confidence, reasons = _score(words, item.kind, asked)
        if bound:
            shared = bound.intersection(words.folded_tags)
            if shared:
                confidence = min(1.0, confidence + 0.1 * len(shared) / len(bound))
        if confidence >= SUGGEST_AT:
            scored.append((round(confidence, 3), item.title, position, reasons))
    top = heapq.nsmallest(limit, scored, key=lambda s: (-s[0], s[1].casefold()))
    return tuple(
        ItemMatch(items[position].id, title, confidence, _why(reasons))
        for confidence, title, position, reasons in top
    )


def rank_library(
    question: Question,
    context: str,
    items: Sequence[LibraryItem] | LibraryIndex,
    today: date,
    limit: int = 10,
) -> tuple[ItemMatch, ...]:
    """The library items that fit `question` best, by the confidence pre-fill decides with,
    each with its one-line reason: what the writer is offered to choose from."""
    index = items if isinstance(items, LibraryIndex) else LibraryIndex(items)
    asked = _Asked(question, context)
    return _ranked(asked, index, index.candidates(asked), today, limit)


def match_every_item(
    question: Question, context: str, items: Sequence[LibraryItem], today: date
) -> LibraryMatch:
    """`match_library` scoring every item, not only the index's candidates: the reference the
    index is checked against (it picks the same item; only low suggestions may differ)."""
    index = LibraryIndex(items)
    return _match(_Asked(question, context), index, range(len(index.items)), today)
