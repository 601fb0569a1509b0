"""Values and targets checked at the door, one operation in one transaction, and what a crash
or a full disk leaves behind (issue 10, points 3 to 5)."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from tests.bids.samples import sample
from tests.cli_run import run

BIRMINGHAM = "cf_ocds-b5fd17raw-e15aeca8-e49f-4ec6-82f0-d1392da45bec.json"
BUG = "something went wrong"


@pytest.fixture
def demo(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "demo")[0] == 0
    return workspace_dir


def _dump(root: Path) -> str:
    con = sqlite3.connect(root / "bidkit.sqlite3")
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


@pytest.mark.usefixtures("demo")
def test_an_unknown_organisation_id_is_refused_and_nothing_imported(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _dump(workspace_dir)
    code, _out, err = run(capsys, "notice", "import", str(sample(BIRMINGHAM)), "--org", "999")
    assert code == 3 and "no organisation with id 999" in err and BUG not in err
    assert _dump(workspace_dir) == before


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "deadline", ["9999-12-31T23:59", "0001-01-01", "31/12/2999 12:00", "1900-01-01T12:00Z"]
)
def test_a_deadline_in_an_impossible_year_is_refused(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str], deadline: str
) -> None:
    before = _dump(workspace_dir)
    code, _out, err = run(capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline",
                          deadline)  # fmt: skip
    assert code == 3 and err.count("\n") == 1 and BUG not in err
    assert "outside the years" in err or "4 digits" in err
    assert _dump(workspace_dir) == before
    code, _out, err = run(capsys, "calendar", "export", "-o", str(workspace_dir.parent / "c.ics"))
    assert code == 0, err


@pytest.mark.usefixtures("demo")
def test_calendar_onto_a_folder_or_a_full_disk_is_refused_and_the_old_file_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, err = run(capsys, "calendar", "export", "-o", str(tmp_path))
    assert code == 3 and "is a folder" in err and BUG not in err
    target = tmp_path / "bids.ics"
    assert run(capsys, "calendar", "export", "-o", str(target))[0] == 0
    old = target.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _out, err = run(capsys, "calendar", "export", "-o", str(target))
    monkeypatch.undo()
    assert code == 3 and "is full" in err and "MB free" in err and BUG not in err
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bids.ics", "workspace"]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("site", ["fsync", "replace"])
def test_an_export_failing_at_the_last_step_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, site: str
) -> None:
    target = tmp_path / "bid.docx"
    assert run(capsys, "export", "1", "--format", "docx", "-o", str(target))[0] == 0
    old = target.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, site, fail)
    code, _out, err = run(capsys, "export", "1", "--format", "docx", "-o", str(target))
    monkeypatch.undo()
    assert code == 3 and "cannot write" in err and BUG not in err
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bid.docx", "workspace"]


def test_export_leftovers_from_a_crash_are_removed_at_the_next_start(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    assert run(capsys, "export", "1", "--format", "pdf", "-o", str(exports / "a.pdf"))[0] == 0
    stale = exports / ".a.pdf.bidkit-k3j2h1.tmp"
    fresh = exports / f".b.pdf.bidkit-{os.getppid()}-q9w8e7.tmp"  # its writer is still running
    dead = exports / ".c.pdf.bidkit-999999999-x1.tmp"  # a crashed writer's, however new
    theirs = exports / ".notes.txt.abc123.tmp"  # not BidKit's
    for path in (stale, fresh, dead, theirs):
        path.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(theirs, (old, old))
    assert run(capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline",
               "2027-03-31")[0] == 0  # fmt: skip
    assert not stale.exists() and not dead.exists() and fresh.exists() and theirs.exists()


def test_demo_force_is_one_transaction(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bidkit.ops import questionnaires

    with sqlite3.connect(demo / "bidkit.sqlite3") as con:
        con.execute("UPDATE organisation SET legal_name = 'Edited before the demo' WHERE id = 1")
    before = _dump(demo)
    real = questionnaires.attach_in
    calls = {"n": 0}

    def crash_on_the_third(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("simulated crash while attaching the last questionnaire")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(questionnaires, "attach_in", crash_on_the_third)
    code, _out, _err = run(capsys, "demo", "--force")
    assert code == 1 and calls["n"] == 3
    assert _dump(demo) == before


@pytest.mark.usefixtures("demo")
def test_bid_new_with_a_form_is_one_transaction(
    workspace_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bidkit.ops import bids

    before = _dump(workspace_dir)

    def crash(*args: object, **kwargs: object) -> object:
        raise RuntimeError("simulated crash while pre-filling")

    monkeypatch.setattr(bids, "attach_in", crash)
    code, _out, _err = run(capsys, "bid", "new", "--title", "T", "--buyer", "B", "--deadline",
                           "2027-03-31", "--form", "uk-sq-ppn-03-23")  # fmt: skip
    assert code == 1
    assert _dump(workspace_dir) == before


@pytest.mark.usefixtures("demo")
def test_only_ordinary_files_are_read_and_sizes_are_checked_first(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _dump(workspace_dir)
    pipe = tmp_path / "body.txt"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 2 GB, sparse: costs no disk, but must not be read
        handle.truncate(2 * 1024**3)
    for source, words in ((pipe, "not an ordinary file"), (tmp_path, "is a folder"),
                          (huge, "MB")):  # fmt: skip
        code, _out, err = run(capsys, "evidence", "add", "--title", "T", "--body-file",
                              str(source))  # fmt: skip
        assert code == 3 and words in err and BUG not in err, err
    from bidkit.errors import InputRefused
    from bidkit.ops import evidence
    from bidkit.store.workspace import Workspace

    with Workspace.open(workspace_dir) as ws:
        for source in (pipe, huge, tmp_path):
            with pytest.raises(InputRefused):
                evidence.attach_evidence_file(ws, 1, source)
    assert _dump(workspace_dir) == before


@pytest.mark.usefixtures("demo")
def test_a_logo_the_exports_could_not_use_is_refused_and_a_good_one_kept(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bidkit.errors import InputRefused
    from bidkit.ops.organisations import set_logo
    from bidkit.store.workspace import Workspace
    from tests.hostile.corpus import png
    from tests.profile_factory import tiny_png

    with Workspace.open(workspace_dir) as ws:
        with pytest.raises(InputRefused, match="pixels"):
            set_logo(ws, 1, png(20000, 20000), "big.png")
        with pytest.raises(InputRefused, match="not a PNG or JPEG"):
            set_logo(ws, 1, b"hello", "logo.txt")
        set_logo(ws, 1, tiny_png(), "tiny.png")
    code, _out, err = run(capsys, "export", "1", "--format", "pdf", "-o", str(tmp_path / "a.pdf"))
    assert code == 0, err


@pytest.mark.usefixtures("demo")
def test_an_unreadable_folder_is_refused_not_imported_as_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import bidkit.library.docx_import as docx_import

    folder = tmp_path / "locked"
    folder.mkdir()

    def forbidden(path: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    # The tests run as root, who reads every folder: the refusal is what matters here.
    monkeypatch.setattr(docx_import.os, "scandir", forbidden)
    code, _out, err = run(capsys, "evidence", "import", str(folder))
    assert code == 3 and "cannot read the folder" in err and "Permission denied" in err


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("site", "nth"), [("write", 1), ("fsync", 1), ("fsync", 2), ("replace", 1)]
)  # the document embeds one file: its write, its fsync, the folder's fsync, the rename
def test_a_fault_while_importing_leaves_exactly_the_old_state(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, site: str, nth: int,
) -> None:  # fmt: skip
    """Profile import stores its embedded files, then commits: a disk fault at any of those
    steps is named (exit 3) and leaves the old records and files, never a mix."""
    document = tmp_path / "org.json"
    assert run(capsys, "org", "export", "1", "-o", str(document))[0] == 0
    # Into a second workspace, where its logo and policy documents are not stored yet.
    fresh = tmp_path / "fresh"
    assert run(capsys, "--data-dir", str(fresh), "bid", "list")[0] == 0
    assert run(capsys, "--data-dir", str(fresh), "backup")[0] == 0  # the day's backup is taken
    before = _dump(fresh)
    files_before = sorted(p.name for p in (fresh / "files").rglob("*") if p.is_file())
    calls = {"n": 0}

    def tick() -> None:
        calls["n"] += 1
        if calls["n"] == nth:
            raise OSError(errno.ENOSPC, "No space left on device")

    import bidkit.store.atomic as atomic

    if site == "write":  # the stored file's bytes, written through the file object
        real_fdopen = os.fdopen
        monkeypatch.setattr(
            atomic.os, "fdopen", lambda fd, mode: _FailingFile(real_fdopen(fd, mode), tick)
        )
    else:
        real_call = getattr(os, site)

        def fault(*args: object) -> object:
            tick()
            return real_call(*args)

        monkeypatch.setattr(atomic.os, site, fault)
    code, _out, err = run(capsys, "--data-dir", str(fresh), "org", "import", str(document))
    monkeypatch.undo()
    assert calls["n"] >= nth  # the fault was reached
    assert code == 3 and "full" in err and BUG not in err, err
    assert _dump(fresh) == before
    files_after = sorted(p.name for p in (fresh / "files").rglob("*") if p.is_file())
    # A file stored before the failed commit is harmless (kept by content, used by nothing);
    # no temporary file is left.
    assert set(files_before) <= set(files_after)
    assert not [n for n in files_after if n.endswith(".tmp")]


class _FailingFile:
    """A file object whose writes may fail (the disk filling up mid-file)."""

    def __init__(self, inner: Any, tick: Any) -> None:
        self._inner, self._tick = inner, tick

    def write(self, data: bytes) -> int:
        self._tick()
        return int(self._inner.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()
