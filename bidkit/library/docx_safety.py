"""Inspecting a Word (.docx) file before any Word or XML library reads it.

A .docx is a ZIP of XML parts. Files come from other people and other computers, so the
container and every part are checked first, in memory (nothing is ever extracted to disk):
names that could escape a folder, links, encryption, too many parts, too much data once
decompressed (counted while streaming, never trusted from the headers), archives inside the
archive, any DOCTYPE (which is how XML entity attacks start; Word never writes one), macros and
active content, and links to anything outside the file other than ordinary web links. Every
refusal is an `InputRefused` whose message names the file and says what to do.
"""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from bidkit.errors import InputRefused

MAX_DOCX_BYTES = 25 * 1024 * 1024
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_IMAGE_PIXELS = 100_000_000
_CHUNK = 64 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ARCHIVE_SUFFIXES = (".zip", ".docx", ".xlsx", ".pptx", ".jar", ".7z", ".rar", ".gz", ".cab")
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\x1f\x8b", b"MSCF")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_ACTIVE_CONTENT = (
    ("vbaproject", "contains macros (a VBA project)"),
    ("macroenabled", "is a macro-enabled document"),
    ("activex", "contains ActiveX controls"),
    ("oleobject", "contains embedded OLE objects"),
    ("afchunk", "contains an embedded document (altChunk)"),
    ("altchunk", "contains an embedded document (altChunk)"),
)
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class CheckedDocx:
    """A .docx that passed inspection: its bytes (read once) and its parts' names."""

    name: str
    data: bytes
    parts: tuple[str, ...]


def refuse(name: str, problem: str, advice: str) -> InputRefused:
    return InputRefused(f"“{name}” was not imported: it {problem}. {advice}")


_RESAVE = "Open it in Word and save a fresh copy as a Word Document (.docx), then import that."


def read_docx(path_name: str, data: bytes) -> CheckedDocx:
    """Inspect a .docx held in memory; raise `InputRefused` naming the file if it is unsafe."""
    name = PurePosixPath(path_name.replace("\\", "/")).name
    if len(data) > MAX_DOCX_BYTES:
        raise refuse(
            name,
            f"is {len(data) / 1048576:.1f} MB, over the "
            f"{MAX_DOCX_BYTES // 1048576} MB limit for Word files",
            "Split the document or remove large pictures from it.",
        )
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise refuse(
                name,
                "is protected with a password (encrypted)",
                "Remove the password in Word (File > Info > Protect Document), save "
                "it, then import it again.",
            )
        raise refuse(
            name,
            "is an older binary Word file (.doc) with a .docx name",
            "Open it in Word and use Save As > Word Document (.docx).",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise refuse(name, "is not a Word document (.docx)", _RESAVE)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse(name, "is damaged (its ZIP container cannot be read)", _RESAVE) from None
    with archive:
        infos = archive.infolist()
        _check_entries(name, infos)
        parts = _read_parts(name, archive, infos)
    _check_parts(name, parts)
    return CheckedDocx(name, data, tuple(parts))


def _check_entries(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise refuse(
            name, f"has {len(infos):,} parts inside (a Word file has a few dozen)", _RESAVE
        )
    seen: set[str] = set()
    for info in infos:
        entry = info.filename
        _check_entry_name(name, entry)
        folded = entry.casefold()
        if folded in seen:
            raise refuse(name, f"holds two parts named “{entry}”", _RESAVE)
        seen.add(folded)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise refuse(name, f"contains a link to another file (“{entry}”)", _RESAVE)
        if info.flag_bits & 0x1:
            raise refuse(
                name,
                "is protected with a password (encrypted)",
                "Remove the password in Word, save it, then import it again.",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(name, "uses a compression method Word does not write", _RESAVE)
        if folded.endswith(_ARCHIVE_SUFFIXES):
            raise refuse(
                name,
                f"has another archive inside it (“{entry}”)",
                "Remove embedded files and spreadsheets from it, then import it.",
            )


def _check_entry_name(name: str, entry: str) -> None:
    bad = (
        not entry
        or entry.startswith(("/", "\\"))
        or "\\" in entry
        or re.match(r"^[A-Za-z]:", entry) is not None
        or any(part in ("..", ".") for part in entry.split("/"))
        or any(ord(c) < 32 or c == "\x7f" for c in entry)
        or any(_RESERVED.match(part) for part in entry.split("/") if part)
        or len(entry) > 260
    )
    if bad:
        shown = entry.encode("unicode_escape").decode("ascii")[:80]
        raise refuse(
            name,
            f"contains a part with an unsafe name (“{shown}”) that could write outside its folder",
            "Do not import it; ask the sender for a fresh copy.",
        )


def _read_parts(name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[str]:
    """Read every part, counting the bytes really produced against the total limit."""
    total = 0
    names: list[str] = []
    for info in infos:
        if info.is_dir():
            continue
        names.append(info.filename)
        first = b""
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    if not first:
                        first = chunk[:16]
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED:
                        raise refuse(
                            name,
                            "expands to more than "
                            f"{MAX_UNCOMPRESSED // 1048576} MB when opened "
                            "(a “zip bomb”, or a document far too large)",
                            "Do not import it; ask the sender for a fresh copy.",
                        )
        except InputRefused:
            raise
        # zipfile signals an unsupported compression method with NotImplementedError.
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise refuse(name, f"is damaged ({exc})", _RESAVE) from None
        if first.startswith(_ARCHIVE_MAGIC) or first.startswith(_OLE):
            raise refuse(
                name,
                f"has another archive or embedded file inside it (“{info.filename}”)",
                "Remove embedded files and spreadsheets from it, then import it.",
            )
    return names


def _check_parts(name: str, parts: list[str]) -> None:
    folded = {p.casefold() for p in parts}
    if "[content_types].xml" not in folded:
        raise refuse(name, "is not a Word document (it has no content-types part)", _RESAVE)
    for part in folded:
        for marker, problem in _ACTIVE_CONTENT:
            if marker in part:
                raise refuse(name, problem, _NO_ACTIVE)


_NO_ACTIVE = (
    "BidKit imports plain documents only: save a copy as a Word Document (.docx) without "
    "macros, controls or embedded objects, then import that."
)


def check_xml(name: str, archive: zipfile.ZipFile, parts: tuple[str, ...]) -> dict[str, bytes]:
    """Every XML part's bytes, refused on any DOCTYPE; returns the parts for parsing."""
    found: dict[str, bytes] = {}
    for part in parts:
        if not part.casefold().endswith((".xml", ".rels")):
            continue
        raw = archive.read(part)
        text = _decoded(raw)
        if _DOCTYPE.search(text):
            raise refuse(
                name,
                f"contains a DOCTYPE declaration in “{part}” (XML entities, "
                "used to read files or exhaust memory)",
                "Do not import it; ask the sender for a fresh copy.",
            )
        found[part] = raw
    return found


def _decoded(raw: bytes) -> bytes:
    """XML as UTF-8 bytes, so a DOCTYPE hidden in UTF-16 is seen too."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    elif raw[:2] == b"<\x00":
        encoding = "utf-16-le"
    elif raw[:2] == b"\x00<":
        encoding = "utf-16-be"
    else:
        return raw
    try:
        return raw.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return raw


def check_content(name: str, xml_parts: dict[str, bytes]) -> None:
    """Content types, relationships and images, once every part is known to be DOCTYPE-free."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    trees = {}
    for part, raw in xml_parts.items():
        try:
            trees[part] = etree.fromstring(raw, parser)
        except etree.XMLSyntaxError as exc:
            raise refuse(
                name, f"is damaged: “{part}” is not well-formed XML ({exc.msg})", _RESAVE
            ) from None
    content_types = next(
        (t for p, t in trees.items() if p.casefold() == "[content_types].xml"), None
    )
    if content_types is None:
        raise refuse(name, "is not a Word document (it has no content-types part)", _RESAVE)
    types = [str(e.get("ContentType", "")) for e in content_types.iter()]
    for content_type in types:
        lowered = content_type.casefold()
        for marker, problem in _ACTIVE_CONTENT:
            if marker in lowered:
                raise refuse(name, problem, _NO_ACTIVE)
    if _WORD_MAIN not in types:
        raise refuse(name, "is not a Word document (.docx)", _RESAVE)
    for part, tree in trees.items():
        if part.casefold().endswith(".rels"):
            _check_relationships(name, tree)
        elif part.casefold() == "word/document.xml" and any(
            str(e.tag).endswith("}altChunk") for e in tree.iter()
        ):
            raise refuse(name, "contains an embedded document (altChunk)", _NO_ACTIVE)


def _check_relationships(name: str, tree: object) -> None:
    for rel in tree.iter():  # type: ignore[attr-defined]
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        target = str(rel.get("Target", ""))
        lowered = kind.casefold()
        for marker, problem in _ACTIVE_CONTENT:
            if marker in lowered:
                raise refuse(name, problem, _NO_ACTIVE)
        if str(rel.get("TargetMode", "")).casefold() != "external":
            continue
        scheme = urlsplit(target).scheme.casefold()
        if lowered == "hyperlink" and scheme in ("http", "https", "mailto"):
            continue
        if lowered == "attachedtemplate":
            raise refuse(
                name,
                "links to a template on another computer or website "
                "(a known way to load harmful macros)",
                _RESAVE,
            )
        if lowered == "hyperlink":
            raise refuse(
                name,
                f"has a link to a local or network file ({scheme or 'file'}:), not a web page",
                "Remove that link in Word, save, and import it again.",
            )
        if lowered == "image":
            raise refuse(
                name,
                "shows a picture loaded from outside the document (an external "
                "link that reveals when the file is opened)",
                "Insert the picture into the document itself, save, and import it again.",
            )
        raise refuse(name, f"links to something outside the document ({kind})", _RESAVE)


def check_images(name: str, archive: zipfile.ZipFile, parts: tuple[str, ...]) -> None:
    """Refuse pictures whose size would exhaust memory when Word or a viewer draws them."""
    for part in parts:
        lowered = part.casefold()
        if not lowered.endswith((".png", ".jpg", ".jpeg", ".gif")):
            continue
        with archive.open(part) as stream:
            head = stream.read(64 * 1024)
        size = _image_size(head)
        if size is not None and size[0] * size[1] > MAX_IMAGE_PIXELS:
            raise refuse(
                name,
                f"contains a picture of {size[0]:,} × {size[1]:,} pixels "
                f"(“{part}”), too large to open safely",
                "Resize the picture in Word (Compress Pictures), save, and import it again.",
            )


def _image_size(head: bytes) -> tuple[int, int] | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)
    if head.startswith((b"GIF87a", b"GIF89a")) and len(head) >= 10:
        width, height = struct.unpack("<HH", head[6:10])
        return int(width), int(height)
    if head.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(head):
            if head[index] != 0xFF:
                index += 1
                continue
            marker = head[index + 1]
            length = struct.unpack(">H", head[index + 2 : index + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", head[index + 5 : index + 9])
                return int(width), int(height)
            index += 2 + length
    return None


def inspect_docx(path_name: str, data: bytes) -> CheckedDocx:
    """All the checks, in order: container, parts, DOCTYPEs, content, relationships, images."""
    checked = read_docx(path_name, data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml_parts = check_xml(checked.name, archive, checked.parts)
        check_content(checked.name, xml_parts)
        check_images(checked.name, archive, checked.parts)
    if not any(p.casefold() == "word/document.xml" for p in checked.parts):
        raise refuse(checked.name, "has no document text (word/document.xml)", _RESAVE)
    return checked
