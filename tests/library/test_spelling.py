from __future__ import annotations

import pytest

from bidkit.library.spelling import spelling_variants


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("organisation", "organization"),
        ("colour", "color"),
        ("centre", "center"),
        ("programme", "program"),
        ("behaviour", "behavior"),
        ("analyse", "analyze"),
        ("licence", "license"),
        ("prioritise", "prioritize"),
        ("recognised", "recognized"),
        ("neighbours", "neighbors"),
        ("theatre", "theater"),
        ("specialisation", "specialization"),
    ],
)
def test_each_spelling_finds_the_other(word: str, other: str) -> None:
    assert other in spelling_variants(word)
    assert word in spelling_variants(other)


@pytest.mark.parametrize("word", ["exercise", "hour", "your", "doctor", "water", "genre", "rise"])
def test_words_with_one_spelling_are_left_alone(word: str) -> None:
    assert spelling_variants(word) == (word,)
