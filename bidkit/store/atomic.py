"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Write to a temporary file in the same folder, flush and fsync it, then `os.replace` it over the
target and fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    if os.name != "posix":  # Windows cannot open a directory; NTFS journals the rename.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: Marks BidKit's own temporary files (`.NAME.bidkit-PID-XXXX.tmp`, PID the writing process),
#: so a crash's leftovers can be found and removed without touching anyone else's files.
TEMP_MARK = ".bidkit-"


def _new_file_mode() -> int:
    # The umask can only be read by setting it; do it once, at import, before any threads.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_NEW_FILE_MODE = _new_file_mode()


def _set_mode(tmp: Path, target: Path) -> None:
    """Give the new file the old one's permissions, or the usual ones for a new file.

    mkstemp creates files readable by their owner only; a document the user exports should be
    as readable as any other file they save.
    """
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    with contextlib.suppress(OSError):
        tmp.chmod(mode)


#: Written to disk in pieces of this size, so a failing write loses little time.
_CHUNK = 1 << 20


class NoRoomOnDisk(OSError):
    """A file of `needed` bytes does not fit in the `free` bytes left on its disk."""

    def __init__(self, folder: Path, needed: int, free: int) -> None:
        super().__init__(errno.ENOSPC, "No space left on device", str(folder))
        self.needed = needed
        self.free = free


def ensure_room(folder: Path, needed: int) -> None:
    """Refuse before writing when `needed` bytes cannot fit on the disk holding `folder`."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # cannot tell: the write itself will say
    if free < needed:
        raise NoRoomOnDisk(folder, needed, free)


class _WriteHandle:
    """The memory buffer as `atomic_writer` hands it out.

    When the block fails, the handle is abandoned: nothing reaches the disk, and what is
    written to the handle afterwards is dropped. A library that fails half-way through writing
    can leave its own writer behind unclosed (python-docx leaves a `ZipFile`); when that is
    collected it tries to finish the archive, which must neither fail nor print an
    "Exception ignored" traceback below the message the user already has.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._abandoned = False
        # Kept up to date so that, once abandoned, positions still add up for the writer.
        self._position = 0
        self._end = 0

    def abandon(self) -> None:
        self._abandoned = True

    def write(self, data: bytes) -> int:
        written = len(data) if self._abandoned else self._raw.write(data)
        self._position += written
        self._end = max(self._end, self._position)
        return written

    def seek(self, offset: int, whence: int = 0) -> int:
        if not self._abandoned:
            self._position = self._raw.seek(offset, whence)
        else:
            base = {0: 0, 1: self._position, 2: self._end}[whence]
            self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        if not self._abandoned:
            self._raw.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._raw, name)


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[IO[bytes]]:
    """Yield a file object; on normal exit the content replaces `target` in one step.

    What is written is kept in memory until the block ends (documents are a few MB), so the
    size is known before the disk is touched: a disk without room is refused up front with
    the space needed (`NoRoomOnDisk`), and a library is never left half-way through writing.
    On an exception nothing is written and `target` is left untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    handle = _WriteHandle(buffer)
    try:
        yield handle  # type: ignore[misc]
    except BaseException:
        handle.abandon()
        raise
    data = buffer.getbuffer()
    try:
        ensure_room(target.parent, len(data))
        _replace_with(target, data)
    finally:
        data.release()


def _replace_with(target: Path, data: memoryview) -> None:
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}{TEMP_MARK}{os.getpid()}-", suffix=".tmp", dir=target.parent
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            for start in range(0, len(data), _CHUNK):
                raw.write(data[start : start + _CHUNK])
            raw.flush()
            os.fsync(raw.fileno())
        _set_mode(tmp, target)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_writer(target) as handle:
        handle.write(data)


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside `target`; on normal exit it becomes `target`.

    `target` must not exist or be an empty folder (a folder of files is never replaced). Files
    written into the temporary folder should be flushed and fsynced by the writer (see
    `write_bytes_synced`). On an exception the temporary folder and all in it are removed.
    """
    import shutil

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        fsync_dir(tmp)
        with contextlib.suppress(OSError):  # mkdtemp's folder is private; use the usual mode
            tmp.chmod(_NEW_FILE_MODE | (_NEW_FILE_MODE & 0o444) >> 2)
        if target.exists():
            target.rmdir()  # only an empty folder: OSError otherwise, and the temp goes
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_bytes_synced(target: Path, data: bytes) -> None:
    """Write a new file and fsync it (for files inside an `atomic_folder`)."""
    with open(target, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
