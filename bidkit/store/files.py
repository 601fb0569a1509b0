"""Stored files (logos, policy documents, evidence attachments), kept once by content.

A file is named by the SHA-256 of its bytes under `files/ab/abcdef…`, so adding the same file
twice stores it once, and a stored file never changes under a record that points to it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bidkit.errors import InputRefused, NotFound
from bidkit.store.atomic import write_bytes_atomic
from bidkit.store.file_policy import MAX_FILE_BYTES, read_user_file

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise InputRefused(
            f"That file is {size / 1048576:.1f} MB; BidKit keeps files up to "
            f"{MAX_FILE_BYTES // 1048576} MB. Save a smaller copy (for example a compressed "
            "PDF) and add that."
        )


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise NotFound(f"'{sha256}' is not the name of a stored file.")
        return self.root / sha256[:2] / sha256

    def add_bytes(self, data: bytes) -> str:
        """Store `data` (if not already stored) and return its SHA-256."""
        _check_size(len(data))
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if not target.exists():
            try:
                write_bytes_atomic(target, data)
            except OSError as exc:
                # The workspace's own disk: a full disk or a failing drive, said as such.
                from bidkit.store.database_errors import explain

                plain = explain(exc, self.root.parent, os_errors=True)
                if plain is None:
                    raise
                raise plain from exc
        return digest

    def add_file(self, source: Path) -> str:
        return self.add_bytes(read_user_file(source, max_bytes=MAX_FILE_BYTES))

    def read(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise NotFound(
                "A stored file is missing from the workspace's files folder. Restore the "
                "workspace from a backup, or attach the file again."
            ) from exc

    def exists(self, sha256: str) -> bool:
        return bool(_SHA256.match(sha256)) and self.path_for(sha256).exists()
