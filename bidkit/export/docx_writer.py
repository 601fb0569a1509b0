"""Render the document model as a Word file with python-docx.

Layout only: the content comes from `bidkit.export.build`. Word's own styles (Title, Heading
1-3, Normal, List Bullet, Table Grid, toc 1-2) carry the formatting so reviewers can navigate
and restyle. python-docx's default template carries another program's metadata (an author
"python-docx", a 2013 date, a description, custom XML, a thumbnail, revision ids): every part
of it that could leak is replaced or removed before saving (see `_clean_package`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from bidkit.export.docx_contents import TEXT_WIDTH_CM, Headings, page_break, write_contents
from bidkit.export.docx_watermark import add_watermark
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

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

Cancelled = Callable[[], bool]
FONT = "Calibri"
NOTE_GREY = "595959"
WARNING_RED = "C00000"
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>BidKit</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def write_docx(
    document: Document,
    out: IO[bytes],
    cancelled: Cancelled | None = None,
    tick: Callable[[float], None] | None = None,
    pages: tuple[int, ...] | None = None,
) -> None:
    """Write `document` as .docx to the binary stream `out`.

    `pages`: the page of each contents entry in Word; by default the document is laid out
    with Word's measurements to learn them (`pdf_writer.contents_pages`)."""
    import docx
    from docx.enum.section import WD_ORIENT

    if pages is None:
        from bidkit.export.pdf_writer import contents_pages

        pages = contents_pages(document)

    word = docx.Document()
    _clean_package(word, document)
    _styles(word, document.colour)
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    _page(section)
    _header_footer(word, document)
    _cover(word, document)
    write_contents(word, document, pages)
    headings = Headings()
    for index, block in enumerate(document.sections):
        if cancelled is not None and cancelled():
            from bidkit.export.build import ExportCancelled

            raise ExportCancelled
        if index:
            page_break(word)
        _section(word, block, headings)
        if tick is not None:
            tick(0.8 * (index + 1) / len(document.sections))
    _evidence(word, document, headings)
    _properties(word, document)
    word.save(out)


# -- package hygiene ----------------------------------------------------------------------------
def _clean_package(word: DocxDocument, document: Document) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    package = word.part.package
    for rels in (package.rels, word.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in (RT.THUMBNAIL, RT.CUSTOM_XML) or rel.reltype.endswith(
                "/stylesWithEffects"
            ):
                del rels[r_id]
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.encode("utf-8")
    settings = word.settings.element
    for tag in ("w:rsids", "w:proofState", "w:attachedTemplate", "w14:docId"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    # Revision-session ids identify the editing sessions of the template's author.
    for root in (word.element, word.styles.element):
        for element in root.findall(".//" + qn("w:rsid")):
            element.getparent().remove(element)
        for element in root.iter():
            for attribute in [a for a in element.attrib if "}rsid" in a]:
                del element.attrib[attribute]
    for element in settings.findall(qn("w:themeFontLang")):
        element.set(qn("w:val"), document.properties.language)
        for attribute in (qn("w:eastAsia"), qn("w:bidi")):
            element.attrib.pop(attribute, None)


def _properties(word: DocxDocument, document: Document) -> None:
    props = document.properties
    core = word.core_properties
    created = props.created.astimezone().replace(tzinfo=None)
    core.title = props.title
    core.author = props.author
    core.last_modified_by = props.author
    core.subject = props.subject
    core.keywords = props.keywords
    core.comments = ""
    core.category = "Bid response"
    core.content_status = LABELS["draft"] if document.draft else "Final"
    core.identifier = ""
    core.language = props.language
    core.version = ""
    core.revision = 1
    core.created = created
    core.modified = created


# -- styles and page ----------------------------------------------------------------------------
def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _styles(word: DocxDocument, colour: str) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(qn("w:lang"), {})
        r_pr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    sizes = {"Title": 28, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11}
    for name, size in sizes.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = _rgb(colour)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
    styles["Heading 3"].font.italic = False
    for level in (1, 2):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Pt(12 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)


def _page(section: Any) -> None:
    from docx.shared import Cm

    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)


def _field(paragraph: DocxParagraph, instruction: str, shown: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice work out the value."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run.append(element)
        return run

    paragraph._p.append(char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)
    paragraph._p.append(run)
    paragraph._p.append(char("separate"))
    paragraph.add_run(shown)
    paragraph._p.append(char("end"))


def _header_footer(word: DocxDocument, document: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = word.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = document.header
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{LABELS['page']} ")
    _field(footer, "PAGE")
    footer.add_run(f" {LABELS['of']} ")
    _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(9)
    if document.draft:
        add_watermark([section.header, section.first_page_header])


# -- body ---------------------------------------------------------------------------------------
def _cover(word: DocxDocument, document: Document) -> None:
    from docx.shared import Cm, Pt

    cover = document.cover
    if cover.logo is not None:
        word.add_paragraph().add_run().add_picture(io.BytesIO(cover.logo.data), width=Cm(4))
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_before = Pt(72)
    word.add_paragraph(cover.title, style="Title")
    word.add_paragraph(cover.form_title, style="Subtitle")
    rows = [
        (LABELS["prepared_for"], cover.buyer),
        (LABELS["reference"], cover.reference),
        (LABELS["submitted_by"], cover.lead_organisation),
        (LABELS["partners"], "; ".join(cover.partners)),
        (LABELS["date"], cover.date),
    ]
    for label, value in rows:
        if value:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    if document.draft:
        note = word.add_paragraph()
        note.paragraph_format.space_before = Pt(24)
        run = note.add_run(LABELS["draft_note"])
        run.bold = True
        run.font.color.rgb = _rgb("#C00000")
    page_break(word)


def _add_runs(paragraph: DocxParagraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        if run.bold:
            added.bold = True
        if run.italic:
            added.italic = True


def _section(word: DocxDocument, section: SectionBlock, headings: Headings) -> None:
    headings.add(word, section.heading, min(section.level, 2))
    for question in section.questions:
        _question(word, question)
    for child in section.sections:
        _section(word, child, headings)


def _question(word: DocxDocument, question: QuestionBlock) -> None:
    word.add_heading(question.heading, level=3)
    for block in question.blocks:
        _block(word, block)


def _block(word: DocxDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        paragraph = word.add_paragraph()
        _add_runs(paragraph, block.runs)
        if block.role is ParagraphRole.MEMBER:
            paragraph.paragraph_format.keep_with_next = True
        elif block.role is ParagraphRole.NOTE:
            for run in paragraph.runs:
                run.font.color.rgb = _rgb(NOTE_GREY)
        elif block.role is ParagraphRole.WARNING:
            for run in paragraph.runs:
                run.font.color.rgb = _rgb(WARNING_RED)
    elif isinstance(block, BulletList):
        for item in block.items:
            _add_runs(word.add_paragraph(style="List Bullet"), item)
    else:
        _table(word, block)


def _table(word: DocxDocument, block: Table) -> None:
    if block.records:
        _records(word, block)
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    header = 0 if block.key_value else 1
    columns = max(len(block.header), 1)
    table = word.add_table(rows=header + len(block.rows), cols=columns)
    table.style = word.styles["Table Grid"]
    # Fixed widths that follow the content (Word would otherwise share the page equally).
    table.autofit = False
    shares = block.widths if len(block.widths) == columns else (1 / columns,) * columns
    widths = [Cm(TEXT_WIDTH_CM * share) for share in shares]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        # A row is never split across two pages.
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        tr_pr.append(cant_split)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    if header:
        row = table.rows[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(repeat)
        for cell, title in zip(row.cells, block.header, strict=True):
            cell.paragraphs[0].add_run(title).bold = True
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    for index, values in enumerate(block.rows):
        cells = table.rows[header + index].cells
        for position, (cell, value) in enumerate(zip(cells, values, strict=False)):
            run = cell.paragraphs[0].add_run(value)
            if block.key_value and position == 0:
                run.bold = True
            # A label-and-value block is short: Word keeps it on one page, like the PDF.
            if block.key_value and index < len(block.rows) - 1:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    word.add_paragraph()


def _records(word: DocxDocument, block: Table) -> None:
    """A wide table as one captioned label-and-value block per row."""
    from docx.shared import Pt

    for caption, pairs in block.records_of():
        title = word.add_paragraph()
        title.add_run(caption).bold = True
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.space_before = Pt(4)
        if pairs:
            _table(word, Table(("", ""), pairs, key_value=True, widths=block.widths))


def _evidence(word: DocxDocument, document: Document, headings: Headings) -> None:
    page_break(word)
    headings.add(word, LABELS["evidence"], 1)
    table = document.evidence_table()
    if table is None:
        word.add_paragraph(LABELS["evidence_none"])
    else:
        _table(word, table)
