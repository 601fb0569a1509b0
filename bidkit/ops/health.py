"""`bidkit check`: is the workspace sound, do its files agree with its records, and what do
the open bids rely on that has lapsed or gone missing?

It only reads, and it works on a damaged database too (that is when it is wanted): the
integrity check runs on the raw file, and the rest is skipped when the database is damaged.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bidkit.errors import BidKitError
from bidkit.paths import WorkspacePaths
from bidkit.store.backup import BackupListing, integrity_problems, newest_good_backup
from bidkit.store.stored_files_check import FileReport, FileUse, check_stored_files
from bidkit.store.workspace import Workspace


@dataclass(frozen=True)
class BidConcern:
    bid_id: int
    title: str
    expiring: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class HealthReport:
    #: What integrity_check and foreign_key_check found; empty when sound.
    integrity: list[str]
    files: FileReport
    bids: list[BidConcern]
    newest_backup: BackupListing | None

    @property
    def sound(self) -> bool:
        return not self.integrity and self.files.ok

    def as_json(self) -> dict[str, Any]:
        def use(u: FileUse) -> dict[str, Any]:
            return {"sha256": u.sha256, "name": u.name, "table": u.table, "record": u.record_id}

        return {
            "integrity": "ok" if not self.integrity else self.integrity,
            "files": {
                "missing": [use(u) for u in self.files.missing],
                "orphaned": self.files.orphaned,
                "damaged": [use(u) for u in self.files.damaged],
            },
            "bids": [
                {"bid_id": b.bid_id, "title": b.title, "expiring": b.expiring, "missing": b.missing}
                for b in self.bids
            ],
            "newest_backup": str(self.newest_backup.path) if self.newest_backup else None,
        }


def _describe_use(use: FileUse, problem: str) -> str:
    where = {
        "evidence_file": f"library item {use.record_id}",
        "organisation": f"the logo of organisation {use.record_id}",
        "policy_document": f"a policy document of organisation {use.record_id}",
    }[use.table]
    return f"{use.name or use.sha256[:12]} ({where}) is {problem}"


def _bid_file_problems(database: Path, files: FileReport) -> dict[int, list[str]]:
    """Per bid: missing or damaged files of its organisations and of the library items used."""
    problems = [(u, "missing") for u in files.missing] + [(u, "damaged") for u in files.damaged]
    if not problems:
        return {}
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        members: dict[int, set[int]] = defaultdict(set)
        for bid_id, org_id in con.execute("SELECT id, lead_org_id FROM bid"):
            if org_id is not None:
                members[bid_id].add(org_id)
        for bid_id, org_id in con.execute("SELECT bid_id, organisation_id FROM bid_partner"):
            members[bid_id].add(org_id)
        used: dict[int, set[int]] = defaultdict(set)
        for bid_id, item_id in con.execute("SELECT bid_id, evidence_id FROM evidence_usage"):
            used[bid_id].add(item_id)
        bids = [int(r[0]) for r in con.execute("SELECT id FROM bid")]
    finally:
        con.close()
    found: dict[int, list[str]] = defaultdict(list)
    for bid_id in bids:
        for use, problem in problems:
            relies = (
                use.record_id in used[bid_id]
                if use.table == "evidence_file"
                else use.record_id in members[bid_id]
            )
            if relies:
                found[bid_id].append(_describe_use(use, problem))
    return found


def check_workspace(root: Path, *, full: bool = True) -> HealthReport:
    """Check the workspace at `root`; reads only."""
    from bidkit.ops.bid_overview import dashboard_data

    paths = WorkspacePaths(Path(root))
    newest = newest_good_backup(paths.backups)
    if not paths.database.is_file():
        return HealthReport([], FileReport(), [], newest)
    try:
        integrity = integrity_problems(paths.database, quick=not full)
    except sqlite3.DatabaseError as exc:
        integrity = [f"the database cannot be read: {exc}"]
    if integrity:
        return HealthReport(integrity, FileReport(), [], newest)
    files = check_stored_files(paths.database, paths.files)
    concerns: dict[int, BidConcern] = {}
    try:
        with Workspace.open(paths.root, read_only=True) as ws:
            dashboard = dashboard_data(ws)
    except BidKitError as exc:
        return HealthReport([exc.message], files, [], newest)
    for line in dashboard.expiring:
        concern = concerns.setdefault(line.bid_id, BidConcern(line.bid_id, line.bid_title))
        concern.expiring.append(line.expiring.describe())
    titles = _bid_titles(paths.database)
    for bid_id, missing in _bid_file_problems(paths.database, files).items():
        concern = concerns.setdefault(bid_id, BidConcern(bid_id, titles.get(bid_id, "")))
        concern.missing.extend(missing)
    return HealthReport([], files, [concerns[k] for k in sorted(concerns)], newest)


def _bid_titles(database: Path) -> dict[int, str]:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {int(i): str(t) for i, t in con.execute("SELECT id, title FROM bid")}
    finally:
        con.close()


def describe(report: HealthReport) -> str:
    """The report as lines for a person."""
    lines = ["Database: sound." if not report.integrity else "Database: DAMAGED."]
    lines += [f"  {p}" for p in report.integrity[:20]]
    files = report.files
    lines.append(
        f"Stored files: {len(files.missing)} missing, {len(files.damaged)} damaged, "
        f"{len(files.orphaned)} not used by any record."
    )
    lines += [f"  {_describe_use(u, 'missing')}" for u in files.missing[:20]]
    lines += [f"  {_describe_use(u, 'damaged')}" for u in files.damaged[:20]]
    for bid in report.bids:
        lines.append(f"Bid {bid.bid_id} ({bid.title}):")
        lines += [f"  {text}" for text in bid.expiring + bid.missing]
    return "\n".join(lines)


def what_to_do(report: HealthReport) -> str:
    if report.newest_backup is not None:
        from bidkit.ops.backups import show_created

        when = show_created(report.newest_backup.created)
        return (
            f"the workspace has problems (listed above). Restore the newest good backup, taken "
            f"{when}: bidkit restore {report.newest_backup.path}"
        )
    return (
        "the workspace has problems (listed above) and there is no backup yet; re-attach "
        "missing files, or put back a copy of the workspace folder kept elsewhere."
    )
