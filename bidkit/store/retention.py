"""Which automatic backups to keep: by age and by why they were taken, never by a bare count.

- taken before deleting something or before a schema upgrade: 90 days;
- daily backups: every one for 30 days, then the newest of each week for a year;
- taken by the user (Back up now): kept until the user removes them;
- any other automatic backup (before an import, a restore, the demo): 30 days;
- and whatever its age, the newest backup is always kept, so a workspace left unused for months
  still has its last copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

PROTECTED_DAYS: Final = 90
DAILY_DAYS: Final = 30
WEEKLY_DAYS: Final = 365
OTHER_DAYS: Final = 30
DAILY: Final = "daily"
MANUAL: Final = "manual"


@dataclass(frozen=True)
class Dated:
    path: Path
    created: datetime
    reason: str


def reason_class(reason: str) -> str:
    """'protected', 'daily', 'manual' or 'other'."""
    if reason.startswith(("before-delete", "before-upgrade", "before-migration", "before-erase")):
        return "protected"
    if reason == DAILY:
        return "daily"
    if reason == MANUAL:
        return "manual"
    return "other"


def backups_to_remove(backups: Sequence[Dated], now: datetime) -> list[Path]:
    """The backups the policy above no longer keeps, oldest first."""
    if not backups:
        return []
    newest = max(backups, key=lambda b: b.created)
    weekly_kept: set[tuple[int, int]] = set()
    doomed: list[Path] = []
    for backup in sorted(backups, key=lambda b: b.created, reverse=True):
        if backup is newest:
            continue
        age = now - backup.created
        kind = reason_class(backup.reason)
        if kind == "manual":
            keep = True
        elif kind == "protected":
            keep = age <= timedelta(days=PROTECTED_DAYS)
        elif kind == "daily":
            week = backup.created.isocalendar()[:2]
            if age <= timedelta(days=DAILY_DAYS):
                keep = True
            elif age <= timedelta(days=WEEKLY_DAYS) and week not in weekly_kept:
                keep = True
                weekly_kept.add((week[0], week[1]))
            else:
                keep = False
        else:
            keep = age <= timedelta(days=OTHER_DAYS)
        if not keep:
            doomed.append(backup.path)
    return doomed[::-1]
