"""A document export onto a disk that fills up part-way: one clear message, nothing else.

The disk is filled by fault injection at the Nth write to the temporary file (the first, one
in the middle, the last). python-docx leaves its zip writer unclosed when a write fails; when
it was collected it used to print a 7-line "Exception ignored" traceback under the message.
Every unraisable exception is collected here, and stderr must be the one line.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import bidkit.store.atomic as atomic
from bidkit.cli import main

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="finds the document's file through /proc"
)


class _FillingDisk:
    """The temporary file, on a disk with room for `room` more writes (None: no limit)."""

    def __init__(self, inner: Any, room: int | None, counter: list[int]) -> None:
        self._inner, self._room, self._counter = inner, room, counter

    def write(self, data: bytes) -> int:
        self._counter[0] += 1
        if self._room is not None and self._counter[0] > self._room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self._inner.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> _FillingDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()


def _export(
    monkeypatch: pytest.MonkeyPatch, fmt: str, target: Path, room: int | None
) -> tuple[int, int]:
    """Run `bidkit export 1 --format FMT`; returns (exit code, writes attempted)."""
    counter = [0]
    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str) -> Any:
        raw = real_fdopen(fd, mode)
        # Only the document's own temporary file (not the list of export folders).
        if not Path(f"/proc/self/fd/{fd}").readlink().name.startswith(f".{target.name}"):
            return raw
        return _FillingDisk(raw, room, counter)

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "fdopen", fdopen)
        code = main(["export", "1", "--format", fmt, "-o", str(target)])
    return code, counter[0]


@pytest.fixture
def demo(workspace_dir: Path) -> Path:
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    with Workspace.open(workspace_dir) as ws:
        seed_demo(ws, force=False)
    return workspace_dir


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_disk_filling_up_during_an_export_gives_one_message_and_no_traceback(
    demo: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, fmt: str, where: str,
) -> None:  # fmt: skip
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    target = tmp_path / f"bid.{fmt}"
    code, writes = _export(monkeypatch, fmt, target, room=None)
    assert code == 0 and writes >= 1
    old = target.read_bytes()
    capfd.readouterr()
    room = {"first": 0, "middle": writes // 2, "last": writes - 1}[where]
    code, _ = _export(monkeypatch, fmt, target, room=room)
    gc.collect()  # the abandoned writers are collected now, inside the test
    _out, err = capfd.readouterr()
    assert code == 3
    assert err.count("\n") == 1 and "is full" in err and "Exception ignored" not in err, err
    assert unraisable == []
    assert target.read_bytes() == old  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"bid.{fmt}", "workspace"]


def test_an_abandoned_handle_keeps_positions_consistent_and_drops_late_writes(
    tmp_path: Path,
) -> None:
    """What a half-finished zip writer does when collected: seek back, write its directory."""
    import zipfile

    target = tmp_path / "out.zip"
    kept: list[Any] = []
    with pytest.raises(OSError), atomic.atomic_writer(target) as handle:
        archive = zipfile.ZipFile(handle, "w")
        archive.writestr("a.txt", b"x" * 1000)
        kept.append(archive)
        raise OSError(errno.ENOSPC, "No space left on device")
    kept.pop().close()  # no error: the late writes go nowhere
    assert not target.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf", "package", "calendar"])
def test_a_disk_without_room_is_refused_before_writing_with_the_space_needed(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, fmt: str,
) -> None:  # fmt: skip
    """The content is complete before the disk is touched: its size is what is needed."""
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(atomic.shutil, "disk_usage", lambda _p: usage(10**9, 10**9, 2048))
    if fmt == "calendar":
        target = tmp_path / "bids.ics"
        args = ["calendar", "export", "-o", str(target)]
    else:
        target = tmp_path / ("bid-package" if fmt == "package" else f"bid.{fmt}")
        args = ["export", "1", "--format", fmt, "-o", str(target)]
    capsys.readouterr()
    code = main(args)
    err = capsys.readouterr().err
    assert code == 3, err
    assert err.count("\n") == 1 and "is full (it needs " in err and "and has 0.0 MB free" in err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workspace"]
