"""Files BidKit writes where the user chose (exports, calendars, profile documents, copies).

- The target is checked first: a folder, a missing folder or a device is refused plainly.
- Errors while writing are named: a full disk says how much room there is, a read-only or
  forbidden folder says so; the old file is left as it was (writes are atomic).
- While writing, the temporary file lives beside the target as `.NAME.bidkit-XXXX.tmp`. The
  folders written to are remembered in the workspace (`export-folders.json`), so the next start
  removes any such file a crash left behind there.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import shutil
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from bidkit.errors import DiskFull, InputRefused
from bidkit.store.atomic import TEMP_MARK, write_text_atomic

log = logging.getLogger(__name__)

REGISTRY: Final = "export-folders.json"
MAX_FOLDERS: Final = 50
#: A temporary file whose writer is still running, and younger than this, may belong to an
#: export in progress in another process (exports only read, so they run beside a window).
STALE_SECONDS: Final = 600
_WRITER = re.compile(re.escape(TEMP_MARK) + r"(\d+)-")


def _writer_gone(name: str) -> bool:
    """Whether the process that wrote a temporary file has ended (unknown: False)."""
    match = _WRITER.search(name)
    if match is None:
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def check_output_path(target: Path, what: str) -> None:
    """Refuse a target that cannot be a file the user keeps, before any work is done."""
    target = Path(target)
    if target.is_dir():
        raise InputRefused(
            f"BidKit cannot write {target}: it is a folder. Give a file name for the {what}."
        )
    if not target.parent.is_dir():
        raise InputRefused(
            f"BidKit cannot write {target}: the folder {target.parent} does not exist. Create "
            f"it first, or choose another place to save the {what}."
        )
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(target.stat().st_mode):
            raise InputRefused(
                f"BidKit cannot write {target}: it is not an ordinary file; choose another name."
            )


def _remember(workspace_root: Path, folder: Path) -> None:
    registry = workspace_root / REGISTRY
    try:
        known = json.loads(registry.read_text(encoding="utf-8"))
        folders = [str(f) for f in known if isinstance(f, str)] if isinstance(known, list) else []
    except (OSError, ValueError):
        folders = []
    entry = str(folder.resolve())
    if folders and folders[0] == entry:
        return
    folders = [entry, *[f for f in folders if f != entry][: MAX_FOLDERS - 1]]
    with contextlib.suppress(OSError):
        write_text_atomic(registry, json.dumps(folders, indent=1))


@contextlib.contextmanager
def writing_output(target: Path, what: str, workspace_root: Path | None = None) -> Iterator[None]:
    """Write `target` inside the block; OS errors become plain refusals naming the cause."""
    target = Path(target)
    if workspace_root is not None:
        _remember(workspace_root, target.parent)
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise DiskFull(_no_room_message(target, what, exc)) from exc
        reason = exc.strerror or str(exc)
        raise InputRefused(
            f"BidKit cannot write {target}: {reason}. Choose a file name in a folder you can "
            f"save to; any earlier file of that name is unchanged."
        ) from exc


def save_copy(data: bytes, target: Path, what: str, workspace_root: Path) -> Path:
    """Write `data` where the user chose (a copy of a stored file), atomically, with the same
    checks and plain messages as every export."""
    from bidkit.store.atomic import write_bytes_atomic

    target = Path(target)
    check_output_path(target, what)
    with writing_output(target, what, workspace_root):
        write_bytes_atomic(target, data)
    return target


def _no_room_message(target: Path, what: str, exc: OSError) -> str:
    from bidkit.store.atomic import NoRoomOnDisk

    if isinstance(exc, NoRoomOnDisk):
        needed, free = exc.needed, exc.free
    else:
        needed = None
        try:
            free = shutil.disk_usage(target.parent).free
        except OSError:
            free = 0
    room = f"{free / 1048576:.1f} MB free"
    if needed is not None:
        room = f"it needs {max(needed / 1048576, 0.1):.1f} MB and has {room}"
    return (
        f"The disk that holds {target.parent} is full ({room}), so BidKit could not save the "
        f"{what}. Free some space or choose another drive; any earlier file of that name is "
        "unchanged."
    )


def remove_export_leftovers(workspace_root: Path, now: float | None = None) -> int:
    """Delete BidKit's own stale temporary files in the folders it exported to."""
    now = time.time() if now is None else now
    try:
        folders = json.loads((workspace_root / REGISTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    removed = 0
    for folder in folders if isinstance(folders, list) else []:
        if not isinstance(folder, str):
            continue
        with contextlib.suppress(OSError):
            for path in Path(folder).glob(f".*{TEMP_MARK}*.tmp"):
                stale = now - path.stat().st_mtime > STALE_SECONDS
                if path.is_file() and (stale or _writer_gone(path.name)):
                    path.unlink()
                    removed += 1
    if removed:
        log.info("removed %d temporary export files left by an interrupted run", removed)
    return removed
