"""How Word will paginate a BidKit Word file, estimated with the PDF's layout engine.

The Word file's contents list carries page numbers (see `docx_contents`). This module gives
the PDF layout engine the measurements and rules of the Word file `docx_writer` writes, so one
extra layout pass finds the page of every heading. Checked against LibreOffice's layout of the
demo bids' Word files (`tests/tools/word_contents.py`: 148 of 148 headings agree):

- text is set in Carlito, which has Calibri's letter widths, at Word's sizes; spaces never
  shrink to fit a word (reportlab's default squeezes them by up to 5%);
- line heights: 1.15 x Calibri's 1.22 em, in whole twips; table cells use single lines with
  Normal's 6 pt after, Word's 0.19 cm side margins and 0.5 pt borders;
- space after one paragraph and before the next overlap (the larger counts);
- the text area is A4 less the 2.2 cm margins, in twips, with no frame padding;
- a page break is a paragraph of its own: its line needs room at the foot of the page (a full
  page leaves a blank one), and the heading that opens the next page keeps its space before;
- an empty paragraph follows each table; a label-and-value table stays on one page;
- "keep with next" keeps a heading with the start of what follows (two lines of a paragraph,
  a table's header and first row), not all of it; widow and orphan control is on.
"""

from __future__ import annotations

import functools
from typing import Any

from bidkit.resources import resource_path

#: Carlito has Calibri's letter widths (it is made to), so text set in it breaks into lines
#: where Word's does. Shipped unmodified in resources/fonts (SIL Open Font License).
WORD_FONT = "BidKitWord"
_WORD_FONT_FILES = {
    WORD_FONT: "Carlito-Regular.ttf",
    f"{WORD_FONT}-Bold": "Carlito-Bold.ttf",
    f"{WORD_FONT}-Italic": "Carlito-Italic.ttf",
}
#: Calibri's line height in ems (ascent + descent + line gap), and Word's "1.15 lines".
LINE_EM = 1.2207
MULTIPLE = 1.15
#: Word's default left and right cell margins, in points.
CELL_PADDING = 5.4
#: The space after a cell's paragraph: Normal's 6 pt outranks the table style's none.
CELL_AFTER = 6
#: Table Grid's single borders (0.5 pt) add to each row's height.
BORDER = 0.5
#: The Word file's text height: A4 (16838 twips) less two 2.2 cm margins (1247 twips each),
#: and a quarter point for positions rounded to twips (LibreOffice fits a last table row that
#: ends 0.07 pt below the margin, and moves a line that would end 0.8 pt below it).
WORD_TEXT_HEIGHT = (16838 - 2 * 1247) / 20 + 0.25


def line(size: float, multiple: float = MULTIPLE) -> float:
    """The height of one line of Calibri at `size` points, in whole twips (1/20 pt) as word
    processors lay lines out: over a page the fractions add up to a line."""
    return round(size * LINE_EM * multiple * 20) / 20


#: The line of an empty Normal paragraph (11 pt; 6 pt after): after a table, after a break.
EMPTY_LINE = line(11)
#: The line a page break sits on, before the break (no space after: the paragraph goes on).
BREAK_LINE = line(11)


@functools.cache
def register_word_fonts() -> None:
    """Register Carlito (regular, bold, italic; bold italic set as bold) once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file_name in _WORD_FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    addMapping(WORD_FONT, 0, 0, WORD_FONT)
    addMapping(WORD_FONT, 1, 0, f"{WORD_FONT}-Bold")
    addMapping(WORD_FONT, 0, 1, f"{WORD_FONT}-Italic")
    addMapping(WORD_FONT, 1, 1, f"{WORD_FONT}-Bold")


def word_styles(base: dict[str, Any]) -> dict[str, Any]:
    """The PDF's styles, re-measured as Word sets them (see docx_writer._styles)."""
    from reportlab.lib.styles import ParagraphStyle

    register_word_fonts()

    def text(name: str, size: float, *, bold: bool = False, before: float = 0,
             after: float = 6, multiple: float = MULTIPLE, **extra: Any) -> Any:  # fmt: skip
        return ParagraphStyle(
            name, parent=base["body"], fontName=f"{WORD_FONT}-Bold" if bold else WORD_FONT,
            bulletFontName=WORD_FONT, fontSize=size, leading=line(size, multiple),
            spaceBefore=before, spaceAfter=after, allowWidows=0, allowOrphans=0,
            spaceShrinkage=0, **extra,
        )  # fmt: skip

    styles = dict(base)
    styles.update(
        body=text("Normal", 11),
        note=text("Note", 11),
        warning=text("Warning", 11),
        member=text("Member", 11, bold=True, keepWithNext=1),
        bullet=text("Bullet", 11, after=0, leftIndent=18, bulletIndent=0),
        cell=text("Cell", 11, after=0, multiple=1.0),  # single lines, as the table style
        record=text("Record", 11, bold=True, before=4, keepWithNext=1),
        h1=text("Heading1", 16, bold=True, before=24, after=0, keepWithNext=1),
        h2=text("Heading2", 13, bold=True, before=10, after=0, keepWithNext=1),
        h3=text("Heading3", 11, bold=True, before=10, after=0, keepWithNext=1),
        toc1=text("TOC1", 11, after=2),  # 1.15 lines, as the document default
        toc2=text("TOC2", 11, after=2, leftIndent=12),
    )
    return styles


def keep_whole(table: Any, page_height: float) -> None:
    """Word keeps a label-and-value table on one page (each row keeps with the next): the
    table moves to the next page rather than split, unless it is taller than a page."""
    split = table.split

    def split_whole(available_width: float, available_height: float) -> list[Any]:
        if getattr(table, "_height", 0) <= page_height:
            return []
        return split(available_width, available_height)  # type: ignore[no-any-return]

    table.split = split_whole
    table._bidkit_whole = True


def word_keep_class() -> type:
    """reportlab's keep-with-next group, as Word keeps a paragraph with the next one.

    A heading (or a member's name) marked "keep with next" has to share its page with the
    start of what follows, not all of it: the first line of a paragraph, the header and first
    row of a table (rows never split, the header repeats). Anything else, such as a contract
    example kept in one piece, counts whole. reportlab's own group moves to the next page
    unless everything fits, which put a heading and a long answer a page later than Word."""
    from reportlab.platypus import KeepTogether
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import Table as RLTable

    class WordKeep(KeepTogether):  # type: ignore[misc]
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            wrapped, forced = super().wrap(width, height)
            last = self._content[-1]
            full = getattr(last, "height", None) or getattr(last, "_height", 0) or 0
            head = full
            if isinstance(last, Para) and getattr(last, "blPara", None) is not None:
                # Widow and orphan control: two lines, or all of a paragraph of three or less.
                lines = len(last.blPara.lines)
                head = full if lines <= 3 else min(full, 2 * last.style.leading)
            elif getattr(last, "_bidkit_whole", False):
                head = full
            elif isinstance(last, RLTable) and getattr(last, "_rowHeights", None):
                rows = last._rowHeights[: max(last.repeatRows, 0) + 1]
                head = min(full, sum(rows))
            total = float(getattr(self, "_H", 0))
            self._H = total - full + head
            return wrapped, forced

    return WordKeep
