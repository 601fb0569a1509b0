"""Files attached to evidence items: checked, then kept once in the workspace by content hash.

What is refused (too big, not an ordinary file, able to run code, macro-enabled) is the one
policy in `bidkit.store.file_policy`, shared with logos and policy documents.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from bidkit.errors import NotFound
from bidkit.model.evidence import EvidenceFile

# The one policy for files BidKit keeps (attachments, logos, policy documents).
from bidkit.store.file_policy import check_file, read_checked_file, safe_name
from bidkit.store.files import FileStore


@dataclass(frozen=True)
class AttachedFile:
    id: int
    evidence_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str


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
    """A file's bytes, checked against the file policy (see `read_checked_file`)."""
    return read_checked_file(path, what="file to attach")


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
