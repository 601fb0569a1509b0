"""Test set-up shared by the whole suite.

- Qt runs offscreen (set before anything imports Qt: without a display Qt would abort).
- Every test gets its own empty workspace folder through BIDKIT_HOME.
- keyring uses an in-memory backend: tests never touch (or need) a real system keyring.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict for the length of one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def workspace_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace folder, also set as BIDKIT_HOME for code that resolves it."""
    folder = tmp_path / "workspace"
    monkeypatch.setenv("BIDKIT_HOME", str(folder))
    return folder


@pytest.fixture
def workspace(workspace_dir: Path) -> Iterator[object]:
    """An open (writer) workspace in the test's folder."""
    from bidkit.store.workspace import Workspace

    ws = Workspace.open(workspace_dir)
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def collectable_heap() -> Iterator[None]:
    """A window freezes what it built (`bidkit.ui.long_lived`); once its test is over, that
    is handed back to the collector so one test's windows do not outlive it."""
    yield
    import gc

    gc.unfreeze()
