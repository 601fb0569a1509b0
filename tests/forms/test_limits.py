"""Word and character counting the way buyers' portals do (forms/README.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bidkit.forms.limits import check_limit, count_characters, count_words
from bidkit.forms.schema import Limit


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   ", 0),
        ("\n\n\n", 0),
        ("one", 1),
        ("one two  three", 3),
        ("one\ttwo", 2),
        ("long-term", 1),
        ("a long-term, person-centred plan", 4),
        ("£1,200", 1),
        ("We saved £1,200,000 in 2024.", 5),
        ("1,200 people", 2),
        ("1.5 hours", 2),
        ("e.g. this", 2),
        ("a - b", 3),  # a dash inside a sentence is not a list marker
        ("first paragraph\n\nsecond paragraph", 4),
        ("line one\r\nline two", 4),
    ],
)
def test_word_counting(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- one\n- two three", 3),
        ("• one\n• two", 2),
        ("* one\n* two", 2),
        ("– one\n· two", 2),
        ("  - indented bullet", 2),
        ("Intro:\n\n- first point\n- second point", 5),
        ("-\n- lone marker line", 3),
        ("1. one\n2. two\n10. ten", 3),
        ("1) one\n2) two", 2),
        ("Steps:\n1. Assess needs\n2. Agree a plan", 6),
    ],
)
def test_list_markers_are_not_words(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        ("", 0),
        ("abc", 3),
        ("a b", 3),
        ("a\nb", 3),
        ("a\r\nb", 3),
        ("a\r\n\r\nb", 4),
        ("£1,200", 6),
        ("café", 4),
    ],
)
def test_character_counting(text: str, characters: int) -> None:
    assert count_characters(text) == characters


@given(st.lists(st.text(alphabet="abc -,\n", max_size=20), max_size=10))
def test_windows_and_unix_line_breaks_count_the_same(lines: list[str]) -> None:
    unix = "\n".join(lines)
    windows = "\r\n".join(lines)
    assert count_characters(windows) == count_characters(unix)
    assert count_words(windows) == count_words(unix)


def test_check_limit_in_words() -> None:
    check = check_limit("one two three", Limit(words=2))
    assert (check.used, check.allowed, check.unit) == (3, 2, "words")
    assert check.over and check.describe() == "3 / 2 words"
    assert not check_limit("one two", Limit(words=2)).over


def test_check_limit_in_characters_never_cuts() -> None:
    text = "x" * 2001
    check = check_limit(text, Limit(characters=2000))
    assert check.over and check.describe() == "2,001 / 2,000 characters"
    assert len(text) == 2001
    assert not check_limit("a\r\nb", Limit(characters=3)).over
