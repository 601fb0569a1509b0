"""The application finds its forms and resources from a checkout and from a desktop build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bidkit import resources

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_source_checkout_folders_are_found() -> None:
    assert resources.forms_dir() == REPO_ROOT / "forms"
    assert resources.resources_dir() == REPO_ROOT / "resources"
    assert (resources.forms_dir() / "README.md").is_file()


def test_resource_path_points_at_shipped_files() -> None:
    for parts in (("style.qss",), ("icons", "bidkit.svg"), ("icons", "bidkit.png")):
        path = resources.resource_path(*parts)
        assert path == REPO_ROOT / "resources" / Path(*parts)
        assert path.is_file()


def test_pyinstaller_bundle_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources.forms_dir() == tmp_path / "forms"
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.resource_path("icons", "bidkit.svg") == tmp_path / "resources/icons/bidkit.svg"


def test_meipass_without_frozen_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a running frozen build may redirect the lookup."""
    (tmp_path / "forms").mkdir()
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources.forms_dir() == REPO_ROOT / "forms"


def test_missing_folders_raise_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_package = tmp_path / "site-packages" / "bidkit"
    fake_package.mkdir(parents=True)
    # An unrelated top-level `forms` package beside an installed bidkit must not be picked up.
    (tmp_path / "site-packages" / "forms").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE_DIR", fake_package)
    monkeypatch.delattr(sys, "frozen", raising=False)

    with pytest.raises(RuntimeError, match="cannot find its 'forms' folder"):
        resources.forms_dir()
    with pytest.raises(RuntimeError, match="reinstall BidKit"):
        resources.resource_path("style.qss")
