"""The words of questions and library items as matching compares them: a small stemmer, the
content stems of a text, and the subjects a text names.

A subject ("mobilisation", "safeguarding", "data protection") is named by any of its phrases in
`SUBJECT_PHRASES`, word for word or, for a phrase of eight letters or more, by a near spelling
(rapidfuzz's partial ratio 90 or more). Every title and tag of a library of tens of thousands
of items passes through here when the library is indexed, so the tests are arranged to do
little work for the many texts that name no subject.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

STOP_WORDS = frozenset(
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
FOLDED_SUBJECTS = {
    subject: tuple(
        " ".join(re.findall(r"[a-z0-9]+", p.casefold().replace("-", " "))) for p in phrases
    )
    for subject, phrases in SUBJECT_PHRASES.items()
}
#: A question naming the first subject is not answered by an item about only the second.
NARROWER = {"cyber essentials plus": "cyber essentials"}


# -- words ---------------------------------------------------------------------------------------
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
    return _WORD.findall(text.casefold().replace("-", " "))


_WORD = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words_of(text) if w not in STOP_WORDS and len(w) > 1)


@functools.lru_cache(maxsize=65536)
def subjects_in(text: str) -> frozenset[str]:
    """The `SUBJECT_PHRASES` subjects a text names (a narrower one hides its wider one).

    A phrase is named when its words follow one another in the text, or, for a phrase of eight
    letters or more, by a near spelling ("mobilization", "safe guarding"). Every library item's
    title and tags pass through here when the library is indexed, so the exact test walks the
    text's words once, and the fuzzy one runs only for the phrases whose first four letters
    the text holds."""
    return subjects_of_words(words_of(text))


def subjects_of_words(words: Sequence[str]) -> frozenset[str]:
    found: set[str] = set()
    for start, word in enumerate(words):
        for phrase_words, subject in PHRASES_BY_FIRST_WORD.get(word, ()):
            if len(phrase_words) == 1 or tuple(words[start : start + len(phrase_words)]) == (
                phrase_words
            ):
                found.add(subject)
    folded = " ".join(words)
    for opening in _openings_in(words, folded):
        for subject, phrase in FUZZY_BY_OPENING[opening]:
            if subject not in found and _near(phrase, folded):
                found.add(subject)
    if found:
        found -= {wide for narrow, wide in NARROWER.items() if narrow in found}
    return frozenset(found)


def _near(phrase: str, folded: str) -> bool:
    """A window of `folded` is a near spelling of `phrase` (edit-distance ratio 90 or more)."""
    return fuzz.partial_ratio(phrase, folded, score_cutoff=90) >= 90


def _phrase_tables() -> tuple[
    dict[str, list[tuple[tuple[str, ...], str]]], dict[str, list[tuple[str, str]]]
]:
    """The subject phrases by their first word (the exact test), and those of eight letters or
    more by their first four letters (the fuzzy test: a text without them cannot name them)."""
    by_first_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    by_opening: dict[str, list[tuple[str, str]]] = {}
    for subject, phrases in FOLDED_SUBJECTS.items():
        for phrase in phrases:
            by_first_word.setdefault(phrase.split()[0], []).append((tuple(phrase.split()), subject))
            if len(phrase) >= 8:
                by_opening.setdefault(phrase[:4], []).append((subject, phrase))
    return by_first_word, by_opening


PHRASES_BY_FIRST_WORD, FUZZY_BY_OPENING = _phrase_tables()
WORD_OPENINGS = tuple(o for o in FUZZY_BY_OPENING if " " not in o)
SPANNING_OPENINGS = tuple(o for o in FUZZY_BY_OPENING if " " in o)


def _openings_in(words: Sequence[str], folded: str) -> set[str]:
    """The fuzzy phrases' openings found in a text: those within a word, looked up word by
    word (a library's titles and tags reuse few words), and the few that hold a space."""
    found = {o for o in SPANNING_OPENINGS if o in folded}
    for word in words:
        found.update(word_openings(word))
    return found


@functools.lru_cache(maxsize=65536)
def word_openings(word: str) -> tuple[str, ...]:
    return tuple(o for o in WORD_OPENINGS if o in word)


def may_name_subjects(words: Sequence[str]) -> bool:
    if any(word in PHRASES_BY_FIRST_WORD or word_openings(word) for word in words):
        return True
    folded = " ".join(words)
    return any(opening in folded for opening in SPANNING_OPENINGS)
