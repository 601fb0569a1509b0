"""Reading a pack file from disk (bounded) and the workspace's pack identity.

A workspace's pack identity is a random id kept in a small file in the workspace folder; it
names the workspace's signing key in the keyring, so two workspaces on one computer sign with
different keys.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from bidkit.consortium.pack_checks import MAX_PACK_BYTES, refuse
from bidkit.errors import InputRefused
from bidkit.store.atomic import write_text_atomic

IDENTITY_FILE = "pack-identity"


def read_pack_file(path: Path) -> bytes:
    """The file's bytes, refusing a folder, a missing file or one too large to be a pack."""
    name = path.name
    try:
        if not path.is_file():
            raise InputRefused(f"There is no file at {path}. Check the name and try again.")
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise refuse(name, "it is larger than a pack may be (20 MB)")
        with path.open("rb") as stream:
            data = stream.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise InputRefused(f"BidKit could not read {path}: {exc.strerror}.") from exc
    if len(data) > MAX_PACK_BYTES:
        raise refuse(name, "it is larger than a pack may be (20 MB)")
    return data


def workspace_identity(root: Path) -> str:
    """This workspace's pack identity, made on first use."""
    path = root / IDENTITY_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    if len(text) == 32 and all(c in "0123456789abcdef" for c in text):
        return text
    text = uuid.uuid4().hex
    write_text_atomic(path, text + "\n")
    return text
