"""Backup and restore figures: the demo workspace grown to 20,000 evidence items.

Prints one JSON object. The demo is seeded into a temporary workspace, grown to `ITEMS`
evidence items (about 150 words each, as in `library.py`) and given `FILES` stored files of
100 KB (random bytes: incompressible, like the PDFs and images users attach). Then, `RUNS`
times each:

- `backup_s`: `Workspace.backup` (SQLite backup API, zip with every stored file and a SHA-256
  manifest, read back in full and checked: hashes, `integrity_check` and row counts);
- `restore_s`: `bidkit.ops.backups.restore_backup` of that backup (checked completely, the
  current state backed up first, then swapped in);
- `baseline_s`: the raw libraries only: `sqlite3.Connection.backup` to a file plus
  `shutil.copytree` of the files folder, no checks.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = int(os.environ.get("BIDKIT_BENCH_ITEMS", "20000"))
FILES = int(os.environ.get("BIDKIT_BENCH_FILES", "100"))
RUNS = int(os.environ.get("BIDKIT_BENCH_RUNS", "3"))


def main() -> None:
    from benchmarks.library import generate_items
    from bidkit.ops.backups import restore_backup
    from bidkit.ops.demo import seed_demo
    from bidkit.store.workspace import Workspace

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "workspace"
        with Workspace.open(root) as ws:
            seed_demo(ws, force=False)
            with ws.session() as session:
                from sqlmodel import func, select

                from bidkit.model.evidence import EvidenceItem

                present = session.exec(select(func.count()).select_from(EvidenceItem)).one()
            generate_items(ws, ITEMS - present)
            for _ in range(FILES):
                ws.files.add_bytes(os.urandom(100 * 1024))
        database = root / "bidkit.sqlite3"
        backup_times, restore_times, baseline_times = [], [], []
        size = 0
        for run in range(RUNS):
            start = time.perf_counter()
            raw = Path(folder) / f"raw-{run}"
            raw.mkdir()
            source, dest = sqlite3.connect(database), sqlite3.connect(raw / "copy.sqlite3")
            source.backup(dest)
            dest.close()
            source.close()
            shutil.copytree(root / "files", raw / "files")
            baseline_times.append(time.perf_counter() - start)
            shutil.rmtree(raw)

            with Workspace.open(root) as ws:
                start = time.perf_counter()
                path = ws.backup("manual")
                backup_times.append(time.perf_counter() - start)
                size = path.stat().st_size
            start = time.perf_counter()
            restore_backup(root, path)
            restore_times.append(time.perf_counter() - start)
            for old in (root / "backups").glob("*.zip"):
                old.unlink()
        backup_s = statistics.median(backup_times)
        restore_s = statistics.median(restore_times)
        baseline_s = statistics.median(baseline_times)
        print(
            json.dumps(
                {
                    "name": "backup-restore",
                    "items": ITEMS,
                    "stored_files": FILES + 2,
                    "database_mb": round(database.stat().st_size / 1048576, 1),
                    "backup_mb": round(size / 1048576, 1),
                    "runs": RUNS,
                    "backup_s": round(backup_s, 2),
                    "restore_s": round(restore_s, 2),
                    "baseline_s": round(baseline_s, 2),
                    "backup_ratio": round(backup_s / baseline_s, 1),
                    "restore_ratio": round(restore_s / baseline_s, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
