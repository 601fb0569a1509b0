"""What an export is built from: a bid's questionnaire and answers, as plain values.

`bidkit.ops.export` reads these from the workspace; the builder, the compliance report and the
tests use them without a database. Also here: who answers a question and whether it is asked,
the two rules the builder and the compliance report must agree on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bidkit.forms.schema import AnsweredBy, AnswerType, Form, Question, Section


@dataclass(frozen=True)
class Member:
    org_id: int
    name: str
    role: str  # "lead", "member" or "subcontractor"


@dataclass(frozen=True)
class AnswerRecord:
    value: Any
    ready: bool = False
    #: "evidence:<id>@<version>" when the text came from the library, else the profile path.
    source_ref: str = ""


@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    title: str
    kind: str
    files: tuple[str, ...] = ()
    expires_on: date | None = None


@dataclass(frozen=True)
class BidContent:
    bid_id: int
    title: str
    buyer: str
    reference: str
    form: Form
    members: tuple[Member, ...]
    #: (question id, member org id or 0 for answers given once for the bid) -> answer
    answers: Mapping[tuple[str, int], AnswerRecord]
    evidence: Mapping[int, EvidenceRecord] = field(default_factory=dict)
    logo: bytes | None = None
    logo_name: str = ""
    brand_colour: str = ""

    @property
    def lead(self) -> Member | None:
        return next((m for m in self.members if m.role == "lead"), None)

    @property
    def organisation(self) -> str:
        lead = self.lead
        return lead.name if lead is not None else ""


@dataclass(frozen=True)
class Asked:
    """One answer the form asks for: a question, and the member answering (None: the bid)."""

    question: Question
    member: Member | None
    answer: AnswerRecord | None


def answering(question: Question, members: tuple[Member, ...]) -> list[Member | None]:
    """None for a question answered once; else each member (and subcontractor) answering."""
    if question.answered_by is AnsweredBy.LEAD:
        return [None]
    roles = {"lead", "member"}
    if question.answered_by is AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR:
        roles.add("subcontractor")
    return [m for m in members if m.role in roles]


def _key(question: Question, member: Member | None) -> tuple[str, int]:
    return question.id, (member.org_id if member is not None else 0)


def is_asked(content: BidContent, question: Question, member: Member | None) -> bool:
    """False when the question's condition (`show_when`) does not hold for this member."""
    condition = question.show_when
    if condition is None:
        return True
    other = content.form.question(condition.question)
    # A question answered once for the bid follows the lead's own answer to a per-member one.
    other_member = None if other.answered_by is AnsweredBy.LEAD else (member or content.lead)
    stored = content.answers.get(_key(other, other_member))
    return stored is not None and condition.holds(stored.value)


def asked_in(content: BidContent, section: Section) -> Iterator[Asked]:
    """Every answer asked for directly in `section` (not its sub-sections), in form order."""
    for question in section.questions:
        for member in answering(question, content.members):
            if is_asked(content, question, member):
                yield Asked(question, member, content.answers.get(_key(question, member)))


def all_asked(content: BidContent, sections: tuple[Section, ...]) -> Iterator[Asked]:
    for section in sections:
        yield from asked_in(content, section)
        yield from all_asked(content, section.sections)


def chosen_sections(form: Form, numbers: frozenset[str] | None) -> tuple[Section, ...]:
    """The top-level sections to export (all when `numbers` is None), in the form's order."""
    if numbers is None:
        return form.sections
    return tuple(s for s in form.sections if s.number in numbers)


def is_answered(question: Question, value: Any) -> bool:
    """Whether `value` says something: an empty text, table or choice is no answer."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return len(value) > 0
    if isinstance(value, dict):
        if question.type is AnswerType.DECLARATION:
            return bool(value.get("agreed")) or bool(str(value.get("name") or "").strip())
        if question.type is AnswerType.YES_NO_DETAILS:
            return value.get("answer") not in (None, "")
        return any(v not in (None, "", [], {}) for v in value.values())
    return True


def evidence_ids(record: AnswerRecord) -> list[int]:
    """The library items an answer uses: a chosen item, or the item its text came from."""
    found: list[int] = []
    value = record.value
    if isinstance(value, dict) and isinstance(value.get("evidence_id"), int):
        found.append(int(value["evidence_id"]))
    if record.source_ref.startswith("evidence:"):
        ident = record.source_ref.removeprefix("evidence:").split("@", 1)[0]
        if ident.isdigit() and int(ident) not in found:
            found.append(int(ident))
    return found


def export_stamp(now: datetime | None = None) -> datetime:
    """The export time, to the second (what the document properties record)."""
    return (now or datetime.now().astimezone()).replace(microsecond=0)
