"""Counting words and characters the way buyers' portals do (see forms/README.md).

Words are runs of characters between spaces or line breaks; a bullet marker standing alone at
the start of a line is not a word. Characters include spaces, and a line break counts as one.
Nothing is ever cut: an answer over its limit is flagged for the writer to shorten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bidkit.forms.schema import Limit

_BULLET = re.compile(r"^\s*(?:[-•*–·]|\d+[.)])\s+", re.MULTILINE)
_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    return len(_WORD.findall(_BULLET.sub(" ", text)))


def count_characters(text: str) -> int:
    return len(text.replace("\r\n", "\n"))


@dataclass(frozen=True)
class LimitCheck:
    used: int
    allowed: int
    unit: str  # "words" or "characters"

    @property
    def over(self) -> bool:
        return self.used > self.allowed

    def describe(self) -> str:
        return f"{self.used:,} / {self.allowed:,} {self.unit}"


def check_limit(text: str, limit: Limit) -> LimitCheck:
    if limit.words is not None:
        return LimitCheck(count_words(text), limit.words, "words")
    assert limit.characters is not None
    return LimitCheck(count_characters(text), limit.characters, "characters")
