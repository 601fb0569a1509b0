"""How Word will paginate a BidKit Word file, estimated with the PDF's layout engine.

The Word file's contents list carries page numbers (see `docx_contents`). Word lays the file out
in Calibri with its own paragraph rules, so the PDF's page numbers drift from Word's by a page
or two in a long response. This module gives the PDF layout engine Word's measurements for
the styles `docx_writer` sets, so one extra layout pass predicts Word's pages:

- text widths: Calibri is about 81% as wide as the PDF's DejaVu Sans at the same size (74% in
  bold), measured over BidKit's own answers; the font is set at that fraction of Word's size;
- line heights: Word's "1.15 lines" of the template is 1.15 x Calibri's line height (1.22 em);
  table cells use single lines; space before and after paragraphs add up, as in Word;
- a page break is an empty paragraph in the Word file, so each new page after one starts
  with one empty line;
- cells have Word's default margins (0.19 cm either side, none above or below) and single
  lines, with Normal's 6 pt after each cell's text; an empty paragraph follows each table.
"""

from __future__ import annotations

from typing import Any

#: Calibri width / DejaVu Sans width for the same text and size (regular, bold).
WIDTH_REGULAR = 0.81
WIDTH_BOLD = 0.74
#: Calibri's line height in ems (ascent + descent + line gap), and Word's "1.15 lines".
LINE_EM = 1.2207
MULTIPLE = 1.15
#: Word's default left and right cell margins, in points.
CELL_PADDING = 5.4
#: The space after a cell's paragraph: Normal's 6 pt outranks the table style's none.
CELL_AFTER = 6


def line(size: float, multiple: float = MULTIPLE) -> float:
    """The height of one line of Calibri at `size` points."""
    return size * LINE_EM * multiple


#: One empty Normal paragraph (11 pt, 6 pt after): after a table, after a page break.
EMPTY_PARAGRAPH = line(11) + 6


def word_styles(base: dict[str, Any], bold_font: str) -> dict[str, Any]:
    """The PDF's styles, re-measured as Word sets them (see docx_writer._styles)."""
    from reportlab.lib.styles import ParagraphStyle

    def text(name: str, size: float, *, bold: bool = False, before: float = 0,
             after: float = 6, multiple: float = MULTIPLE, **extra: Any) -> Any:  # fmt: skip
        width = WIDTH_BOLD if bold else WIDTH_REGULAR
        return ParagraphStyle(
            name, parent=base["body"], fontName=bold_font if bold else base["body"].fontName,
            fontSize=size * width, leading=line(size, multiple), spaceBefore=before,
            spaceAfter=after, allowWidows=1, allowOrphans=1, **extra,
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
        toc1=text("TOC1", 11, after=2, multiple=1.0),
        toc2=text("TOC2", 11, after=2, multiple=1.0, leftIndent=12),
    )
    return styles
