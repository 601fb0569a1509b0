"""The Word file: read back with python-docx, its parts scanned for leaks, compared to a golden."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.docx_writer import write_docx
from bidkit.export.ir import Document
from tests.export.sample import EXPECTED_IN_ORDER, NOW, WELSH, content
from tests.profile_factory import tiny_png

REFERENCE = Path(__file__).resolve().parent.parent / "reference" / "sample.document.xml"


def render(document: Document) -> bytes:
    out = io.BytesIO()
    write_docx(document, out)
    return out.getvalue()


def sample(ready: bool = True, **changes: object) -> bytes:
    return render(build_document(content(ready, **changes), ExportOptions(), NOW))


def body_text(data: bytes) -> list[str]:
    word = docx.Document(io.BytesIO(data))
    texts: list[str] = []
    for block in word.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append("".join(t.text or "" for t in block.iter(docx.oxml.ns.qn("w:t"))))
        elif tag == "tbl":
            for cell in block.iter(docx.oxml.ns.qn("w:tc")):
                texts.append("".join(t.text or "" for t in cell.iter(docx.oxml.ns.qn("w:t"))))
    return texts


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} missing or out of order after position {position}"
        position = found + len(needle)


def test_every_answer_is_there_in_order() -> None:
    text = "\n".join(body_text(sample()))
    assert_in_order(text, EXPECTED_IN_ORDER)
    assert "Hidden because the condition does not hold" not in text
    assert WELSH in text


def test_word_styles_are_real_styles() -> None:
    word = docx.Document(io.BytesIO(sample()))
    used = {p.style.name for p in word.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Normal", "List Bullet"} <= used
    assert all(t.style is not None and t.style.name == "Table Grid" for t in word.tables)
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["1 Supplier information", "2 Quality", "3 Declaration"]


def test_contents_header_footer_fields() -> None:
    data = sample()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml").decode()
        footers = "".join(package.read(n).decode() for n in package.namelist()
                          if n.startswith("word/footer"))  # fmt: skip
        headers = "".join(package.read(n).decode() for n in package.namelist()
                          if n.startswith("word/header"))  # fmt: skip
    assert 'TOC \\o "1-2"' in document
    assert " PAGE " in footers and " NUMPAGES " in footers
    assert "TC-ASC-0457 · Carers Support Service" in headers


def test_draft_has_a_watermark_and_final_has_none() -> None:
    with zipfile.ZipFile(io.BytesIO(sample(ready=False))) as package:
        names = package.namelist()
        headers = [package.read(n).decode() for n in names if re.match(r"word/header\d+\.xml$", n)]
        rels = [package.read(n).decode() for n in names if n.startswith("word/_rels/header")]
        # What a reader sees: the body, headers and footers (the status "DRAFT" in the file's
        # properties is metadata).
        text = "".join(package.read(n).decode() for n in names
                       if re.match(r"word/(document|header\d+|footer\d+)\.xml$", n))  # fmt: skip
    # The watermark is a picture behind the text of every page (both header parts), never
    # letters: no WordArt, and "DRAFT" is no text anywhere in the file.
    assert len(headers) == 2
    for header in headers:
        assert "<wp:anchor " in header and 'behindDoc="1"' in header and "<wp:wrapNone/>" in header
        assert '<wp:positionH relativeFrom="page"><wp:align>center</wp:align>' in header
        assert 'name="BidKit draft watermark"' in header and "<a:blip " in header
        assert "textpath" not in header and "<w:pict>" not in header
    assert all("relationships/image" in r and 'Target="media/' in r for r in rels)
    assert "DRAFT" not in text
    with zipfile.ZipFile(io.BytesIO(sample(ready=True))) as package:
        everything = "".join(package.read(n).decode("utf-8", "replace")
                             for n in package.namelist())  # fmt: skip
    assert "DRAFT" not in everything


def test_logo_and_brand_colour() -> None:
    data = sample(logo=tiny_png())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert any(n.startswith("word/media/") for n in package.namelist())
        styles = package.read("word/styles.xml").decode()
    assert 'w:val="1A5F7A"' in styles


def test_hygiene_no_library_defaults_names_paths_or_hidden_content() -> None:
    data = sample(logo=tiny_png())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        parts = {n: package.read(n) for n in names}
    assert not any("comments" in n or "people" in n or n.startswith("customXml") for n in names)
    assert "docProps/thumbnail.jpeg" not in names
    forbidden = [b"python-docx", b"2013-12-23", b"/home/", b"/tmp/", b"C:\\Users",
                 b"Macintosh", b"Normal.dotm", b"w:vanish", b"<w:ins ", b"<w:del ",
                 b"w:rsid", b"attachedTemplate"]  # fmt: skip
    user = os.environ.get("USER", "")
    if len(user) > 3:
        forbidden.append(user.encode())
    for name, blob in parts.items():
        for word in forbidden:
            assert word not in blob, f"{word!r} found in {name}"
    core = parts["docProps/core.xml"].decode()
    assert "<dc:title>Carers Support Service – Sample questionnaire</dc:title>" in core
    assert "<dc:creator>Riverside Community Care CIC</dc:creator>" in core
    assert core.count("lastModifiedBy") == 2  # one element: opening and closing tag
    assert "2026-03-31T" in core
    assert "<dc:description/>" in core or "<dc:description></dc:description>" in core
    assert b"<Application>BidKit</Application>" in parts["docProps/app.xml"]


def normalise(xml: str) -> str:
    """Drop what may change between library versions without changing what the reader sees.

    The export time is fixed by the test (NOW), so dates stay in."""
    xml = re.sub(r' w:rsid\w*="[^"]*"', "", xml)
    xml = re.sub(r' (w:id|id)="[^"]*"', "", xml)
    xml = re.sub(r'r:embed="[^"]*"', 'r:embed=""', xml)
    xml = re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?", "DATETIME", xml)
    return re.sub(r">\s*<", ">\n<", xml)


def test_document_xml_matches_the_golden_file() -> None:
    with zipfile.ZipFile(io.BytesIO(sample())) as package:
        actual = normalise(package.read("word/document.xml").decode())
    if os.environ.get("BIDKIT_UPDATE_GOLDEN") == "1":
        REFERENCE.write_text(actual, encoding="utf-8")
    if not REFERENCE.exists():
        pytest.fail(f"missing {REFERENCE}; run with BIDKIT_UPDATE_GOLDEN=1 to create it")
    assert actual == REFERENCE.read_text(encoding="utf-8"), (
        "word/document.xml changed; if intended, run with BIDKIT_UPDATE_GOLDEN=1 and review "
        "the diff of tests/reference/sample.document.xml"
    )


@pytest.mark.parametrize(
    "part", ["word/styles.xml", "docProps/core.xml", "word/numbering.xml", "word/settings.xml"]
)
def test_other_parts_match_their_golden_files(part: str) -> None:
    """Styles, core properties, numbering and settings: a change in any is a visible change."""
    with zipfile.ZipFile(io.BytesIO(sample())) as package:
        actual = normalise(package.read(part).decode())
    reference = REFERENCE.with_name(f"sample.{part.rsplit('/', 1)[-1]}")
    if os.environ.get("BIDKIT_UPDATE_GOLDEN") == "1":
        reference.write_text(actual, encoding="utf-8")
    if not reference.exists():
        pytest.fail(f"missing {reference}; run with BIDKIT_UPDATE_GOLDEN=1 to create it")
    assert actual == reference.read_text(encoding="utf-8"), (
        f"{part} changed; if intended, run with BIDKIT_UPDATE_GOLDEN=1 and review the diff "
        f"of {reference.name}"
    )
