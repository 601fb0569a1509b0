"""Crash harness (reliability plan R1): SIGKILL a child doing real work, then check.

A forked child performs a random stream of operations (profiles, evidence with attached files,
bids with a questionnaire, notice imports, Word exports, backups, restores, deletes) and
acknowledges each one after it returned. The parent kills it at a random moment, or the child
kills itself at a named point inside a multi-step operation. After each kill the workspace is
opened as the next BidKit would open it, and: every acknowledged change is there, nothing
half-done is visible (no bid without its questionnaire, no record without its stored file),
`integrity_check` is ok, stored files match their records, and no temporary file is left.

200 cycles in the normal suite; `BIDKIT_CRASH_CYCLES=5000` for a longer run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bidkit.store.backup import integrity_problems
from bidkit.store.backup_archive import verify_backup
from bidkit.store.lock import UNCLEAN_MARKER, read_holder
from bidkit.store.stored_files_check import check_stored_files
from bidkit.store.workspace import Workspace
from tests.crash.workload import CRASH_POINTS, child_main

CYCLES = int(os.environ.get("BIDKIT_CRASH_CYCLES", "200"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks (POSIX)")


@dataclass
class Expected:
    """What the acknowledgements so far promise is in the workspace."""

    orgs: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)
    maybe_deleted: set[str] = field(default_factory=set)
    attached: set[str] = field(default_factory=set)
    bids: set[str] = field(default_factory=set)
    exports: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    acknowledged: int = 0
    #: Restarts after which the lock record showed an unclean shutdown (full check run).
    full_checks: int = 0

    def take(self, record: dict[str, Any]) -> None:
        kind = record["kind"]
        assert kind != "error", record["error"]
        self.acknowledged += 1
        if kind == "org":
            self.orgs.add(record["name"])
        elif kind == "evidence":
            self.items.add(record["title"])
        elif kind == "attachment":
            self.attached.add(record["title"])
        elif kind == "bid":
            self.bids.add(record["title"])
        elif kind == "export":
            self.exports.append(record["path"])
        elif kind in ("backup", "restore"):
            self.backups.append(record["path"])
        elif kind == "deleting":
            self.maybe_deleted.add(record["title"])
        elif kind == "deleted":
            self.items.discard(record["title"])
            self.attached.discard(record["title"])
            self.maybe_deleted.discard(record["title"])


def _run_cycle(root: Path, exports: Path, seed: int, point: str, after: int, delay: float) -> bytes:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        child_main(root, exports, seed, write_fd, point, after)
    os.close(write_fd)
    received = b""
    deadline = time.monotonic() + delay
    ended = False
    while (remaining := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                ended = True  # it killed itself at its crash point
                break
            received += chunk
    if not ended:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        received += chunk
    os.close(read_fd)
    return received


def _lines(received: bytes) -> Iterator[dict[str, Any]]:
    for line in received.decode().splitlines():
        if line.strip():
            yield json.loads(line)


def _check(root: Path, exports: Path, expected: Expected, new_backups: list[str]) -> list[str]:
    problems: list[str] = []
    # Open as the next start would: quick check (and the full check after an unclean
    # shutdown, which a kill while the workspace was open is), crash leftovers removed, daily
    # backup.
    holder = read_holder(root / "bidkit.lock")
    if holder is not None and holder.pid is not None:
        expected.full_checks += 1
    Workspace.open(root, start_checks=True).close()
    if (root / UNCLEAN_MARKER).exists():
        problems.append("the unclean-shutdown note outlived a full check that passed")
    database = root / "bidkit.sqlite3"
    problems += [f"integrity: {p}" for p in integrity_problems(database)]
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        orgs = {r[0] for r in con.execute("SELECT legal_name FROM organisation")}
        items = {r[0] for r in con.execute("SELECT title FROM evidence_item")}
        with_files = {
            r[0]
            for r in con.execute(
                "SELECT i.title FROM evidence_item i JOIN evidence_file f ON f.evidence_id = i.id"
            )
        }
        bids_without_form = [
            r[0]
            for r in con.execute(
                "SELECT title FROM bid WHERE title LIKE 'Bid s%' AND id NOT IN "
                "(SELECT bid_id FROM bid_form)"
            )
        ]
        bids = {r[0] for r in con.execute("SELECT title FROM bid")}
    finally:
        con.close()
    problems += [f"lost organisation {o}" for o in expected.orgs - orgs]
    problems += [f"lost item {i}" for i in expected.items - items - expected.maybe_deleted]
    lost_files = expected.attached - with_files - expected.maybe_deleted
    problems += [f"lost attachment of {i}" for i in lost_files]
    problems += [f"lost bid {b}" for b in expected.bids - bids]
    problems += [f"half-done: bid {b} has no questionnaire" for b in bids_without_form]
    report = check_stored_files(database, root / "files")
    problems += [f"stored file missing for {u.name}" for u in report.missing]
    problems += [f"stored file damaged: {u.name}" for u in report.damaged]
    for path in expected.exports:
        try:
            with zipfile.ZipFile(path) as zf:
                if zf.testzip() is not None:
                    problems.append(f"damaged export {path}")
        except (OSError, zipfile.BadZipFile) as exc:
            problems.append(f"lost export {path}: {exc}")
    for path in new_backups:
        try:
            verify_backup(Path(path))
        except Exception as exc:  # any failure is a finding
            problems.append(f"backup {path}: {exc}")
    leftovers = [
        *(p.name for p in (root / "backups").iterdir() if p.name.endswith(".tmp")),
        *(p.name for p in (root / "files").rglob("*.tmp")),
        *(p.name for p in root.glob(".restore-*")),
        *(p.name for p in exports.glob(".*.tmp")),
    ]
    problems += [f"temporary file left: {name}" for name in leftovers]
    return problems


class _Enough(Exception):
    pass


def _warm_up(folder: Path) -> None:
    """Run the workload here once, so every module it needs is imported before forking (a
    child then spends its time working, not importing)."""
    from bidkit.ops.organisations import create_organisation
    from tests.crash.workload import run_workload

    folder.mkdir()
    with Workspace.open(folder / "ws") as ws:
        create_organisation(ws, name="Own organisation", own=True)
    seen: list[dict[str, Any]] = []

    def ack(record: dict[str, Any]) -> None:
        seen.append(record)
        if len(seen) >= 40:
            raise _Enough

    with contextlib.suppress(_Enough):
        run_workload(folder / "ws", folder, 7, ack)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.timeout(max(600, CYCLES * 3))  # about 0.25 s a cycle; a shared machine is slower
def test_nothing_acknowledged_is_lost_and_nothing_half_done_after_sigkill(
    tmp_path: Path,
) -> None:
    from bidkit.ops.organisations import create_organisation

    _warm_up(tmp_path / "warm-up")
    root, exports = tmp_path / "workspace", tmp_path / "exports"
    exports.mkdir()
    with Workspace.open(root) as ws:
        create_organisation(ws, name="Own organisation", own=True)
    rng = random.Random(20261203)
    expected = Expected()
    points_hit: dict[str, int] = dict.fromkeys(CRASH_POINTS, 0)
    findings: list[str] = []
    for cycle in range(CYCLES):
        point = CRASH_POINTS[cycle % len(CRASH_POINTS)] if cycle % 2 == 0 else ""
        received = _run_cycle(
            root, exports, seed=cycle, point=point, after=rng.randint(1, 3),
            delay=rng.uniform(0.01, 0.3),
        )  # fmt: skip
        records = list(_lines(received))
        before = len(expected.backups)
        for record in records:
            expected.take(record)
        if point:
            points_hit[point] += 1
        found = _check(root, exports, expected, expected.backups[before:])
        findings += [f"cycle {cycle} ({point or 'random kill'}): {f}" for f in found]
        # Keep the harness's own disk use small: backups are checked once, when new (the
        # newest stays, so the daily backup is not due at every start).
        for path in sorted((root / "backups").glob("*.zip"))[:-1]:
            path.unlink()
        for path in expected.exports:
            Path(path).unlink(missing_ok=True)
        expected.exports.clear()
        if len(findings) > 20:
            break
    assert not findings, "\n".join(findings)
    assert expected.acknowledged > CYCLES  # the work really happened between the kills
    assert expected.full_checks > CYCLES // 2  # most kills left the lock record behind
    print(
        json.dumps(
            {
                "cycles": CYCLES,
                "acknowledged": expected.acknowledged,
                "lost": 0,
                "full_checks_after_kills": expected.full_checks,
                "crash_points": points_hit,
            }
        )
    )
    shutil.rmtree(root / "backups", ignore_errors=True)
