"""Snippets of an item's body around the words a search matched, with the words marked.

Only the rows shown are highlighted (FTS5's own snippet() would be computed for every match).
A body word is marked when it starts with the root of a search word ("training" and "trained"
for "train"), in either spelling; the ranking itself is FTS5's, so a loose highlight never
changes which items are found.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from bidkit.library.query import ParsedQuery, typed_stem
from bidkit.library.spelling import prefix_variants, spelling_variants

MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "…"
SNIPPET_WORDS = 24
_WINDOW = 170  # characters of body text in a snippet (about 24 words)
_LEAD = 40  # characters shown before the first marked word
_MAX_SPANS = 60
_WORD_TAIL = re.compile(r"\w*")
_ENDINGS = re.compile(r"(?:ations|ation|ings|ing|ments|ment|ness|ies|ers|er|ed|es|ly|s|e|y)$")


def _root(word: str) -> str:
    stripped = _ENDINGS.sub("", word)
    return stripped if len(stripped) >= 3 else word


class Highlighter:
    """Marks the words of a body that start with a search word's root.

    The roots are found with `str.find` (a few fast scans of the lower-cased text) rather than
    one regular expression tried at every position, which was most of a search's own cost.
    """

    def __init__(self, query: ParsedQuery) -> None:
        roots: set[str] = set()
        for word in query.words:
            roots.update(_root(v) for v in spelling_variants(word))
        for phrase in query.phrases:
            roots.update(_root(w) for w in phrase.split())
        if query.partial:
            spellings = {*prefix_variants(query.partial), *spelling_variants(query.partial)}
            roots.update(typed_stem(v) for v in spellings)
        self._roots = tuple(sorted((r for r in roots if len(r) >= 2), key=len, reverse=True))
        alternatives = "|".join(re.escape(r) for r in self._roots)
        # For the rare body whose lower-case form has another length (so offsets would differ).
        self._pattern_any_case = (
            re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE) if self._roots else None
        )

    def snippet(self, body: str) -> str:
        if "*" in body:
            body = body.replace("*", "")
        if not self._roots:
            return opening(body)
        spans = self._find(body)
        if not spans:
            return opening(body)
        # Runs of white space become one space only now: most rows shown match in the title.
        text = body
        if not _single_spaced(body):
            text = " ".join(body.split())
            spans = self._find(text)
        # Start at the marked word with the most other marked words within the window.
        starts = [s for s, _ in spans]
        best = 0
        if len(spans) > 1:
            best = max(
                range(len(spans)),
                key=lambda i: (bisect_left(starts, starts[i] + _WINDOW, i) - i, -i),
            )
        start = _word_start(text, max(0, starts[best] - _LEAD))
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

    def _find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the first words of `text` that begin with a root, in order.

        White space does not change which words are found, only where they are.
        """
        lower = text.lower()
        if len(lower) != len(text):
            assert self._pattern_any_case is not None
            return [m.span() for m in self._pattern_any_case.finditer(text)][:_MAX_SPANS]
        starts: set[int] = set()
        find = lower.find
        for root in self._roots:
            at = find(root)
            while at >= 0:
                before = lower[at - 1] if at else " "
                if not (before.isalnum() or before == "_"):  # what \w matches
                    starts.add(at)
                at = find(root, at + 1)
        spans: list[tuple[int, int]] = []
        for start in sorted(starts)[:_MAX_SPANS]:
            word = _WORD_TAIL.match(lower, start)
            spans.append((start, word.end() if word is not None else start))
        return spans


def _single_spaced(text: str) -> bool:
    """Whether `text` is already its words joined by single spaces (checked at C speed).

    Besides the space, str.split() breaks ASCII text only at these control characters;
    text that fails a check is simply cleaned up the long way.
    """
    return (
        text.isascii()
        and "\n" not in text
        and "\t" not in text
        and "\r" not in text
        and "\x0b" not in text
        and "\x0c" not in text
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    )


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
    words = (text.replace("*", "") if "*" in text else text).split(None, SNIPPET_WORDS)
    if len(words) > SNIPPET_WORDS:
        return " ".join(words[:SNIPPET_WORDS]) + ELLIPSIS
    return " ".join(words)
