"""The Word file's DRAFT watermark: a picture behind the text of every page.

Word's own watermarks are WordArt, a shape whose letters are text: a PDF made from the file
can carry them as text, so copying a page picks up "DRAFT" in the middle of an answer. The
same picture the PDF draws (`pdf_pages.watermark_png`), anchored in the page headers behind
the text and centred on the page, has no letters to copy and looks the same everywhere.
"""

from __future__ import annotations

import io
from typing import Any

from bidkit.export.ir import LABELS
from bidkit.export.pdf_pages import watermark_png

#: The picture's side: most of the width of an A4 page.
SIDE_CM = 16.0
#: Drawing ids of the watermark pictures, far above the body's.
WATERMARK_ID = 9001
_ANCHOR = (
    '<wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="0" behindDoc="1"'
    ' locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="page"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="page"><wp:align>center</wp:align></wp:positionV>'
    "</wp:anchor>"
)


def add_watermark(headers: list[Any]) -> None:
    """Put the DRAFT picture behind the text of the pages each header part heads."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm

    png = watermark_png(LABELS["draft"])
    for index, part in enumerate(headers):
        target = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
        run = target.add_run()
        shape = run.add_picture(io.BytesIO(png), width=Cm(SIDE_CM), height=Cm(SIDE_CM))
        inline = shape._inline
        anchor = parse_xml(_ANCHOR)
        # extent, effectExtent (added when missing), no wrapping, then the picture itself.
        anchor.append(inline.find(qn("wp:extent")))
        effect = inline.find(qn("wp:effectExtent"))
        anchor.append(effect if effect is not None else parse_xml(
            '<wp:effectExtent xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            'wordprocessingDrawing" l="0" t="0" r="0" b="0"/>'))  # fmt: skip
        anchor.append(parse_xml('<wp:wrapNone xmlns:wp="http://schemas.openxmlformats.org/'
                                'drawingml/2006/wordprocessingDrawing"/>'))  # fmt: skip
        doc_pr = inline.find(qn("wp:docPr"))
        # Drawing ids are unique across the file: the body numbers its own from 1.
        doc_pr.set("id", str(WATERMARK_ID + index))
        doc_pr.set("name", "BidKit draft watermark")
        doc_pr.set("descr", "Draft: not for submission")
        for name in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
            found = doc_pr if name == "wp:docPr" else inline.find(qn(name))
            if found is not None:
                anchor.append(found)
        inline.getparent().replace(inline, anchor)
