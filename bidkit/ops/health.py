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
from bidkit.model.enums import CLOSED_STATUSES
from bidkit.paths import WorkspacePaths
from bidkit.store.backup import BackupListing, integrity_problems, newest_good_backup
from bidkit.store.stored_files_check import FileReport, FileUse, check_stored_files, file_uses
from bidkit.store.workspace import Workspace


@dataclass(frozen=True)
class BidConcern:
    bid_id: int
    title: str
    expiring: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


#: Where each kind of stored file is used, and where to attach it again.
_WHERE = {
    "evidence_file": ("library item {id}{title}", "on the Evidence library page"),
    "organisation": ("the logo of organisation {id}{title}", "on the Organisations page"),
    "policy_document": ("a policy of organisation {id}{title}", "on the Organisations page"),
    "partner_document": ("a partner document on bid {id}{title}", "on the bid's Partners tab"),
    "partner_agreement": ("a signed agreement on bid {id}{title}", "on the bid's Partners tab"),
}
_TITLES = {
    "evidence_file": "SELECT id, title FROM evidence_item",
    "organisation": "SELECT id, legal_name FROM organisation",
    "policy_document": "SELECT id, legal_name FROM organisation",
    "partner_document": "SELECT id, title FROM bid",
    "partner_agreement": "SELECT id, title FROM bid",
}


def record_titles(database: Path) -> dict[tuple[str, int], str]:
    """(table naming a stored file, record id) -> the record's title, for naming file uses."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        titles: dict[tuple[str, int], str] = {}
        for table, query in _TITLES.items():
            try:
                rows = con.execute(query).fetchall()
            except sqlite3.OperationalError:  # a database from before that table existed
                continue
            titles.update({(table, int(i)): str(t or "") for i, t in rows})
        return titles
    finally:
        con.close()


@dataclass
class HealthReport:
    #: What integrity_check and foreign_key_check found; empty when sound.
    integrity: list[str]
    files: FileReport
    bids: list[BidConcern]
    newest_backup: BackupListing | None
    #: False when the database could not be read, so the stored files were not compared.
    files_checked: bool = True
    titles: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def sound(self) -> bool:
        return not self.integrity and self.files.ok

    def used_by(self, use: FileUse) -> str:
        title = self.titles.get((use.table, use.record_id), "")
        return _WHERE[use.table][0].format(id=use.record_id, title=f" '{title}'" if title else "")

    def file_problem(self, use: FileUse, problem: str) -> str:
        """One stored file's problem, the record using it and what to do."""
        return (
            f"{use.name or use.sha256[:12]} ({self.used_by(use)}) is {problem}: attach it "
            f"again {_WHERE[use.table][1]}"
        )

    def file_problems(self) -> list[str]:
        return [self.file_problem(u, "missing") for u in self.files.missing] + [
            self.file_problem(u, "damaged") for u in self.files.damaged
        ]

    def as_json(self) -> dict[str, Any]:
        def use(u: FileUse) -> dict[str, Any]:
            return {"sha256": u.sha256, "name": u.name, "table": u.table, "record": u.record_id,
                    "used_by": self.used_by(u)}  # fmt: skip

        return {
            "integrity": "ok" if not self.integrity else self.integrity,
            "files_checked": self.files_checked,
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
            "advice": what_to_do(self, listed=False) if not self.sound else None,
        }


def _bid_file_problems(report: HealthReport, database: Path) -> dict[int, list[str]]:
    """Per open bid: missing or damaged files of its organisations, of the library items it
    uses and of its own partner documents and agreements (won, lost and withdrawn bids are
    finished, so their files are reported once, under stored files, not per bid)."""
    files = report.files
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
        closed = sorted(CLOSED_STATUSES)
        marks = ",".join("?" * len(closed))
        bids = [int(r[0]) for r in con.execute(
            f"SELECT id FROM bid WHERE status NOT IN ({marks})", closed)]  # fmt: skip
    finally:
        con.close()
    found: dict[int, list[str]] = defaultdict(list)
    for bid_id in bids:
        for use, problem in problems:
            if use.table == "evidence_file":
                relies = use.record_id in used[bid_id]
            elif use.table in ("partner_document", "partner_agreement"):
                relies = use.record_id == bid_id
            else:
                relies = use.record_id in members[bid_id]
            if relies:
                found[bid_id].append(report.file_problem(use, problem))
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
        return HealthReport(integrity, FileReport(), [], newest, files_checked=False)
    files = check_stored_files(paths.database, paths.files)
    report = HealthReport([], files, [], newest, titles=record_titles(paths.database))
    concerns: dict[int, BidConcern] = {}
    try:
        with Workspace.open(paths.root, read_only=True) as ws:
            dashboard = dashboard_data(ws)
    except BidKitError as exc:
        report.integrity = [exc.message]
        return report
    for line in dashboard.expiring:
        concern = concerns.setdefault(line.bid_id, BidConcern(line.bid_id, line.bid_title))
        concern.expiring.append(line.expiring.describe())
    titles = _bid_titles(paths.database)
    for bid_id, missing in _bid_file_problems(report, paths.database).items():
        concern = concerns.setdefault(bid_id, BidConcern(bid_id, titles.get(bid_id, "")))
        concern.missing.extend(missing)
    report.bids = [concerns[k] for k in sorted(concerns)]
    return report


@dataclass(frozen=True)
class MissingFile:
    """A stored file a record names that is not in the files folder, for the dashboard."""

    text: str
    table: str
    record_id: int


def missing_stored_files(ws: Workspace) -> list[MissingFile]:
    """The stored files the records name that are gone from the files folder. A quick look
    (one `stat` per file, no hashing) the dashboard can afford on every refresh; `bidkit
    check` hashes every file and finds damaged ones too. Reads only."""
    con = sqlite3.connect(f"file:{ws.paths.database}?mode=ro", uri=True)
    try:
        uses = file_uses(con)
    finally:
        con.close()
    gone = [u for u in uses if not (ws.paths.files / u.sha256[:2] / u.sha256).is_file()]
    if not gone:
        return []
    report = HealthReport([], FileReport(missing=gone), [], None,
                          titles=record_titles(ws.paths.database))  # fmt: skip
    return [MissingFile(report.file_problem(u, "missing"), u.table, u.record_id) for u in gone]


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
    if not report.files_checked:
        lines.append("Stored files: not checked (the database could not be read).")
    else:
        lines.append(
            f"Stored files: {len(files.missing)} missing, {len(files.damaged)} damaged, "
            f"{len(files.orphaned)} not used by any record (harmless)."
        )
        lines += [f"  {text}" for text in report.file_problems()[:40]]
    for bid in report.bids:
        lines.append(f"Bid {bid.bid_id} ({bid.title}):")
        lines += [f"  {text}" for text in bid.expiring + bid.missing]
    return "\n".join(lines)


def what_to_do(report: HealthReport, *, listed: bool = True) -> str:
    """What to do about the problems found, per kind: a damaged database is restored from a
    backup; a missing or damaged stored file is attached again (a restore would throw away
    the work done since). `listed`: the report was printed above (not with --json)."""
    above = " (listed above)" if listed else ""
    if report.integrity:
        if report.newest_backup is not None:
            from bidkit.ops.backups import show_created

            when = show_created(report.newest_backup.created)
            return (
                f"the workspace database is damaged{above}. Restore the newest good backup, "
                f"taken {when}: bidkit restore {report.newest_backup.path}"
            )
        return (
            f"the workspace database is damaged{above} and there is no backup yet; put back a "
            "copy of the workspace folder kept elsewhere."
        )
    problems = report.file_problems()
    count = len(problems)
    files = "stored file is" if count == 1 else "stored files are"
    if listed:
        each = "it" if count == 1 else "each"
        return (
            f"{count} {files} missing or damaged (listed above): attach {each} again where its "
            "record is; the rest of the workspace is sound, so there is no need to restore."
        )
    named = "; ".join(problems[:5]) + (f"; and {count - 5} more" if count > 5 else "")
    return f"{count} {files} missing or damaged: {named}."
