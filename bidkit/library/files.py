"""Files attached to evidence items: checked, then kept once in the workspace by content hash.

A file is refused when it is too big, or when it could run code on the computer of whoever
opens it later: programs and scripts (by name and by their first bytes, so a renamed program is
caught) and macro-enabled Office documents (by name, and by the macro project inside).
"""

from __future__ import annotations

import io
import mimetypes
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from bidkit.errors import InputRefused, NotFound
from bidkit.model.evidence import EvidenceFile
from bidkit.store.files import MAX_FILE_BYTES, FileStore

UNSAFE_EXTENSIONS = frozenset(
    """exe dll com bat cmd ps1 psm1 vbs vbe js jse wsf wsh msi msp scr pif jar sh bash zsh
    app lnk hta cpl msc reg inf scf url py pyw rb pl php apk dmg pkg deb rpm iso img vhd vhdx
    docm dotm xlsm xltm xlam pptm potm ppsm ppam sldm""".split()
)
_MAGIC = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xfe\xed\xfa\xcf", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a program (Java or macOS)"),
    (b"#!", "a script"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")


@dataclass(frozen=True)
class AttachedFile:
    id: int
    evidence_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str


def safe_name(name: str) -> str:
    """The last part of a file name, without control characters (names are shown, not used)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable()).strip()
    return cleaned[:200] or "file"


def check_file(name: str, data: bytes) -> None:
    """Refuse a file that is too big or could run code; the message names the file."""
    shown = safe_name(name)
    if len(data) > MAX_FILE_BYTES:
        raise InputRefused(
            f"“{shown}” is {len(data) / 1048576:.1f} MB; BidKit keeps files up to "
            f"{MAX_FILE_BYTES // 1048576} MB. Save a smaller copy (for example a compressed PDF) "
            "and add that."
        )
    extension = shown.rsplit(".", 1)[-1].casefold() if "." in shown else ""
    if extension in UNSAFE_EXTENSIONS:
        raise InputRefused(
            f"“{shown}” was not added: .{extension} files can run programs or macros when "
            "opened. Attach a PDF or a plain document (for example .docx, .xlsx, .pdf) instead."
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputRefused(
                f"“{shown}” was not added: it is {what}, whatever its name says. Evidence "
                "files must be documents or images."
            )
    if data.startswith(_OLE) and _VBA_STREAM in data:
        raise InputRefused(
            f"“{shown}” was not added: it contains macros. Save it without macros (for "
            "example as .docx or PDF) and attach that copy."
        )
    if data.startswith(b"PK\x03\x04") and _zip_has_macros(data):
        raise InputRefused(
            f"“{shown}” was not added: it is a macro-enabled Office document. Save it as a "
            "normal document (.docx, .xlsx, .pptx) or PDF and attach that copy."
        )


def _zip_has_macros(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n.casefold() for n in archive.namelist()]
    except (zipfile.BadZipFile, ValueError):
        return False
    return any(n.endswith("vbaproject.bin") or "/activex/" in f"/{n}" for n in names)


def media_type_of(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def attach_bytes(
    session: Session, store: FileStore, evidence_id: int, name: str, data: bytes
) -> EvidenceFile:
    """Check and store a file, and attach it to an item (once: the same file is not repeated)."""
    check_file(name, data)
    shown = safe_name(name)
    digest = store.add_bytes(data)
    existing = session.exec(
        select(EvidenceFile).where(
            col(EvidenceFile.evidence_id) == evidence_id, col(EvidenceFile.sha256) == digest
        )
    ).first()
    if existing is not None:
        return existing
    row = EvidenceFile(
        evidence_id=evidence_id,
        sha256=digest,
        file_name=shown,
        media_type=media_type_of(shown),
        size=len(data),
    )
    session.add(row)
    session.flush()
    return row


def read_source(path: Path) -> bytes:
    """A file's bytes, refusing a file too big before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            check_file(path.name, b"\0" * 0)  # name checks first: an .exe is refused as such
            raise InputRefused(
                f"“{safe_name(path.name)}” is {size / 1048576:.1f} MB; BidKit keeps files up to "
                f"{MAX_FILE_BYTES // 1048576} MB. Save a smaller copy and add that."
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputRefused(f"BidKit cannot read “{path}”: {exc.strerror}.") from exc


def files_of(session: Session, evidence_id: int) -> list[AttachedFile]:
    rows = session.exec(
        select(EvidenceFile)
        .where(col(EvidenceFile.evidence_id) == evidence_id)
        .order_by(col(EvidenceFile.id))
    ).all()
    return [
        AttachedFile(r.id or 0, r.evidence_id, r.file_name, r.media_type, r.size, r.sha256)
        for r in rows
    ]


def get_file(session: Session, file_id: int) -> EvidenceFile:
    row = session.get(EvidenceFile, file_id)
    if row is None:
        raise NotFound("That attached file is no longer in the library.")
    return row
