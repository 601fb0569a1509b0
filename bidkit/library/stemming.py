"""The stem SQLite's FTS5 "porter" tokenizer keeps in the index for a word.

The search builds its MATCH text in Python; knowing the stem the index holds tells it when a
term adds nothing (a whole word whose stem is already covered by the prefix being typed), so
the query does not look the same words up twice. This follows the Porter algorithm as FTS5
applies it (its own reading of which "y" is a vowel, its step order, and words shorter than
three or longer than 64 characters left as they are); a test compares it with SQLite itself.
Only plain ASCII lower-case words are stemmed here; `porter_stem` returns None for others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_MAX_TOKEN = 64


def _is_vowel(c: str, y_is_vowel: bool) -> bool:
    return c in "aeiou" or (y_is_vowel and c == "y")


def _after_vc(stem: str, previous_consonant: bool) -> int:
    """Length of the shortest start of `stem` holding a vowel then a consonant, or 0."""
    consonant = previous_consonant
    i = 0
    while i < len(stem):
        consonant = not _is_vowel(stem[i], consonant)
        if not consonant:
            break
        i += 1
    i += 1
    while i < len(stem):
        consonant = not _is_vowel(stem[i], consonant)
        if consonant:
            return i + 1
        i += 1
    return 0


def _m_gt0(stem: str) -> bool:
    return _after_vc(stem, False) > 0


def _m_gt1(stem: str) -> bool:
    n = _after_vc(stem, False)
    return n > 0 and _after_vc(stem[n:], True) > 0


def _m_eq1(stem: str) -> bool:
    n = _after_vc(stem, False)
    return n > 0 and _after_vc(stem[n:], True) == 0


def _ends_cvc(stem: str) -> bool:
    """*o: consonant, vowel, consonant at the end, the last not w, x or y."""
    if not stem or stem[-1] in "wxy":
        return False
    pattern = 0
    consonant = False
    for c in stem:
        consonant = not _is_vowel(c, consonant)
        pattern = (pattern << 1) | int(consonant)
    return pattern & 0b111 == 0b101


def _m_gt1_s_or_t(stem: str) -> bool:
    return stem[-1:] in ("s", "t") and _m_gt1(stem)


def _has_vowel(stem: str) -> bool:
    return any(_is_vowel(c, i > 0) for i, c in enumerate(stem))


Rule = tuple[str, str, Callable[[str], bool]]

# In each step the first rule whose suffix ends the word (leaving a stem of at least one
# letter) is the only one tried, whether or not its condition holds.
_STEP2: tuple[Rule, ...] = tuple(
    (suffix, output, _m_gt0)
    for suffix, output in (
        ("ational", "ate"),
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("izer", "ize"),
        ("logi", "log"),
        ("bli", "ble"),
        ("alli", "al"),
        ("entli", "ent"),
        ("eli", "e"),
        ("ousli", "ous"),
        ("ization", "ize"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("iveness", "ive"),
        ("fulness", "ful"),
        ("ousness", "ous"),
        ("aliti", "al"),
        ("iviti", "ive"),
        ("biliti", "ble"),
    )
)
_STEP3: tuple[Rule, ...] = tuple(
    (suffix, output, _m_gt0)
    for suffix, output in (
        ("ical", "ic"),
        ("ness", ""),
        ("icate", "ic"),
        ("iciti", "ic"),
        ("ful", ""),
        ("ative", ""),
        ("alize", "al"),
    )
)
_STEP4: tuple[Rule, ...] = tuple(
    (suffix, "", _m_gt1_s_or_t if suffix == "ion" else _m_gt1)
    for suffix in (
        "al ance ence er ic able ible ant ement ment ent ion ou ism ate iti ous ive ize".split()
    )
)


def _apply(word: str, rules: tuple[Rule, ...]) -> str:
    # Suffixes that end the same word share their second-last letter, so "first in this
    # order" is "first among the rules for that letter", as FTS5 groups them.
    for suffix, output, condition in rules:
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + output if condition(stem) else word
    return word


def _step1a(word: str) -> str:
    if not word.endswith("s"):
        return word
    if (len(word) > 4 and word.endswith("sses")) or (len(word) > 3 and word.endswith("ies")):
        return word[:-2]
    if word.endswith("ss"):
        return word
    return word[:-1]


def _step1b(word: str) -> str:
    if len(word) > 3 and word.endswith("eed"):
        return word[:-1] if _m_gt0(word[:-3]) else word
    if len(word) > 2 and word.endswith("ed") and _has_vowel(word[:-2]):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("ing") and _has_vowel(word[:-3]):
        word = word[:-3]
    else:
        return word
    for ending, longer in (("at", "ate"), ("bl", "ble"), ("iz", "ize")):
        if len(word) > 2 and word.endswith(ending):
            return word[:-2] + longer
    last = word[-1:]
    if last and not _is_vowel(last, False) and last not in "lsz" and word[-2:-1] == last:
        return word[:-1]
    if _m_eq1(word) and _ends_cvc(word):
        return word + "e"
    return word


@lru_cache(maxsize=1024)
def porter_stem(word: str) -> str | None:
    """The term FTS5's porter tokenizer indexes for `word` (lower-case ASCII), or None."""
    if not _ASCII_WORD.fullmatch(word):
        return None
    if len(word) < 3 or len(word) > _MAX_TOKEN:
        return word
    word = _step1b(_step1a(word))
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _apply(_apply(_apply(word, _STEP2), _STEP3), _STEP4)
    if word.endswith("e"):
        stem = word[:-1]
        if _m_gt1(stem) or (_m_eq1(stem) and not _ends_cvc(stem)):
            word = stem
    if len(word) > 1 and word.endswith("ll") and _m_gt1(word[:-1]):
        word = word[:-1]
    return word
