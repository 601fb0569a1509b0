"""The wheel carries everything BidKit loads as files, and finds it once installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

REQUIRED_FILES = (
    "bidkit/_bundled/forms/README.md",
    "bidkit/_bundled/resources/style.qss",
    "bidkit/_bundled/resources/icons/bidkit.svg",
    "bidkit/_bundled/resources/icons/bidkit.png",
    "bidkit/store/migrations/env.py",
    "bidkit/store/migrations/script.py.mako",
    "bidkit/store/migrations/versions/0001_organisation_profiles.py",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once, offline, with the build backend already in the environment."""
    outdir = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = outdir.glob("bidkit-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_data_files_and_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        missing = [name for name in REQUIRED_FILES if name not in names]
        assert missing == []
        (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode("utf-8")
    assert "bidkit = bidkit.cli:main" in scripts
    assert not any("__pycache__" in name for name in names)


@pytest.mark.slow
def test_unpacked_wheel_finds_its_bundled_folders(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    probe = textwrap.dedent(
        """
        import json
        import bidkit
        from bidkit import resources

        print(json.dumps({
            "package": bidkit.__file__,
            "forms": str(resources.forms_dir()),
            "resources": str(resources.resources_dir()),
            "style": resources.resource_path("style.qss").is_file(),
        }))
        """
    )
    # The checkout may also be on sys.path (editable install); PYTHONPATH comes first.
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=run_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["package"]).is_relative_to(unpacked)
    assert Path(found["forms"]) == unpacked / "bidkit" / "_bundled" / "forms"
    assert Path(found["resources"]) == unpacked / "bidkit" / "_bundled" / "resources"
    assert found["style"] is True
