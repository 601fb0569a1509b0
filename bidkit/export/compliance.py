"""What a buyer would reject, found before the document goes out.

Eight kinds of problem: BidKit's set-up questions not answered (so which modules are asked is
not known), mandatory questions without an answer, answers over their word or character limit,
expired evidence, certificates, insurance or documents expiring by the deadline or before the
contract starts, documents the answers name with no file to attach, declarations not agreed or
not signed, and questions a consortium partner has not answered. Only the sections being
exported are checked. The report reads as plain text or JSON, and the window shows it beside the
export options.

What is asked and what is unanswered come from the questionnaire rules (`bidkit.forms.rules`):
each of their gaps is exactly one problem (set-up, unanswered, partner or unsigned), so the page's
progress and this report count the same things.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bidkit.export.attachments import Cited, cited_in, missing_files
from bidkit.export.build import ExportOptions, is_draft
from bidkit.export.formatting import uk_date
from bidkit.export.source import (
    BidContent,
    all_asked,
    chosen_sections,
    limit_check,
)
from bidkit.forms.rules import AnswerRules, Gap, GapKind, has_content
from bidkit.forms.schema import Form, Question, Section


class ProblemKind(StrEnum):
    #: BidKit's own set-up question not answered: which modules are asked is not known yet.
    SET_UP_UNANSWERED = "set_up_unanswered"
    UNANSWERED = "unanswered"
    OVER_LIMIT = "over_limit"
    EXPIRED_EVIDENCE = "expired_evidence"
    UNSIGNED_DECLARATION = "unsigned_declaration"
    MISSING_PARTNER_ANSWER = "missing_partner_answer"
    #: A certificate, insurance or document that expires by the deadline or contract start.
    EXPIRES_TOO_SOON = "expires_too_soon"
    #: A document the answers cite, with no stored file to attach.
    MISSING_FILE = "missing_file"


KIND_TITLES = {
    ProblemKind.SET_UP_UNANSWERED: "Set-up questions not answered",
    ProblemKind.UNANSWERED: "Mandatory questions not answered",
    ProblemKind.OVER_LIMIT: "Answers over their limit",
    ProblemKind.EXPIRED_EVIDENCE: "Expired evidence",
    ProblemKind.UNSIGNED_DECLARATION: "Declarations not signed",
    ProblemKind.MISSING_PARTNER_ANSWER: "Partner answers missing",
    ProblemKind.EXPIRES_TOO_SOON: "Expiring before the deadline or the contract start",
    ProblemKind.MISSING_FILE: "Documents with no file to attach",
}


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    question_id: str
    number: str
    message: str
    member: str = ""


@dataclass(frozen=True)
class ComplianceReport:
    bid_title: str
    form_title: str
    checked_on: date
    draft: bool
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def of_kind(self, kind: ProblemKind) -> list[Problem]:
        return [p for p in self.problems if p.kind is kind]

    def counts(self) -> dict[str, int]:
        return {kind.value: len(self.of_kind(kind)) for kind in ProblemKind}

    def as_dict(self) -> dict[str, Any]:
        return {
            "bid": self.bid_title,
            "form": self.form_title,
            "checked_on": self.checked_on.isoformat(),
            "draft": self.draft,
            "ok": self.ok,
            "counts": self.counts(),
            "problems": [{**asdict(p), "kind": p.kind.value} for p in self.problems],
        }

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"

    def as_text(self) -> str:
        lines = [
            f"Compliance check: {self.bid_title}",
            f"{self.form_title}, checked on {uk_date(self.checked_on)}",
            "",
        ]
        if self.ok:
            lines.append("No problems found.")
        for kind in ProblemKind:
            found = self.of_kind(kind)
            if not found:
                continue
            lines.append(f"{KIND_TITLES[kind]} ({len(found)}):")
            lines.extend(f"  - {p.message}" for p in found)
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _label(question: Question, form: Form) -> str:
    """The buyer's number; for a question without one (core supplier information kept on the
    Central Digital Platform, an SQ's closing declaration), the part of the form it sits in."""
    if question.number:
        return question.number
    found = _section_of(question.id, form.sections)
    return found.title.split(" (", 1)[0] if found is not None else ""


def _section_of(question_id: str, sections: tuple[Section, ...]) -> Section | None:
    for section in sections:
        if any(q.id == question_id for q in section.questions):
            return section
        found = _section_of(question_id, section.sections)
        if found is not None:
            return found
    return None


def _where(number: str, member: str) -> str:
    return f"{number} ({member})" if member else number


_GAP_PROBLEMS = {
    GapKind.SET_UP: ProblemKind.SET_UP_UNANSWERED,
    GapKind.UNANSWERED: ProblemKind.UNANSWERED,
    GapKind.PARTNER: ProblemKind.MISSING_PARTNER_ANSWER,
    GapKind.UNSIGNED: ProblemKind.UNSIGNED_DECLARATION,
}


def _gap_problem(gap: Gap, named: bool, rules: AnswerRules) -> Problem:
    question = gap.question
    name = gap.organisation if named else ""
    where = _where(_label(question, rules.form), name)
    kind = _GAP_PROBLEMS[gap.kind]
    if kind is ProblemKind.SET_UP_UNANSWERED:
        # It has no buyer's number, so its wording leads; then what it decides.
        text = " ".join(question.text.split())
        message = (
            f"Set-up question: {text[:1].lower()}{text[1:]} unanswered \u2014 "
            f"BidKit cannot tell {rules.steers(question)}"
        )
        if name:
            message += f" ({name})"
        return Problem(kind, question.id, question.number, message, name)
    if kind is ProblemKind.MISSING_PARTNER_ANSWER:
        message = f"{where}: no answer from {gap.organisation} yet."
        if gap.reason not in ("No answer yet.", ""):
            message = f"{where}: {gap.reason}"
    elif kind is ProblemKind.UNSIGNED_DECLARATION:
        message = f"{where}: {gap.reason}"
    else:
        message = f"{where}: {question.text}"
        if gap.reason not in ("No answer yet.", ""):
            message += f" ({gap.reason.rstrip('.')})"
    return Problem(kind, question.id, question.number, message, name)


def _question_ids(sections: tuple[Section, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for section in sections:
        found.update({q.number: q.id for q in section.questions})
        found.update(_question_ids(section.sections))
    return found


def _expiry_problem(
    item: Cited, content: BidContent, today: date, owner: str = ""
) -> tuple[ProblemKind, str] | None:
    """Expired already, or expiring by the deadline or before the contract starts."""
    expires = item.expires_on
    if expires is None:
        return None
    what = f"'{item.title}'" + (f" ({item.reference})" if item.reference else "")
    where = ", ".join(item.used_in)
    if owner and not item.title.startswith(owner):
        where = _where(where, owner)
    if expires < today:
        return ProblemKind.EXPIRED_EVIDENCE, f"{where}: {what} expired on {uk_date(expires)}."
    if content.deadline is not None and expires <= content.deadline:
        return ProblemKind.EXPIRES_TOO_SOON, (
            f"{where}: {what} expires on {uk_date(expires)}, by the deadline "
            f"({uk_date(content.deadline)}): renew it, or say when it will be renewed."
        )
    if content.contract_start is not None and expires < content.contract_start:
        return ProblemKind.EXPIRES_TOO_SOON, (
            f"{where}: {what} expires on {uk_date(expires)}, before the contract starts "
            f"({uk_date(content.contract_start)}): say when it will be renewed."
        )
    return None


def check_compliance(
    content: BidContent, options: ExportOptions | None = None, today: date | None = None
) -> ComplianceReport:
    options = options or ExportOptions()
    today = today or date.today()
    chosen = chosen_sections(content.form, options.sections)
    named = len(content.members) > 1
    rules = content.rules
    problems = [_gap_problem(gap, named, rules) for gap in rules.gaps(chosen)]
    for asked in all_asked(content, chosen):
        question, member = asked.question, asked.member
        name = member.name if member is not None and named else ""
        value = asked.answer.value if asked.answer is not None else None
        if asked.answer is None or not has_content(question, value):
            continue
        check = limit_check(question, value)
        if check is not None and check.over:
            problems.append(Problem(ProblemKind.OVER_LIMIT, question.id, question.number,
                                    f"{_where(_label(question, content.form), name)}: "
                                    f"{check.describe()}.",
                                    name))  # fmt: skip
    cited = cited_in(content, chosen)
    ids = _question_ids(chosen)
    names = {m.org_id: m.name for m in content.members}
    for item in cited:
        # In a consortium each member's certificate is flagged for that member.
        owner = names.get(item.org_id, "") if named else ""
        problem = _expiry_problem(item, content, today, owner)
        if problem is not None:
            kind, message = problem
            number = item.used_in[0]
            problems.append(Problem(kind, ids.get(number, ""), number, message, owner))
    for item in missing_files(cited):
        number = item.named_in[0]
        problems.append(Problem(ProblemKind.MISSING_FILE, ids.get(number, ""), number,
                                f"{', '.join(item.named_in)}: BidKit holds no file of "
                                f"'{item.title}', so it cannot be attached; add the file to "
                                "the profile or the library item."))  # fmt: skip
    return ComplianceReport(
        bid_title=content.title,
        form_title=content.form.title,
        checked_on=today,
        draft=is_draft(content, options),
        problems=tuple(problems),
    )
