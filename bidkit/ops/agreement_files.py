"""The signed copy of a consortium agreement: kept, opened, and gathered for the submission.

The file goes through the one file policy and is kept once by its SHA-256 (in the agreement's
`file_sha256`). An agreement may be marked signed without its copy; what the partner still
owes then says "signed copy not on file" (`bidkit.ops.consortium`).
"""

from __future__ import annotations

from pathlib import Path

from bidkit.errors import NotFound
from bidkit.model.consortium import AgreementStatus
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.store.file_policy import read_checked_file, safe_name
from bidkit.store.output_files import save_copy
from bidkit.store.queries import get_agreement
from bidkit.store.workspace import Workspace

BID = "bid"


def attach_agreement_file(ws: Workspace, agreement_id: int, source: Path) -> Changes:
    """Keep the signed copy of an agreement (the one file policy; SHA-256 in `file_sha256`).

    An agreement with its signed copy is signed, so its status becomes "signed".
    """
    source = Path(source)
    data = read_checked_file(source, what="signed copy")
    with ws.write() as session:
        row = get_agreement(session, agreement_id)
        row.file_sha256 = ws.files.add_bytes(data)
        row.file_name = safe_name(source.name)
        row.status, row.updated_at = str(AgreementStatus.SIGNED), utc_now()
        session.add(row)
        bid_id, title = row.bid_id, row.title or "the agreement"
    return Changes.of(BID, bid_id, note=f"Signed copy of {title} kept: marked signed")


def read_agreement_file(ws: Workspace, agreement_id: int) -> tuple[str, bytes]:
    """The signed copy's name and bytes (a read)."""
    with ws.session() as session:
        row = get_agreement(session, agreement_id)
        if not row.file_sha256:
            raise NotFound(
                f"No signed copy of {row.title or 'this agreement'} is on file: attach it first."
            )
        name, digest = row.file_name or "signed agreement", row.file_sha256
    return name, ws.files.read(digest)


def save_agreement_copy(ws: Workspace, agreement_id: int, target: Path) -> Path:
    """Write a copy of the signed agreement where the user chose (atomically)."""
    _name, data = read_agreement_file(ws, agreement_id)
    return save_copy(data, target, "copy", ws.root)
