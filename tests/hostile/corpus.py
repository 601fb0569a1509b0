"""The hostile corpus: hand-made files over every kind of file BidKit reads, each of which must
be refused with a specific message and the workspace left exactly as it was.

Generated here (no binary fixtures): `cases(good_backup)` returns one `Case` per file. Run
`python -m tests.hostile.corpus OUTDIR` to write them all out for a look or for other tools.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.library.docx_corpus import hostile_corpus as word_corpus
from tests.profile_factory import POLICY_PDF, tiny_png


@dataclass(frozen=True)
class Case:
    kind: str  # backup, notice, profile, logo, attachment, policy, body, word
    name: str
    data: bytes
    #: Words (case-insensitive) the refusal must contain: it says what is wrong.
    expect: str
    #: The file name to give it (its extension matters to some checks).
    file_name: str = ""


# -- images ------------------------------------------------------------------------------------
def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, idat: bytes | None = None) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = idat if idat is not None else zlib.compress(b"\x00\x00\x80\x80")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def _jpeg_header(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + sof
        + b"\xff\xd9"
    )


def logo_cases() -> Iterator[Case]:
    good = tiny_png()
    yield Case("logo", "png-20000-square", png(20000, 20000), "pixels", "big.png")
    yield Case("logo", "png-wide-strip", png(60000, 2), "pixels", "strip.png")
    yield Case("logo", "png-5000-square", png(5000, 5000), "million", "five.png")
    yield Case("logo", "jpeg-30000-square", _jpeg_header(30000, 30000), "pixels", "big.jpg")
    yield Case("logo", "png-zero-size", png(0, 0), "cannot be read", "zero.png")
    yield Case("logo", "png-truncated", good[:30], "cannot be read", "cut.png")
    yield Case("logo", "png-bad-pixels", png(4, 4, b"not zlib at all"), "cannot be read", "x.png")
    yield Case(
        "logo",
        "png-bad-crc",
        good[:20] + bytes([good[20] ^ 0xFF]) + good[21:],
        "cannot be read",
        "crc.png",
    )
    yield Case("logo", "text-as-png", b"just some text\n", "not a png or jpeg", "logo.png")
    yield Case("logo", "pdf-as-logo", POLICY_PDF, "not a png or jpeg", "logo.pdf")
    yield Case(
        "logo", "svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not a png or jpeg", "logo.svg"
    )
    yield Case(
        "logo", "gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "not a png or jpeg", "logo.gif"
    )
    yield Case(
        "logo", "windows-program", b"MZ\x90\x00" + b"\x00" * 60, "windows program", "logo.png"
    )
    yield Case("logo", "exe-name", good, ".exe", "logo.exe")
    yield Case("logo", "empty", b"", "not a png or jpeg", "logo.png")
    yield Case("logo", "jpeg-truncated", _jpeg_header(10, 10)[:12], "cannot be read", "cut.jpg")
    yield Case("logo", "script", b"#!/bin/sh\nrm -rf ~\n", "script", "logo.png")


# -- stored files (attachments and policy documents share one policy) --------------------------
def _macro_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


def stored_file_cases(kind: str) -> Iterator[Case]:
    ole_macro = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "_VBA_PROJECT".encode("utf-16-le")
    )
    named = {
        "exe": ("setup.exe", POLICY_PDF, ".exe"),
        "docm": ("policy.docm", POLICY_PDF, ".docm"),
        "shell-script-name": ("install.sh", b"echo hi\n", ".sh"),
        "bat": ("run.bat", b"echo hi\n", ".bat"),
        "ps1": ("run.ps1", b"Write-Host hi\n", ".ps1"),
        "vbs": ("run.vbs", b"MsgBox 1\n", ".vbs"),
        "js": ("run.js", b"alert(1)\n", ".js"),
        "xlsm": ("sheet.xlsm", POLICY_PDF, ".xlsm"),
        "lnk": ("shortcut.lnk", POLICY_PDF, ".lnk"),
        "hta": ("page.hta", POLICY_PDF, ".hta"),
        "msi": ("setup.msi", POLICY_PDF, ".msi"),
        "jar": ("app.jar", POLICY_PDF, ".jar"),
        "renamed-windows-program": ("policy.pdf", b"MZ\x90\x00" + b"\x00" * 60, "windows program"),
        "renamed-linux-program": (
            "policy.pdf",
            b"\x7fELF\x02\x01\x01" + b"\x00" * 60,
            "linux program",
        ),
        "renamed-macos-program": (
            "policy.pdf",
            b"\xcf\xfa\xed\xfe" + b"\x00" * 60,
            "macos program",
        ),
        "renamed-java-class": ("policy.pdf", b"\xca\xfe\xba\xbe" + b"\x00" * 60, "java"),
        "renamed-script": ("policy.txt", b"#!/bin/sh\nrm -rf ~\n", "script"),
        "ole-with-macros": ("policy.doc", ole_macro, "macros"),
        "docx-with-vba-project": ("policy.docx", _macro_docx(), "macro-enabled"),
        "unicode-trick-name": ("policy\u202efdp.exe", POLICY_PDF, ".exe"),
    }
    for name, (file_name, data, expect) in named.items():
        yield Case(kind, name, data, expect, file_name)


# -- notices (OCDS JSON) -----------------------------------------------------------------------
def notice_cases() -> Iterator[Case]:
    release = {
        "ocid": "ocds-b5fd17-1",
        "id": "1",
        "date": "2026-01-01T00:00:00Z",
        "tag": ["tender"],
        "tender": {"title": "Care", "tenderPeriod": {"endDate": "2027-01-01T12:00:00Z"}},
    }

    def doc(value: object) -> bytes:
        return json.dumps(value).encode()

    texts = {
        "empty": (b"", "json"),
        "not-json": (b"<html>tender</html>", "json"),
        "invalid-utf8": (b'{"releases": ["\xff\xfe"]}', "utf-8"),
        "deep-nesting": (b"[" * 10000 + b"]" * 10000, "deep"),
        "huge-integer": (b'{"releases": [' + b"9" * 5000 + b"]}", "number"),
        "nan": (b'{"releases": [NaN]}', "nan"),
        "infinity": (b'{"releases": [{"ocid": Infinity}]}', "infinity"),
        "duplicate-keys": (b'{"releases": [], "releases": []}', "twice"),
        "top-level-list": (doc([release]), "ocds"),
        "top-level-string": (doc("releases"), "ocds"),
        "no-releases": (doc({"uri": "x"}), "ocds"),
        "releases-not-list": (doc({"releases": {"a": 1}}), "ocds"),
        "release-not-object": (doc({"releases": [1, 2]}), "ocds"),
        "release-without-ocid": (doc({"releases": [{"id": "1", "tender": {}}]}), "ocid"),
        "empty-releases": (doc({"releases": []}), "no"),
        "truncated": (doc({"releases": [release]})[:-5], "json"),
        "gzip": (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "json"),
        "too-big": (b'{"releases": ["' + b"x" * (26 * 1024 * 1024) + b'"]}', "mb"),
    }
    for name, (data, expect) in texts.items():
        yield Case("notice", name, data, expect, f"{name}.json")


# -- profile documents ---------------------------------------------------------------------------
def profile_cases(good: dict[str, object]) -> Iterator[Case]:
    def variant(change: Callable[[dict[str, object]], None]) -> bytes:
        copy = json.loads(json.dumps(good))
        change(copy)
        return json.dumps(copy).encode()

    def set_key(key: str, value: object) -> Callable[[dict[str, object]], None]:
        return lambda d: d.__setitem__(key, value)

    def organisation(key: str, value: object) -> Callable[[dict[str, object]], None]:
        return lambda d: d["organisation"].__setitem__(key, value)  # type: ignore[index]

    import base64

    def with_logo(data: bytes) -> Callable[[dict[str, object]], None]:
        def change(d: dict[str, object]) -> None:
            digest = hashlib.sha256(data).hexdigest()
            d.setdefault("files", {})[digest] = {  # type: ignore[index]
                "name": "logo.png",
                "media_type": "image/png",
                "data": base64.b64encode(data).decode(),
            }
            d["organisation"]["logo"] = {"file": digest}  # type: ignore[index]

        return change

    cases = {
        "wrong-schema": (variant(set_key("schema", "bidkit.profile/99")), "newer bidkit"),
        "no-schema": (variant(lambda d: d.pop("schema")), "schema"),
        "no-organisation": (variant(lambda d: d.pop("organisation")), "organisation"),
        "organisation-not-object": (variant(set_key("organisation", [])), "organisation"),
        "empty-name": (variant(organisation("legal_name", "   ")), "name"),
        "name-wrong-type": (variant(organisation("legal_name", 42)), "legal_name"),
        "huge-logo": (variant(with_logo(png(20000, 20000))), "pixels"),
        "text-logo": (variant(with_logo(b"hello")), "not a png or jpeg"),
        "program-logo": (variant(with_logo(b"MZ" + b"\x00" * 62)), "windows program"),
        "deep-nesting": (b'{"schema": ' + b"[" * 5000 + b"]" * 5000 + b"}", "deep"),
        "nan": (b'{"schema": NaN}', "nan"),
        "duplicate-keys": (b'{"schema": "a", "schema": "b"}', "twice"),
        "invalid-utf8": (b'{"schema": "\xff"}', "utf-8"),
        "not-json": (b"PK\x03\x04 a zip", "json"),
        "empty": (b"", "json"),
        "huge-integer": (b'{"schema": ' + b"1" * 5000 + b"}", "number"),
    }
    for name, (data, expect) in cases.items():
        yield Case("profile", name, data, expect, f"{name}.json")


# -- text bodies -----------------------------------------------------------------------------------
def body_cases() -> Iterator[Case]:
    yield Case("body", "latin1", "Café résumé".encode("latin-1"), "utf-8", "body.txt")
    yield Case("body", "utf16", "Hello".encode("utf-16"), "utf-8", "body.txt")
    yield Case("body", "binary", bytes(range(256)) * 4, "utf-8", "body.bin")
    yield Case("body", "too-long", b"word " * 400_000, "mb", "long.txt")


# -- backups --------------------------------------------------------------------------------
def sealed(data: bytes) -> bytes:
    """A zip given the checksum seal BidKit writes into a backup's comment, as a tamperer who
    knows the format would: the checks behind the seal must still refuse what is wrong."""
    body, end = data[:-22], data[-22:]
    comment = b"bidkit-sha256:" + hashlib.sha256(body).hexdigest().encode()
    return body + end[:20] + struct.pack("<H", len(comment)) + comment


def backup_cases(good: bytes) -> Iterator[Case]:
    step = max(1, len(good) // 40)
    for i, at in enumerate(range(64, len(good) - 64, step)):
        flipped = bytearray(good)
        flipped[at] ^= 0x10
        yield Case("backup", f"bit-flip-{i:02d}", bytes(flipped), "backup", f"flip{i}.zip")
    for fraction in (0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999):
        cut = good[: int(len(good) * fraction)]
        yield Case("backup", f"truncated-{fraction}", cut, "backup", f"cut{fraction}.zip")
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}

    def rezip(change: Callable[[dict[str, bytes]], None]) -> bytes:
        copy = dict(members)
        change(copy)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for name, body in copy.items():
                zf.writestr(name, body)
        return sealed(out.getvalue())

    def manifest(edit: Callable[[dict[str, object]], None]) -> Callable[[dict[str, bytes]], None]:
        def change(copy: dict[str, bytes]) -> None:
            value = json.loads(copy["manifest.json"])
            edit(value)
            copy["manifest.json"] = json.dumps(value).encode()

        return change

    tampered = {
        "no-manifest": (lambda c: c.pop("manifest.json"), "manifest"),
        "foreign-format": (
            manifest(lambda m: m.__setitem__("format", "other/1")),
            "not a bidkit backup",
        ),
        "manifest-not-json": (lambda c: c.__setitem__("manifest.json", b"{oops"), "manifest"),
        "manifest-list": (lambda c: c.__setitem__("manifest.json", b"[]"), "not a bidkit backup"),
        "no-database": (lambda c: c.pop("bidkit.sqlite3"), "manifest"),
        "zip-slip-member": (lambda c: c.__setitem__("../../evil.sh", b"rm"), "manifest"),
        "absolute-member": (lambda c: c.__setitem__("/etc/cron.d/x", b"rm"), "manifest"),
        "rows-lie": (
            manifest(lambda m: m["rows"].__setitem__("organisation", 999)),
            "manifest records",
        ),  # type: ignore[index]
        "newer-schema": (manifest(lambda m: m.__setitem__("schema", "9999")), "manifest records"),
        "database-replaced": (
            lambda c: c.__setitem__("bidkit.sqlite3", b"SQLite format 3\x00" + b"\x00" * 100),
            "checksum",
        ),
        "manifest-bad-date": (manifest(lambda m: m.__setitem__("created", "yesterday")), "date"),
        "manifest-deep": (
            lambda c: c.__setitem__("manifest.json", b"[" * 5000 + b"]" * 5000),
            "manifest",
        ),
        "member-entry-malformed": (
            manifest(lambda m: m["members"].__setitem__("bidkit.sqlite3", "x")),
            "malformed",
        ),  # type: ignore[index]
        "unexpected-member-name": (
            manifest(lambda m: m["members"].__setitem__("notes.txt", {"sha256": "0", "size": 1})),
            "unexpected",
        ),  # type: ignore[index]
    }
    for name, (change, expect) in tampered.items():
        yield Case("backup", name, rezip(change), expect, f"{name}.zip")
    yield Case("backup", "a-word-document", word_corpus()["not-a-zip"][0], "backup", "w.zip")
    # Each file gets its true reason: not a backup at all, cut short, or changed since written.
    readme = b"# BidKit\n\nHelps small organisations prepare bids.\n"
    not_zip = "is not a bidkit backup: it is not a zip"
    yield Case("backup", "readme-as-is", readme, not_zip, "README.md")
    yield Case("backup", "text-named-zip", readme, not_zip, "t.zip")
    yield Case("backup", "empty-file", b"", "is not a bidkit backup: it is empty", "empty.zip")
    ordinary = io.BytesIO()
    with zipfile.ZipFile(ordinary, "w") as zf:
        zf.writestr("README.md", readme)
    yield Case("backup", "ordinary-zip", ordinary.getvalue(), "ordinary zip", "plain.zip")
    yield Case("backup", "ordinary-zip-sealed", sealed(ordinary.getvalue()), "manifest", "s.zip")
    yield Case("backup", "cut-short", good[: len(good) // 2], "cut short", "half.zip")
    unsealed = good[:-100] + good[-100:-80] + b"\x00\x00"  # the end record, comment emptied
    yield Case("backup", "seal-removed", unsealed, "checksum is missing", "unsealed.zip")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    yield Case("backup", "one-bit-changed", bytes(flipped), "checksum differs", "bit.zip")
    yield Case(
        "backup", "plain-database", b"SQLite format 3\x00" + b"\x00" * 4000, "backup", "db.zip"
    )


def word_cases() -> Iterator[Case]:
    for name, (data, expect) in word_corpus().items():
        yield Case("word", name, data, expect, f"{name}.docx")


def cases(good_backup: bytes, good_profile: dict[str, object]) -> list[Case]:
    return [
        *logo_cases(),
        *stored_file_cases("attachment"),
        *stored_file_cases("policy"),
        *notice_cases(),
        *profile_cases(good_profile),
        *body_cases(),
        *backup_cases(good_backup),
        *word_cases(),
    ]


if __name__ == "__main__":  # write the corpus out: python -m tests.hostile.corpus OUTDIR
    target = Path(sys.argv[1])
    from tests.hostile.test_hostile_corpus import build_good_inputs

    backup, profile = build_good_inputs(target / ".workspace")
    for case in cases(backup, profile):
        folder = target / case.kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{case.name}--{case.file_name or case.name}").write_bytes(case.data)
