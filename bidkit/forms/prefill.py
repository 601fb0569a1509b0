"""Pre-fill: the answers a form's bindings find in the profiles and the evidence library.

Pure computation over plain values, so the window, the command line and the benchmark share it
and it runs in a few milliseconds. Storing the results, following later profile changes and
keeping the writer's edits are the job of `bidkit.ops.questionnaires`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bidkit.forms.bindings import Resolved, resolve, resolve_rows
from bidkit.forms.matching import LibraryIndex, match_library, question_context
from bidkit.forms.rules import Participant, answering, key_for
from bidkit.forms.schema import (
    AnswerType,
    Form,
    LibraryBinding,
    ProfileBinding,
    Question,
)
from bidkit.model.exclusion_grounds import GROUNDS_BY_CODE
from bidkit.profile.catalogue import ORG_FIELDS, TABLE_COLUMNS, FieldSpec
from bidkit.profile.completeness import ProfileData
from bidkit.profile.values import format_date, format_money


@dataclass(frozen=True)
class EvidenceCandidate:
    id: int
    title: str
    body: str
    tags: tuple[str, ...]
    expires_on: date | None
    updated_at: datetime
    #: The item's version number (one more on every saved edit).
    version: int = 1
    #: Its `EvidenceKind` value ("certificate", "case_study"...); "" when unknown.
    kind: str = ""


@dataclass(frozen=True)
class Computed:
    """What pre-fill found for one question and one organisation."""

    question: Question
    #: The organisation answered for; None for a question answered once for the bid.
    member_org_id: int | None
    value: Any
    source_kind: str  # "profile" or "evidence"
    source_ref: str  # the profile path, or "evidence:<id>@<version>"
    #: Plain-English origin for the badge: "Profile: Legal name", "Library: Safeguarding case".
    source_label: str
    #: Why nothing was found, and where to fix it (a profile field or table key).
    reason: str = ""
    target: str = ""

    @property
    def found(self) -> bool:
        return self.value is not None


def prefill_form(
    form: Form,
    participants: Sequence[Participant],
    profiles: Mapping[int, ProfileData],
    evidence: Sequence[EvidenceCandidate] = (),
    today: date | None = None,
) -> list[Computed]:
    """One `Computed` per bound question and answering organisation (see `rules.answering`).

    `profiles` holds each participant's profile by organisation id.
    """
    today = today or date.today()
    results: list[Computed] = []
    library = LibraryIndex(evidence)
    for question in form.questions():
        if question.bind is None:
            # A written answer the library may hold although the form names no tags: filled
            # only when an item is surely about what the question asks (O9 "your plan for
            # starting this service" and the mobilisation plan).
            if question.type is AnswerType.LONG_TEXT and evidence:
                found = _from_library(form, question, None, library, today)
                if found.found:
                    results.extend(
                        replace(found, member_org_id=key_for(question, p.org_id) or None)
                        for p in answering(question, participants)
                    )
            continue
        for participant in answering(question, participants):
            member = key_for(question, participant.org_id) or None
            if isinstance(question.bind, LibraryBinding):
                results.append(_from_library(form, question, member, library, today))
            else:
                data = profiles.get(participant.org_id) or ProfileData({})
                results.append(_from_profile(question, question.bind, member, data))
    return results


# -- library ------------------------------------------------------------------------------------
def _from_library(
    form: Form,
    question: Question,
    member: int | None,
    library: LibraryIndex,
    today: date,
) -> Computed:
    match = match_library(question, question_context(form, question), library, today)
    if match.best is None:
        if match.suggestions:
            names = "; ".join(f"'{s.title}'" for s in match.suggestions[:3])
            reason = f"No library item is surely about this question; perhaps {names}"
        elif isinstance(question.bind, LibraryBinding):
            reason = "No current evidence library item is tagged " + ", ".join(question.bind.tags)
        else:
            reason = "No current evidence library item is about this question"
        return Computed(question, member, None, "evidence", "", "", reason, "library")
    best: Any = next(e for e in library.items if e.id == match.best.item_id)
    value: Any = best.body
    if question.type is AnswerType.EVIDENCE:
        value = {"evidence_id": best.id, "title": best.title}
    ref = f"evidence:{best.id}@{best.version}"
    label = f"Library: {best.title} ({match.best.confidence:.0%} match, {match.best.why})"
    return Computed(question, member, value, "evidence", ref, label)


# -- profile ------------------------------------------------------------------------------------
def _from_profile(
    question: Question, bind: ProfileBinding, member: int | None, data: ProfileData
) -> Computed:
    found = (resolve_rows if question.type is AnswerType.TABLE else resolve)(data, bind.path)
    label = "Profile: " + describe_path(bind.path)
    if bind.present is not None:
        value = "yes" if found.found else "no"
        return Computed(question, member, value, "profile", bind.path, label)
    if not found.found:
        return Computed(question, member, None, "profile", bind.path, label, found.reason,
                        found.target)  # fmt: skip
    value = _convert(question, bind, found, data)
    if value is None:
        reason = (
            f"The profile's value ({display(found.value)}) is not one of this question's answers"
        )
        if isinstance(found.value, Mapping) and "applies" in found.value:
            ground = GROUNDS_BY_CODE.get(str(found.value.get("ground")))
            name = ground.label if ground else str(found.value.get("ground"))
            reason = f"The exclusion ground '{name}' is not answered in the profile"
        return Computed(question, member, None, "profile", bind.path, label, reason, found.target)
    return Computed(question, member, value, "profile", bind.path, label)


def describe_path(path: str) -> str:
    """A short label for where a value comes from: "Legal name", "Insurance", "Latest year"."""
    if path in ORG_FIELDS:
        return ORG_FIELDS[path].label
    head = path.split("[", 1)[0].split(".", 1)[0]
    names = {
        "registered_address_full": "Registered address",
        "trading_address_full": "Trading address",
        "latest_year": "Latest financial year",
        "previous_year": "Previous financial year",
        "financial_years": "Financial years",
        "contract_examples": "Contract examples",
        "exclusions": "Exclusion grounds",
        "people": "Key people",
    }
    return names.get(head, head.replace("_", " ").capitalize())


def display(value: Any, spec: FieldSpec | None = None) -> str:
    """A profile value as text for an answer: UK dates, pounds, yes/no, choice labels."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, date):
        return format_date(value)
    if spec is not None and spec.choices is not None and isinstance(value, str):
        return spec.choice_label(value)
    return str(value)


def _spec_for(path: str) -> FieldSpec | None:
    if path in ORG_FIELDS:
        return ORG_FIELDS[path]
    field = path.rsplit(".", 1)[-1] if "." in path else ""
    table = path.split("[", 1)[0]
    if path.startswith(("latest_year.", "previous_year.")):
        table = "financial_years"
    elif "[" not in path and "." in path:
        table = "contacts"
    return TABLE_COLUMNS.get(table, {}).get(field)


def _convert(question: Question, bind: ProfileBinding, found: Resolved, data: ProfileData) -> Any:
    value = found.value
    kind = question.type
    if bind.map is not None:
        key = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        mapped = bind.map.get(key)
        if mapped is None:
            return None
        return {"answer": mapped, "details": ""} if kind is AnswerType.YES_NO_DETAILS else mapped
    if kind in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT):
        return display(value, _spec_for(bind.path))
    if kind is AnswerType.YES_NO:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value) if str(value) in ("yes", "no") else None
    if kind is AnswerType.YES_NO_DETAILS:
        return _yes_no_details(value)
    if kind is AnswerType.DATE:
        return value.isoformat() if isinstance(value, date) else None
    if kind is AnswerType.MONEY:
        return f"{value:.2f}" if isinstance(value, Decimal | int) else None
    if kind is AnswerType.NUMBER:
        return (
            str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else None
        )
    if kind is AnswerType.SINGLE_CHOICE:
        return str(value) if any(o.id == str(value) for o in question.options) else None
    if kind is AnswerType.TABLE:
        return _table(question, bind, value)
    if kind is AnswerType.DECLARATION:
        return _declaration(bind, value, data)
    return display(value)


def _yes_no_details(value: Any) -> Any:
    if isinstance(value, bool):
        return {"answer": "yes" if value else "no", "details": ""}
    if isinstance(value, Mapping) and "applies" in value:
        if value.get("applies") is None:
            return None
        if not value["applies"]:
            return {"answer": "no", "details": ""}
        ground = GROUNDS_BY_CODE.get(str(value.get("ground")))
        parts = [
            ground.label if ground else "",
            f"Date: {display(value['occurred_on'])}" if value.get("occurred_on") else "",
            str(value.get("details") or ""),
            f"Steps taken since: {value['self_cleaning']}" if value.get("self_cleaning") else "",
        ]
        return {"answer": "yes", "details": "\n\n".join(p for p in parts if p)}
    return None


def _table(question: Question, bind: ProfileBinding, rows: Any) -> Any:
    if not isinstance(rows, list) or bind.columns is None:
        return None
    kinds = {c.id: c.type for c in question.columns}
    table = bind.path.split("[", 1)[0]
    result = []
    for row in rows[: question.max_rows] if question.max_rows else rows:
        out: dict[str, Any] = {}
        for column_id, key in bind.columns.items():
            value = row.get(key)
            if value is None or value == "":
                out[column_id] = None
            elif kinds[column_id] is AnswerType.DATE and isinstance(value, date):
                out[column_id] = value.isoformat()
            elif kinds[column_id] is AnswerType.MONEY and isinstance(value, Decimal):
                out[column_id] = f"{value:.2f}"
            elif kinds[column_id] is AnswerType.YES_NO and isinstance(value, bool):
                out[column_id] = "yes" if value else "no"
            else:
                out[column_id] = display(value, TABLE_COLUMNS.get(table, {}).get(key))
        result.append(out)
    return result or None


def _declaration(bind: ProfileBinding, value: Any, data: ProfileData) -> Any:
    """The signatory's name (and, for a contact, their job title); agreeing is left to them."""
    role = ""
    head, _, field = bind.path.rpartition(".")
    if head and field == "name" and "[" not in head:
        role_found = resolve(data, f"{head}.job_title")
        role = str(role_found.value) if role_found.found else ""
    return {"agreed": False, "name": display(value), "role": role, "date": None}
