"""After an unclean shutdown the full integrity check runs before anything is written.

The quick check at every start does not compare indexes with their tables; a BidKit killed
mid-session (its record left in the lock file) makes the next writer run `integrity_check` too.
The damage here is an index entry pointing at the wrong row: the quick check passes it, the full
check does not.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import func, select

from bidkit.cli import main
from bidkit.errors import DatabaseDamaged
from bidkit.model.evidence import EvidenceItem
from bidkit.ops.demo import seed_demo
from bidkit.paths import WorkspacePaths
from bidkit.store import lock as lock_module
from bidkit.store import start_checks
from bidkit.store.lock import UNCLEAN_MARKER, WorkspaceLock
from bidkit.store.workspace import Workspace
from tests.crash.unclean import break_an_index_entry, kill_a_writer

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_root(workspace_dir: Path) -> Path:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    return workspace_dir


def _count_items(root: Path) -> int:
    con = sqlite3.connect(f"file:{WorkspacePaths(root).database}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM evidence_item").fetchone()[0])
    finally:
        con.close()


def test_a_clean_close_leaves_no_note_and_the_quick_check_misses_index_damage(
    demo_root: Path,
) -> None:
    """Why the full check is needed: without a crash, only the quick check runs."""
    name = break_an_index_entry(WorkspacePaths(demo_root).database)
    assert name
    with Workspace.open(demo_root, start_checks=True):
        pass
    assert not (demo_root / UNCLEAN_MARKER).exists()


def test_after_a_killed_writer_the_full_check_refuses_damage_before_writing(
    demo_root: Path,
) -> None:
    pid = kill_a_writer(demo_root)
    break_an_index_entry(WorkspacePaths(demo_root).database)
    before = WorkspacePaths(demo_root).database.read_bytes()
    with pytest.raises(DatabaseDamaged) as caught:
        Workspace.open(demo_root, start_checks=True)
    assert "is damaged" in caught.value.message and "backup" in caught.value.message
    assert "missing from index" in (caught.value.detail or "")
    assert WorkspacePaths(demo_root).database.read_bytes() == before  # nothing written
    marker = demo_root / UNCLEAN_MARKER
    assert marker.exists() and str(pid) in marker.read_text(encoding="utf-8")
    # The note stays until a full check passes: the next writer is refused too.
    with pytest.raises(DatabaseDamaged):
        Workspace.open(demo_root, start_checks=True)
    with Workspace.open(demo_root, read_only=True) as viewer, viewer.session() as session:
        assert session.exec(select(func.count()).select_from(EvidenceItem)).one() > 0


def test_after_a_killed_writer_a_sound_database_is_checked_once(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kill_a_writer(demo_root, kind="command")
    calls: list[bool] = []
    real = start_checks.integrity_problems

    def counting(database: Path, *, quick: bool = False, foreign_keys: bool = True) -> list[str]:
        calls.append(quick)
        return real(database, quick=quick, foreign_keys=foreign_keys)

    monkeypatch.setattr(start_checks, "integrity_problems", counting)
    with Workspace.open(demo_root, start_checks=True):
        pass
    assert calls == [True, False]  # the quick check, then the full one
    assert not (demo_root / UNCLEAN_MARKER).exists()
    calls.clear()
    with Workspace.open(demo_root, start_checks=True):
        pass
    assert calls == [True]  # a clean close before: the quick check only


def test_a_reading_command_between_keeps_the_note_for_the_next_writer(
    demo_root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A reading command takes the lock too (and rewrites the lock record): the note it
    leaves is what makes the next writing command run the full check."""
    kill_a_writer(demo_root)
    break_an_index_entry(WorkspacePaths(demo_root).database)
    assert main(["bid", "list", "--json"]) == 0
    assert (demo_root / UNCLEAN_MARKER).exists()
    before = _count_items(demo_root)
    body = tmp_path / "body.txt"
    body.write_text("Our safeguarding approach.", encoding="utf-8")
    capsys.readouterr()
    code = main(["evidence", "add", "--title", "Safeguarding", "--body-file", str(body)])
    err = capsys.readouterr().err
    assert code == 3
    assert len(err.strip().splitlines()) == 1 and "is damaged" in err
    assert _count_items(demo_root) == before


def test_a_note_that_cannot_be_written_still_checks_in_that_process(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kill_a_writer(demo_root)
    break_an_index_entry(WorkspacePaths(demo_root).database)

    def full_disk(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock_module, "write_text_atomic", full_disk)
    lock = WorkspaceLock(WorkspacePaths(demo_root).lock)
    with pytest.raises(DatabaseDamaged):
        Workspace.open(demo_root, start_checks=True, lock=lock)
    assert not (demo_root / UNCLEAN_MARKER).exists()


def test_an_upgrade_after_an_unclean_shutdown_does_not_wait_for_the_window(
    demo_root: Path,
) -> None:
    """An upgrade writes as the workspace opens: the full check comes first."""
    kill_a_writer(demo_root)
    database = WorkspacePaths(demo_root).database
    con = sqlite3.connect(database)
    with con:  # the workspace as BidKit before 0010 left it
        con.execute("DROP TABLE workspace_identity")
        con.execute("UPDATE alembic_version SET version_num = '0009'")
    con.close()
    break_an_index_entry(database)
    before = database.read_bytes()
    with pytest.raises(DatabaseDamaged):
        Workspace.open(demo_root, start_checks=True)
    assert database.read_bytes() == before
