"""The workspace's id (calendar UIDs, keyring names): one value, whoever exports, for good.

With the window open and no id stored yet, two exports used to make two ids, so a calendar
imported twice had every event twice. The id now lives in the database, made by migration 0010
under the writer lock; these tests export from several processes at once, across restarts,
`demo --force`, backups and restores, and from a workspace made by an earlier BidKit.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from bidkit.cli import main
from bidkit.ops import backups as backup_ops
from bidkit.ops.bid_overview import calendar_namespace, export_calendar
from bidkit.ops.demo import seed_demo
from bidkit.paths import WorkspacePaths
from bidkit.store import schema
from bidkit.store.engine import create_workspace_engine
from bidkit.store.identity import read_namespace, workspace_namespace
from bidkit.store.workspace import Workspace

REPO_ROOT = Path(__file__).resolve().parents[2]


def _uids(ics: Path) -> list[str]:
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def _imported_twice(*files: Path) -> dict[str, int]:
    """What a calendar program holds after importing each file: events keyed by UID."""
    held: dict[str, int] = {}
    for ics in files:
        for uid in _uids(ics):
            held[uid] = held.get(uid, 0) + 1
    return held


def _export_in_processes(root: Path, targets: list[Path]) -> None:
    """Run `bidkit calendar export` for every target at the same moment, each a process."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bidkit",
                "--data-dir",
                str(root),
                "calendar",
                "export",
                "-o",
                str(target),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for target in targets
    ]
    for child in children:
        _out, err = child.communicate(timeout=90)
        assert child.returncode == 0, err
        assert err == ""


@pytest.mark.slow
def test_processes_exporting_at_once_beside_the_open_window_agree_on_every_uid(
    workspace_dir: Path, tmp_path: Path
) -> None:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    # The window holds the writer lock: the commands read the workspace read-only.
    with Workspace.open(workspace_dir, kind="window") as window:
        targets = [tmp_path / f"process-{n}.ics" for n in range(3)]
        _export_in_processes(workspace_dir, targets)
        from_window = tmp_path / "window.ics"
        count = export_calendar(window, from_window)
    assert count > 3
    expected = sorted(_uids(from_window))
    assert len(set(expected)) == count
    for target in targets:
        assert sorted(_uids(target)) == expected
    held = _imported_twice(from_window, *targets)
    assert len(held) == count  # importing again replaces, never duplicates


@pytest.mark.slow
def test_two_processes_opening_a_new_workspace_at_once_get_one_id(tmp_path: Path) -> None:
    """Neither process finds a database: one creates it (and its id), the other waits for
    the lock or reads what the first made; both exports carry the same UIDs."""
    root = tmp_path / "fresh"
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from bidkit.store.workspace import Workspace\n"
        "from bidkit.ops.bid_overview import calendar_namespace\n"
        "import time\n"
        "for attempt in range(200):\n"
        "    try:\n"
        "        with Workspace.open(Path(sys.argv[1])) as ws:\n"
        "            print(calendar_namespace(ws)); break\n"
        "    except Exception as exc:\n"
        "        time.sleep(0.05)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(root)],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    ids = {child.communicate(timeout=90)[0].strip() for child in children}
    assert len(ids) == 1 and len(ids.pop()) == 32


def test_a_read_only_view_and_the_writer_read_the_same_id(workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as writer:
        made = calendar_namespace(writer)
        reader = Workspace.open(workspace_dir, read_only=True)
        try:
            assert calendar_namespace(reader) == made
        finally:
            reader.close()
    assert read_namespace(WorkspacePaths(workspace_dir).database) == made


def test_the_id_survives_restarts_demo_force_backups_and_restores(
    workspace_dir: Path, tmp_path: Path
) -> None:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
        first = tmp_path / "first.ics"
        export_calendar(ws, first)
        made = calendar_namespace(ws)
        backup = ws.backup("manual")
    assert all(uid.endswith(f"-{made}@bidkit") for uid in _uids(first))
    with Workspace.open(workspace_dir) as ws:  # a restart
        again = tmp_path / "again.ics"
        export_calendar(ws, again)
        assert sorted(_uids(again)) == sorted(_uids(first))
        seed_demo(ws, force=True)
        assert calendar_namespace(ws) == made
    backup_ops.restore_backup(workspace_dir, backup)
    with Workspace.open(workspace_dir) as ws:
        assert calendar_namespace(ws) == made
        restored = tmp_path / "restored.ics"
        export_calendar(ws, restored)
    assert sorted(_uids(restored)) == sorted(_uids(first))
    assert len(_imported_twice(first, again, restored)) == len(_uids(first))
    # A copy restored into a new folder is the same workspace's data: same id.
    copy = tmp_path / "copy"
    backup_ops.restore_backup_to(backup, copy)
    with Workspace.open(copy) as ws:
        assert calendar_namespace(ws) == made


def _workspace_at_0009(root: Path) -> WorkspacePaths:
    paths = WorkspacePaths(root)
    paths.create()
    engine = create_workspace_engine(paths.database)
    schema.upgrade_to(engine, "0009")
    engine.dispose()
    return paths


def test_an_older_workspace_keeps_the_id_from_its_calendar_file(workspace_dir: Path) -> None:
    """BidKit before 0010 kept the id in calendar-id.txt; calendars already imported and
    portal logins already kept use it, so the upgrade adopts it."""
    paths = _workspace_at_0009(workspace_dir)
    old = "0123456789abcdef0123456789abcdef"
    (paths.root / "calendar-id.txt").write_text(old + "\n", encoding="utf-8")
    with Workspace.open(workspace_dir) as ws:
        assert ws.upgrade_backup is not None
        assert calendar_namespace(ws) == old


def test_an_older_workspace_without_the_file_gets_one_id_at_its_upgrade(
    workspace_dir: Path,
) -> None:
    paths = _workspace_at_0009(workspace_dir)
    (paths.root / "calendar-id.txt").write_text("not an id\n", encoding="utf-8")
    with Workspace.open(workspace_dir) as ws:
        made = calendar_namespace(ws)
    with Workspace.open(workspace_dir, read_only=True) as reader:
        assert calendar_namespace(reader) == made
    assert made != "not an id" and len(made) == 32


def test_restoring_a_backup_from_before_the_id_keeps_the_workspace_id(
    workspace_dir: Path, tmp_path: Path
) -> None:
    old_root = tmp_path / "older"
    _workspace_at_0009(old_root)
    from bidkit.store.backup import backup_database

    old_paths = WorkspacePaths(old_root)
    old_backup = backup_database(old_paths.database, old_paths.backups, "manual")
    with Workspace.open(workspace_dir) as ws:
        made = calendar_namespace(ws)
    backup_ops.restore_backup(workspace_dir, old_backup)
    with Workspace.open(workspace_dir) as ws:
        assert calendar_namespace(ws) == made


def test_a_missing_row_is_made_once_by_a_writer_and_refused_read_only(
    workspace_dir: Path,
) -> None:
    with Workspace.open(workspace_dir):
        pass
    database = WorkspacePaths(workspace_dir).database
    con = sqlite3.connect(database)
    with con:
        con.execute("DELETE FROM workspace_identity")
    con.close()
    from bidkit.errors import WorkspaceError

    with Workspace.open(workspace_dir, read_only=True) as reader, pytest.raises(WorkspaceError):
        workspace_namespace(reader)
    with Workspace.open(workspace_dir) as ws:
        made = workspace_namespace(ws)
        assert workspace_namespace(ws) == made
    assert read_namespace(database) == made


def test_the_command_line_exports_carry_the_stored_id(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo"]) == 0
    assert main(["calendar", "export", "-o", str(tmp_path / "a.ics")]) == 0
    assert main(["calendar", "export", "-o", str(tmp_path / "b.ics")]) == 0
    capsys.readouterr()
    made = read_namespace(WorkspacePaths(workspace_dir).database)
    assert made is not None
    assert _uids(tmp_path / "a.ics") == _uids(tmp_path / "b.ics")
    assert all(made in uid for uid in _uids(tmp_path / "a.ics"))
    assert not (workspace_dir / "calendar-id.txt").exists()
