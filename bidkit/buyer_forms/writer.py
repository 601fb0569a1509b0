"""Write answers into the buyer's own Word file, in the places the reader found.

Only the answer places change: a cell's or box's text (the prompt it held removed), the empty
paragraphs under a question, ☐ turned into ☒ on the chosen option, a check-box content control
checked, a drop-down or text content control filled with its placeholder state cleared. The
buyer's wording, styles, numbering, headers and layout are left as they are. A place that no
longer looks as it did when read (the file is not the one imported) is reported, not guessed.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bidkit.buyer_forms.answering import choose_option
from bidkit.buyer_forms.reader import (
    TICK_EMPTY,
    W14,
    W,
    body_blocks,
    cells_of,
    rows_of,
    text_of,
)
from bidkit.buyer_forms.structure import BuyerForm, BuyerQuestion, Control, Place, PlaceKind

TICK_FULL = "☒"


@dataclass
class FillReport:
    placed: list[str] = field(default_factory=list)
    #: (question id, why it was not placed)
    skipped: list[tuple[str, str]] = field(default_factory=list)


class _PlaceGone(Exception):
    """The answer place is not where (or what) the reader found."""


def fill_buyer_form(
    data: bytes, form: BuyerForm, answers: Mapping[str, str]
) -> tuple[bytes, FillReport]:
    """The buyer's file with `answers` (text by question id) in place, and what was placed."""
    from docx import Document  # python-docx is imported only when Word files are used

    document = Document(io.BytesIO(data))
    blocks = body_blocks(document.element.body)
    report = FillReport()
    # A question split in two keeps one answer place: its answers go there one after the other.
    shared: dict[Place, list[BuyerQuestion]] = {}
    for question in form.questions:
        if answers.get(question.id) and question.fillable:
            shared.setdefault(question.place, []).append(question)
    for questions in shared.values():
        first = questions[0]
        text = "\n\n".join(answers[q.id] for q in questions)
        ids = [q.id for q in questions]
        try:
            if _fill(blocks, first, text):
                report.placed.extend(ids)
            else:
                reason = "none of the buyer's options fits the answer"
                report.skipped.extend((i, reason) for i in ids)
        except _PlaceGone as gone:
            report.skipped.extend((i, str(gone)) for i in ids)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), report


def _fill(blocks: list[Any], question: BuyerQuestion, text: str) -> bool:
    place = question.place
    if place.block >= len(blocks):
        raise _PlaceGone("the document is shorter than when it was read")
    block = blocks[place.block]
    if place.kind == PlaceKind.PARAGRAPHS:
        if block.tag != f"{W}p" or text_of(block):
            raise _PlaceGone("the empty paragraphs under the question are gone")
        _write_paragraphs(block, text, keep_first=True)
        return True
    if place.kind == PlaceKind.CONTROL:
        if next(block.iter(f"{W}sdt"), None) is None:
            raise _PlaceGone("the form field is gone")
        cell = block
    elif block.tag != f"{W}tbl":
        raise _PlaceGone("the table is gone")
    else:
        rows = rows_of(block)
        if place.row >= len(rows) or place.col >= len(cells_of(rows[place.row])):
            raise _PlaceGone("the table has fewer rows or cells than when it was read")
        cell = cells_of(rows[place.row])[place.col]
    if place.control == Control.TICKS:
        return _tick(cell, question, text)
    if place.control == Control.CHECKBOXES:
        return _check(cell, question, text)
    if place.control == Control.DROPDOWN:
        option = choose_option(question.options, text)
        sdt = next(cell.iter(f"{W}sdt"), None)
        if option is None or sdt is None:
            return False
        _fill_control(sdt, option)
        return True
    if place.control == Control.TEXT:
        sdt = next(cell.iter(f"{W}sdt"), None)
        if sdt is None:
            raise _PlaceGone("the content control is gone")
        _fill_control(sdt, text)
        return True
    current = text_of(cell)
    if current and current != place.prompt:
        raise _PlaceGone("the answer place already holds other text")
    _write_cell(cell, text)
    return True


# -- text -----------------------------------------------------------------------------------------
def _run(text: str, properties: Any | None = None) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        node = OxmlElement("w:t")
        node.text = line
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(node)
    return run


def _clear_paragraph(p: Any) -> None:
    for child in list(p):
        if child.tag != f"{W}pPr":
            p.remove(child)


def _write_paragraphs(first: Any, text: str, *, keep_first: bool) -> None:
    """Put the answer's paragraphs (blank-line separated) from `first` on, adding paragraphs
    after it with the same paragraph properties."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()] or [""]
    _clear_paragraph(first)
    first.append(_run(parts[0]))
    previous = first
    for part in parts[1:]:
        paragraph = copy.deepcopy(first)
        _clear_paragraph(paragraph)
        paragraph.append(_run(part))
        previous.addnext(paragraph)
        previous = paragraph


def _write_cell(cell: Any, text: str) -> None:
    paragraphs = cell.findall(f"{W}p")
    for extra in paragraphs[1:]:
        cell.remove(extra)
    _write_paragraphs(paragraphs[0], text, keep_first=True)


# -- choices --------------------------------------------------------------------------------------
def _tick(cell: Any, question: BuyerQuestion, text: str) -> bool:
    option = choose_option(question.options, text)
    if option is None:
        return False
    nodes = list(cell.iter(f"{W}t"))
    boxes = [(n, i) for n in nodes for i, ch in enumerate(n.text or "") if ch in TICK_EMPTY]
    for index, (node, position) in enumerate(boxes):
        label = _text_between(
            nodes, (node, position), boxes[index + 1] if index + 1 < len(boxes) else None
        )
        if label.strip().casefold().startswith(option.casefold()):
            node.text = node.text[:position] + TICK_FULL + node.text[position + 1 :]
            return True
    return False


def _text_between(nodes: list[Any], start: tuple[Any, int], end: tuple[Any, int] | None) -> str:
    parts: list[str] = []
    started = False
    for node in nodes:
        value = node.text or ""
        if node is start[0]:
            started = True
            value = value[start[1] + 1 :]
            if end is not None and end[0] is node:
                return value[: end[1] - start[1] - 1]
        elif not started:
            continue
        if end is not None and node is end[0]:
            parts.append(value[: end[1]])
            break
        parts.append(value)
    return "".join(parts)


def _check(cell: Any, question: BuyerQuestion, text: str) -> bool:
    option = choose_option(question.options, text)
    if option is None:
        return False
    boxes = [s for s in cell.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W14}checkbox") is not None]
    if len(boxes) != len(question.options):
        raise _PlaceGone("the check boxes are not the ones read")
    box = boxes[question.options.index(option)]
    checked = box.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
    if checked is not None:
        checked.set(f"{W14}val", "1")
    for node in box.iter(f"{W}t"):
        for empty in TICK_EMPTY:
            node.text = (node.text or "").replace(empty, TICK_FULL)
    return True


def _fill_control(sdt: Any, text: str) -> None:
    """Put `text` in a content control and clear its placeholder state and styling."""
    properties = sdt.find(f"{W}sdtPr")
    if properties is not None:
        for flag in properties.findall(f"{W}showingPlcHdr"):
            properties.remove(flag)
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        raise _PlaceGone("the content control is empty")
    paragraphs = content.findall(f"{W}p")
    if paragraphs:  # a control around whole paragraphs
        for extra in paragraphs[1:]:
            content.remove(extra)
        _write_paragraphs(paragraphs[0], text, keep_first=True)
        return
    runs = content.findall(f"{W}r")
    style = None
    if runs:
        style = runs[0].find(f"{W}rPr")
        if style is not None:
            style = copy.deepcopy(style)
            for unwanted in ("rStyle", "color"):
                for node in style.findall(f"{W}{unwanted}"):
                    style.remove(node)
    for child in list(content):
        content.remove(child)
    # Inline controls hold runs only: paragraphs of the answer become line breaks.
    content.append(
        _run(text.replace("\n\n", "\n"), style if style is not None and len(style) else None)
    )
