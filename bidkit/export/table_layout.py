"""How a table answer is laid out on an A4 page, decided once for both writers.

A buyer's grid of eight or eleven columns cannot be printed across a portrait page without
breaking words inside ("Manch ester", "£1,380,0 00.00"). Tables are therefore measured in
characters: every column must be at least as wide as its longest word (so no word is ever
split), and what room is left goes to the columns with the most text. A table with more than
`MAX_GRID_COLUMNS` columns, or whose longest words do not fit side by side, is printed as one
block per row instead ("Organisation: Manchester City Council", ...), which reads well at any
width. The widths are fractions of the text width, so the PDF and the Word file share them.
"""

from __future__ import annotations

from collections.abc import Sequence

#: More columns than this never fit a portrait page legibly: one block per row instead.
MAX_GRID_COLUMNS = 5
#: Characters of table text (9.5 pt) across the full text width of an A4 portrait page,
#: allowing for cell padding. Measured with the PDF's font, the wider of the two formats.
LINE_CHARACTERS = 82
#: Characters of padding each column costs (left and right cell margins).
PADDING_CHARACTERS = 2
#: Beyond this a cell's length stops claiming more width: it wraps over several lines instead.
WANTED_CAP = 45
#: Label columns of label-and-value tables stay between these fractions of the width.
LABEL_SHARE = (0.22, 0.4)
#: Bold header text is about this much wider than body text.
BOLD_FACTOR = 1.1


def longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def column_needs(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[tuple[float, float]]:
    """(least, wanted) width of each column in characters, padding included."""
    needs: list[tuple[float, float]] = []
    for index, title in enumerate(header):
        cells = [row[index] for row in rows if index < len(row)]
        least = max([longest_word(title) * BOLD_FACTOR] + [float(longest_word(c)) for c in cells])
        wanted = max(
            [min(_longest_line(title), WANTED_CAP) * BOLD_FACTOR]
            + [float(min(_longest_line(c), WANTED_CAP)) for c in cells]
        )
        needs.append((least + PADDING_CHARACTERS, max(least, wanted) + PADDING_CHARACTERS))
    return needs


def fits_as_grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """Whether the table can print as a grid without breaking any word."""
    if len(header) > MAX_GRID_COLUMNS:
        return False
    return sum(least for least, _ in column_needs(header, rows)) <= LINE_CHARACTERS


def grid_widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """Fractions of the text width for each column, following the content.

    Every column gets its least width; the rest of the line is shared in proportion to how
    much more each column wants, and any still left over in proportion to what they have.
    """
    needs = column_needs(header, rows)
    if not needs:
        return ()
    least = [n[0] for n in needs]
    extra = [n[1] - n[0] for n in needs]
    spare = max(LINE_CHARACTERS - sum(least), 0.0)
    wanted_extra = sum(extra)
    if wanted_extra > spare:
        widths = [lo + spare * e / wanted_extra for lo, e in zip(least, extra, strict=True)]
    else:
        widths = [lo + e for lo, e in zip(least, extra, strict=True)]
        left = LINE_CHARACTERS - sum(widths)
        total = sum(widths)
        widths = [w + left * w / total for w in widths]
    total = sum(widths)
    return tuple(round(w / total, 4) for w in widths)


def label_widths(labels: Sequence[str]) -> tuple[float, float]:
    """Fractions for a label-and-value table: the label column as wide as its labels need."""
    wanted = max((len(label) for label in labels), default=0) * BOLD_FACTOR + PADDING_CHARACTERS
    low, high = LABEL_SHARE
    share = min(max(wanted / LINE_CHARACTERS, low), high)
    return (round(share, 4), round(1 - share, 4))
