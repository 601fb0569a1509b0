"""Snippets of an item's body around the words a search matched, with the words marked.

Only the rows shown are highlighted (FTS5's own snippet() would be computed for every match).
A body word is marked when it starts with the root of a search word ("training" and "trained"
for "train"), in either spelling; the ranking itself is FTS5's, so a loose highlight never
changes which items are found.
"""

from __future__ import annotations

import re

from bidkit.library.query import ParsedQuery, typed_stem
from bidkit.library.spelling import prefix_variants, spelling_variants

MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "…"
SNIPPET_WORDS = 24
_WINDOW = 170  # characters of body text in a snippet (about 24 words)
_LEAD = 40  # characters shown before the first marked word
_ENDINGS = re.compile(r"(?:ations|ation|ings|ing|ments|ment|ness|ies|ers|er|ed|es|ly|s|e|y)$")


def _root(word: str) -> str:
    stripped = _ENDINGS.sub("", word)
    return stripped if len(stripped) >= 3 else word


class Highlighter:
    def __init__(self, query: ParsedQuery) -> None:
        roots: set[str] = set()
        for word in query.words:
            roots.update(_root(v) for v in spelling_variants(word))
        for phrase in query.phrases:
            roots.update(_root(w) for w in phrase.split())
        if query.partial:
            spellings = {*prefix_variants(query.partial), *spelling_variants(query.partial)}
            roots.update(typed_stem(v) for v in spellings)
        roots = {r for r in roots if len(r) >= 2}
        alternatives = "|".join(re.escape(r) for r in sorted(roots, key=len, reverse=True))
        pattern = rf"\b(?:{alternatives})\w*"
        self._pattern = re.compile(pattern) if roots else None
        self._pattern_any_case = re.compile(pattern, re.IGNORECASE) if roots else None

    def snippet(self, body: str) -> str:
        text = " ".join((body.replace("*", "") if "*" in body else body).split())
        if self._pattern is None or self._pattern_any_case is None:
            return opening(text)
        lower = text.lower()
        if len(lower) == len(text):  # matching lower-cased text is quicker than IGNORECASE
            found = self._pattern.finditer(lower)
        else:
            found = self._pattern_any_case.finditer(text)
        spans = [m.span() for m in found][:60]
        if not spans:
            return opening(text)
        # Start at the marked word with the most other marked words within the window.
        best = max(
            range(len(spans)),
            key=lambda i: (sum(1 for s, _ in spans[i:] if s < spans[i][0] + _WINDOW), -i),
        )
        start = _word_start(text, max(0, spans[best][0] - _LEAD))
        end = _word_end(text, start + _WINDOW)
        parts: list[str] = [ELLIPSIS] if start > 0 else []
        position = start
        for s, e in spans:
            if s < start or e > end:
                continue
            parts += [text[position:s], MARK_START, text[s:e], MARK_END]
            position = e
        parts.append(text[position:end])
        if end < len(text):
            parts.append(ELLIPSIS)
        return "".join(parts)


def _word_start(text: str, index: int) -> int:
    if index <= 0:
        return 0
    space = text.find(" ", index)
    return 0 if space < 0 else space + 1


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.find(" ", index)
    return len(text) if space < 0 else space


def opening(text: str) -> str:
    """The first words of a body, for a list that was not searched."""
    words = (text.replace("*", "") if "*" in text else text).split()
    shown = " ".join(words[:SNIPPET_WORDS])
    return shown + ELLIPSIS if len(words) > SNIPPET_WORDS else shown
