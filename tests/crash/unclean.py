"""Helpers for the unclean-shutdown tests: a writer killed mid-session, and damage that only
the full integrity check finds (an index entry pointing at the wrong row)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

_WRITER = """
import sys
from pathlib import Path
from bidkit.store.workspace import Workspace

ws = Workspace.open(Path(sys.argv[1]), kind=sys.argv[2])
print("open", flush=True)
sys.stdin.read()
"""


def kill_a_writer(root: Path, kind: str = "window") -> int:
    """Open the workspace for writing in a child process and SIGKILL it; returns its pid."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(root), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    return child.pid


def _varint(data: bytes | bytearray, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, bytes used)."""
    value = 0
    for used in range(1, 9):
        byte = data[at + used - 1]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, used
    return (value << 8) | data[at + 8], 9


def _checks(database: Path) -> tuple[list[str], list[str]]:
    con = sqlite3.connect(database)
    try:
        quick = [r[0] for r in con.execute("PRAGMA quick_check")]
        full = [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()
    return quick, full


def break_an_index_entry(database: Path) -> str:
    """Point one index entry at another row, in the file itself; returns the index's name.

    The b-trees stay well-formed, so `quick_check` (which does not compare indexes with their
    tables) says ok; `integrity_check` reports the row missing from the index.
    """
    con = sqlite3.connect(database)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        indexes = con.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 0 "
            "ORDER BY name"
        ).fetchall()
    finally:
        con.close()
    original = database.read_bytes()
    for name, root in indexes:
        data = bytearray(original)
        start = (root - 1) * page_size
        header = start + (100 if root == 1 else 0)
        if data[header] != 0x0A:  # a leaf index page (small indexes are one page)
            continue
        cells = int.from_bytes(data[header + 3 : header + 5], "big")
        if cells < 3:
            continue
        cell = start + int.from_bytes(data[header + 8 + 2 : header + 10 + 2], "big")
        size, used = _varint(data, cell)
        payload = cell + used
        header_size, used = _varint(data, payload)
        at, types = payload + used, []
        while at < payload + header_size:
            serial, used = _varint(data, at)
            types.append(serial)
            at += used
        if not types or types[-1] != 1 or size > page_size // 4:
            continue  # the row id is not a one-byte integer here
        rowid_at = payload + size - 1
        data[rowid_at] = (data[rowid_at] + 90) % 128 or 1
        database.write_bytes(bytes(data))
        quick, full = _checks(database)
        if quick == ["ok"] and full != ["ok"]:
            return str(name)
        database.write_bytes(original)
    raise AssertionError("no index small enough to break in this database")
