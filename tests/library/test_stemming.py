"""The search's own copy of FTS5's porter stemmer agrees with SQLite on every word tried.

The search leaves out a whole-word term when the prefix being typed already finds that word's
stem; a stem computed differently from the index's could drop a term that finds items.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from bidkit.library.stemming import porter_stem

_ENDINGS = (
    "s es ies sses ss ed eed ing ational tional enci anci izer logi bli alli entli eli ousli "
    "ization ation ator alism iveness fulness ousness aliti iviti biliti ical ness icate iciti "
    "ful ative alize al ance ence er ic able ible ant ement ment ent ion sion tion ou ism ate "
    "iti ous ive ize e ll y ly at bl iz"
).split()
_BASES = (
    "organ certific volunt hop fil tap sky happ rel cond gener digit form try fly agre feed "
    "sing bed conflat troubl siz fail fizz ton caress pony ti cat xy abc1 ba rational valenc "
    "hesit electr adjust depend adopt homolog activ control roll rat effect goodn yy syzyg "
    "safeguard train discharg reable peopl monitor colour behaviour licens programm"
).split()


def _words() -> list[str]:
    rng = random.Random(7)
    words = {base + ending for base in _BASES for ending in ["", *_ENDINGS]}
    for _ in range(20000):
        letters = "".join(rng.choice("aeiouybcdlmnstrwxz") for _ in range(rng.randint(1, 10)))
        words.add(letters + rng.choice(["", *_ENDINGS]))
    words |= {"sses", "ies", "eyed", "yes", "a" * 70, "x" * 61 + "ing", "certificate"}
    return sorted(words)


def _sqlite_stems(words: list[str]) -> dict[str, str]:
    db = sqlite3.connect(":memory:")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE f USING fts5(w, tokenize='porter unicode61 remove_diacritics 2')"
        )
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
        db.executemany("INSERT INTO f(rowid, w) VALUES (?, ?)", list(enumerate(words, 1)))
        terms = dict(db.execute("SELECT doc, term FROM v"))
    finally:
        db.close()
    return {word: terms[n] for n, word in enumerate(words, 1)}


def test_stems_are_the_ones_sqlite_indexes() -> None:
    expected = _sqlite_stems(_words())
    wrong = {w: (s, porter_stem(w)) for w, s in expected.items() if porter_stem(w) != s}
    assert not wrong


@pytest.mark.parametrize("word", ["café", "e-mail", "Upper", "snake_case", ""])
def test_words_outside_plain_ascii_are_not_guessed(word: str) -> None:
    assert porter_stem(word) is None
