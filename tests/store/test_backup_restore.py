"""Backups a user can trust: one verified zip, restored only when sound (reliability plan R6)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bidkit.errors import DiskFull, InputRefused
from bidkit.model.evidence import EvidenceItem
from bidkit.model.organisation import Organisation
from bidkit.ops import backups as backup_ops
from bidkit.ops import evidence
from bidkit.store import backup_archive, retention
from bidkit.store.backup import backup_database, list_backups, prune_backups
from bidkit.store.backup_archive import BackupRefused, verify_backup
from bidkit.store.workspace import Workspace


def _tree(root: Path) -> dict[str, str]:
    """The workspace's contents: every stored file's SHA-256 and the database's every row."""
    tree = {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "files").rglob("*"))
        if p.is_file()
    }
    con = sqlite3.connect(root / "bidkit.sqlite3")
    try:
        tree["database"] = hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()
    return tree


def _rows(database: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(database)
    try:
        return con.execute("SELECT id, legal_name FROM organisation ORDER BY id").fetchall()
    finally:
        con.close()


def _seed(ws: Workspace, names: list[str], attachment: bytes = b"%PDF-1.4 report") -> None:
    with ws.write() as session:
        for name in names:
            session.add(Organisation(legal_name=name))
    item = evidence.create_evidence(ws, _fields("Annual report")).created
    assert item is not None
    source = ws.root.parent / "report.pdf"
    source.write_bytes(attachment)
    evidence.attach_evidence_file(ws, item, source)


def _fields(title: str) -> object:
    from bidkit.library.items import ItemFields

    return ItemFields(title=title, body="Our outcomes for the year.")


def test_backup_holds_database_files_and_a_manifest(workspace: Workspace) -> None:
    _seed(workspace, ["Riverside"])
    path = workspace.backup("manual")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    stored = [n for n in names if n.startswith("files/")]
    assert len(stored) == 1 and "bidkit.sqlite3" in names
    assert manifest["format"] == "bidkit.backup/1" and manifest["reason"] == "manual"
    assert manifest["rows"]["organisation"] == 1
    assert manifest["members"][stored[0]]["sha256"] == stored[0].rsplit("/", 1)[1]
    assert verify_backup(path).reason == "manual"
    # Nothing half-written beside it.
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_restore_puts_back_database_and_files_after_backing_up_the_present(
    workspace: Workspace,
) -> None:
    _seed(workspace, ["Riverside"])
    path = workspace.backup("manual")
    before = _tree(workspace.root)
    with workspace.write() as session:
        session.add(Organisation(legal_name="Added later"))
    stored = next(p for p in workspace.paths.files.rglob("*") if p.is_file())
    stored.unlink()  # a lost file comes back from the backup
    workspace.close()

    info = backup_ops.restore_backup(workspace.root, path)
    assert info.reason == "manual"
    assert _rows(workspace.paths.database) == [(1, "Riverside")]
    assert _tree(workspace.root) == before
    reasons = [b.reason for b in list_backups(workspace.paths.backups)]
    assert "before-restore" in reasons
    # The backup of the present holds the change made after the first backup.
    safety = next(b for b in list_backups(workspace.paths.backups) if b.reason == "before-restore")
    unpacked = workspace.root.parent / "check"
    info_present = backup_archive.verify_backup(safety.path, extract_to=unpacked)
    assert info_present.rows["organisation"] == 2
    assert not list(workspace.root.glob(".restore-*"))


def test_restore_to_a_new_folder_and_refusal_of_a_folder_in_use(
    workspace: Workspace, tmp_path: Path
) -> None:
    _seed(workspace, ["Riverside"])
    path = workspace.backup("manual")
    target = tmp_path / "copy"
    backup_ops.restore_backup_to(path, target)
    assert _rows(target / "bidkit.sqlite3") == [(1, "Riverside")]
    assert len([p for p in (target / "files").rglob("*") if p.is_file()]) == 1
    with pytest.raises(InputRefused, match="not an empty folder"):
        backup_ops.restore_backup_to(path, target)


def _damaged_copies(good: Path, folder: Path) -> list[tuple[str, Path]]:
    data = good.read_bytes()
    copies: list[tuple[str, bytes]] = []
    for i, at in enumerate(range(40, len(data) - 40, max(1, len(data) // 25))):
        flipped = bytearray(data)
        flipped[at] ^= 0x01
        copies.append((f"bit-{i}", bytes(flipped)))
    for fraction in (0.1, 0.5, 0.9, 0.999):
        copies.append((f"cut-{fraction}", data[: int(len(data) * fraction)]))
    copies.append(("empty", b""))
    copies.append(("text", b"hello, this is not a zip"))
    paths = []
    for name, body in copies:
        target = folder / f"{name}.zip"
        target.write_bytes(body)
        paths.append((name, target))
    return paths


def _rezip(good: Path, target: Path, change: str) -> Path:
    with zipfile.ZipFile(good) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    if change == "foreign":
        manifest["format"] = "something-else/1"
    elif change == "extra-member":
        members["../evil.sh"] = b"rm -rf ~"
    elif change == "rows":
        manifest["rows"]["organisation"] = 99
    elif change == "newer-schema":
        manifest["schema"] = "9999"
    elif change == "no-manifest":
        del members["manifest.json"]
    elif change == "renamed-file":
        name = next(n for n in members if n.startswith("files/"))
        members[name[:-1] + ("0" if name[-1] != "0" else "1")] = members.pop(name)
    members["manifest.json"] = json.dumps(manifest).encode()
    if change == "no-manifest":
        del members["manifest.json"]
    with zipfile.ZipFile(target, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return target


@pytest.mark.parametrize(
    "change", ["foreign", "extra-member", "rows", "newer-schema", "no-manifest", "renamed-file"]
)
def test_a_foreign_or_tampered_backup_is_refused_and_nothing_changes(
    workspace: Workspace, tmp_path: Path, change: str
) -> None:
    _seed(workspace, ["Riverside"])
    good = workspace.backup("manual")
    bad = _rezip(good, tmp_path / f"{change}.zip", change)
    before = _tree(workspace.root)
    backups_before = sorted(p.name for p in workspace.paths.backups.iterdir())
    workspace.close()
    with pytest.raises(InputRefused) as caught:
        backup_ops.restore_backup(workspace.root, bad)
    assert "Nothing was changed" in caught.value.message or "newer version" in caught.value.message
    assert _tree(workspace.root) == before
    assert sorted(p.name for p in workspace.paths.backups.iterdir()) == backups_before


def test_damaged_backups_are_detected_before_anything_is_replaced(
    workspace: Workspace, tmp_path: Path
) -> None:
    _seed(workspace, ["Riverside", "Northside"], attachment=os.urandom(20000))
    good = workspace.backup("manual")
    before = _tree(workspace.root)
    workspace.close()
    refused = 0
    copies = _damaged_copies(good, tmp_path)
    for _name, bad in copies:
        # The checksum sealed into the zip's comment catches a flip anywhere, even in zip
        # bookkeeping that no member's own hash covers.
        with pytest.raises(BackupRefused):
            backup_ops.restore_backup(workspace.root, bad)
        refused += 1
        assert _tree(workspace.root) == before
    assert refused == len(copies)


# --- faults while writing a backup -----------------------------------------------------------


def test_disk_full_while_writing_a_backup_is_named_and_leaves_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(workspace, ["Riverside"])
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(DiskFull, match=r"needs about [\d.]+ MB free"):
        workspace.backup("manual")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert calls["n"] == 1
    assert list(workspace.paths.backups.iterdir()) == []


@pytest.mark.parametrize("site", ["write", "fsync", "replace"])
@pytest.mark.parametrize("nth", [1, 2, 3])
def test_an_io_error_at_any_step_of_a_backup_keeps_the_old_backups(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, site: str, nth: int
) -> None:
    _seed(workspace, ["Riverside"])
    first = workspace.backup("manual")
    calls = {"n": 0}
    real = {"fsync": os.fsync, "replace": os.replace}

    def fault(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == nth:
            raise OSError(errno.EIO, "Input/output error")
        if site == "write":
            return real_write(*args, **kwargs)  # type: ignore[arg-type]
        return real[site](*args, **kwargs)  # type: ignore[operator]

    if site == "write":
        import zipfile as zipmodule

        real_write = zipmodule.ZipFile.write
        monkeypatch.setattr(zipmodule.ZipFile, "write", fault)
    else:
        monkeypatch.setattr(os, site, fault)
    try:
        workspace.backup("manual")
    except Exception as exc:  # the outcome is what matters
        from bidkit.errors import BidKitError

        assert isinstance(exc, BidKitError)
    monkeypatch.undo()
    names = sorted(p.name for p in workspace.paths.backups.iterdir())
    assert first.name in names and all(n.endswith(".zip") for n in names)
    for name in names:
        verify_backup(workspace.paths.backups / name)


# --- retention ---------------------------------------------------------------------------------


def _dated(days_ago: float, reason: str, now: datetime) -> retention.Dated:
    created = now - timedelta(days=days_ago)
    return retention.Dated(Path(f"{reason}-{days_ago}.zip"), created, reason)


def test_retention_by_age_and_reason_never_by_count() -> None:
    now = datetime(2026, 12, 3, 12, tzinfo=UTC)
    backups = [
        _dated(0.1, "before-import", now),
        _dated(40, "before-import", now),
        _dated(80, "before-delete-org-3", now),
        _dated(100, "before-delete-org-4", now),
        _dated(89, "before-upgrade-0003", now),
        _dated(120, "manual", now),
        *[_dated(d, "daily", now) for d in range(1, 120)],
    ]
    # Twenty-five imports in a day do not push out the backup taken before a delete.
    backups += [_dated(0.01 * i, "before-import", now) for i in range(1, 26)]
    doomed = {p.name for p in retention.backups_to_remove(backups, now)}
    assert "before-import-40.zip" in doomed
    assert "before-delete-org-3-80.zip" not in doomed
    assert "before-delete-org-4-100.zip" in doomed
    assert "before-upgrade-0003-89.zip" not in doomed
    assert "manual-120.zip" not in doomed
    assert not any(f"daily-{d}.zip" in doomed for d in range(1, 31))
    old_dailies = [d for d in range(31, 120) if f"daily-{d}.zip" not in doomed]
    # One a week after the first thirty days.
    assert 11 <= len(old_dailies) <= 14
    weeks = {(now - timedelta(days=d)).isocalendar()[:2] for d in old_dailies}
    assert len(weeks) == len(old_dailies)


def test_the_newest_backup_is_kept_however_old() -> None:
    now = datetime(2026, 12, 3, tzinfo=UTC)
    only = [_dated(400, "before-import", now), _dated(500, "daily", now)]
    assert [p.name for p in retention.backups_to_remove(only, now)] == ["daily-500.zip"]


def test_prune_runs_after_each_backup_in_the_folder(workspace: Workspace) -> None:
    old = workspace.backup("before-import")
    stamp = (datetime.now() - timedelta(days=45)).strftime("%Y%m%d-%H%M%S")
    aged = old.with_name(f"bidkit-{stamp}-before-import.zip")
    # An old backup's date comes from its manifest, as written when it was taken.
    with zipfile.ZipFile(old) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["created"] = (datetime.now(UTC) - timedelta(days=45)).isoformat()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(aged, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    old.unlink()
    workspace.backup("before-import")
    assert not aged.exists()
    assert prune_backups(workspace.paths.backups) == []


def test_deleting_a_library_item_takes_a_backup_first(workspace: Workspace) -> None:
    item = evidence.create_evidence(workspace, _fields("Case study")).created
    assert item is not None
    evidence.delete_evidence(workspace, item)
    backups = list_backups(workspace.paths.backups)
    assert [b.reason for b in backups] == ["before-delete-evidence"]
    unpacked = workspace.root.parent / "unpacked"
    verify_backup(backups[0].path, extract_to=unpacked)
    con = sqlite3.connect(unpacked / "bidkit.sqlite3")
    try:
        assert con.execute("SELECT title FROM evidence_item").fetchall() == [("Case study",)]
    finally:
        con.close()
    with workspace.session() as session:
        assert session.exec(select(EvidenceItem)).all() == []


def test_backup_of_a_workspace_with_no_database_is_refused(tmp_path: Path) -> None:
    from bidkit.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="no workspace database"):
        backup_database(tmp_path / "bidkit.sqlite3", tmp_path / "backups", "manual")
