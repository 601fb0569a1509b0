"""User actions on a buyer's own Word questionnaire: import it into a bid, correct what was
detected, and export the buyer's file with the answers in place.

An imported questionnaire is attached to the bid like a shipped one (a `bid_form` row, answers
in `answer`), so the Questionnaires page, statuses, rules, word counts and provenance all apply.
Its form is rebuilt from the stored structure and registered with the catalogue whenever the
workspace is read (`register_buyer_forms`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bidkit.buyer_forms.answering import answer_text, as_form
from bidkit.buyer_forms.reader import read_buyer_form
from bidkit.buyer_forms.structure import BuyerForm, dump_form, load_form
from bidkit.buyer_forms.writer import FillReport, fill_buyer_form
from bidkit.errors import InputRefused, NotFound
from bidkit.forms.catalog import register_imported
from bidkit.ops.changes import Changes
from bidkit.ops.questionnaires import QUESTIONNAIRE, attach_in, read_questionnaire
from bidkit.store.atomic import write_bytes_atomic
from bidkit.store.queries import get_bid
from bidkit.store.workspace import Workspace

#: form id -> revision registered, so an unchanged form is not parsed again.
_registered: dict[str, int] = {}


@dataclass(frozen=True)
class ImportedForm:
    """What `bidkit forms import` reports."""

    form_id: str
    title: str
    questions: int
    prefilled: int
    reusable: int
    #: [{"question": "q3", "ref": "3", "words": 500}] in document order.
    limits: tuple[dict[str, Any], ...]

    @property
    def coverage(self) -> float:
        return 1.0 if self.reusable == 0 else self.prefilled / self.reusable

    def as_json(self) -> dict[str, Any]:
        return {
            "form_id": self.form_id,
            "title": self.title,
            "questions": self.questions,
            "prefilled": self.prefilled,
            "reusable": self.reusable,
            "coverage": round(self.coverage, 4),
            "limits": list(self.limits),
        }


def register_buyer_forms(session: Session) -> None:
    """Make every buyer questionnaire in the workspace known to `forms.catalog.get_form`."""
    from bidkit.model.buyer_form import BuyerFormFile

    rows = session.exec(select(BuyerFormFile.form_id, BuyerFormFile.revision)).all()
    for form_id, revision in rows:
        if _registered.get(form_id) == revision:
            continue
        row = session.exec(select(BuyerFormFile).where(col(BuyerFormFile.form_id) == form_id)).one()
        register_imported(as_form(load_form(row.structure), form_id))
        _registered[form_id] = revision


def buyer_form_of(session: Session, bid_id: int, form_id: str | None = None) -> Any:
    """The bid's buyer questionnaire row (the first one, or `form_id`)."""
    from bidkit.model.buyer_form import BuyerFormFile

    get_bid(session, bid_id)  # a bid that is not there is named as such
    statement = select(BuyerFormFile).where(col(BuyerFormFile.bid_id) == bid_id)
    if form_id is not None:
        statement = statement.where(col(BuyerFormFile.form_id) == form_id)
    row = session.exec(statement.order_by(col(BuyerFormFile.id))).first()
    if row is None:
        raise NotFound(
            "This bid has no buyer's questionnaire. Import the buyer's Word file first "
            "(File > Import buyer's questionnaire…, or 'bidkit forms import FILE.docx --bid ID')."
        )
    return row


def read_checked_docx(path: Path) -> tuple[str, bytes]:
    """The file's name and bytes once they pass the library import's safety checks."""
    from bidkit.library.docx_safety import MAX_DOCX_BYTES, inspect_docx, refuse

    if path.suffix.lower() != ".docx":
        raise InputRefused(
            f"“{path.name}” is not a Word (.docx) file. Save the buyer's questionnaire as a "
            "Word Document (.docx) and import that."
        )
    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:  # refused before reading it all into memory
            raise refuse(
                path.name,
                f"is {size / 1048576:.1f} MB, over the {MAX_DOCX_BYTES // 1048576} MB limit "
                "for Word files",
                "Ask the buyer for a copy without large pictures.",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputRefused(f"There is no file {path}. Check the name and folder.") from None
    except OSError as exc:
        raise InputRefused(f"BidKit cannot read {path}: {exc.strerror or exc}.") from exc
    checked = inspect_docx(path.name, data)  # the library's Word import's checks, all of them
    return checked.name, checked.data


def import_buyer_form(
    ws: Workspace, path: Path, bid_id: int, today: date | None = None
) -> tuple[Changes, ImportedForm]:
    """Read the buyer's .docx, attach it to the bid and pre-fill it, in one transaction.

    Nothing is written unless the file passes the safety checks and holds questions."""
    from bidkit.model.buyer_form import BuyerFormFile

    name, data = read_checked_docx(path)
    try:
        buyer = read_buyer_form(data, f"Buyer's questionnaire ({name})")
    except Exception as exc:  # python-docx on a damaged part
        raise InputRefused(
            f"“{name}” could not be read as a Word document ({type(exc).__name__}). Open it in "
            "Word, save a fresh copy as .docx and import that."
        ) from exc
    if not buyer.questions:
        raise InputRefused(
            f"BidKit found no questions with answer spaces in “{name}”. It reads tables with an "
            "empty answer column, numbered questions followed by an empty box or empty "
            "paragraphs, tick boxes and content controls."
        )
    form_id = f"buyer-{bid_id}-{secrets.token_hex(4)}"
    with ws.write() as session:
        get_bid(session, bid_id)
        session.add(
            BuyerFormFile(
                bid_id=bid_id,
                form_id=form_id,
                file_name=name,
                source=data,
                structure=dump_form(buyer),
            )
        )
        session.flush()
        register_buyer_forms(session)
        attach_in(session, bid_id, form_id, today)
    snapshot = read_questionnaire(ws, bid_id, form_id, today)
    limits = tuple(
        {"question": q.id, "ref": q.ref, "text": q.text[:80]}
        | ({"words": q.limit.words} if q.limit.words else {"characters": q.limit.characters})
        for q in buyer.questions
        if q.limit is not None
    )
    result = ImportedForm(
        form_id,
        buyer.title,
        len(buyer.questions),
        snapshot.coverage.prefilled,
        snapshot.coverage.reusable,
        limits,
    )
    note = f"'{name}' imported: {result.questions} questions, {result.prefilled} pre-filled"
    return Changes.of(QUESTIONNAIRE, bid_id, note=note), result


def load_buyer_form(ws: Workspace, bid_id: int, form_id: str | None = None) -> BuyerForm:
    with ws.session() as session:
        return load_form(buyer_form_of(session, bid_id, form_id).structure)


@dataclass(frozen=True)
class BuyerExport:
    path: Path
    form_id: str
    placed: int
    answered: int
    skipped: tuple[tuple[str, str], ...]


def export_buyer_form(
    ws: Workspace, bid_id: int, target: Path, form_id: str | None = None
) -> BuyerExport:
    """Write the buyer's own file with the bid's answers in place (a read: nothing stored)."""
    if target.suffix.lower() != ".docx":
        raise InputRefused(
            f"The buyer's questionnaire is a Word file: name the output {target.stem}.docx."
        )
    with ws.session() as session:
        row = buyer_form_of(session, bid_id, form_id)
        source, structure, chosen = row.source, row.structure, row.form_id
        register_buyer_forms(session)
    buyer = load_form(structure)
    snapshot = read_questionnaire(ws, bid_id, chosen)
    texts: dict[str, str] = {}
    for question in buyer.questions:
        view = snapshot.answer(question.id, None)
        text = answer_text(question, view.value) if view is not None else None
        if text:
            texts[question.id] = text
    data, report = fill_buyer_form(source, buyer, texts)
    try:
        write_bytes_atomic(target, data)
    except OSError as exc:
        raise InputRefused(f"BidKit cannot write {target}: {exc.strerror or exc}.") from exc
    return _exported(target, chosen, texts, report)


def _exported(target: Path, form_id: str, texts: dict[str, str], report: FillReport) -> BuyerExport:
    return BuyerExport(target, form_id, len(report.placed), len(texts), tuple(report.skipped))
