"""An answer is credited to a library item only while it still holds that item's text.

Inserting a library item (`use_library_item`) makes the item the answer's source and records
the use, so the library can say "used in 2 bids". When a later save of the answer no longer
holds the item's text (the writer pressed Ctrl+Z on the insert, or deleted the paragraph),
that credit goes: the use is removed and the answer's provenance goes back to what it would be
without the insert. That is, in order: another library item used in the answer whose text is
still there; what pre-fill finds for the question (the profile, or the library by its tags);
else "typed".

`holds_library_text` is the one test of "still holds the text"; the provenance badge asks it
too, so the chip and the stored credit always agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, col, select

from bidkit.forms.prefill import Computed
from bidkit.model.evidence import EvidenceItem, EvidenceUsage
from bidkit.model.questionnaire import Answer


def _flat(text: str) -> str:
    """White space made single: a one-line answer takes an item's paragraphs joined by spaces."""
    return " ".join(text.split())


def _answer_text(value: Any) -> str:
    """The free text of a stored answer (a yes/no answer's details), "" when it has none."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("details") or "")
    return ""


def holds_library_text(value: Any, used: Any) -> bool:
    """Whether the answer `value` still holds `used`, the library text (or choice) put in it."""
    if isinstance(used, dict) and "evidence_id" in used:
        return isinstance(value, dict) and value.get("evidence_id") == used["evidence_id"]
    if not isinstance(used, str) or not used.strip():
        return False
    return _flat(used) in _flat(_answer_text(value))


def _evidence_id(source_ref: str) -> int | None:
    """The item id in "evidence:<id>@<version>"."""
    if not source_ref.startswith("evidence:"):
        return None
    try:
        return int(source_ref.removeprefix("evidence:").split("@", 1)[0])
    except ValueError:
        return None


def _uses(session: Session, bid_id: int, question_id: str) -> list[EvidenceUsage]:
    """The recorded uses of library items in this question's answers, newest first."""
    statement = (
        select(EvidenceUsage)
        .where(col(EvidenceUsage.bid_id) == bid_id, col(EvidenceUsage.question_id) == question_id)
        .order_by(col(EvidenceUsage.used_at).desc(), col(EvidenceUsage.id).desc())
    )
    return list(session.exec(statement).all())


def _credit(row: Answer, item: EvidenceItem) -> None:
    row.source_kind, row.source_ref = "evidence", f"evidence:{item.id}@{item.version}"
    row.source_label = f"Library: {item.title}"
    row.source_value = json.dumps(item.body, sort_keys=True, ensure_ascii=False)
    row.source_changed = False


def settle_library_credit(
    session: Session, row: Answer, bid_id: int, prefill: Callable[[], Computed | None]
) -> int | None:
    """Drop a library item's credit from `row` (just given a new value) when the value no longer
    holds the item's text; returns the item's id when its use was removed, else None.

    Only an item the writer put in (a recorded use) is dropped: an answer pre-filled from the
    library and then edited keeps showing "Edited (was from library…)", as a pre-filled profile
    answer does. `prefill` works out what pre-fill finds for the answer, when needed.
    """
    evidence_id = _evidence_id(row.source_ref) if row.source_kind == "evidence" else None
    if evidence_id is None:
        return None
    value, used = json.loads(row.value), json.loads(row.source_value)
    if holds_library_text(value, used):
        return None
    uses = _uses(session, bid_id, row.question_id)
    mine = [use for use in uses if use.evidence_id == evidence_id]
    if not mine:
        return None  # pre-filled from the library, not put in by the writer
    session.delete(mine[0])
    for use in uses:
        if use is mine[0]:
            continue
        item = session.get(EvidenceItem, use.evidence_id)
        if item is not None and holds_library_text(value, item.body):
            _credit(row, item)
            return evidence_id
    found = prefill()
    if found is not None and found.found:
        row.source_kind, row.source_ref = found.source_kind, found.source_ref
        row.source_label = found.source_label
        row.source_value = json.dumps(found.value, sort_keys=True, ensure_ascii=False)
    else:
        row.source_kind, row.source_ref, row.source_label = "typed", "", ""
        row.source_value = "null"
    row.source_changed = False
    return evidence_id
