"""The checksum that seals a BidKit backup, and how a file is recognised as one.

Kept apart from `backup_archive` (which writes and checks the contents): these look only at a
file's first and last bytes, so a refusal can say whether a file is a BidKit backup at all
before any of its contents are read.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path
from typing import Any, Final

_CHUNK: Final = 1024 * 1024
#: A BidKit backup's first member (see `backup_archive.MANIFEST`).
_MANIFEST: Final = "manifest.json"

#: The zip comment that seals a backup: the SHA-256 of every byte before the zip's end record,
#: so any change anywhere in the file (even in zip bookkeeping no member hash covers) is found.
_SEAL = b"bidkit-sha256:"
_END = b"PK\x05\x06"
_END_SIZE = 22
_SEALED_END_SIZE = _END_SIZE + len(_SEAL) + 64


def _digest_of_first(handle: Any, length: int) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    left = length
    while left > 0 and (chunk := handle.read(min(_CHUNK, left))):
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


def seal(path: Path) -> None:
    """Write the checksum of the whole archive into its (empty) zip comment."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size - _END_SIZE)
        end = handle.read(_END_SIZE)
        if not end.startswith(_END) or end[20:22] != b"\x00\x00":
            raise RuntimeError("the backup archive does not end as a zip file should")
        comment = _SEAL + _digest_of_first(handle, size - _END_SIZE).encode()
        handle.seek(size - _END_SIZE)
        handle.write(end[:20] + struct.pack("<H", len(comment)) + comment)


def seal_holds(path: Path) -> bool:
    size = path.stat().st_size
    if size < _SEALED_END_SIZE:
        return False
    with path.open("rb") as handle:
        handle.seek(size - _SEALED_END_SIZE)
        end = handle.read(_SEALED_END_SIZE)
        comment = end[_END_SIZE:]
        if not end.startswith(_END) or not comment.startswith(_SEAL):
            return False
        if struct.unpack("<H", end[20:22])[0] != len(comment):
            return False
        return _digest_of_first(handle, size - _SEALED_END_SIZE).encode() == comment[len(_SEAL) :]


def carries_seal(path: Path) -> bool:
    """Whether the file ends where a BidKit backup keeps its checksum (whether or not the
    checksum still holds): such a file was written as a BidKit backup."""
    size = path.stat().st_size
    if size < _SEALED_END_SIZE:
        return False
    with path.open("rb") as handle:
        handle.seek(size - _SEALED_END_SIZE + _END_SIZE)
        return handle.read(len(_SEAL)) == _SEAL


def first_member_name(path: Path) -> bytes:
    """The name in the zip's first local header (b"" when it does not start as a zip does):
    a BidKit backup always starts with its manifest."""
    with path.open("rb") as handle:
        head = handle.read(30 + len(_MANIFEST))
    if len(head) < 30 or not head.startswith(b"PK\x03\x04"):
        return b""
    length = struct.unpack("<H", head[26:28])[0]
    return head[30 : 30 + length]


def seal_cut_short(path: Path) -> bool:
    """Whether the seal's mark is in the file's last bytes but not where it belongs: a
    backup whose end was cut off."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - _SEALED_END_SIZE))
        return _SEAL in handle.read()
