"""Render the document model as a PDF with reportlab's platypus.

Layout only: the content comes from `bidkit.export.build`. Text is set in DejaVu Sans, shipped
in resources/fonts and embedded, so Welsh (ŵ, ŷ) and accented letters print whatever the
reader has installed. Sections and questions become outline bookmarks; the contents page and
"Page n of N" need a second layout pass, which `multiBuild` runs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any
from xml.sax.saxutils import escape

from bidkit.export.ir import (
    LABELS,
    Block,
    BulletList,
    Document,
    Paragraph,
    ParagraphRole,
    QuestionBlock,
    Run,
    SectionBlock,
    Table,
)
from bidkit.export.pdf_pages import FONT, draw_watermark, make_page_counter, register_fonts
from bidkit.export.word_pagination import (
    BORDER,
    BREAK_LINE,
    CELL_AFTER,
    CELL_PADDING,
    EMPTY_LINE,
    WORD_TEXT_HEIGHT,
    keep_whole,
    word_keep_class,
    word_styles,
)

Cancelled = Callable[[], bool]
__all__ = ["FONT", "contents_pages", "register_fonts", "write_pdf"]


def _styles(colour: str) -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    brand = HexColor(colour)
    body = ParagraphStyle(
        "Normal",
        fontName=FONT,
        bulletFontName=FONT,
        fontSize=10.5,
        leading=14,
        spaceAfter=6,
        # Never break a word inside ("Manch ester"): tables are sized so every word fits.
        splitLongWords=0,
    )
    return {
        "body": body,
        "note": ParagraphStyle("Note", parent=body, textColor=HexColor("#595959")),
        "warning": ParagraphStyle("Warning", parent=body, textColor=HexColor("#C00000")),
        "member": ParagraphStyle("Member", parent=body, keepWithNext=1, spaceBefore=4),
        "bullet": ParagraphStyle(
            "Bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3
        ),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0),
        "record": ParagraphStyle(
            "Record", parent=body, fontSize=10, spaceBefore=4, spaceAfter=3, keepWithNext=1
        ),
        "title": ParagraphStyle(
            "Title",
            parent=body,
            fontName=f"{FONT}-Bold",
            fontSize=26,
            leading=32,
            textColor=brand,
            spaceAfter=12,
        ),
        "subtitle": ParagraphStyle(
            "Subtitle",
            parent=body,
            fontSize=14,
            leading=18,
            textColor=HexColor("#404040"),
            spaceAfter=24,
        ),
        "h1": ParagraphStyle(
            "Heading1",
            parent=body,
            fontName=f"{FONT}-Bold",
            fontSize=16,
            leading=20,
            textColor=brand,
            spaceBefore=6,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "Heading2",
            parent=body,
            fontName=f"{FONT}-Bold",
            fontSize=13,
            leading=17,
            textColor=brand,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "Heading3",
            parent=body,
            fontName=f"{FONT}-Bold",
            fontSize=11,
            leading=14,
            textColor=brand,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
    }


def _markup(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br/>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def _empty_paragraph() -> Any:
    """An empty Normal paragraph of the Word file: one line, then 6 pt that the next
    paragraph's space before overlaps (the larger of the two counts, as in Word)."""
    from reportlab.platypus import Spacer

    empty = Spacer(1, EMPTY_LINE)
    empty.spaceAfter = 6
    return empty


def _keeps_with_next(flowable: Any) -> bool:
    style = getattr(flowable, "style", None)
    return bool(getattr(style, "keepWithNext", 0))


class _Layout:
    """Builds the story and the page decoration for one document."""

    def __init__(self, document: Document, cancelled: Cancelled | None, word: bool = False) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm

        self.document = document
        self.cancelled = cancelled
        self.styles = _styles(document.colour)
        #: Laid out with Word's measurements, to learn Word's pages (`word_pagination`).
        self.word = word
        if word:
            self.styles = word_styles(self.styles)
        self.page_size = A4
        self.margin = 2.2 * cm
        self.width = A4[0] - 2 * self.margin
        self.total_pages: int | None = None
        self._keys = 0
        #: Word metrics: a heading follows a page break's paragraph.
        self._after_break = False

    # -- story ----------------------------------------------------------------------------------
    def story(self) -> list[Any]:
        from reportlab.platypus import NextPageTemplate

        story: list[Any] = self._cover()
        story += [NextPageTemplate("body"), *self._page_break()]
        story += self._contents()
        story += self._page_break()
        for index, section in enumerate(self.document.sections):
            if index:
                story += self._page_break()
            self._section(story, section, outline_level=0)
        story += self._page_break()
        story.append(self._heading(LABELS["evidence"], 1, outline_level=0))
        table = self.document.evidence_table()
        if table is None:
            story.append(self._paragraph(Paragraph.of(LABELS["evidence_none"])))
        else:
            story.extend(self._block(table))
        story.append(make_page_counter(self))
        return story

    def _page_break(self) -> list[Any]:
        from reportlab.platypus import PageBreak, Spacer

        if not self.word:
            return [PageBreak()]
        # Word's page break sits in a paragraph of its own: the line holding it needs room at
        # the foot of the page (on a full page it moves over, leaving a blank page). The
        # heading that opens the next page keeps its space before (a frame drops it: a spacer
        # stands for it), as LibreOffice lays the file out.
        self._after_break = True
        return [Spacer(1, BREAK_LINE), PageBreak(), Spacer(1, self.styles["h1"].spaceBefore)]

    def _cover(self) -> list[Any]:
        from reportlab.lib.units import cm
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image, Spacer
        from reportlab.platypus import Paragraph as Para

        cover = self.document.cover
        story: list[Any] = []
        if cover.logo is not None:
            width, height = ImageReader(io.BytesIO(cover.logo.data)).getSize()
            shown = 4 * cm
            story.append(Image(io.BytesIO(cover.logo.data), shown, shown * height / width,
                               hAlign="LEFT"))  # fmt: skip
        story.append(Spacer(1, 3 * cm))
        story.append(Para(escape(cover.title), self.styles["title"]))
        story.append(Para(escape(cover.form_title), self.styles["subtitle"]))
        rows = [
            (LABELS["prepared_for"], cover.buyer),
            (LABELS["reference"], cover.reference),
            (LABELS["submitted_by"], cover.lead_organisation),
            (LABELS["partners"], "; ".join(cover.partners)),
            (LABELS["date"], cover.date),
        ]
        for label, value in rows:
            if value:
                story.append(Para(f"<b>{escape(label)}:</b> {escape(value)}", self.styles["body"]))
        if self.document.draft:
            story.append(Spacer(1, 1 * cm))
            story.append(Para(f'<font color="#C00000"><b>{escape(LABELS["draft_note"])}</b>'
                              "</font>", self.styles["body"]))  # fmt: skip
        return story

    def _contents(self) -> list[Any]:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph as Para
        from reportlab.platypus import TableStyle
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(dotsMinLevel=0)
        toc.tableStyle = TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        body = self.styles["body"]
        if self.word:
            return self._word_contents()
        toc.levelStyles = [
            ParagraphStyle(
                "TOC1",
                parent=body,
                fontName=f"{FONT}-Bold",
                leftIndent=0,
                firstLineIndent=0,
                spaceBefore=4,
                spaceAfter=1,
            ),
            ParagraphStyle("TOC2", parent=body, leftIndent=14, firstLineIndent=0, spaceAfter=1),
        ]
        return [Para(escape(LABELS["contents"]), self.styles["h1"]), toc]

    def _word_contents(self) -> list[Any]:
        """Room for Word's contents list, one entry at a time: its entries are one line each
        (two when the heading is too long for one), so one layout pass is enough."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Spacer

        heading = self.styles["h1"]
        self._after_break = False  # the page break's spacer stands for its space before
        room: list[Any] = [Spacer(1, heading.leading)]
        for text, level in self.document.contents():
            style = self.styles[f"toc{level}"]
            width = stringWidth(text, style.fontName, style.fontSize) + 30  # dots, number
            lines = 1 if width <= self.width - style.leftIndent else 2
            room.append(Spacer(1, lines * style.leading + style.spaceAfter))
        return room

    def _key(self) -> str:
        self._keys += 1
        return f"h{self._keys}"

    def _heading(self, text: str, level: int, outline_level: int, toc: bool = True) -> Any:
        """A heading that becomes a bookmark and, for sections, a contents entry."""
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph as Para

        style = self.styles[f"h{min(level, 3)}"]
        if self._after_break:
            style = ParagraphStyle(f"{style.name}AfterBreak", parent=style, spaceBefore=0)
            self._after_break = False
        heading = Para(escape(text), style)
        outline = (text, self._key(), outline_level, min(level, 2) - 1 if toc else None)
        setattr(heading, "_bidkit_outline", outline)  # noqa: B010 (read back in afterFlowable)
        return heading

    def _section(
        self,
        story: list[Any],
        section: SectionBlock,
        outline_level: int,
        above: tuple[Any, ...] = (),
    ) -> None:
        """`above`: headings of enclosing sections still waiting for their first content."""
        heading = self._heading(section.heading, min(section.level, 2), outline_level)
        waiting = (*above, heading)
        if self.word:  # Word keeps headings with what follows by its own paragraph rules
            story.extend(waiting)
            waiting = ()
        for question in section.questions:
            self._question(story, question, outline_level + 1, waiting)
            waiting = ()
        for child in section.sections:
            self._section(story, child, outline_level + 1, waiting)
            waiting = ()
        story.extend(waiting)  # a section with nothing in it (not printed, but be safe)

    def _question(
        self,
        story: list[Any],
        question: QuestionBlock,
        outline_level: int,
        above: tuple[Any, ...] = (),
    ) -> None:
        from reportlab.platypus import KeepTogether

        flowables: list[Any] = []
        for block in question.blocks:
            flowables.extend(self._block(block))
        heading = self._heading(question.heading, 3, outline_level, toc=False)
        if self.word:  # Word keeps a heading with the first lines of what follows only
            story.append(heading)
            story.extend(flowables)
            return
        # The headings move to the next page with the start of the answer (a table or the
        # first block of a wide one would otherwise leave a heading alone at the foot: the
        # section's own heading too, as one group); a member's name goes with the block after.
        start = 0
        while start < len(flowables) - 1 and _keeps_with_next(flowables[start]):
            start += 1
        story.append(KeepTogether([*above, heading, *flowables[: start + 1]]))
        story.extend(flowables[start + 1 :])

    def _block(self, block: Block) -> list[Any]:
        from reportlab.platypus import Paragraph as Para

        if isinstance(block, Paragraph):
            return [self._paragraph(block)]
        if isinstance(block, BulletList):
            return [Para(_markup(item), self.styles["bullet"], bulletText="•")
                    for item in block.items]  # fmt: skip
        table = self._table(block)
        return table if isinstance(table, list) else [table]

    def _paragraph(self, block: Paragraph) -> Any:
        from reportlab.platypus import Paragraph as Para

        style = {
            ParagraphRole.NOTE: "note",
            ParagraphRole.MEMBER: "member",
            ParagraphRole.WARNING: "warning",
        }.get(block.role, "body")
        return Para(_markup(block.runs), self.styles[style])

    def _table(self, block: Table, kept: bool = False) -> Any:
        """`kept`: it sits in a block already kept together (a record)."""
        if block.records:
            return self._records(block)
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Paragraph as Para
        from reportlab.platypus import Table as RLTable
        from reportlab.platypus import TableStyle

        cell = self.styles["cell"]
        rows: list[list[Any]] = []
        if not block.key_value:
            rows.append([Para(f"<b>{escape(t)}</b>", cell) for t in block.header])
        for values in block.rows:
            rows.append([Para(escape(v).replace("\n", "<br/>"), cell) for v in values])
        columns = max(len(block.header), 1)
        shares = block.widths if len(block.widths) == columns else (1 / columns,) * columns
        widths = [self.width * share for share in shares]
        if not rows:
            rows = [[""] * columns]
        # Rows never split across pages (reportlab's default); the header row repeats.
        table = RLTable(rows, colWidths=widths, repeatRows=0 if block.key_value else 1,
                        hAlign="LEFT", spaceAfter=0 if self.word else 8)  # fmt: skip
        commands: list[Any] = [
            ("FONT", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#808080")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if self.word:
            commands += [("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                         ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                         ("TOPPADDING", (0, 0), (-1, -1), 0),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_AFTER + BORDER),
                         ("TOPPADDING", (0, 0), (-1, 0), BORDER)]  # the top border  # fmt: skip
        if block.key_value:
            commands.append(("BACKGROUND", (0, 0), (0, -1), HexColor("#F2F2F2")))
        else:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor("#F2F2F2")))
        table.setStyle(TableStyle(commands))
        if not self.word:
            return table
        # Word follows each table with an empty paragraph (docx_writer._table), and keeps a
        # label-and-value table on one page (each row keeps with the next).
        if block.key_value and not kept:
            keep_whole(table, self.page_size[1] - 2 * self.margin)
        return [table, _empty_paragraph()]

    def _records(self, block: Table) -> Any:
        """A wide table as one captioned label-and-value block per row, each kept on a page."""
        from reportlab.platypus import KeepTogether
        from reportlab.platypus import Paragraph as Para

        parts: list[Any] = []
        for caption, pairs in block.records_of():
            record = Table(("", ""), tuple(pairs), key_value=True, widths=block.widths)
            items: list[Any] = [Para(f"<b>{escape(caption)}</b>", self.styles["record"])]
            after: list[Any] = []
            if pairs:
                table = self._table(record, kept=True)
                if isinstance(table, list):  # Word: the empty paragraph is not kept with it
                    table, after = table[0], table[1:]
                items.append(table)
            parts.append(KeepTogether(items))
            parts.extend(after)
        return parts

    # -- page decoration ------------------------------------------------------------------------
    def draw_cover(self, canvas: Any, doc: Any) -> None:
        draw_watermark(canvas, self.page_size, self.document.draft and not self.word)

    def draw_body(self, canvas: Any, doc: Any) -> None:
        from reportlab.lib.colors import HexColor

        width, height = self.page_size
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(HexColor("#404040"))
        canvas.drawRightString(width - self.margin, height - self.margin / 2, self.document.header)
        total = str(self.total_pages) if self.total_pages else "?"
        canvas.drawCentredString(width / 2, self.margin / 2,
                                 f"{LABELS['page']} {doc.page} {LABELS['of']} {total}")  # fmt: skip
        canvas.restoreState()
        draw_watermark(canvas, self.page_size, self.document.draft and not self.word)


def write_pdf(
    document: Document,
    out: IO[bytes],
    cancelled: Cancelled | None = None,
    tick: Callable[[float], None] | None = None,
    *,
    word_metrics: bool = False,
) -> tuple[int, ...]:
    """Write `document` as PDF to the binary stream `out`.

    Returns the page of each contents entry (`Document.contents()` order), as printed in the
    PDF's own contents: the Word writer prints the same numbers (see `docx_writer`)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    layout = _Layout(document, cancelled, word_metrics)
    props = document.properties
    top_level = max(len(document.sections) + 1, 1)
    done = [0]
    # Heading key -> page; each layout pass overwrites it, so the last pass is what is kept.
    pages: dict[str, int] = {}

    class _Doc(BaseDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:
            if layout.cancelled is not None and layout.cancelled():
                from bidkit.export.build import ExportCancelled

                raise ExportCancelled
            outline = getattr(flowable, "_bidkit_outline", None)
            if outline is None:
                return
            text, key, level, toc_level = outline
            if level == 0 and tick is not None:
                done[0] += 1  # two layout passes: each reaches every top-level heading
                tick(min(done[0] / (2 * top_level), 1.0))
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            if toc_level is not None:
                pages[key] = self.page
                self.notify("TOCEntry", (toc_level, escape(text), self.page, key))

    buffer = io.BytesIO()
    doc = _Doc(
        buffer,
        pagesize=layout.page_size,
        leftMargin=layout.margin,
        rightMargin=layout.margin,
        topMargin=layout.margin,
        bottomMargin=layout.margin,
        title=props.title,
        author=props.author,
        subject=props.subject,
        keywords=props.keywords,
        creator="BidKit",
        lang=props.language,
        initialFontName=FONT,
    )
    # Word's text area is the page less its margins; the PDF's frame keeps a little padding.
    padding = 0 if word_metrics else 6
    height = layout.page_size[1] - 2 * layout.margin
    if word_metrics:
        doc.keepTogetherClass = word_keep_class()
        height = WORD_TEXT_HEIGHT
    frame = Frame(layout.margin, layout.page_size[1] - layout.margin - height, layout.width,
                  height, id="body", leftPadding=padding, rightPadding=padding,
                  topPadding=padding, bottomPadding=padding)  # fmt: skip
    doc.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[frame], onPage=layout.draw_cover),
            PageTemplate(id="body", frames=[frame], onPage=layout.draw_body),
        ]
    )
    if word_metrics:  # only the pages of the headings are wanted: one pass
        doc.build(layout.story())
    else:
        doc.multiBuild(layout.story())
    out.write(buffer.getvalue())
    return tuple(pages.values())


def contents_pages(document: Document) -> tuple[int, ...]:
    """The page of each contents entry in the Word file: the document laid out with Word's
    measurements (see `bidkit.export.word_pagination`)."""
    return write_pdf(document, io.BytesIO(), word_metrics=True)
