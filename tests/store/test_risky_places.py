"""Risky places for a workspace (synced folders, network shares) and locks from other computers."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from bidkit.errors import WorkspaceLocked
from bidkit.store.location import location_warning, risky_location
from bidkit.store.workspace import Workspace

LOCAL_MOUNTS = [("/", "ext4"), ("/home", "ext4"), ("/mnt/nas", "nfs4"), ("/media/share", "cifs")]

RISKY = [
    ("C:\\Users\\amina\\OneDrive\\BidKit", False, "OneDrive"),
    ("C:\\Users\\amina\\OneDrive - Riverside Care\\BidKit", False, "OneDrive"),
    ("/Users/amina/Dropbox/BidKit", False, "Dropbox"),
    ("/Users/amina/Dropbox (Riverside)/BidKit", False, "Dropbox"),
    ("G:\\My Drive\\BidKit", False, "Google Drive"),
    ("/Users/amina/Library/CloudStorage/GoogleDrive-amina@example.org/My Drive/BidKit", False,
     "cloud storage"),
    ("/Users/amina/Library/Mobile Documents/com~apple~CloudDocs/BidKit", False, "iCloud"),
    ("C:\\Users\\amina\\iCloudDrive\\BidKit", False, "iCloud"),
    ("\\\\server\\share\\BidKit", True, "network share"),
    ("//server/share/BidKit", False, "network share"),
    ("\\\\wsl.localhost\\Ubuntu\\home\\amina\\BidKit", True, "WSL"),
    ("/mnt/nas/bids/BidKit", False, "network drive (nfs4)"),
    ("/media/share/BidKit", False, "network drive (cifs)"),
    ("/home/amina/Nextcloud/BidKit", False, "Nextcloud"),
]  # fmt: skip
SAFE = [
    "/home/amina/.local/share/BidKit",
    "C:\\Users\\amina\\AppData\\Local\\BidKit",
    "/Users/amina/Documents/Bids/BidKit",
    "/home/amina/dropboxes-of-paper/BidKit",  # a name that only begins like one
    "/mnt/nasty/BidKit",  # a different mount from /mnt/nas
]


@pytest.mark.parametrize(("path", "windows", "words"), RISKY)
def test_synced_folders_and_network_shares_are_recognised(
    path: str, windows: bool, words: str
) -> None:
    why = risky_location(path, mounts=LOCAL_MOUNTS, windows=windows)
    assert why is not None and words in why


@pytest.mark.parametrize("path", SAFE)
def test_local_folders_are_not_flagged(path: str) -> None:
    assert risky_location(path, mounts=LOCAL_MOUNTS, windows=False) is None


def test_the_warning_says_what_to_do(workspace_dir: Path) -> None:
    assert location_warning(workspace_dir) is None
    synced = workspace_dir.parent / "Dropbox" / "BidKit"
    text = location_warning(synced)
    assert text is not None and "Dropbox" in text and "Move workspace to a safe folder" in text


def _foreign_lock(root: Path, host: str = "RECEPTION-PC") -> None:
    root.mkdir(parents=True, exist_ok=True)
    record = {"pid": 4242, "host": host, "started": time.time() - 3600, "kind": "window"}
    (root / "bidkit.lock").write_text(json.dumps(record), encoding="utf-8")


def test_a_lock_from_another_computer_is_respected_and_named(workspace_dir: Path) -> None:
    Workspace.open(workspace_dir).close()
    _foreign_lock(workspace_dir)
    with pytest.raises(WorkspaceLocked) as caught:
        Workspace.open(workspace_dir)
    message = caught.value.message
    assert "another computer, RECEPTION-PC" in message and "bidkit.lock" in message
    # Its record is kept, so the other computer still shows as the holder.
    assert json.loads((workspace_dir / "bidkit.lock").read_text())["host"] == "RECEPTION-PC"
    # Reading is still possible.
    with Workspace.open(workspace_dir, read_only=True) as ws:
        assert ws.read_only


def test_a_released_or_own_lock_record_is_taken_over(workspace_dir: Path) -> None:
    Workspace.open(workspace_dir).close()  # a released lock leaves an empty record
    Workspace.open(workspace_dir).close()
    _foreign_lock(workspace_dir, host=socket.gethostname())  # this computer's, after a crash
    Workspace.open(workspace_dir).close()


def test_cli_writing_commands_refuse_and_reading_commands_fall_back(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bidkit.cli import main

    assert main(["demo"]) == 0
    _foreign_lock(workspace_dir)
    capsys.readouterr()
    assert main(["bid", "new", "--title", "T", "--buyer", "B", "--deadline", "2027-01-01"]) == 3
    assert "RECEPTION-PC" in capsys.readouterr().err
    assert main(["org", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_moving_a_workspace_copies_everything_and_leaves_the_old_folder(
    tmp_path: Path,
) -> None:
    from bidkit.ops.backups import move_workspace
    from bidkit.ops.demo import seed_demo

    old = tmp_path / "Dropbox" / "BidKit"
    with Workspace.open(old) as ws:
        seed_demo(ws, force=False)
        ws.backup("before-import")
        before = sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file())
        new = tmp_path / "local" / "BidKit"
        move_workspace(old, new)
    after = sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file())
    assert [p for p in after if p.name != "bidkit.lock"] == [
        p for p in before if p.name != "bidkit.lock"
    ]
    with Workspace.open(new) as moved:
        from bidkit.ops.organisations import organisation_count

        assert organisation_count(moved) == 3
    assert list((new / "backups").glob("*-before-import.zip"))
    with pytest.raises(Exception, match="synced by Dropbox too"):
        move_workspace(new, tmp_path / "Dropbox" / "again")
