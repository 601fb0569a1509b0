"""The dashboard's read, and the bid dates and expiring evidence it shares with other views.

Written against a plain `sqlite3` connection and importing nothing of SQLAlchemy or SQLModel,
so that the window can fill its dashboard from the workspace database while those libraries
are still loading (`first_look`). It is the only dashboard read: once the workspace is open,
`bid_overview.dashboard_data` runs the same `read_dashboard` on the session's own connection,
and the bid page and the reminders use `due_dates` and `expiring_evidence` from here too.

Values come back as the table classes give them: timestamps (stored as ISO 8601 text in UTC)
as aware datetimes in UTC, days as `date`, flags as `bool`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from bidkit.bids.expiring import DatedEvidence, ExpiringEvidence, expiring_for_bid
from bidkit.bids.reminders import DueDate, Reminder, due_within, reminders_due
from bidkit.bids.uktime import UK
from bidkit.bids.win_rate import WinRate, win_rates
from bidkit.model.enums import (
    CLOSED_STATUSES,
    BidStatus,
    InsuranceType,
    KeyDateKind,
    PolicyType,
)
from bidkit.paths import WorkspacePaths

DEADLINE = "deadline"
DEADLINE_LABEL = "Submission deadline"
#: SQLite's limit on bound parameters is far above this; chunks keep each IN list modest.
_CHUNK = 500


def label_of(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def status_label(status: str) -> str:
    return label_of(BidStatus, status)


def kind_label(kind: str, label: str = "") -> str:
    if kind == DEADLINE:
        return DEADLINE_LABEL
    if kind == str(KeyDateKind.CUSTOM):
        return label or "Other date"
    return label_of(KeyDateKind, kind)


def uk_day(moment: datetime) -> date:
    return moment.astimezone(UK).date()


def utc_moment(value: Any) -> datetime | None:
    """A stored timestamp (ISO 8601 text) as an aware datetime in UTC."""
    return None if value is None else datetime.fromisoformat(str(value)).astimezone(UTC)


def day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


# -- what the reads need of a bid and its dates (table rows or the plain rows below) -----------
class BidDates(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def deadline(self) -> datetime | None: ...
    @property
    def deadline_all_day(self) -> bool: ...
    @property
    def lead_org_id(self) -> int | None: ...

    @property
    def notice_record(self) -> bool: ...


class DateRow(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def bid_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def due(self) -> datetime | None: ...
    @property
    def all_day(self) -> bool: ...


@dataclass(frozen=True)
class BidFacts:
    id: int
    title: str
    status: str
    deadline: datetime | None
    deadline_all_day: bool
    lead_org_id: int | None
    outcome_on: date | None
    notice_record: bool


@dataclass(frozen=True)
class KeyDateFacts:
    id: int
    bid_id: int
    kind: str
    label: str
    due: datetime | None
    all_day: bool


def read_bids(db: sqlite3.Connection) -> list[BidFacts]:
    rows = db.execute(
        "SELECT id, title, status, deadline, deadline_all_day, lead_org_id, outcome_on, "
        "notice_record FROM bid ORDER BY id"
    )
    return [
        BidFacts(i, t or "", s, utc_moment(d), bool(a), lead, day(o), bool(record))
        for i, t, s, d, a, lead, o, record in rows
    ]


def read_key_dates(db: sqlite3.Connection) -> dict[int, list[KeyDateFacts]]:
    grouped: dict[int, list[KeyDateFacts]] = defaultdict(list)
    for i, bid_id, kind, label, due, all_day in db.execute(
        "SELECT id, bid_id, kind, label, due, all_day FROM key_date ORDER BY id"
    ):
        grouped[bid_id].append(
            KeyDateFacts(i, bid_id, kind, label or "", utc_moment(due), bool(all_day))
        )
    return grouped


def due_dates(bids: Iterable[BidDates], dates: Mapping[int, Sequence[DateRow]]) -> list[DueDate]:
    """Every date of the open bids among `bids` (a submitted bid's deadline and
    clarifications are done)."""
    found = []
    for bid in bids:
        if bid.id is None or bid.status in CLOSED_STATUSES or bid.notice_record:
            continue  # a record of a past or planned notice has no dates to keep
        submitted = bid.status == str(BidStatus.SUBMITTED)
        if bid.deadline is not None and not submitted:
            found.append(DueDate(bid.id, DEADLINE, DEADLINE_LABEL, bid.title, bid.deadline,
                                 bid.deadline_all_day))  # fmt: skip
        for row in dates.get(bid.id, []):
            if row.due is None:
                continue
            if submitted and row.kind in (
                str(KeyDateKind.CLARIFICATION),
                str(KeyDateKind.EXPRESSION_OF_INTEREST),
            ):
                continue
            found.append(DueDate(bid.id, row.kind, kind_label(row.kind, row.label), bid.title,
                                 row.due, row.all_day, row.id))  # fmt: skip
    return found


# -- expiring evidence -----------------------------------------------------------------------
def _chunks(ids: Sequence[int]) -> Iterable[tuple[str, Sequence[int]]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        yield ",".join("?" * len(chunk)), chunk


def _org_names(db: sqlite3.Connection) -> dict[int, str]:
    return dict(db.execute("SELECT id, legal_name FROM organisation"))


#: The dated rows of a profile: (kind, table, label column, date column, event, section).
_PROFILE_DATES = (
    ("insurance", "insurance_policy", "insurance_type", "expires_on", "expires", "insurance"),
    ("accreditation", "accreditation", "name", "expires_on", "expires", "accreditations"),
    ("dbs", "key_person", "name", "dbs_renewal_due", "expires", "people"),
    ("policy", "policy_document", "title, policy_type", "next_review", "review", "policies"),
)


def _profile_label(kind: str, values: Sequence[Any]) -> str:
    if kind == "insurance":
        return label_of(InsuranceType, values[0]) + " insurance"
    if kind == "accreditation":
        return values[0] or "Accreditation"
    if kind == "dbs":
        return f"DBS check: {values[0]}"
    return values[0] or label_of(PolicyType, values[1])


def _library_dates(item_id: int, title: str, expires: Any, review: Any) -> tuple[Any, ...] | None:
    if expires is not None:
        return ("library", title, day(expires), "expires", item_id)
    if review is not None:
        return ("library", title, day(review), "review", item_id)
    return None


def _dated_evidence(db: sqlite3.Connection, org_ids: set[int]) -> dict[int, list[DatedEvidence]]:
    """Dated rows of the given organisations' profiles and library items, by organisation."""
    names = _org_names(db)
    found: dict[int, list[DatedEvidence]] = defaultdict(list)
    for marks, chunk in _chunks(sorted(org_ids)):
        for kind, table, label, column, event, section in _PROFILE_DATES:
            for row in db.execute(
                f"SELECT id, organisation_id, {column}, {label} FROM {table} "
                f"WHERE organisation_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                row_id, org, on, *values = row
                if on is not None:
                    found[org].append(DatedEvidence(kind, _profile_label(kind, values), org,
                                                    names.get(org, "Library"), day(on) or date.min,
                                                    event, row_id, section))  # fmt: skip
        for item_id, org, title, expires, review in db.execute(
            "SELECT id, organisation_id, title, expires_on, review_on FROM evidence_item "
            f"WHERE organisation_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            dated = _library_dates(item_id, title, expires, review)
            if dated is not None:
                kind, label, on, event, record = dated
                found[org].append(DatedEvidence(kind, label, org, names.get(org, "Library"), on,
                                                event, record, ""))  # fmt: skip
    return found


def _used_library(db: sqlite3.Connection, bid_ids: Sequence[int]) -> dict[int, list[DatedEvidence]]:
    """Dated library items not belonging to an organisation, used in each bid."""
    used: dict[int, list[DatedEvidence]] = defaultdict(list)
    for marks, chunk in _chunks(bid_ids):
        for bid_id, item_id, title, expires, review in db.execute(
            "SELECT u.bid_id, i.id, i.title, i.expires_on, i.review_on FROM evidence_usage u "
            f"JOIN evidence_item i ON i.id = u.evidence_id WHERE u.bid_id IN ({marks}) "
            "AND i.organisation_id IS NULL ORDER BY u.id",
            chunk,
        ):
            dated = _library_dates(item_id, title, expires, review)
            if dated is not None:
                kind, label, on, event, record = dated
                used[bid_id].append(DatedEvidence(kind, label, None, "Library", on, event,
                                                  record, ""))  # fmt: skip
    return used


def expiring_evidence(
    db: sqlite3.Connection,
    bids: Sequence[BidDates],
    dates: Mapping[int, Sequence[DateRow]],
    today: date,
) -> dict[int, list[ExpiringEvidence]]:
    """Per bid: what will have lapsed by its deadline or contract start."""
    members: dict[int, set[int]] = defaultdict(set)
    for bid in bids:
        if bid.id is not None and bid.lead_org_id is not None:
            members[bid.id].add(bid.lead_org_id)
    bid_ids = [b.id for b in bids if b.id is not None]
    for marks, chunk in _chunks(bid_ids):
        for bid_id, org_id in db.execute(
            f"SELECT bid_id, organisation_id FROM bid_partner WHERE bid_id IN ({marks})", chunk
        ):
            members[bid_id].add(org_id)
    dated = _dated_evidence(db, set().union(*members.values()) if members else set())
    used = _used_library(db, bid_ids)
    result: dict[int, list[ExpiringEvidence]] = {}
    for bid in bids:
        if bid.id is None:
            continue
        items = [i for org in members.get(bid.id, set()) for i in dated.get(org, [])]
        items += used.get(bid.id, [])
        start_date = next(
            (uk_day(d.due) for d in dates.get(bid.id, [])
             if d.kind == str(KeyDateKind.CONTRACT_START) and d.due is not None),
            None,
        )  # fmt: skip
        found = expiring_for_bid(
            items,
            today=today,
            deadline=uk_day(bid.deadline) if bid.deadline else None,
            contract_start=start_date,
        )
        if found:
            result[bid.id] = found
    return result


# -- the dashboard ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TaskLine:
    task_id: int
    bid_id: int
    bid_title: str
    title: str
    owner: str
    due: date


@dataclass(frozen=True)
class ExpiringLine:
    bid_id: int
    bid_title: str
    expiring: ExpiringEvidence


@dataclass(frozen=True)
class Dashboard:
    deadlines: list[DueDate]
    overdue_tasks: list[TaskLine]
    by_status: list[tuple[str, str, int]]  # (status, label, count)
    expiring: list[ExpiringLine]
    win_rates: list[WinRate]
    reminders: list[Reminder]
    bid_count: int


def read_dashboard(
    db: sqlite3.Connection,
    reminder_days: Sequence[int],
    *,
    now: datetime | None = None,
    weeks: int = 4,
) -> Dashboard:
    """What the dashboard shows: dates of the coming weeks, overdue tasks, bids by status,
    expiring evidence on open bids, and the win rate."""
    now = now or datetime.now(UTC)
    today = uk_day(now)
    bids = read_bids(db)
    dates: Mapping[int, Sequence[DateRow]] = dict(read_key_dates(db))
    open_bids = [b for b in bids if b.status not in CLOSED_STATUSES]
    due = due_dates(open_bids, dates)
    titles = {b.id: b.title for b in bids}
    open_ids = {b.id for b in open_bids}
    overdue = sorted(
        (TaskLine(task_id, bid_id, titles.get(bid_id, ""), title or "", owner or "", due_on)
         for task_id, bid_id, title, owner, due_on in (
             (r[0], r[1], r[2], r[3], day(r[4])) for r in db.execute(
                 "SELECT id, bid_id, title, owner, due FROM bid_task "
                 "WHERE done = 0 AND due IS NOT NULL AND due < ?", (today.isoformat(),)))
         if due_on is not None and bid_id in open_ids),
        key=lambda t: (t.due, t.bid_id, t.task_id),
    )  # fmt: skip
    live = [b for b in open_bids if b.status != str(BidStatus.SUBMITTED)]
    expiring = expiring_evidence(db, live, dates, today)
    counts: dict[str, int] = defaultdict(int)
    for bid in bids:
        counts[bid.status] += 1
    by_status = [(str(s), s.label, counts[str(s)]) for s in BidStatus if counts[str(s)]]
    outcomes = [
        (b.outcome_on, b.status == str(BidStatus.WON))
        for b in bids
        if b.status in {str(BidStatus.WON), str(BidStatus.LOST)}
    ]
    lines = [
        ExpiringLine(bid_id, titles.get(bid_id, ""), e)
        for bid_id, found in expiring.items()
        for e in found
    ]
    lines.sort(key=lambda line: (line.expiring.item.on, line.bid_id))
    return Dashboard(
        deadlines=due_within(due, now, weeks * 7),
        overdue_tasks=overdue,
        by_status=by_status,
        expiring=lines,
        win_rates=win_rates(outcomes, today),
        reminders=reminders_due(due, now, reminder_days),
        bid_count=len(bids),
    )


@dataclass(frozen=True)
class FirstLook:
    """What the window shows before the workspace is fully open."""

    organisation_count: int
    dashboard: Dashboard


def first_look(paths: WorkspacePaths) -> FirstLook | None:
    """The dashboard of an up-to-date workspace, read-only with plain sqlite3, changing nothing.

    None when the database is missing or needs creating or upgrading, or when it or the
    settings cannot be read now: opening the workspace properly then creates, upgrades or
    explains.
    """
    from bidkit.config import SETTINGS_UNREADABLE, read_settings
    from bidkit.errors import BidKitError
    from bidkit.store.schema import HEAD_REVISION, current_revision

    try:
        reminder_days = read_settings(paths.settings).reminder_days
        if current_revision(paths.database) != HEAD_REVISION:
            return None
        db = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True, timeout=5)
    except (*SETTINGS_UNREADABLE, BidKitError, sqlite3.Error):
        return None
    try:
        db.execute("PRAGMA query_only = ON")
        db.execute("BEGIN")  # one snapshot for the whole read
        count = db.execute("SELECT count(*) FROM organisation").fetchone()[0]
        return FirstLook(int(count), read_dashboard(db, reminder_days))
    except sqlite3.Error:
        return None
    finally:
        db.close()
