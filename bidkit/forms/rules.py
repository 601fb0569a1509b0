"""The questionnaire rules: who answers each question, whether it is asked, whether it is answered.

One module, one participant type. The questionnaire page (statuses, progress, Missing), pre-fill,
the compliance report and the export all ask these rules, so they cannot disagree.

Answers are plain values keyed by (question id, member key). The member key is the answering
organisation's id for a question each member answers, and `BID_KEY` (0) for a question answered
once for the bid (by the lead).

Counting: a (question, member key) pair is *required* when the question is mandatory and asked
of that member. Progress is answered / required per organisation, the lead also owning the
answers given once for the bid. Optional questions never block and are not in the figures;
answering them is still shown on the page (their status) and printed in the export.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from bidkit.forms.schema import AnsweredBy, AnswerType, Form, Question, Section

#: The member key of an answer given once for the bid.
BID_KEY = 0
LEAD, MEMBER, SUBCONTRACTOR = "lead", "member", "subcontractor"


class Participant(NamedTuple):
    """An organisation taking part in a bid: the lead, a consortium member or a subcontractor.

    A named tuple, so the plain (org id, name, role) triples stored and passed between threads
    are participants too.
    """

    org_id: int
    name: str
    role: str  # LEAD, MEMBER or SUBCONTRACTOR


def answering(question: Question, participants: Sequence[Participant]) -> list[Participant]:
    """The organisations that answer `question`: the lead alone, or each member (and subcontractor).

    The lead counts as a member: in a consortium it answers "every member" questions for itself.
    """
    if question.answered_by is AnsweredBy.LEAD:
        return [p for p in participants if p.role == LEAD][:1]
    roles = {LEAD, MEMBER}
    if question.answered_by is AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR:
        roles.add(SUBCONTRACTOR)
    return [p for p in participants if p.role in roles]


def member_keys(question: Question, participants: Sequence[Participant]) -> list[int]:
    """The keys `question`'s answers are stored under, in participant order.

    A bid without any organisation answers every question once, for the bid.
    """
    if question.answered_by is AnsweredBy.LEAD:
        return [BID_KEY]
    return [p.org_id for p in answering(question, participants)] or [BID_KEY]


def key_for(question: Question, org_id: int | None) -> int:
    """The member key of `org_id`'s answer to `question` (`BID_KEY` for a bid-level question)."""
    if question.answered_by is AnsweredBy.LEAD or org_id is None:
        return BID_KEY
    return org_id


# -- answered -----------------------------------------------------------------------------------
def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def declaration_missing(value: Any) -> list[str]:
    """What a declaration still lacks, in the order a reader signs: agreement, name, date."""
    data = value if isinstance(value, dict) else {}
    missing = [] if data.get("agreed") is True else ["agreement"]
    missing += [key for key in ("name", "date") if not _text(data.get(key))]
    return missing


def _yes_no_details(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"answer": value, "details": ""}


def _table_has_rows(value: Any) -> bool:
    rows = value if isinstance(value, list) else []
    return any(isinstance(row, dict) and any(_text(cell) for cell in row.values()) for row in rows)


def has_content(question: Question, value: Any) -> bool:
    """Whether anything has been written, complete or not (what an export prints)."""
    if value is None:
        return False
    if question.type is AnswerType.TABLE:
        return _table_has_rows(value)
    if isinstance(value, dict):
        return any(v not in (None, "", [], {}, False) and _text(v) for v in value.values())
    if isinstance(value, list | tuple):
        return len(value) > 0
    return bool(_text(value))


def unanswered_reason(question: Question, value: Any) -> str:
    """Why `value` does not answer `question`, in plain words; "" when it does."""
    kind = question.type
    if kind is AnswerType.DECLARATION:
        missing = declaration_missing(value)
        return f"Not signed: missing {', '.join(missing)}." if missing else ""
    if kind is AnswerType.YES_NO_DETAILS:
        data = _yes_no_details(value)
        answer = _text(data.get("answer"))
        if answer not in ("yes", "no"):
            return "No answer yet."
        if answer == question.details_when and not _text(data.get("details")):
            return f"Details are needed for a '{answer.capitalize()}' answer."
        return ""
    if kind is AnswerType.TABLE:
        return "" if _table_has_rows(value) else "No rows filled in yet."
    if kind is AnswerType.EVIDENCE:
        if isinstance(value, dict):
            chosen = isinstance(value.get("evidence_id"), int) or _text(value.get("title"))
            return "" if chosen else "No library item chosen yet."
        return "" if _text(value) else "No library item chosen yet."
    if kind is AnswerType.MULTIPLE_CHOICE:
        options = value if isinstance(value, list) else [value]
        return "" if any(_text(v) for v in options) else "Nothing chosen yet."
    if isinstance(value, dict | list):
        return "" if has_content(question, value) else "No answer yet."
    return "" if _text(value) else "No answer yet."


def is_answered(question: Question, value: Any) -> bool:
    """Whether `value` answers `question`.

    Empty text, tables and choices do not; a yes/no-with-details answer counts only with its
    details when the answer is the one that needs them (`details_when`); a declaration counts
    only when agreed, with a name and a date; a chosen library item counts.
    """
    return not unanswered_reason(question, value)


# -- one bid's answers --------------------------------------------------------------------------
class GapKind(StrEnum):
    #: BidKit's own set-up question ("Does the buyer ask for this module?") not answered: until
    #: it is, BidKit cannot tell whether the questions it steers are asked.
    SET_UP = "set_up"
    #: A question the lead (or the bid) must answer.
    UNANSWERED = "unanswered"
    #: A question a consortium member or subcontractor must answer for itself.
    PARTNER = "partner"
    #: A declaration not agreed, named and dated.
    UNSIGNED = "unsigned"


@dataclass(frozen=True)
class Gap:
    """A required answer not given: the question, the organisation that owes it and why."""

    question: Question
    member_key: int
    #: The organisation that owes the answer (the lead for a bid-level question); None when the
    #: bid has no organisation.
    org_id: int | None
    organisation: str
    kind: GapKind
    reason: str
    #: Where pre-fill looked and found nothing: a profile field or table key, or "library".
    target: str = ""


@dataclass(frozen=True)
class OrgProgress:
    """Required answers given by one organisation, as the page and the report count them."""

    org_id: int
    name: str
    role: str
    answered: int
    required: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.required


@dataclass
class AnswerRules:
    """The rules applied to one bid's questionnaire: a form, its answers and its participants.

    `values` maps (question id, member key) to the stored answer value. Results are memoised,
    so build one per snapshot of the answers and ask it as often as needed.
    """

    form: Form
    values: Mapping[tuple[str, int], Any]
    participants: Sequence[Participant]
    _asked: dict[tuple[str, int], bool] = field(default_factory=dict, init=False, repr=False)

    @property
    def lead(self) -> Participant | None:
        return next((p for p in self.participants if p.role == LEAD), None)

    def answering(self, question: Question) -> list[Participant]:
        return answering(question, self.participants)

    def keys(self, question: Question) -> list[int]:
        return member_keys(question, self.participants)

    def owner(self, question: Question, key: int) -> Participant | None:
        """The organisation that gives the answer stored under `key`."""
        if key == BID_KEY:
            return self.lead
        return next((p for p in self.participants if p.org_id == key), None)

    def value(self, question: Question, key: int) -> Any:
        return self.values.get((question.id, key))

    # -- asked ---------------------------------------------------------------------------------
    def is_asked(self, question: Question, key: int) -> bool:
        """Whether `question` is asked of the member under `key`.

        Asked when the organisation answers it, its `show_when` condition holds, and the
        question the condition looks at is itself asked, all the way up the chain. A question
        answered once for the bid that depends on a per-member question follows the lead's
        answer.
        """
        memo = (question.id, key)
        found = self._asked.get(memo)
        if found is None:
            self._asked[memo] = False  # a condition that loops back on itself is never met
            found = key in self.keys(question) and self._condition_met(question, key)
            self._asked[memo] = found
        return found

    def _condition_met(self, question: Question, key: int) -> bool:
        condition = question.show_when
        if condition is None:
            return True
        try:
            other = self.form.question(condition.question)
        except KeyError:
            return True  # the loader refuses such a form; an old answer set is not blocked
        if other.answered_by is AnsweredBy.LEAD:
            other_key = BID_KEY
        elif question.answered_by is AnsweredBy.LEAD or key == BID_KEY:
            lead = self.lead
            other_key = lead.org_id if lead is not None else BID_KEY
        else:
            other_key = key
        if not self.is_asked(other, other_key):
            return False
        return condition.holds(self.value(other, other_key))

    # -- answered and required -----------------------------------------------------------------
    def is_answered(self, question: Question, key: int) -> bool:
        return is_answered(question, self.value(question, key))

    def is_required(self, question: Question, key: int) -> bool:
        return question.mandatory and self.is_asked(question, key)

    def asked(self, sections: Iterable[Section] | None = None) -> Iterator[tuple[Question, int]]:
        """Every (question, member key) asked in `sections` (default: the whole form), in order."""
        for section in self.form.sections if sections is None else sections:
            for question in section.all_questions():
                for key in self.keys(question):
                    if self.is_asked(question, key):
                        yield question, key

    def progress(self) -> list[OrgProgress]:
        """Answered / required for the lead and each member and subcontractor, in bid order."""
        answered: dict[int, int] = {p.org_id: 0 for p in self.participants}
        required: dict[int, int] = dict(answered)
        for question, key in self.asked():
            owner = self.owner(question, key)
            if owner is None or not question.mandatory:
                continue
            required[owner.org_id] += 1
            if self.is_answered(question, key):
                answered[owner.org_id] += 1
        return [
            OrgProgress(p.org_id, p.name, p.role, answered[p.org_id], required[p.org_id])
            for p in self.participants
        ]

    def gaps(
        self,
        sections: Iterable[Section] | None = None,
        misses: Mapping[tuple[str, int], tuple[str, str]] | None = None,
    ) -> list[Gap]:
        """Each required answer not given, in form order.

        `misses` maps (question id, member key) to (reason, target) where pre-fill found
        nothing in the profile or library; that reason replaces the plain one, so the writer
        learns where to fix it.
        """
        found: list[Gap] = []
        lead = self.lead
        for question, key in self.asked(sections):
            if not question.mandatory:
                continue
            reason = unanswered_reason(question, self.value(question, key))
            if not reason:
                continue
            owner = self.owner(question, key)
            if question.internal:
                kind = GapKind.SET_UP
                reason = f"Set-up question unanswered: BidKit cannot tell {self.steers(question)}."
            elif question.type is AnswerType.DECLARATION:
                kind = GapKind.UNSIGNED
            elif owner is not None and lead is not None and owner.org_id != lead.org_id:
                kind = GapKind.PARTNER
            else:
                kind = GapKind.UNANSWERED
            target = ""
            miss = (misses or {}).get((question.id, key))
            if miss is not None and not has_content(question, self.value(question, key)):
                # A set-up question keeps its own reason (what it decides); the place pre-fill
                # looked is still offered.
                reason, target = (reason, miss[1]) if question.internal else miss
            found.append(Gap(question, key, owner.org_id if owner else None,
                             owner.name if owner else "", kind, reason, target))  # fmt: skip
        return found

    # -- what a set-up question steers -----------------------------------------------------------
    def steered_by(self, question: Question) -> list[Question]:
        """The buyer's questions whose condition, or one further up the chain, looks at
        `question`, in form order."""
        found: list[Question] = []
        for other in self.form.questions():
            if other.for_buyer and question.id in self._chain(other):
                found.append(other)
        return found

    def _chain(self, question: Question) -> set[str]:
        seen: set[str] = set()
        condition = question.show_when
        while condition is not None and condition.question not in seen:
            seen.add(condition.question)
            try:
                condition = self.form.question(condition.question).show_when
            except KeyError:
                break
        return seen

    def steers(self, question: Question) -> str:
        """What a set-up question decides, as the end of a sentence: "whether module B7 is
        needed", "whether modules B12 and B13 are needed", "whether question 1.1(n) is asked".

        A section all of whose own questions it steers is named as a whole (a module, when the
        set-up question sits in one of them); any other question by its number."""
        steered = {q.id for q in self.steered_by(question)}
        sections: list[str] = []
        whole: set[str] = set()
        module = False
        for section in _sections(self.form.sections):
            own = [q.id for q in section.questions if q.for_buyer]
            if section.number and own and all(q in steered for q in own):
                sections.append(section.number)
                whole.update(own)
                module = module or any(q.id == question.id for q in section.questions)
        numbers: list[str] = []
        for other in self.steered_by(question):
            if other.id not in whole and other.number and other.number not in numbers:
                numbers.append(other.number)
        parts = []
        if sections:
            parts.append(_named("module" if module else "section", sections))
        if numbers:
            parts.append(_named("question", numbers))
        if not parts:
            return "which questions are asked"
        verb = "is" if len(sections) + len(numbers) == 1 else "are"
        return f"whether {' and '.join(parts)} {verb} {'needed' if sections else 'asked'}"


def _named(word: str, numbers: list[str]) -> str:
    """ "module B7", "modules B12 and B13", "questions 1.1(o), 1.1(p) and 1.2"."""
    if len(numbers) == 1:
        return f"{word} {numbers[0]}"
    return f"{word}s {', '.join(numbers[:-1])} and {numbers[-1]}"


def _sections(sections: Sequence[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _sections(section.sections)
