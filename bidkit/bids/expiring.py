"""Evidence that will have expired by the time it matters for a bid.

For the lead organisation and every partner: insurance policies and accreditations that
expire, DBS checks due for renewal, policies due for review, and evidence library items that
expire or are due for review, by the submission deadline or the contract start. Pure: the
operation gathers the dated rows, this decides which to list and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bidkit.profile.values import format_date


@dataclass(frozen=True)
class DatedEvidence:
    """One dated thing a bid relies on."""

    kind: str  # "insurance", "accreditation", "dbs", "policy", "library"
    label: str  # "Public liability insurance", "DBS check: Amina Hussain", ...
    organisation_id: int | None
    organisation_name: str
    on: date
    #: "expires" or "review" (policies and library items are reviewed, not expired).
    event: str = "expires"
    #: The evidence item's id for library items; the profile row's id otherwise.
    record_id: int | None = None
    #: The profile section that holds it ("insurance", "accreditations", "people", "policies").
    section: str = ""


@dataclass(frozen=True)
class ExpiringEvidence:
    item: DatedEvidence
    #: "already" (before today), "deadline" (by the submission deadline), "contract_start".
    by: str

    def describe(self) -> str:
        verb = "expires" if self.item.event == "expires" else "is due for review"
        past = "expired" if self.item.event == "expires" else "was due for review"
        when = format_date(self.item.on)
        if self.by == "already":
            return f"{self.item.label} ({self.item.organisation_name}) {past} on {when}"
        moment = "the submission deadline" if self.by == "deadline" else "the contract starts"
        return (
            f"{self.item.label} ({self.item.organisation_name}) {verb} on {when}, before {moment}"
        )


def expiring_for_bid(
    items: Iterable[DatedEvidence],
    *,
    today: date,
    deadline: date | None,
    contract_start: date | None,
) -> list[ExpiringEvidence]:
    """Items that will have lapsed by the deadline or the contract start, soonest first.

    An item lapsing on the deadline day itself counts: the buyer checks it on that day.
    """
    found = []
    for item in items:
        if item.on < today:
            found.append(ExpiringEvidence(item, "already"))
        elif deadline is not None and item.on <= deadline:
            found.append(ExpiringEvidence(item, "deadline"))
        elif contract_start is not None and item.on <= contract_start:
            found.append(ExpiringEvidence(item, "contract_start"))
    return sorted(found, key=lambda e: (e.item.on, e.item.organisation_name, e.item.label))
