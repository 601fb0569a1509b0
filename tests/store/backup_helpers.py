"""Reading what a backup holds, for tests that check what was backed up."""

from __future__ import annotations

import zipfile
from pathlib import Path


def database_in(backup: Path, folder: Path) -> Path:
    """Unpack the database from `backup` into `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(backup) as zf:
        target = folder / f"{backup.stem}.sqlite3"
        target.write_bytes(zf.read("bidkit.sqlite3"))
    return target
