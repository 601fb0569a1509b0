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
covered by `SUBJECT_PHRASES`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from rapidfuzz import fuzz

from bidkit.forms.schema import AnswerType, Form, LibraryBinding, Question

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
_STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from give has have how if in include including "
    "into is it its of on or our please provide say set should such that the their them these "
    "they this those to up use using what when where which who will with would you your about "
    "any all each describe explain detail details out".split()
)

#: Subjects that tender questions name in other words, and the wordings that mean them.
SUBJECT_PHRASES: dict[str, tuple[str, ...]] = {
    "mobilisation": (
        "mobilisation",
        "mobilise",
        "implementation plan",
        "starting this service",
        "start this service",
        "start-up of the service",
        "contract award to full delivery",
        "service commencement",
        "first 90 days",
    ),
    "tupe": ("tupe", "transfer of undertakings", "transferring staff"),
    "safeguarding": ("safeguarding", "adults at risk", "vulnerable adults", "abuse and neglect"),
    "reablement": ("reablement", "regain", "independence", "independent at home"),
    "person-centred care": (
        "person-centred",
        "person centred",
        "wishes of the person",
        "at the centre of their care",
    ),
    "social value": ("social value", "community benefit", "wider benefits"),
    "local employment": ("local employment", "local people into work", "local jobs"),
    "skills": (
        "skills development",
        "employment and skills",
        "skills and training",
        "apprenticeship",
        "apprenticeships",
    ),
    "cyber essentials plus": ("cyber essentials plus",),
    "cyber essentials": ("cyber essentials",),
    "data protection": (
        "data protection",
        "personal information",
        "personal data",
        "gdpr",
        "information governance",
    ),
    "performance": ("performance on recent contracts", "key performance indicators", "kpis"),
    "outcomes": ("outcome measures", "outcomes you achieved", "outcomes achieved"),
    "hospital discharge": (
        "hospital discharge",
        "home from hospital",
        "leaving hospital",
        "after a hospital stay",
    ),
    "modern slavery": ("modern slavery", "human trafficking", "forced labour"),
}
_FOLDED_SUBJECTS = {
    subject: tuple(
        " ".join(re.findall(r"[a-z0-9]+", p.casefold().replace("-", " "))) for p in phrases
    )
    for subject, phrases in SUBJECT_PHRASES.items()
}
#: A question naming the first subject is not answered by an item about only the second.
_NARROWER = {"cyber essentials plus": "cyber essentials"}

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


# -- words ----------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude English stem: enough to equate plurals and -ise/-ing/-ation forms."""
    word = word.casefold().replace("ization", "isation").replace("ize", "ise")
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) > 4 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    return word[:7] if len(word) > 7 else word


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold().replace("-", " "))


@functools.lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words_of(text) if w not in _STOP_WORDS and len(w) > 1)


@functools.lru_cache(maxsize=65536)
def subjects_in(text: str) -> frozenset[str]:
    """The `SUBJECT_PHRASES` subjects a text names (a narrower one hides its wider one)."""
    folded = " ".join(words_of(text))
    found = {
        subject
        for subject, phrases in _FOLDED_SUBJECTS.items()
        if any(_has_phrase(folded, phrase) for phrase in phrases)
    }
    return frozenset(found - {wide for narrow, wide in _NARROWER.items() if narrow in found})


def _has_phrase(folded: str, phrase: str) -> bool:
    if f" {phrase} " in f" {folded} ":
        return True
    # A near spelling ("mobilization", "safe guarding"): fuzzy over a window of the same length,
    # tried only where the phrase's first letters appear at all (most texts are ruled out).
    return len(phrase) >= 8 and phrase[:4] in folded and fuzz.partial_ratio(phrase, folded) >= 90


@functools.lru_cache(maxsize=16384)
def _stems_hit(wanted: frozenset[str], present: frozenset[str]) -> frozenset[str]:
    """The stems of `wanted` found in `present`, exactly or by a close spelling."""
    hits = set(wanted & present)
    long_present = [other for other in present if len(other) >= 6]
    for word in wanted - hits:
        if len(word) >= 6 and any(fuzz.ratio(word, other) >= 85 for other in long_present):
            hits.add(word)
    return frozenset(hits)


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
        w for w in words_of(text) if w not in _STOP_WORDS | _FORM_WORDS and w not in _VAGUE_WORDS
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


def _meaningful(phrase: str) -> str:
    return " ".join(w for w in words_of(phrase) if w not in _FORM_WORDS)


def _subject_phrases(item: LibraryItem) -> tuple[list[str], list[str]]:
    """The item's central subject (its title's first meaningful part and first meaningful tag)
    and its other subject phrases (the rest of its tags)."""
    central, others = _phrases_of(item.title, tuple(item.tags))
    return list(central), list(others)


@functools.lru_cache(maxsize=65536)
def _phrases_of(title: str, item_tags: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    title_parts = [m for p in re.split(r"[:,;()]| - | – ", title) if (m := _meaningful(p))]
    tags = [t.casefold() for t in item_tags if _meaningful(t) and t.casefold() not in _GENERIC_TAGS]
    central = title_parts[:1] + tags[:1]
    return tuple(central), tuple(tags[1:])


@functools.lru_cache(maxsize=4096)
def _wanted_kinds(context: str) -> frozenset[str]:
    folded = f" {' '.join(words_of(context))} "
    return frozenset(
        kind for phrases, kind in _FOLDED_KIND_WORDS if any(p in folded for p in phrases)
    )


def _kind_fits(item: LibraryItem, question: Question) -> bool:
    if question.type is AnswerType.EVIDENCE:
        return item.kind in _ATTACHABLE or item.kind == ""
    return item.kind in _TEXTUAL


def score_item(item: LibraryItem, question: Question, context: str) -> tuple[float, str]:
    """How surely `item` answers `question` (0..1), and why, in one line."""
    if not _kind_fits(item, question):
        return 0.0, ""
    # The form's binding tags widen the words asked, but an item's subject must be named by
    # the question itself: the tags of SQ 8.2(b) include "cyber security", the question not.
    asked_stems = content_stems(context)
    if isinstance(question.bind, LibraryBinding):
        asked_stems |= content_stems(", ".join(question.bind.tags))
    asked_subjects = subjects_in(context)
    central_phrases, other_phrases = _subject_phrases(item)
    central_subjects = subjects_in(", ".join([item.title, *central_phrases]))
    all_subjects = central_subjects | subjects_in(", ".join(other_phrases))
    if any(
        narrow in asked_subjects and narrow not in all_subjects and wide in all_subjects
        for narrow, wide in _NARROWER.items()
    ):
        return 0.0, ""  # asked for Cyber Essentials Plus, the item is plain Cyber Essentials

    def share(phrase: str) -> float:
        if subjects_in(phrase) & asked_subjects:
            return 1.0
        stems = content_stems(phrase)
        return len(_stems_hit(stems, asked_stems)) / len(stems) if stems else 0.0

    reasons = [p for p in central_phrases if share(p) >= 1.0]
    reasons += sorted(central_subjects & asked_subjects)
    central = 1.0 if reasons else 0.0
    # Evidence (a case study, figures, a testimonial) supports every subject it is tagged
    # with; a prepared answer or a policy answers only its own.
    if not central and item.kind in _EVIDENCE_KINDS and (all_subjects & asked_subjects):
        central = 0.75
        reasons = sorted(all_subjects & asked_subjects)
    phrases = central_phrases + other_phrases
    if not phrases:
        return 0.0, ""
    breadth = sum(share(p) for p in phrases) / min(len(phrases), 3)
    wanted = _wanted_kinds(context)
    kind_bonus = 0.0
    if wanted and item.kind:
        kind_bonus = 0.15 if item.kind in wanted else -0.15
    confidence = max(0.0, 0.6 * central + 0.4 * min(1.0, breadth) + kind_bonus)
    why = "asks about " + ", ".join(dict.fromkeys(reasons)) if reasons else "shares some words"
    return round(min(confidence, 1.0), 3), why


class LibraryIndex:
    """The library's items by their subjects, built once per pre-fill pass, so each question
    scores only the items whose central subject (title or first tag) it could be asking about,
    or that share a named subject with it, rather than the whole library (tens of thousands
    of items in a large workspace). An item found by neither could not reach `INSERT_AT`."""

    def __init__(self, items: Sequence[LibraryItem]) -> None:
        self.items = list(items)
        self._by_key: dict[str, list[int]] = {}
        for position, item in enumerate(self.items):
            for key in _item_keys(item.title, tuple(item.tags)):
                self._by_key.setdefault(key, []).append(position)

    def candidates(self, context: str, question: Question) -> list[LibraryItem]:
        stems = set(content_stems(context))
        if isinstance(question.bind, LibraryBinding):
            stems |= content_stems(", ".join(question.bind.tags))
        asked = {f"c:{stem}" for stem in stems} | {f"@{s}" for s in subjects_in(context)}
        positions = sorted({p for key in asked for p in self._by_key.get(key, ())})
        return [self.items[p] for p in positions]


@functools.lru_cache(maxsize=65536)
def _item_keys(title: str, item_tags: tuple[str, ...]) -> frozenset[str]:
    """One stem of each central phrase (the question must hold them all to name it) and
    every named subject of the item."""
    central, others = _phrases_of(title, item_tags)
    keys = {f"c:{min(stems)}" for phrase in central if (stems := content_stems(phrase))}
    text = ", ".join([title, *central, *others])
    return frozenset(keys | {f"@{s}" for s in subjects_in(text)})


def match_library(
    question: Question,
    context: str,
    items: Sequence[LibraryItem] | LibraryIndex,
    today: date,
) -> LibraryMatch:
    """The item (if any) to insert into `question`, and suggestions, best first.

    Expired items are never offered. Pass a `LibraryIndex` when matching many questions."""
    index = items if isinstance(items, LibraryIndex) else LibraryIndex(items)
    candidates = index.candidates(context, question)
    # A questionnaire is read again after every change: remember the answer for the same
    # question and the same candidates (what matching reads of them; no bodies kept). Ids
    # alone would not do: two workspaces open in one process can both have an item 5.
    signature = tuple(
        (i.id, getattr(i, "version", 0), i.expires_on, i.title, tuple(i.tags), i.kind)
        for i in candidates
    )
    try:
        key = (question, context, today, signature)
        known = _RESULTS.get(key)
    except TypeError:  # a question with an unhashable binding: work it out afresh
        return _match(question, context, candidates, today)
    if known is None:
        if len(_RESULTS) >= 4096:
            _RESULTS.clear()
        known = _RESULTS[key] = _match(question, context, candidates, today)
    return known


_RESULTS: dict[tuple[object, ...], LibraryMatch] = {}


def _match(
    question: Question, context: str, items: Sequence[LibraryItem], today: date
) -> LibraryMatch:
    bound = (
        {t.casefold() for t in question.bind.tags}
        if isinstance(question.bind, LibraryBinding)
        else set()
    )
    scored: list[ItemMatch] = []
    for item in items:
        if item.expires_on is not None and item.expires_on < today:
            continue
        confidence, why = score_item(item, question, context)
        shared = bound & {t.casefold() for t in item.tags}
        if bound and shared:
            confidence = min(1.0, confidence + 0.1 * len(shared) / len(bound))
        if confidence >= SUGGEST_AT:
            scored.append(ItemMatch(item.id, item.title, round(confidence, 3), why))
    scored.sort(key=lambda m: (-m.confidence, m.title.casefold()))
    best = scored[0] if scored and scored[0].confidence >= INSERT_AT else None
    if best is not None and len(scored) > 1 and scored[1].confidence >= best.confidence - 0.02:
        best = None  # two items equally likely: let the writer choose
    return LibraryMatch(best, tuple(scored[:5]))
