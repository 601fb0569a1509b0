"""One writer per workspace.

The lock is an operating-system lock (`fcntl.flock` / `msvcrt.locking`) on `bidkit.lock`. The
operating system releases it when the holding process ends for any reason, so a lock left by a
crash is recovered automatically: the next BidKit simply gets it. The file also records who holds
it (process id, host, start time, window or command line) so a second BidKit can say so.

The record is cleared when the lock is released. A record still there when the lock is taken
was left by a BidKit that ended without closing (killed, crashed, a power cut): the taker notes
that in `unclean-shutdown.json` beside it, which stays until a full integrity check has passed
(see `bidkit.store.start_checks`).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bidkit.errors import WorkspaceLocked
from bidkit.store.atomic import write_text_atomic

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) a workspace lock."""

    pid: int | None
    host: str
    started: float | None
    kind: str

    def describe(self) -> str:
        if self.pid is None:
            return "another BidKit"
        when = time.strftime("%H:%M on %d %b", time.localtime(self.started)) if self.started else ""
        what = "BidKit window" if self.kind == "window" else "BidKit command"
        where = f" on {self.host}" if self.host and self.host != socket.gethostname() else ""
        since = f", open since {when}" if when else ""
        return f"a {what} (process {self.pid}{where}{since})"


def read_holder(lock_path: Path) -> LockHolder | None:
    """The holder recorded in the lock file, if it is readable."""
    try:
        data: Any = json.loads(lock_path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    started = data.get("started")
    return LockHolder(
        pid=pid if isinstance(pid, int) else None,
        host=str(data.get("host", "")),
        started=float(started) if isinstance(started, int | float) else None,
        kind=str(data.get("kind", "")),
    )


def _other_computer(host: str) -> bool:
    return bool(host) and host.casefold() != socket.gethostname().casefold()


def _elsewhere_message(holder: LockHolder, lock_path: Path) -> str:
    since = (
        time.strftime(" since %H:%M on %d/%m/%Y", time.localtime(holder.started))
        if holder.started
        else ""
    )
    return (
        f"This workspace is open in BidKit on another computer, {holder.host}{since}. Close "
        f"BidKit there and let the folder finish syncing, then try again, or open this "
        f"workspace read-only. If BidKit is certainly not open on {holder.host}, delete "
        f"{lock_path} and try again."
    )


#: Beside the lock file: a BidKit ended without closing; the database needs its full check.
UNCLEAN_MARKER = "unclean-shutdown.json"


def note_unclean_shutdown(marker: Path, holder: LockHolder) -> None:
    """Keep the note that `holder` ended without releasing the lock (best effort: on a full
    disk the BidKit taking the lock still knows, through `WorkspaceLock.left_by`)."""
    if marker.exists():
        return
    record = {"pid": holder.pid, "host": holder.host, "started": holder.started,
              "kind": holder.kind, "noticed": time.time()}  # fmt: skip
    with contextlib.suppress(OSError):
        write_text_atomic(marker, json.dumps(record))


class WorkspaceLock:
    """Hold the workspace's writer lock; use `acquire()` / `release()` or as a context manager."""

    def __init__(self, lock_path: Path, kind: str = "command") -> None:
        self.path = Path(lock_path)
        self.kind = kind
        self._handle: IO[str] | None = None
        #: The BidKit whose record was still in the lock file when this one took it, i.e. one
        #: that ended without closing (None after a clean close).
        self.left_by: LockHolder | None = None

    @property
    def marker(self) -> Path:
        return self.path.parent / UNCLEAN_MARKER

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock or raise `WorkspaceLocked` naming the holder."""
        if self._handle is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
        if not _try_lock(handle):
            handle.close()
            holder = read_holder(self.path)
            who = holder.describe() if holder else "another BidKit"
            raise WorkspaceLocked(
                f"This workspace is already open in {who}. Close it there first, or open this "
                "workspace read-only.",
                holder_pid=holder.pid if holder else None,
            )
        holder = read_holder(self.path)
        if holder is not None and holder.pid is not None and _other_computer(holder.host):
            # The operating system's lock only covers this computer. A record from another
            # one (a synced or shared folder carries it) that was never released means BidKit
            # is open there, or was when it last synced: writing here would fork the data.
            _unlock(handle)
            handle.close()
            raise WorkspaceLocked(_elsewhere_message(holder, self.path), holder_pid=holder.pid)
        if holder is not None and holder.pid is not None:
            self.left_by = holder
            note_unclean_shutdown(self.marker, holder)
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": time.time(),
            "kind": self.kind,
        }
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(record))
            handle.flush()
        except OSError:
            # A full disk must not stop reading the workspace: the lock itself is held, only
            # the note of who holds it is missing (a second BidKit then says "another BidKit").
            pass
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
            handle.flush()
        with contextlib.suppress(OSError):
            _unlock(handle)
        with contextlib.suppress(OSError):  # a note that could not be written on a full disk
            handle.close()

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
