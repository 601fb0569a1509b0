"""The shape of a questionnaire once loaded: forms, sections, questions, bindings, conditions.

These are plain frozen dataclasses, built only by `bidkit.forms.loader` from the YAML files in
`forms/` (see forms/README.md for the file format).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class AnswerType(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    YES_NO = "yes_no"
    YES_NO_DETAILS = "yes_no_details"
    DATE = "date"
    MONEY = "money"
    NUMBER = "number"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TABLE = "table"
    EVIDENCE = "evidence"
    DECLARATION = "declaration"


#: Types a table column may have.
COLUMN_TYPES = frozenset(
    {
        AnswerType.SHORT_TEXT,
        AnswerType.LONG_TEXT,
        AnswerType.DATE,
        AnswerType.MONEY,
        AnswerType.NUMBER,
        AnswerType.YES_NO,
    }
)
#: Types whose answers are free text that limits apply to.
TEXT_TYPES = frozenset({AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT, AnswerType.YES_NO_DETAILS})


class AnsweredBy(StrEnum):
    LEAD = "lead"
    EVERY_MEMBER = "every_member"
    EVERY_MEMBER_AND_SUBCONTRACTOR = "every_member_and_subcontractor"


@dataclass(frozen=True)
class Limit:
    words: int | None = None
    characters: int | None = None

    def describe(self) -> str:
        if self.words is not None:
            return f"{self.words:,} words"
        return f"{self.characters:,} characters"


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    type: AnswerType


@dataclass(frozen=True)
class Condition:
    question: str
    values: tuple[str, ...]

    def holds(self, answer: object) -> bool:
        if isinstance(answer, dict):
            answer = answer.get("answer")
        return answer is not None and str(answer) in self.values


@dataclass(frozen=True)
class ProfileBinding:
    path: str
    map: dict[str, str] | None = None
    present: str | None = None
    columns: dict[str, str] | None = None


@dataclass(frozen=True)
class LibraryBinding:
    tags: tuple[str, ...]


Binding = ProfileBinding | LibraryBinding


@dataclass(frozen=True)
class Question:
    id: str
    number: str
    text: str
    type: AnswerType
    help: str = ""
    mandatory: bool = True
    answered_by: AnsweredBy = AnsweredBy.LEAD
    limit: Limit | None = None
    details_when: str = "yes"
    options: tuple[Option, ...] = ()
    columns: tuple[Column, ...] = ()
    max_rows: int | None = None
    show_when: Condition | None = None
    bind: Binding | None = None
    #: Numbers of the sections it sits in, outermost first (for exports and the tree).
    section_path: tuple[str, ...] = ()
    #: BidKit's own set-up question (for example "Does the buyer ask for this module?"): it
    #: steers which questions are asked but is not the buyer's, so it carries no number and
    #: never reaches the buyer's copy.
    internal: bool = False

    @property
    def reusable(self) -> bool:
        return self.bind is not None

    @property
    def for_buyer(self) -> bool:
        """Whether the answer belongs in what the buyer receives (every question but set-up)."""
        return not self.internal

    def option_text(self, option_id: str) -> str:
        return next((o.text for o in self.options if o.id == option_id), option_id)


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    help: str = ""
    questions: tuple[Question, ...] = ()
    sections: tuple[Section, ...] = ()

    def all_questions(self) -> Iterator[Question]:
        yield from self.questions
        for section in self.sections:
            yield from section.all_questions()


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    version: str
    regime: str
    source: str
    description: str = ""
    sections: tuple[Section, ...] = ()
    #: The edition that replaced this one ("" while current): kept so bids started under it
    #: still open, but not offered first for new bids.
    superseded_by: str = ""
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.all_questions()

    def question(self, question_id: str) -> Question:
        if not self._by_id:
            self._by_id.update({q.id: q for q in self.questions()})
        return self._by_id[question_id]

    @property
    def superseded(self) -> bool:
        return bool(self.superseded_by)

    def chooser_label(self) -> str:
        """How a new bid is offered the form: title, edition and, if replaced, by what."""
        label = f"{self.title} ({self.version})"
        if self.superseded_by:
            label += f" - superseded by {self.superseded_by}, for bids started under it"
        return label

    def buyer_numbers(self) -> list[str]:
        """The buyer's question numbers in form order, one per template item.

        Rows of one template item (the six offences of SQ 2.1(a), say) share its number, so
        runs of the same number count once; set-up questions have none.
        """
        numbers: list[str] = []
        for question in self.questions():
            if question.internal or not question.number:
                continue
            if not numbers or numbers[-1] != question.number:
                numbers.append(question.number)
        return numbers

    def section_count(self) -> int:
        def count(sections: tuple[Section, ...]) -> int:
            return sum(1 + count(s.sections) for s in sections)

        return count(self.sections)
