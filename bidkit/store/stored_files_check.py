"""Do the stored files and the records that name them agree?

Five tables name stored files by SHA-256: evidence attachments, organisation logos, policy
documents, documents exchanged with consortium partners, and signed agreements. A file a record
names may be missing, or its bytes may no longer hash to its name (damage); a stored file no
record names is an orphan (harmless, reported so it can be tidied).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bidkit.store.backup_archive import stored_files

#: (table, column holding the SHA-256, column naming the file for the user, record label).
REFERENCES = (
    ("evidence_file", "sha256", "file_name", "evidence_id"),
    ("organisation", "logo_sha256", "logo_filename", "id"),
    ("policy_document", "file_sha256", "file_name", "organisation_id"),
    ("partner_document", "sha256", "file_name", "bid_id"),
    ("partner_agreement", "file_sha256", "file_name", "bid_id"),
)


@dataclass(frozen=True)
class FileUse:
    sha256: str
    table: str
    name: str
    record_id: int


@dataclass
class FileReport:
    missing: list[FileUse] = field(default_factory=list)
    damaged: list[FileUse] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.damaged


def file_uses(con: sqlite3.Connection) -> list[FileUse]:
    uses = []
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, digest, name, record in REFERENCES:
        if table not in tables:  # a database from before that table's migration
            continue
        rows = con.execute(
            f'SELECT "{digest}", "{name}", "{record}" FROM "{table}" WHERE "{digest}" != \'\''
        )
        uses += [FileUse(str(d), table, str(n), int(r)) for d, n, r in rows]
    return uses


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def check_stored_files(database: Path, files_root: Path) -> FileReport:
    """Compare the records with the files folder, hashing every stored file once."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        uses = file_uses(con)
    finally:
        con.close()
    on_disk = {Path(name).name: path for name, path in stored_files(files_root)}
    sound = {digest for digest, path in on_disk.items() if _hash(path) == digest}
    report = FileReport()
    named = set()
    for use in uses:
        named.add(use.sha256)
        if use.sha256 not in on_disk:
            report.missing.append(use)
        elif use.sha256 not in sound:
            report.damaged.append(use)
    report.orphaned = sorted(set(on_disk) - named)
    return report
