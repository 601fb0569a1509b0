"""What kind of notice a release is: a live tender, or a record of a past or future one.

OCDS says it in three places, none complete on its own: the release `tag` (planning, tender,
award, contract... and their updates), the tender's `status` (planned, active, complete,
cancelled...) and the presence of `awards` and `contracts`. Contracts Finder, for one, tags its
award notices "tender" with the status "complete" and an `awards` array. The latest stage any
of them shows wins: a contract beats an award, an award beats a tender, a tender a plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any


class NoticeType(StrEnum):
    #: An advance notice of a future procurement (pipeline, planned procurement, engagement).
    PLANNING = "planning"
    #: An open call for bids.
    TENDER = "tender"
    #: The buyer has chosen a supplier (award and award-update notices).
    AWARD = "award"
    #: A contract has been signed, changed or ended.
    CONTRACT = "contract"
    #: The buyer closed the tender without saying it awarded it.
    CLOSED = "closed"
    #: The procurement was cancelled, withdrawn or ended without a winner.
    CANCELLED = "cancelled"


#: Kinds that are never a live opportunity to bid for.
RECORD_TYPES = frozenset(
    {NoticeType.PLANNING, NoticeType.AWARD, NoticeType.CONTRACT, NoticeType.CLOSED,
     NoticeType.CANCELLED}
)  # fmt: skip

_STAGE_OF_TAG = (
    ("contract", NoticeType.CONTRACT),
    ("implementation", NoticeType.CONTRACT),
    ("award", NoticeType.AWARD),
    ("tender", NoticeType.TENDER),
    ("planning", NoticeType.PLANNING),
)
_ORDER = [NoticeType.PLANNING, NoticeType.TENDER, NoticeType.AWARD, NoticeType.CONTRACT]


def _items(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _from_tags(tags: Iterable[str]) -> tuple[NoticeType | None, bool]:
    """The latest stage the tags name, and whether one of them is a cancellation."""
    found: NoticeType | None = None
    cancelled = False
    for tag in tags:
        lowered = tag.lower()
        cancelled |= "cancellation" in lowered or lowered == "contracttermination"
        for prefix, kind in _STAGE_OF_TAG:
            if lowered.startswith(prefix):
                if found is None or _ORDER.index(kind) > _ORDER.index(found):
                    found = kind
                break
    return found, cancelled


def classify(tags: Iterable[str], release: Mapping[str, Any]) -> NoticeType:
    """The kind of notice a (compiled) release is, from its tags, tender status and awards."""
    raw_tender = release.get("tender")
    tender: Mapping[str, Any] = raw_tender if isinstance(raw_tender, dict) else {}
    status = str(tender.get("status") or "").strip().lower()
    by_tag, cancelled = _from_tags(t for t in tags if isinstance(t, str))
    stages = [by_tag] if by_tag else []
    if _items(release.get("contracts")):
        stages.append(NoticeType.CONTRACT)
    awards = _items(release.get("awards"))
    if any(str(a.get("status") or "").lower() != "cancelled" for a in awards):
        stages.append(NoticeType.AWARD)
    if status in ("planning", "planned"):
        stages.append(NoticeType.PLANNING)
    latest = max(stages, key=_ORDER.index) if stages else NoticeType.TENDER
    if latest is NoticeType.TENDER or (latest is NoticeType.PLANNING and status == "active"):
        if cancelled or status in ("cancelled", "withdrawn", "unsuccessful"):
            return NoticeType.CANCELLED
        if status == "complete":
            return NoticeType.CLOSED
        return NoticeType.TENDER
    return latest


def record_warning(kind: NoticeType, suppliers: Iterable[str] = ()) -> str:
    """Why a notice of this kind is kept as a record, in plain English ("" for a tender)."""
    named = [s for s in suppliers if s]
    winner = f" to {'; '.join(named[:3])}" if named else ""
    calendar = (
        "BidKit keeps it as a record, not a live bid, and leaves its dates out of your calendar."
    )
    if kind is NoticeType.PLANNING:
        return (
            "This is a planning notice: the buyer is announcing a procurement it has not "
            "started yet. BidKit keeps it as a record of a future opportunity, not a live bid, "
            "and leaves its dates out of your calendar; import the tender notice when it is "
            "published."
        )
    if kind is NoticeType.AWARD:
        return f"This is an award notice: the contract has been awarded{winner}. {calendar}"
    if kind is NoticeType.CONTRACT:
        return f"This is a contract notice: the contract has been signed{winner}. {calendar}"
    if kind is NoticeType.CLOSED:
        return f"The buyer has marked this tender complete, so it is closed to bids. {calendar}"
    if kind is NoticeType.CANCELLED:
        return f"The buyer cancelled or withdrew this procurement. {calendar}"
    return ""
