"""What reading a buyer's Word questionnaire finds: its questions and where each answer goes.

Plain frozen dataclasses that round-trip through JSON, so the workspace keeps them next to the
buyer's original file and the writer can put answers back in exactly the same places.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from bidkit.forms.schema import AnswerType, Limit


class PlaceKind:
    CELL = "cell"  # a table cell (question | response, ref | question | answer, grid, stacked)
    BOX = "box"  # a one-cell table after a question paragraph
    PARAGRAPHS = "paragraphs"  # empty paragraphs after a question paragraph
    CONTROL = "control"  # content controls in a paragraph, or one standing as a block


class Control:
    NONE = ""  # an empty cell or paragraphs, or one holding only prompt text
    TICKS = "ticks"  # ☐ characters before each option
    CHECKBOXES = "checkboxes"  # Word check-box content controls, one per option
    DROPDOWN = "dropdown"  # a drop-down list content control
    TEXT = "text"  # a plain-text content control showing its placeholder


@dataclass(frozen=True)
class Place:
    """Where an answer goes. `block` counts the body's top-level paragraphs, tables and
    content controls in document order; `row` and `col` count a table's rows and cells."""

    kind: str
    block: int
    row: int = 0
    col: int = 0
    #: For PARAGRAPHS: how many empty paragraphs the buyer left.
    count: int = 0
    control: str = Control.NONE
    #: Text already in the place that the answer replaces ("[Insert name]", a placeholder).
    prompt: str = ""
    #: Which of the document's tables it is in (1 for the first), 0 outside tables.
    table: int = 0

    def describe(self) -> str:
        """Where it sits, in words a writer can find in Word: "Table 2, row 4, column 2"."""
        if self.kind == PlaceKind.PARAGRAPHS:
            lines = "line" if self.count == 1 else "lines"
            return f"{self.count} empty {lines} under the question"
        if self.kind == PlaceKind.CONTROL:
            return "The form field beside or under the question"
        if self.kind == PlaceKind.BOX:
            return f"Answer box under the question (table {self.table})"
        return f"Table {self.table}, row {self.row + 1}, column {self.col + 1}"


@dataclass(frozen=True)
class BuyerQuestion:
    id: str
    #: The buyer's own reference ("A3", "4.2", "Q1"), or "" when they gave none.
    ref: str
    text: str
    type: AnswerType
    place: Place
    section: str = ""
    limit: Limit | None = None
    options: tuple[str, ...] = ()
    #: "signature" (never filled), "declaration_date" (left for the signer) or "".
    role: str = ""
    #: In a declaration (its "Name" is the signatory's, not the organisation's).
    declaration: bool = False
    #: The wording the question was found by, when a correction changed `text`.
    found_as: str = ""

    @property
    def fillable(self) -> bool:
        return self.role == ""


@dataclass(frozen=True)
class BuyerForm:
    """A buyer's questionnaire as read: its name and questions in document order."""

    title: str
    questions: tuple[BuyerQuestion, ...] = field(default_factory=tuple)

    def question(self, question_id: str) -> BuyerQuestion:
        return next(q for q in self.questions if q.id == question_id)


# -- JSON ---------------------------------------------------------------------------------------
def dump_form(form: BuyerForm) -> str:
    return json.dumps(
        {"title": form.title, "questions": [_dump_question(q) for q in form.questions]},
        ensure_ascii=False,
    )


def load_form(text: str) -> BuyerForm:
    data = json.loads(text)
    return BuyerForm(data["title"], tuple(_load_question(q) for q in data["questions"]))


def _dump_question(question: BuyerQuestion) -> dict[str, Any]:
    data = asdict(question)
    data["type"] = question.type.value
    data["limit"] = asdict(question.limit) if question.limit else None
    return data


def _load_question(data: dict[str, Any]) -> BuyerQuestion:
    limit = data.get("limit")
    return BuyerQuestion(
        id=data["id"],
        ref=data["ref"],
        text=data["text"],
        type=AnswerType(data["type"]),
        place=Place(**data["place"]),
        section=data.get("section", ""),
        limit=Limit(**limit) if limit else None,
        options=tuple(data.get("options", ())),
        role=data.get("role", ""),
        declaration=data.get("declaration", False),
        found_as=data.get("found_as", ""),
    )
