"""Backup files a user can trust: the database, the stored files and a SHA-256 manifest in one zip.

A backup is written under a temporary name beside its target, fsynced, then read back in full
(every member hashed against the manifest, the database opened from a scratch copy and checked
with `integrity_check`, its row counts compared with the manifest's) and only then renamed into
place. Reading a backup for a restore runs the same checks before anything is replaced, so a
damaged, truncated or foreign file is refused with the workspace unchanged.

Layout inside the zip::

    manifest.json        {"format": "bidkit.backup/1", created, reason, schema, rows, members}
    bidkit.sqlite3       a consistent copy made with SQLite's online backup API
    files/ab/abcdef...   every stored file, named by its SHA-256 as in the workspace
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from bidkit import __version__
from bidkit.errors import InputRefused
from bidkit.store.atomic import fsync_dir
from bidkit.store.backup_seal import (
    carries_seal,
    first_member_name,
    seal,
    seal_cut_short,
    seal_holds,
)

FORMAT: Final = "bidkit.backup/1"
MANIFEST: Final = "manifest.json"
DATABASE_MEMBER: Final = "bidkit.sqlite3"
_FILE_MEMBER = re.compile(r"^files/([0-9a-f]{2})/([0-9a-f]{64})$")
#: Limits for reading a backup someone may have handed over: never trust the zip's own sizes.
MAX_MEMBERS: Final = 500_000
MAX_MANIFEST_BYTES: Final = 64 * 1024 * 1024
MAX_MEMBER_BYTES: Final = 8 * 1024 * 1024 * 1024
_CHUNK: Final = 1024 * 1024
#: What zipfile raises for a damaged, truncated, encrypted or unsupported archive.
_ZIP_DAMAGE: Final = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    UnicodeDecodeError,
    OverflowError,
)


def _unsealed_refusal(path: Path) -> BackupRefused:
    """Why a file without a BidKit checksum is refused: not a BidKit backup at all, a backup
    cut short, or one whose contents were repacked since it was written."""
    if path.stat().st_size == 0:
        return _not_a_backup(path, "it is empty")
    if first_member_name(path) == MANIFEST.encode():
        if seal_cut_short(path) or not zipfile.is_zipfile(path):
            return _refuse(path, "it is not a complete zip file (damaged or cut short)")
        return _refuse(path, "it has been changed since it was written (its checksum is missing)")
    if not zipfile.is_zipfile(path):
        return _not_a_backup(path, "it is not a zip file")
    try:
        with zipfile.ZipFile(path) as zf:
            has_manifest = MANIFEST in zf.namelist()
    except (*_ZIP_DAMAGE, OSError, ValueError):
        return _refuse(path, "it is not a complete zip file (damaged or cut short)")
    if not has_manifest:
        return _not_a_backup(path, "it is an ordinary zip file, with no BidKit manifest")
    return _refuse(path, "it has been changed since it was written (its checksum is missing)")


class BackupRefused(InputRefused):
    """A backup file is damaged, incomplete or not a BidKit backup; `why` says which."""

    def __init__(self, message: str, *, why: str = "") -> None:
        super().__init__(message)
        self.why = why or message


@dataclass(frozen=True)
class BackupInfo:
    """What a backup's manifest says about it."""

    path: Path
    created: datetime
    reason: str
    schema: str
    size: int
    rows: dict[str, int]
    members: dict[str, dict[str, Any]]


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts(database: Path) -> dict[str, int]:
    """Rows per table of `database`: the manifest records them, the verification compares."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [
            str(r[0])
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    finally:
        con.close()


def schema_revision(database: Path) -> str:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else ""
    finally:
        con.close()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database (WAL content included), in rollback-journal mode
    so the copy is one self-contained file."""
    src = sqlite3.connect(source)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def stored_files(files_root: Path) -> Iterator[tuple[str, Path]]:
    """(member name, path) of every stored file; stray temporary files are left out."""
    if not files_root.is_dir():
        return
    for folder in sorted(files_root.iterdir()):
        if not folder.is_dir() or len(folder.name) != 2:
            continue
        for path in sorted(folder.iterdir()):
            name = f"files/{folder.name}/{path.name}"
            if _FILE_MEMBER.match(name) and path.is_file():
                yield name, path


def write_backup(
    database: Path, files_root: Path, target: Path, reason: str, created: datetime | None = None
) -> BackupInfo:
    """Write a verified backup of the workspace to `target`; nothing is left on failure.
    `created` (default: now) is the moment recorded, the one its file name carries."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".backup-", suffix=".tmp", dir=target.parent))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        copy = scratch / DATABASE_MEMBER
        copy_database(database, copy)
        members: dict[str, dict[str, Any]] = {
            DATABASE_MEMBER: {"sha256": _sha256_file(copy), "size": copy.stat().st_size}
        }
        files = list(stored_files(files_root))
        for name, path in files:
            members[name] = {"sha256": path.name, "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "created": (created or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
            "reason": reason,
            "bidkit": __version__,
            "schema": schema_revision(copy),
            "rows": row_counts(copy),
            "members": members,
        }
        with (
            tmp.open("wb") as handle,
            zipfile.ZipFile(
                handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1, allowZip64=True
            ) as zf,
        ):
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            zf.write(copy, DATABASE_MEMBER)
            for name, path in files:
                # Stored files are mostly PDFs and images, already compressed.
                zf.write(path, name, compress_type=zipfile.ZIP_STORED)
        seal(tmp)
        with tmp.open("rb+") as synced:
            os.fsync(synced.fileno())
        try:
            info = verify_backup(tmp)
        except BackupRefused as exc:
            # Name the backup being written, not the temporary file, and no "choose another".
            raise BackupRefused(
                f"The backup {target.name} did not pass its check after writing: {exc.why}. "
                "It was not kept.",
                why=exc.why,
            ) from exc
        os.replace(tmp, target)
        fsync_dir(target.parent)
        return BackupInfo(target, *_info_fields(info))
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _info_fields(info: BackupInfo) -> tuple[Any, ...]:
    return (info.created, info.reason, info.schema, info.size, info.rows, info.members)


#: What to do about a refused backup, from the window or the command line.
CHOOSE_ANOTHER: Final = (
    "Nothing was changed; choose a backup BidKit wrote (File > Restore… lists them by date, "
    "as does 'bidkit backups')."
)


def _refuse(path: Path, why: str) -> BackupRefused:
    return BackupRefused(
        f"{path.name} cannot be used as a BidKit backup: {why}. {CHOOSE_ANOTHER}", why=why
    )


def _not_a_backup(path: Path, what: str) -> BackupRefused:
    why = f"it is not a BidKit backup ({what})"
    return BackupRefused(f"{path.name} is not a BidKit backup: {what}. {CHOOSE_ANOTHER}", why=why)


def _read_manifest(zf: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        with zf.open(MANIFEST) as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except KeyError:
        raise _refuse(path, "it has no BidKit manifest (it is not a BidKit backup)") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _refuse(path, "its manifest is far too large")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _refuse(path, "its manifest is not readable JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "it is not a BidKit backup, or one from a newer BidKit")
    members = manifest.get("members")
    if not isinstance(members, dict) or DATABASE_MEMBER not in members:
        raise _refuse(path, "its manifest lists no database")
    for name, entry in members.items():
        if name != DATABASE_MEMBER and not _FILE_MEMBER.match(str(name)):
            raise _refuse(path, f"its manifest names an unexpected file '{str(name)[:80]}'")
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("size"), int)
        ):
            raise _refuse(path, f"its manifest entry for {str(name)[:80]} is malformed")
    if not isinstance(manifest.get("rows"), dict) or not isinstance(manifest.get("created"), str):
        raise _refuse(path, "its manifest lacks the date or the record counts")
    return manifest


def read_info(path: Path) -> BackupInfo:
    """The manifest of a backup, checked for shape only (fast: for listing backups)."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = _read_manifest(zf, path)
    except BackupRefused:
        raise
    except (*_ZIP_DAMAGE, OSError, ValueError) as exc:
        raise _refuse(path, "it is not a complete zip file (damaged or cut short)") from exc
    return _info(path, manifest)


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    try:
        created = datetime.fromisoformat(manifest["created"])
    except ValueError:
        raise _refuse(path, "its date is not readable") from None
    return BackupInfo(
        path=path,
        created=created if created.tzinfo else created.replace(tzinfo=UTC),
        reason=str(manifest.get("reason", "")),
        schema=str(manifest.get("schema", "")),
        size=path.stat().st_size,
        rows={str(k): v for k, v in manifest["rows"].items() if isinstance(v, int)},
        members=manifest["members"],
    )


def _copy_member(zf: zipfile.ZipFile, name: str, target: Path | None, limit: int) -> str:
    """Stream one member through SHA-256 (into `target` if given), stopping at `limit` bytes."""
    digest = hashlib.sha256()
    total = 0
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(zf.open(name))
        sink = stack.enter_context(target.open("wb")) if target is not None else None
        while chunk := source.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise ValueError("larger than its manifest says")
            digest.update(chunk)
            if sink is not None:
                sink.write(chunk)
    return digest.hexdigest()


def verify_backup(
    path: Path, extract_to: Path | None = None, scratch_in: Path | None = None
) -> BackupInfo:
    """Check a backup completely; with `extract_to`, also leave its contents there.

    Every member is hashed against the manifest, no member is missing or extra, and the
    database (always restored into a scratch folder) passes `integrity_check` with the row
    counts the manifest recorded. Raises `BackupRefused` naming what is wrong. The scratch
    copy is made in `scratch_in` (default: beside the backup).
    """
    from bidkit.store.backup import integrity_problems

    # Each file gets its true reason: first whether it is a BidKit backup at all, then whether
    # its checksum still holds, then (behind the checksum) whether its contents agree.
    try:
        if not carries_seal(path):
            raise _unsealed_refusal(path)
        sealed = seal_holds(path)
    except OSError as exc:
        raise _refuse(path, f"it cannot be read ({exc.strerror})") from exc
    if not sealed:
        raise _refuse(
            path, "it has been changed or damaged since it was written (its checksum differs)"
        )
    scratch_in = scratch_in or path.parent
    scratch = Path(tempfile.mkdtemp(prefix=".verify-", suffix=".tmp", dir=scratch_in))
    try:
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise _refuse(path, "it is not a complete zip file (damaged or cut short)") from exc
        try:
            manifest = _verify_members(zf, path, scratch, extract_to)
        except _ZIP_DAMAGE as exc:
            raise _refuse(path, f"it is damaged ({type(exc).__name__}: {exc})") from exc
        finally:
            zf.close()
        copy = scratch / DATABASE_MEMBER
        try:
            problems = integrity_problems(copy)
            rows = row_counts(copy)
            revision = schema_revision(copy)
        except sqlite3.Error as exc:
            raise _refuse(path, f"its database cannot be read ({exc})") from exc
        if problems:
            raise _refuse(path, f"its database is damaged ({problems[0][:120]})")
        if rows != manifest["rows"] or revision != manifest.get("schema"):
            raise _refuse(path, "its database does not hold what its manifest records")
        if extract_to is not None:
            extract_to.mkdir(parents=True, exist_ok=True)
            os.replace(copy, extract_to / DATABASE_MEMBER)
        return _info(path, manifest)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _verify_members(
    zf: zipfile.ZipFile, path: Path, scratch: Path, extract_to: Path | None
) -> dict[str, Any]:
    """Hash every member against the manifest; the database goes to `scratch`, the stored
    files to `extract_to` when given."""
    manifest = _read_manifest(zf, path)
    names = zf.namelist()
    if len(names) > MAX_MEMBERS or len(names) != len(set(names)):
        raise _refuse(path, "it holds too many or repeated entries")
    members = manifest["members"]
    extra = set(names) - set(members) - {MANIFEST}
    missing = set(members) - set(names)
    if extra or missing:
        odd = sorted(extra | missing)[0][:80]
        raise _refuse(path, f"its contents do not match its manifest ({odd})")
    for name, entry in members.items():
        match = _FILE_MEMBER.match(name)
        if match and match.group(2) != entry["sha256"]:
            raise _refuse(path, f"the stored file {name} is not named by its content")
        out: Path | None = scratch / DATABASE_MEMBER if name == DATABASE_MEMBER else None
        if extract_to is not None and match:
            out = extract_to / name
            out.parent.mkdir(parents=True, exist_ok=True)
        try:
            digest = _copy_member(zf, name, out, min(entry["size"], MAX_MEMBER_BYTES))
        except (*_ZIP_DAMAGE, ValueError) as exc:
            raise _refuse(path, f"{name} inside it is damaged ({exc})") from exc
        if digest != entry["sha256"]:
            raise _refuse(path, f"{name} inside it does not match its checksum")
    return manifest
