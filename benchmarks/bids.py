"""Bids figures: importing 100 tender notices, and the dashboard's data with 500 bids.

Prints one JSON object:
- `notices_100_s`: import 100 notices, one file each (read, check, create the bids);
- `notices_100_one_file_s`: the same 100 notices as one release package;
- `dashboard_500_ms`: median time to compute the dashboard (dates, overdue tasks, statuses,
  expiring evidence, win rate) with 500 bids on the demo workspace;
- `bid_rows_500_ms`: median time to read the bids table's rows.

The notices are variations of the shared samples (../shared/samples): each gets its own ocid,
title and deadline, so every import creates a bid.

    .venv/bin/python benchmarks/bids.py
"""

from __future__ import annotations

import copy
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bidkit.bids.uktime import uk_time
from bidkit.model.bid import Bid, BidTask, KeyDate
from bidkit.ops.bid_overview import bid_rows, dashboard_data
from bidkit.ops.demo import seed_demo
from bidkit.ops.notice_import import import_notice_file
from bidkit.store.workspace import Workspace

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
RUNS = 11


def _releases() -> list[dict[str, Any]]:
    found = []
    for path in sorted(SAMPLES.glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8"))["releases"]
    if not found:
        raise SystemExit(f"no sample notices in {SAMPLES}")
    return found


def _variations(count: int) -> list[dict[str, Any]]:
    base = _releases()
    made = []
    for n in range(count):
        release = copy.deepcopy(base[n % len(base)])
        release["ocid"] = f"{release['ocid']}-bench{n:03d}"
        tender = release.setdefault("tender", {})
        tender["title"] = f"{tender.get('title', 'Notice')} (variation {n})"
        day = date(2026, 1, 1) + timedelta(days=n)
        tender.setdefault("tenderPeriod", {})["endDate"] = f"{day.isoformat()}T12:00:00Z"
        made.append(release)
    return made


def _package(releases: list[dict[str, Any]]) -> str:
    return json.dumps({"version": "1.1", "releases": releases})


def _time_imports(folder: Path) -> tuple[float, float]:
    releases = _variations(100)
    files = []
    for n, release in enumerate(releases):
        path = folder / f"notice-{n:03d}.json"
        path.write_text(_package([release]), encoding="utf-8")
        files.append(path)
    with Workspace.open(folder / "ws-files") as ws:
        start = time.perf_counter()
        for path in files:
            import_notice_file(ws, path)
        per_file = time.perf_counter() - start
    package = folder / "all.json"
    package.write_text(_package(releases), encoding="utf-8")
    with Workspace.open(folder / "ws-package") as ws:
        start = time.perf_counter()
        result = import_notice_file(ws, package)
        one_file = time.perf_counter() - start
        assert len(result.notices) == 100
    return per_file, one_file


def _seed_500(ws: Workspace) -> None:
    seed_demo(ws, force=False)
    rng = random.Random(5)
    today = date.today()
    statuses = ["identified", "go_no_go", "drafting", "in_review", "submitted", "won", "lost"]
    with ws.write() as session:
        own_id = 1
        bids = []
        for n in range(495):
            status = rng.choice(statuses)
            bids.append(
                Bid(
                    title=f"Benchmark bid {n}",
                    buyer=f"Council {n % 40}",
                    status=status,
                    deadline=uk_time(today + timedelta(days=rng.randint(-200, 120)), 12),
                    lead_org_id=own_id,
                    outcome_on=today - timedelta(days=rng.randint(1, 900))
                    if status in {"won", "lost"}
                    else None,
                )
            )
        session.add_all(bids)
        session.flush()
        rows: list[Any] = []
        for bid in bids:
            assert bid.id is not None
            for kind in ("clarification", "contract_start"):
                due = uk_time(today + timedelta(days=rng.randint(-60, 200)), 12)
                rows.append(KeyDate(bid_id=bid.id, kind=kind, due=due))
            for t in range(3):
                rows.append(BidTask(bid_id=bid.id, position=t, title=f"Task {t}",
                                    due=today + timedelta(days=rng.randint(-20, 40))))  # fmt: skip
        session.add_all(rows)


def _median_ms(job: Any) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        job()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        per_file, one_file = _time_imports(folder)
        with Workspace.open(folder / "ws-500") as ws:
            _seed_500(ws)
            now = datetime.now(UTC)
            dashboard = dashboard_data(ws, now=now)
            assert dashboard.bid_count == 500
            dashboard_ms = _median_ms(lambda: dashboard_data(ws, now=now))
            rows_ms = _median_ms(lambda: bid_rows(ws, now=now))
    print(
        json.dumps(
            {
                "name": "bids",
                "notices": 100,
                "notices_100_s": round(per_file, 3),
                "notices_100_one_file_s": round(one_file, 3),
                "bids": 500,
                "dashboard_500_ms": dashboard_ms,
                "bid_rows_500_ms": rows_ms,
                "runs": RUNS,
            }
        )
    )


if __name__ == "__main__":
    main()
