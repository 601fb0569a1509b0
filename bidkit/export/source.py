"""What an export is built from: a bid's questionnaire and answers, as plain values.

`bidkit.ops.export` reads these from the workspace; the builder, the compliance report and the
tests use them without a database. Who answers a question, whether it is asked and whether it
is answered are the questionnaire rules (`bidkit.forms.rules`), which the page uses too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from bidkit.forms.limits import LimitCheck, check_limit
from bidkit.forms.rules import BID_KEY, AnswerRules, Participant
from bidkit.forms.schema import TEXT_TYPES, Form, Question, Section


@dataclass(frozen=True)
class AnswerRecord:
    value: Any
    ready: bool = False
    #: "evidence:<id>@<version>" when the text came from the library, else the profile path.
    source_ref: str = ""


@dataclass(frozen=True)
class StoredFile:
    """A file kept in the workspace's file store."""

    sha256: str
    name: str


@dataclass(frozen=True)
class AgreementRecord:
    """A consortium agreement on the bid whose signed copy is on file (sent as an appendix)."""

    title: str
    org_id: int
    stored: StoredFile


@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    title: str
    kind: str
    files: tuple[str, ...] = ()
    expires_on: date | None = None
    #: A document a buyer can be sent (a policy, certificate or file), not library text.
    document: bool = False
    stored: tuple[StoredFile, ...] = ()
    #: The certificate or policy number, from the profile record the item stands for.
    reference: str = ""


@dataclass(frozen=True)
class ProfileRecord:
    """One row of a member's profile an answer was taken from (a policy, certificate,
    insurance policy): where its expiry date and document come from, once."""

    title: str
    kind: str
    expires_on: date | None = None
    reference: str = ""
    stored: tuple[StoredFile, ...] = ()
    #: Policies are documents a buyer can be sent; certificates and insurance are facts.
    document: bool = False


@dataclass(frozen=True)
class BidContent:
    bid_id: int
    title: str
    buyer: str
    reference: str
    form: Form
    members: tuple[Participant, ...]
    #: (question id, member org id or 0 for answers given once for the bid) -> answer
    answers: Mapping[tuple[str, int], AnswerRecord]
    evidence: Mapping[int, EvidenceRecord] = field(default_factory=dict)
    #: (organisation id, row path such as "policies[policy_type=safeguarding]") -> the row.
    profile_records: Mapping[tuple[int, str], ProfileRecord] = field(default_factory=dict)
    #: The submission deadline and the contract start (a key date), when known.
    deadline: date | None = None
    contract_start: date | None = None
    logo: bytes | None = None
    logo_name: str = ""
    brand_colour: str = ""
    #: Signed agreements with their copies on file, in the order they were added.
    agreements: tuple[AgreementRecord, ...] = ()

    @property
    def lead(self) -> Participant | None:
        return next((m for m in self.members if m.role == "lead"), None)

    @property
    def organisation(self) -> str:
        lead = self.lead
        return lead.name if lead is not None else ""

    @cached_property
    def rules(self) -> AnswerRules:
        """The questionnaire rules over these answers."""
        values = {key: record.value for key, record in self.answers.items()}
        return AnswerRules(self.form, values, self.members)


@dataclass(frozen=True)
class Asked:
    """One answer the form asks for: a question, and the member answering (None: the bid)."""

    question: Question
    member: Participant | None
    answer: AnswerRecord | None
    key: int = BID_KEY


def asked_in(content: BidContent, section: Section) -> Iterator[Asked]:
    """Every answer asked for directly in `section` (not its sub-sections), in form order."""
    rules = content.rules
    for question in section.questions:
        if not question.for_buyer:
            continue  # BidKit's own set-up questions steer the form but are not the buyer's
        for key in rules.keys(question):
            if rules.is_asked(question, key):
                member = rules.owner(question, key) if key != BID_KEY else None
                yield Asked(question, member, content.answers.get((question.id, key)), key)


def all_asked(content: BidContent, sections: tuple[Section, ...]) -> Iterator[Asked]:
    for section in sections:
        yield from asked_in(content, section)
        yield from all_asked(content, section.sections)


def chosen_sections(form: Form, numbers: frozenset[str] | None) -> tuple[Section, ...]:
    """The top-level sections to export (all when `numbers` is None), in the form's order."""
    if numbers is None:
        return form.sections
    return tuple(s for s in form.sections if s.number in numbers)


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


def limit_check(question: Question, value: Any) -> LimitCheck | None:
    """How a text answer stands against its word or character limit (None: no limit)."""
    if question.limit is None or question.type not in TEXT_TYPES or value is None:
        return None
    text = value.get("details", "") if isinstance(value, dict) else value
    return check_limit(str(text or ""), question.limit)


def over_limit(
    content: BidContent, sections: tuple[Section, ...]
) -> list[tuple[Asked, LimitCheck]]:
    """Every answer given in `sections` that is over its limit, in form order."""
    found: list[tuple[Asked, LimitCheck]] = []
    for asked in all_asked(content, sections):
        if asked.answer is None:
            continue
        check = limit_check(asked.question, asked.answer.value)
        if check is not None and check.over:
            found.append((asked, check))
    return found


_ROW = re.compile(r"^(?P<row>[a-z_]+\[[^\]]+\])")
#: Profile sections whose rows are documents or carry an expiry date.
RECORD_TABLES = ("policies", "accreditations", "insurance")


def profile_row(source_ref: str) -> str | None:
    """The row path a profile-sourced answer came from, if it is a policy, certificate or
    insurance row: 'accreditations[name~Cyber Essentials].expires_on' -> its first part."""
    match = _ROW.match(source_ref)
    if match is None or not match["row"].startswith(RECORD_TABLES):
        return None
    return match["row"]


def answer_org(content: BidContent, key: int) -> int:
    """The organisation an answer is about: its member, or the lead for bid-wide answers."""
    if key != BID_KEY:
        return key
    lead = content.lead
    return lead.org_id if lead is not None else 0


def export_stamp(now: datetime | None = None) -> datetime:
    """The export time, to the second (what the document properties record)."""
    return (now or datetime.now().astimezone()).replace(microsecond=0)
