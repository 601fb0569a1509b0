"""Measure detection and answering over the buyer-form corpus (shared by the test and the
benchmark): each form imported into a demo bid and exported filled in, then every expected
question looked up and the text at its answer place compared with the expected answer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document

from bidkit.buyer_forms.reader import body_blocks, cells_of, rows_of, text_of
from bidkit.buyer_forms.structure import BuyerForm, BuyerQuestion, PlaceKind
from bidkit.ops.buyer_forms import export_buyer_form, import_buyer_form, load_buyer_form
from bidkit.store.workspace import Workspace

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, list[dict[str, Any]]] = json.loads(
    (CORPUS / "expected.json").read_text("utf-8")
)
_REF = re.compile(r"^\s*(Q\s?\d+|\d+(\.\d+)*|[A-Z]\d+(\.\d+)*)[.):]?\s+")


def norm(text: str) -> str:
    return " ".join(_REF.sub("", text).casefold().split())


@dataclass
class Figures:
    present: int = 0
    found: int = 0
    extra: int = 0
    answerable: int = 0
    placed_right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "forms": len(EXPECTED),
            "questions_present": self.present,
            "questions_found": self.found,
            "extra_detections": self.extra,
            "answerable": self.answerable,
            "answers_placed": self.placed_right,
            "wrong_answers": len(self.wrong),
        }


def text_at(blocks: list[Any], question: BuyerQuestion) -> str:
    place = question.place
    block = blocks[place.block]
    if place.kind == PlaceKind.PARAGRAPHS:
        return "\n".join(text_of(b) for b in blocks[place.block : place.block + place.count + 3])
    if place.kind == PlaceKind.CONTROL:
        return text_of(block)
    cell = cells_of(rows_of(block)[place.row])[place.col]
    return text_of(cell)


def check_form(ws: Workspace, bid_id: int, name: str, out: Path, figures: Figures) -> None:
    _, imported = import_buyer_form(ws, CORPUS / f"{name}.docx", bid_id)
    buyer: BuyerForm = load_buyer_form(ws, bid_id, imported.form_id)
    target = out / f"{name}-filled.docx"
    export_buyer_form(ws, bid_id, target, imported.form_id)
    blocks = body_blocks(Document(str(target)).element.body)
    source_blocks = body_blocks(Document(str(CORPUS / f"{name}.docx")).element.body)
    by_text = {norm(q.text): q for q in buyer.questions}
    expected = EXPECTED[name]
    figures.present += len(expected)
    figures.extra += len(buyer.questions) - sum(1 for e in expected if norm(e["text"]) in by_text)
    for item in expected:
        question = by_text.get(norm(item["text"]))
        label = f"{name}: {item['text'][:50]}"
        if question is None:
            figures.not_found.append(label)
            continue
        figures.found += 1
        before = text_at(source_blocks, question)
        after = text_at(blocks, question)
        changed = after != before
        wanted = item["answer"]
        if wanted is None:
            if changed:
                figures.wrong.append(f"{label}: got {after[:60]!r}")
            continue
        figures.answerable += 1
        if wanted in after and changed:
            figures.placed_right += 1
        elif changed:
            figures.wrong.append(f"{label}: got {after[:60]!r}, wanted {wanted!r}")
        else:
            figures.missed.append(label)


def run_corpus(ws: Workspace, bid_id: int, out: Path) -> Figures:
    figures = Figures()
    for name in EXPECTED:
        check_form(ws, bid_id, name, out, figures)
    return figures
