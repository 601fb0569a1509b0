"""Looking for canary strings in every file BidKit writes, including inside its containers.

A secret or an erased person's name could hide where a plain byte search does not see it: in a
zip (Word files, backups) or in a PDF, whose page content is compressed (FlateDecode, here
under ASCII85) and whose text is split into escaped literal strings, one per line or word.
`readable_parts` unpacks all of these; `pdftotext` (poppler) is used as well when it is
installed, for text in any font encoding.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

_STREAM = re.compile(rb"<<(?P<dict>(?:(?!>>\s*stream).)*?)>>\s*stream\r?\n", re.S)
_FILTER = re.compile(rb"/(ASCII85Decode|A85|FlateDecode|Fl|ASCIIHexDecode|AHx)\b")
#: A PDF literal string: parentheses balanced one level deep is all reportlab writes.
_LITERAL = re.compile(rb"\((?P<text>(?:\\.|[^\\()])*)\)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unfilter(data: bytes, filters: list[bytes]) -> bytes | None:
    try:
        for name in filters:
            if name in (b"ASCII85Decode", b"A85"):
                data = data.strip()
                data = base64.a85decode(data[:-2] if data.endswith(b"~>") else data)
            elif name in (b"ASCIIHexDecode", b"AHx"):
                data = binascii.unhexlify(re.sub(rb"\s", b"", data).rstrip(b">"))
            else:
                data = zlib.decompressobj().decompress(data)
    except (ValueError, zlib.error, binascii.Error):
        return None
    return data


def pdf_streams(data: bytes) -> list[bytes]:
    """Every stream of the PDF, its filters undone (those that cannot be are left out)."""
    found = []
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        decoded = _unfilter(data[start:end].rstrip(b"\r\n"), _FILTER.findall(match["dict"]))
        if decoded is not None:
            found.append(decoded)
    return found


def _unescape(text: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(text):
        if text[i : i + 1] == b"\\" and i + 1 < len(text):
            nxt = text[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", text[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += text[i : i + 1]
        i += 1
    return bytes(out)


def pdf_strings(content: bytes) -> bytes:
    """The literal strings of a content stream, unescaped and joined without separators, so
    a word broken across lines or spaced out in a TJ array reads as one."""
    return b"".join(_unescape(m["text"]) for m in _LITERAL.finditer(content))


def pdftotext(data: bytes) -> bytes:
    """The PDF's text as poppler extracts it ("" when pdftotext is not installed)."""
    if shutil.which("pdftotext") is None:
        return b""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "scan.pdf"
        source.write_bytes(data)
        result = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(source), "-"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    return result.stdout


def readable_parts(data: bytes) -> list[bytes]:
    """The bytes, plus what they hold: zip members (recursively) and a PDF's decoded streams,
    their strings and its extracted text (also with white space removed, for text broken
    across lines)."""
    found = [data]
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for name in zf.namelist():
                    found += readable_parts(zf.read(name))
        except zipfile.BadZipFile:
            pass
    elif data.startswith(b"%PDF"):
        streams = pdf_streams(data)
        found += streams
        strings = [pdf_strings(s) for s in streams] + [pdf_strings(data), pdftotext(data)]
        found += strings + [re.sub(rb"\s+", b"", s) for s in strings]
    return found


def _encodings(canary: str) -> list[bytes]:
    return [canary.encode(), canary.encode("utf-16-le"), canary.encode("utf-16-be")]


def canary_hits(canaries: Iterable[str], *folders: Path) -> list[str]:
    """ "file: canary" for every canary found in any file under the folders."""
    canaries = list(canaries)
    hits = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            parts = readable_parts(path.read_bytes())
            for canary in canaries:
                if any(e in part for part in parts for e in _encodings(canary)):
                    hits.append(f"{path.relative_to(folder)}: {canary}")
    return hits
