"""Is the workspace somewhere a live database is not safe?

A folder kept in step by a sync client (OneDrive, Dropbox, Google Drive, iCloud Drive...) may
upload a database between its writes and bring back an older copy or a "conflicted copy", and
file locks do not cross computers; a network share adds locking SQLite cannot rely on. BidKit
still opens such a workspace, but says so and offers to move it to a local folder.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath
from typing import Final

#: Folder names (compared without case) that sync clients create, and who syncs them.
SYNCED_FOLDERS: Final = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("iclouddrive", "iCloud Drive"),
    ("icloud", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("com~apple~clouddocs", "iCloud Drive"),
    ("cloudstorage", "a cloud storage service"),
    ("box sync", "Box"),
    ("pcloud", "pCloud"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
    ("megasync", "MEGA"),
    ("sync.com", "Sync.com"),
)
#: File system types that live on another computer.
NETWORK_FILESYSTEMS: Final = frozenset(
    "nfs nfs4 cifs smbfs smb3 sshfs fuse.sshfs afpfs davfs fuse.davfs2 fuse.rclone 9p "
    "ncpfs coda afs glusterfs ceph fuse.gvfsd-fuse".split()
)


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) on Linux; empty elsewhere or when unreadable."""
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((fields[1].replace("\\040", " "), fields[2]))
    return mounts


def _windows_drive_is_remote(path: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = PureWindowsPath(path).drive
    if not drive:
        return False
    return int(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")) == 4  # type: ignore[attr-defined]


def risky_location(
    folder: Path | str,
    *,
    mounts: Iterable[tuple[str, str]] | None = None,
    windows: bool | None = None,
) -> str | None:
    """Why `folder` is a risky place for a workspace ("a folder synced by OneDrive"), or None.

    `mounts` and `windows` are for tests; by default they describe this computer.
    """
    text = str(folder)
    windows = sys.platform == "win32" if windows is None else windows
    lowered = text.replace("\\", "/").casefold()
    if lowered.startswith("//wsl.localhost/") or lowered.startswith("//wsl$/"):
        return "a folder inside WSL reached over the network (\\\\wsl.localhost)"
    if text.startswith(("\\\\", "//")):
        return "a network share (\\\\server\\share)"
    parts = [p for p in lowered.split("/") if p]
    for part in parts:
        for marker, who in SYNCED_FOLDERS:
            if part == marker or part.startswith((marker + " ", marker + "-", marker + "_")):
                return f"a folder synced by {who}"
    if windows:
        if _windows_drive_is_remote(text):  # pragma: no cover - Windows only
            return "a network drive"
        return None
    best = ("", "")
    for point, kind in _mounts() if mounts is None else mounts:
        inside = lowered == point.casefold() or lowered.startswith(
            point.casefold().rstrip("/") + "/"
        )
        if inside and len(point) > len(best[0]):
            best = (point, kind)
    if best[1] in NETWORK_FILESYSTEMS:
        return f"a network drive ({best[1]})"
    return None


def location_warning(folder: Path) -> str | None:
    """The warning to show for a workspace at `folder`, or None for a safe local folder."""
    why = risky_location(folder)
    if why is None:
        return None
    return (
        f"This workspace is in {why}: {folder}. A sync or network copy can bring back an older "
        "database or split it into conflicting copies, and locks do not reach other "
        "computers. Move it to a folder on this computer (File > Move workspace to a safe "
        "folder…); keep copies elsewhere with backups instead."
    )
