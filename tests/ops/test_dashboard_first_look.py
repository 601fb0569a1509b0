"""The dashboard read in plain sqlite3: the same figures before and after the workspace opens,
and a first look at a workspace that changes nothing and never needs the database libraries."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bidkit.config import load_settings, read_settings
from bidkit.ops.bid_overview import dashboard_data
from bidkit.ops.dashboard import first_look
from bidkit.ops.demo import seed_demo
from bidkit.paths import WorkspacePaths
from bidkit.store.workspace import Workspace

REPO_ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_paths(workspace_dir: Path) -> WorkspacePaths:
    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    return WorkspacePaths(workspace_dir)


def test_first_look_shows_what_the_open_workspace_shows(demo_paths: WorkspacePaths) -> None:
    look = first_look(demo_paths)
    assert look is not None
    with Workspace.open(demo_paths.root) as ws:
        opened = dashboard_data(ws)
        organisations = len(ws_orgs(ws))
    assert look.organisation_count == organisations > 0
    # Compared field by field: "now" differs by the moments between the two reads.
    assert look.dashboard.by_status == opened.by_status
    assert look.dashboard.overdue_tasks == opened.overdue_tasks
    assert look.dashboard.expiring == opened.expiring
    assert look.dashboard.deadlines == opened.deadlines
    assert look.dashboard.win_rates == opened.win_rates
    assert look.dashboard.bid_count == opened.bid_count
    assert look.dashboard.expiring, "the demo has evidence expiring on an open bid"


def ws_orgs(ws: Workspace) -> list[object]:
    from bidkit.ops.organisations import list_organisations

    return list(list_organisations(ws))


def test_dashboard_dates_follow_the_clock(demo_paths: WorkspacePaths) -> None:
    """Dates are read as the table classes give them (aware UTC moments, days)."""
    with Workspace.open(demo_paths.root) as ws:
        soon = dashboard_data(ws)
        later = dashboard_data(ws, now=datetime.now(UTC) + timedelta(days=400))
    assert all(d.due.tzinfo is not None for d in soon.deadlines)
    assert later.deadlines == []
    assert len(later.overdue_tasks) >= len(soon.overdue_tasks)


def test_first_look_changes_nothing(demo_paths: WorkspacePaths) -> None:
    demo_paths.settings.write_text("this is = = not toml", encoding="utf-8")
    before = _digest(demo_paths.database)
    assert first_look(demo_paths) is None, "unreadable settings: the normal open explains"
    assert demo_paths.settings.exists(), "a read does not set the settings file aside"
    assert _digest(demo_paths.database) == before
    demo_paths.settings.unlink()
    assert first_look(demo_paths) is not None
    assert _digest(demo_paths.database) == before


def test_no_first_look_at_a_new_or_older_workspace(tmp_path: Path) -> None:
    assert first_look(WorkspacePaths(tmp_path / "none")) is None
    with Workspace.open(tmp_path / "old") as ws, ws.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert first_look(WorkspacePaths(tmp_path / "old")) is None


def test_reading_settings_leaves_a_bad_file_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("version = 'x'", encoding="utf-8")
    with pytest.raises(ValueError):
        read_settings(path)
    assert path.exists()
    assert load_settings(path).reminder_days == (7, 1)
    assert not path.exists(), "loading (for use) sets it aside, as before"


def test_first_look_needs_no_database_libraries(demo_paths: WorkspacePaths) -> None:
    script = (
        "import sys\n"
        "from bidkit.ops.dashboard import first_look\n"
        "from pathlib import Path\n"
        "from bidkit.paths import WorkspacePaths\n"
        f"look = first_look(WorkspacePaths(Path({str(demo_paths.root)!r})))\n"
        "assert look is not None and look.dashboard.bid_count > 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'sqlalchemy', 'sqlmodel'})\n"
        "print(loaded)\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
