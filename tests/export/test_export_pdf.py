"""The PDF: text read back with pypdf, fonts embedded, bookmarks, title and language."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.pdf_writer import write_pdf
from tests.export.sample import EXPECTED_IN_ORDER, NOW, WELSH, content
from tests.profile_factory import tiny_png


def sample(ready: bool = True, **changes: object) -> bytes:
    out = io.BytesIO()
    write_pdf(build_document(content(ready, **changes), ExportOptions(), NOW), out)
    return out.getvalue()


def flat_text(reader: PdfReader) -> str:
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def test_every_answer_is_there_in_order_with_welsh_letters() -> None:
    reader = PdfReader(io.BytesIO(sample(logo=tiny_png())))
    text = flat_text(reader)
    position = 0
    for needle in EXPECTED_IN_ORDER:
        found = text.find(re.sub(r"\s+", " ", needle), position)
        assert found >= 0, f"{needle!r} missing or out of order"
        position = found + len(needle)
    assert WELSH in text
    assert "Hidden because the condition does not hold" not in text


def test_fonts_are_embedded() -> None:
    reader = PdfReader(io.BytesIO(sample()))
    fonts = set()
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert any("DejaVuSans" in f for f in fonts)
    assert not any("Helvetica" in f or "Times" in f for f in fonts), fonts


def test_metadata_bookmarks_language_and_page_numbers() -> None:
    data = sample()
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Carers Support Service – Sample questionnaire"
    assert meta.author == "Riverside Community Care CIC"
    for value in meta.values():
        assert "/home/" not in str(value) and "/tmp/" not in str(value)
    assert b"/home/" not in data and b"/tmp/" not in data
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["1 Supplier information", "2 Quality", "3 Declaration"]
    total = len(reader.pages)
    assert f"Page 2 of {total}" in (reader.pages[1].extract_text() or "")
    contents = reader.pages[1].extract_text() or ""
    assert "Contents" in contents and "2.8 Cymraeg" in contents


def _drawings_per_page(reader: PdfReader) -> list[int]:
    """Pictures and forms (reusable drawings) each page shows."""
    counts = []
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject")
        counts.append(len(objects.get_object()) if objects is not None else 0)
    return counts


def test_draft_watermark_only_on_drafts_and_never_in_the_text() -> None:
    draft = PdfReader(io.BytesIO(sample(ready=False)))
    final = PdfReader(io.BytesIO(sample(ready=True)))
    assert all(count == 1 for count in _drawings_per_page(draft))
    assert all(count == 0 for count in _drawings_per_page(final))
    # The watermark is a picture: copying a page's text never picks up its letters.
    assert "DRAFT" not in flat_text(draft) and "DRAFT" not in flat_text(final)
    assert "Draft: some answers are not yet marked ready." in flat_text(draft)
