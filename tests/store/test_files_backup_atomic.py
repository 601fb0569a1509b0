"""The content-addressed file store, atomic writes and verified backups (reliability plan R6)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bidkit.errors import InputRefused, NotFound, WorkspaceError
from bidkit.model.organisation import Organisation
from bidkit.store import files as files_module
from bidkit.store.atomic import atomic_writer, write_bytes_atomic, write_text_atomic
from bidkit.store.backup import backup_database, integrity_problems
from bidkit.store.files import FileStore
from bidkit.store.workspace import Workspace
from tests.store.backup_helpers import database_in

PAGE_SIZE = 4096


def _all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- file store ---------------------------------------------------------------------------


def test_file_is_stored_under_its_sha256(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    data = b"%PDF-1.7 safeguarding policy"
    digest = store.add_bytes(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert store.path_for(digest) == tmp_path / "files" / digest[:2] / digest
    assert store.read(digest) == data
    assert store.exists(digest)


def test_same_bytes_are_stored_once(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    first = store.add_bytes(b"logo")
    source = tmp_path / "logo-copy.png"
    source.write_bytes(b"logo")
    second = store.add_file(source)
    assert first == second
    assert _all_files(tmp_path / "files") == [store.path_for(first)]
    other = store.add_bytes(b"another logo")
    assert other != first
    assert len(_all_files(tmp_path / "files")) == 2


def test_empty_file_can_be_stored(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    assert store.read(store.add_bytes(b"")) == b""


def test_over_size_bytes_are_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 100)
    store = FileStore(tmp_path / "files")
    assert store.read(store.add_bytes(b"x" * 100)) == b"x" * 100  # exactly the limit is fine
    before = _all_files(tmp_path / "files")
    with pytest.raises(InputRefused, match="smaller copy"):
        store.add_bytes(b"x" * 101)
    source = tmp_path / "big.pdf"
    source.write_bytes(b"y" * 101)
    with pytest.raises(InputRefused, match="smaller copy"):
        store.add_file(source)
    assert _all_files(tmp_path / "files") == before


def test_real_size_limit_is_25_mb(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(InputRefused, match="25 MB"):
        store.add_bytes(bytes(25 * 1024 * 1024 + 1))
    assert _all_files(tmp_path / "files") == []


def test_unreadable_source_is_refused(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(InputRefused, match="cannot read"):
        store.add_file(tmp_path / "no-such-file.pdf")


def test_reading_a_missing_file_is_not_found(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    missing = hashlib.sha256(b"never stored").hexdigest()
    assert not store.exists(missing)
    with pytest.raises(NotFound, match="missing"):
        store.read(missing)
    for bad_name in ("", "../../etc/passwd", missing.upper(), missing[:-1]):
        assert not store.exists(bad_name)
        with pytest.raises(NotFound):
            store.read(bad_name)


# --- atomic writes ------------------------------------------------------------------------


def test_failed_write_leaves_the_old_file_and_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    target.write_bytes(b"version = 1\n")
    with pytest.raises(RuntimeError, match="disk full"), atomic_writer(target) as handle:
        handle.write(b"half a new fi")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"version = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


def test_failed_first_write_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "new.txt"
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as handle:
        handle.write(b"partial")
        raise KeyboardInterrupt
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_write_bytes_atomic_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    write_bytes_atomic(target, b"first, and longer than the second")
    write_bytes_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    write_text_atomic(target, "Café £5\n")
    assert target.read_text(encoding="utf-8") == "Café £5\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# --- backups ------------------------------------------------------------------------------


def _filled_workspace(root: Path, rows: int = 300) -> Path:
    with Workspace.open(root) as ws:
        with ws.write() as session:
            for i in range(rows):
                session.add(Organisation(legal_name=f"Organisation {i}", description="x" * 400))
        return ws.paths.database


def test_backup_is_a_verified_copy(workspace_dir: Path, tmp_path: Path) -> None:
    database = _filled_workspace(workspace_dir)
    backups = workspace_dir / "backups"
    target = backup_database(database, backups, reason="before-import")
    assert target.parent == backups
    assert target.name.startswith("bidkit-") and target.name.endswith("-before-import.zip")
    assert [p.name for p in backups.iterdir()] == [target.name]
    copy = database_in(target, tmp_path / "copy")
    assert integrity_problems(copy) == []
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT count(*) FROM organisation").fetchone()[0] == 300
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()
    second = backup_database(database, backups, reason="before-import")
    assert second != target
    assert len(list(backups.iterdir())) == 2


def test_backup_taken_while_a_writer_holds_the_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    with workspace.write() as session:
        session.add(Organisation(legal_name="Committed"))
    path = database_in(workspace.backup("manual"), tmp_path / "copy")
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT legal_name FROM organisation").fetchall() == [("Committed",)]
    finally:
        con.close()


def _corrupt(source: Path, copy: Path, how: str) -> None:
    shutil.copy(source, copy)
    data = bytearray(copy.read_bytes())
    if how == "middle-page":
        # Flip the b-tree page header of a page in the middle of the file.
        pages = len(data) // PAGE_SIZE
        start = (pages // 2) * PAGE_SIZE
        for i in range(start, start + 12):
            data[i] ^= 0xFF
    elif how == "header":
        for i in range(16):
            data[i] ^= 0xFF
    elif how == "truncated":
        del data[len(data) // 2 + 123 :]
    copy.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["middle-page", "header", "truncated"])
def test_corrupted_database_gives_workspace_error_and_no_backup(
    workspace_dir: Path, tmp_path: Path, how: str
) -> None:
    database = _filled_workspace(workspace_dir)
    damaged = tmp_path / "damaged.sqlite3"
    _corrupt(database, damaged, how)
    backups = tmp_path / "backups"
    with pytest.raises(WorkspaceError) as caught:
        backup_database(damaged, backups, reason="before-delete-org-1")
    assert "cannot back up a damaged workspace" in str(caught.value)
    assert caught.value.detail
    assert _all_files(backups) == []
