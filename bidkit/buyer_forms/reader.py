"""Find the questions of a buyer's Word questionnaire and the places their answers go.

Works on the document's XML (python-docx's lxml tree), walking the body's top-level blocks in
order. Shapes recognised: question | response and ref | question | answer tables (with merged
section rows and shaded cells), a question row above an empty answer row, numbered question
paragraphs followed by an empty one-cell table or empty paragraphs, grids of empty cells under
column headings (financial years), ☐ tick boxes, check-box, drop-down and plain-text content
controls, and declarations (name, position, date, signature). The file must already have
passed `bidkit.library.docx_safety.inspect_docx`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from bidkit.buyer_forms.limits import find_limit
from bidkit.buyer_forms.structure import BuyerForm, BuyerQuestion, Control, Place, PlaceKind
from bidkit.forms.schema import AnswerType

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
TICK_EMPTY = ("☐", "□")

_REF = re.compile(r"^\s*(Q\s?\d+[a-z]?|[A-Z]{1,2}\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)*[a-z]?)[.):]?\s+")
_PROMPT = re.compile(
    r"^\s*(\[[^\]]*\]|<[^>]*>|click (?:or tap )?here.*|enter (?:your )?(?:text|answer).*|"
    r"insert .*|type here.*|please (?:enter|insert) .*)\s*$",
    re.IGNORECASE,
)
_HEADER_WORDS = {
    "question",
    "questions",
    "response",
    "answer",
    "ref",
    "reference",
    "no",
    "no.",
    "item",
    "your response",
    "supplier response",
    "details",
    "description",
}
_DECLARATION = re.compile(r"declaration|form of tender|certificate of bona fide", re.IGNORECASE)
_MONEY_WORDS = re.compile(
    r"turnover|income|net assets|assets|surplus|profit|deficit|reserves|liabilities|£",
    re.IGNORECASE,
)


def text_of(element: Any) -> str:
    """The visible text of an element: its runs' text, tabs as spaces, breaks as new lines."""
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}p"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag == f"{W}br" or (node.tag == f"{W}p" and parts):
            parts.append("\n")
    return re.sub(r"[ \t]+", " ", "".join(parts)).strip()


def body_blocks(body: Any) -> list[Any]:
    """The body's top-level paragraphs, tables and block content controls, in order."""
    return [child for child in body if child.tag in (f"{W}p", f"{W}tbl", f"{W}sdt")]


def rows_of(table: Any) -> list[Any]:
    return list(table.findall(f"{W}tr"))


def cells_of(row: Any) -> list[Any]:
    return list(row.findall(f"{W}tc"))


@dataclass
class _Pending:
    """A question paragraph waiting for its answer place."""

    ref: str
    text: str
    block: int


class _Reader:
    def __init__(self, blocks: list[Any]) -> None:
        self.blocks = blocks
        self.questions: list[BuyerQuestion] = []
        self.section = ""
        self.pending: _Pending | None = None
        self.declaration = False
        self.list_counters: dict[str, int] = {}

    def read(self) -> list[BuyerQuestion]:
        index = 0
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.tag == f"{W}tbl":
                self._table(block, index)
            elif block.tag == f"{W}sdt":  # a form field standing on its own line
                if self.pending is not None:
                    place = Place(PlaceKind.CONTROL, index)
                    self._add(self.pending.ref, self.pending.text, place, block)
                self.pending = None
            elif block.tag == f"{W}p":
                skip = self._paragraph(block, index)
                index += skip
            index += 1
        return self.questions

    # -- paragraphs ------------------------------------------------------------------------------
    def _paragraph(self, p: Any, index: int) -> int:
        if p.find(f".//{W}sdt") is not None and _controls(p)[0] != Control.NONE:
            return self._field_paragraph(p, index)
        text = text_of(p)
        style = _style_of(p)
        if not text:
            if self.pending is not None:
                count = self._empty_run(index)
                self._add(
                    self.pending.ref,
                    self.pending.text,
                    Place(PlaceKind.PARAGRAPHS, index, count=count),
                    None,
                )
                self.pending = None
                return count - 1
            return 0
        self.pending = None
        if style.startswith(("heading", "title")) or _is_bold_heading(p, text):
            self.section = text
            self.declaration = bool(_DECLARATION.search(text))
            return 0
        ref, question = _split_ref(text)
        numbered = p.find(f"{W}pPr/{W}numPr") is not None or style.startswith("listnumber")
        if numbered and not ref:
            key = style or "list"
            self.list_counters[key] = self.list_counters.get(key, 0) + 1
            ref = str(self.list_counters[key])
        if (ref or numbered or question.rstrip().endswith("?")) and len(question) < 700:
            self.pending = _Pending(ref, question, index)
        return 0

    def _field_paragraph(self, p: Any, index: int) -> int:
        """ "Organisation name: [field]", or a field under the question waiting for one."""
        label = _text_outside_controls(p).strip().rstrip(":").strip()
        place = Place(PlaceKind.CONTROL, index)
        if label:
            ref, question = _split_ref(label)
            self._add(ref, question, place, p)
        elif self.pending is not None:
            self._add(self.pending.ref, self.pending.text, place, p)
        self.pending = None
        return 0

    def _empty_run(self, index: int) -> int:
        count = 0
        for block in self.blocks[index:]:
            if block.tag != f"{W}p" or text_of(block):
                break
            count += 1
        return count

    # -- tables ----------------------------------------------------------------------------------
    def _table(self, table: Any, index: int) -> None:
        rows = rows_of(table)
        if len(rows) == 1 and len(cells_of(rows[0])) == 1:
            cell = cells_of(rows[0])[0]
            if self.pending is not None and _answerable(cell):
                self._add(
                    self.pending.ref,
                    self.pending.text,
                    Place(PlaceKind.BOX, index, 0, 0, prompt=_prompt(cell)),
                    cell,
                )
            self.pending = None
            return
        self.pending = None
        if self._grid(table, index):
            return
        for r, row in enumerate(rows):
            cells = cells_of(row)
            texts = [text_of(c) for c in cells]
            if len(cells) == 1:
                self._wide_row(rows, r, index, texts[0])
            elif len(cells) >= 2:
                self._question_row(cells, texts, r, index)

    def _wide_row(self, rows: list[Any], r: int, index: int, text: str) -> None:
        if not text:
            return
        below = cells_of(rows[r + 1]) if r + 1 < len(rows) else []
        if len(below) == 1 and _answerable(below[0]):
            ref, question = _split_ref(text)
            place = Place(PlaceKind.CELL, index, r + 1, 0, prompt=_prompt(below[0]))
            self._add(ref, question, place, below[0])
            return
        self.section = text
        self.declaration = bool(_DECLARATION.search(text))

    def _question_row(self, cells: list[Any], texts: list[str], r: int, index: int) -> None:
        if all(t.casefold().rstrip(":") in _HEADER_WORDS or not t for t in texts):
            return
        answer_col = len(cells) - 1
        if not _answerable(cells[answer_col]):
            return
        label_cols = [t for t in texts[:answer_col] if t]
        if not label_cols:
            return
        ref = ""
        question = label_cols[-1]
        if len(label_cols) >= 2 and _REF.match(label_cols[0] + " "):
            ref = label_cols[0].strip().rstrip(".")
        else:
            ref, question = _split_ref(question)
        place = Place(PlaceKind.CELL, index, r, answer_col, prompt=_prompt(cells[answer_col]))
        self._add(ref, question, place, cells[answer_col])

    def _grid(self, table: Any, index: int) -> bool:
        """A table of empty cells under column headings, labelled down its first column."""
        rows = rows_of(table)
        if len(rows) < 2:
            return False
        header = [text_of(c) for c in cells_of(rows[0])]
        if len(header) < 3 or not all(header[1:]):
            return False
        body = [cells_of(row) for row in rows[1:]]
        if not all(len(cells) == len(header) and text_of(cells[0]) for cells in body):
            return False
        if not all(
            _answerable(c) and _controls(c)[0] == Control.NONE for cells in body for c in cells[1:]
        ):
            return False
        for r, cells in enumerate(body, start=1):
            label = text_of(cells[0])
            for c in range(1, len(header)):
                text = f"{label} ({header[c]})"
                kind = AnswerType.MONEY if _MONEY_WORDS.search(label) else AnswerType.SHORT_TEXT
                self._add("", text, Place(PlaceKind.CELL, index, r, c), cells[c], kind)
        return True

    # -- questions -------------------------------------------------------------------------------
    def _add(
        self,
        ref: str,
        text: str,
        place: Place,
        cell: Any,
        kind: AnswerType | None = None,
    ) -> None:
        control, options = _controls(cell) if cell is not None else (Control.NONE, ())
        table = sum(1 for b in self.blocks[: place.block + 1] if b.tag == f"{W}tbl")
        place = replace(place, control=control, table=table if cell is not None else 0)
        limit = find_limit(text) or (find_limit(place.prompt) if place.prompt else None)
        role = ""
        label = text.casefold().rstrip(": ")
        if self.declaration or label in ("signature", "signed"):
            if label.startswith(("sign", "signature")):
                role = "signature"
            elif label.startswith("date"):
                role = "declaration_date"
        answer_type = kind or _answer_type(text, control, options, limit is not None)
        if role == "declaration_date":
            answer_type = AnswerType.DATE
        number = len(self.questions) + 1
        self.questions.append(
            BuyerQuestion(
                id=f"q{number}",
                ref=ref,
                text=text,
                type=answer_type,
                place=place,
                section=self.section,
                limit=limit,
                options=options,
                role=role,
                declaration=self.declaration,
            )
        )


# -- cells and controls ---------------------------------------------------------------------------
def _style_of(p: Any) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    value = style.get(f"{W}val") if style is not None else ""
    return str(value or "").casefold().replace(" ", "")


def _is_bold_heading(p: Any, text: str) -> bool:
    """A short paragraph set all in bold, ending without punctuation: a section title."""
    runs = [r for r in p.iter(f"{W}r") if text_of(r)]
    if not runs or len(text) > 80 or text.endswith(("?", ".", ":")) or _REF.match(text + " "):
        return False
    return all(r.find(f"{W}rPr/{W}b") is not None for r in runs)


def _text_outside_controls(p: Any) -> str:
    """The words of a paragraph that are not inside its content controls (their label)."""
    parts = [
        node.text or ""
        for node in p.iter(f"{W}t")
        if not any(a.tag == f"{W}sdt" for a in node.iterancestors())
    ]
    return re.sub(r"\s+", " ", "".join(parts))


def _split_ref(text: str) -> tuple[str, str]:
    found = _REF.match(text)
    if found is None:
        return "", text.strip()
    return found.group(1).strip(), text[found.end() :].strip()


def _answerable(cell: Any) -> bool:
    """An empty cell, or one holding only a prompt, tick boxes or content controls."""
    if _controls(cell)[0] != Control.NONE:
        return True
    text = text_of(cell)
    return not text or bool(_PROMPT.match(text))


def _prompt(cell: Any) -> str:
    text = text_of(cell)
    return text if text and _PROMPT.match(text) else ""


def _controls(cell: Any) -> tuple[str, tuple[str, ...]]:
    """The kind of answer control in a cell and its options (if it offers a choice)."""
    sdts = list(cell.iter(f"{W}sdt"))
    checkboxes = [s for s in sdts if s.find(f"{W}sdtPr/{W14}checkbox") is not None]
    if checkboxes:
        return Control.CHECKBOXES, tuple(_checkbox_labels(cell))
    for sdt in sdts:
        listing = sdt.find(f"{W}sdtPr/{W}dropDownList")
        if listing is None:
            listing = sdt.find(f"{W}sdtPr/{W}comboBox")
        if listing is not None:
            items = listing.findall(f"{W}listItem")
            options = tuple(
                str(i.get(f"{W}displayText") or i.get(f"{W}value") or "") for i in items
            )
            return Control.DROPDOWN, tuple(o for o in options if o)
    if sdts:
        return Control.TEXT, ()
    text = text_of(cell)
    if any(box in text for box in TICK_EMPTY):
        labels = [o.strip() for o in re.split("|".join(TICK_EMPTY), text)[1:]]
        return Control.TICKS, tuple(o for o in labels if o)
    return Control.NONE, ()


def _checkbox_labels(cell: Any) -> Iterator[str]:
    """The words after each check box, up to the next one."""
    label: list[str] | None = None
    for node in cell.iter(f"{W}sdt", f"{W}t"):
        if node.tag == f"{W}sdt":
            if node.find(f"{W}sdtPr/{W14}checkbox") is None:
                continue
            if label is not None:
                yield "".join(label).strip()
            label = []
        elif label is not None and not _inside_checkbox(node):
            label.append(node.text or "")
    if label is not None:
        yield "".join(label).strip()


def _inside_checkbox(node: Any) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag == f"{W}sdt":
            return parent.find(f"{W}sdtPr/{W14}checkbox") is not None
        parent = parent.getparent()
    return False


_LONG = re.compile(
    r"^(describe|explain|outline|tell us|set out|give (?:details|an example|a case)|provide "
    r"(?:details|an example|a case|your|evidence)|how (?:do|will|would|does)|what (?:steps|"
    r"outcomes|arrangements)|please (?:describe|explain|outline|provide))",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"^(are|do|does|is|has|have|were|was|will|can)\b.*\?\s*$", re.IGNORECASE)


def _answer_type(text: str, control: str, options: tuple[str, ...], has_limit: bool) -> AnswerType:
    if control in (Control.TICKS, Control.CHECKBOXES, Control.DROPDOWN):
        if {o.casefold() for o in options} <= {"yes", "no", "n/a", "not applicable"}:
            return AnswerType.YES_NO
        return AnswerType.SINGLE_CHOICE
    if has_limit or _LONG.match(text):
        return AnswerType.LONG_TEXT
    folded = text.casefold()
    if _YES_NO.match(text):
        return AnswerType.YES_NO
    if re.search(r"\bdate\b", folded):
        return AnswerType.DATE
    if re.search(r"\b(number of|how many)\b", folded):
        return AnswerType.NUMBER
    if _MONEY_WORDS.search(text) or re.search(r"\b(level|amount) of cover|cover\b", folded):
        return AnswerType.MONEY
    if "address" in folded and "email" not in folded and "web" not in folded:
        return AnswerType.LONG_TEXT
    return AnswerType.SHORT_TEXT


def read_buyer_form(data: bytes, title: str) -> BuyerForm:
    """The questions of a checked .docx (see `bidkit.library.docx_safety.inspect_docx`)."""
    from docx import Document  # python-docx is imported only when Word files are used

    document = Document(io.BytesIO(data))
    questions = _Reader(body_blocks(document.element.body)).read()
    return BuyerForm(title, tuple(questions))
