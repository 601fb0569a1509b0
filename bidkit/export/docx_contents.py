"""The Word file's contents list and the bookmarks it points at.

Word fills a TOC field only when a reader updates fields, and a field marked dirty makes Word
ask about it on opening. BidKit therefore writes the list itself, page numbers included, from
its own pagination of the Word file (`word_pagination`: the PDF engine with Word's
measurements), as the cached results of PAGEREF fields that point at bookmarks on headings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bidkit.export.ir import LABELS, Document

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

#: A4 (21 cm) less two 2.2 cm margins.
TEXT_WIDTH_CM = 21.0 - 2 * 2.2


def page_break(word: DocxDocument) -> None:
    from docx.enum.text import WD_BREAK

    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write_contents(word: DocxDocument, document: Document, pages: tuple[int, ...]) -> None:
    """The contents list, with the page numbers already in it: no "update fields" prompt.

    The numbers come from BidKit's own pagination (`pdf_writer.contents_pages`: the same
    document laid out with Word's measurements). Each is the cached result of a
    PAGEREF field pointing at a bookmark on its heading, and the list sits inside a TOC field.
    Neither field is marked dirty, so Word shows the numbers as they are without asking;
    LibreOffice, and Word when a reader updates fields (F9, or printing with "update fields"),
    recompute them from their own layout. Each entry also links to its heading."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    word.add_paragraph(LABELS["contents"], style="TOC Heading")
    entries = document.contents()
    for index, (text, level) in enumerate(entries):
        paragraph = word.add_paragraph(style=f"toc {level}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        if index == 0:
            _field_char(paragraph, "begin")
            _instruction(paragraph, ' TOC \\o "1-2" \\h \\z \\u ')
            _field_char(paragraph, "separate")
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _bookmark_name(index))
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        label = OxmlElement("w:t")
        label.set(qn("xml:space"), "preserve")
        label.text = text
        for element in (label, OxmlElement("w:tab")):
            run = OxmlElement("w:r")
            run.append(element)
            link.append(run)
        page = str(pages[index]) if index < len(pages) else ""
        _field_char(link, "begin")
        _instruction(link, f" PAGEREF {_bookmark_name(index)} \\h ")
        _field_char(link, "separate")
        run = OxmlElement("w:r")
        element = OxmlElement("w:t")
        element.text = page
        run.append(element)
        link.append(run)
        _field_char(link, "end")
        if index == len(entries) - 1:
            _field_char(paragraph, "end")
    page_break(word)


def _field_char(parent: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    (parent._p if hasattr(parent, "_p") else parent).append(run)


def _instruction(parent: Any, text: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = text
    run.append(instruction)
    (parent._p if hasattr(parent, "_p") else parent).append(run)


def _bookmark_name(index: int) -> str:
    return f"_TocBidKit{index + 1}"


class Headings:
    """Numbers the contents headings in document order and bookmarks each one."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, word: DocxDocument, text: str, level: int) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = word.add_heading(text, level=level)
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.count + 1))
        start.set(qn("w:name"), _bookmark_name(self.count))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.count + 1))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)
        self.count += 1
