"""Documents to check the Word pagination estimate on, the same on every run.

The demo seeded on a fixed day, each of its bids with a questionnaire; its PSQ bid again with
every module the buyer may ask for; the writers' small sample (every answer type, Welsh text);
and a questionnaire whose contents list runs onto a second page. Shared by
`tests/tools/word_contents.py` (which renders them with LibreOffice) and
`test_word_contents_golden.py` (which needs no LibreOffice).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import col, select

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.ir import Document
from bidkit.export.source import AnswerRecord, BidContent
from bidkit.forms.rules import BID_KEY, Participant
from bidkit.forms.schema import AnswerType, Form, Question, Section
from bidkit.model.bid import Bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import load_content
from bidkit.ops.questionnaires import forms_of_bid
from bidkit.store.workspace import Workspace
from tests.export import sample

#: The day the demo is seeded and exported on (any fixed day gives fixed documents).
DEMO_DAY = date(2026, 12, 3)
EXPORTED_AT = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def pagination_documents(folder: Path) -> Iterator[tuple[str, Document]]:
    """(name, document) for each document, in a fixed order."""
    options = ExportOptions()
    workspace = Workspace.open(folder)
    try:
        seed_demo(workspace, force=False, today=DEMO_DAY)
        with workspace.session() as session:
            bids = [b.id or 0 for b in session.exec(select(Bid).order_by(col(Bid.id))).all()]
        for bid_id in bids:
            forms = forms_of_bid(workspace, bid_id)
            if not forms:
                continue
            content = load_content(workspace, bid_id, forms[0], today=DEMO_DAY)
            name = f"demo-bid-{bid_id}-{forms[0]}"
            yield name, build_document(content, options, EXPORTED_AT, today=DEMO_DAY)
            set_up = [q for q in content.form.questions() if q.internal]
            if any(q.id.endswith("_module") for q in set_up):
                every_module = {(q.id, BID_KEY): AnswerRecord("yes") for q in set_up}
                content = replace(content, answers={**content.answers, **every_module})
                yield (f"{name}-every-module",
                       build_document(content, options, EXPORTED_AT, today=DEMO_DAY))  # fmt: skip
    finally:
        workspace.close()
    yield "sample", build_document(sample.content(ready=False), options, sample.NOW)
    yield "long-contents", build_document(long_contents(), options, sample.NOW)


def long_contents() -> BidContent:
    """A questionnaire of 40 short sections: its contents list (41 entries at Word's 1.15
    lines) runs onto a second page, where single lines would have fitted on one."""
    sections = tuple(
        Section(str(n), f"Section {n} about {TOPICS[n % len(TOPICS)]}", questions=(
            Question(f"q{n}", f"{n}.1", f"Tell us about {TOPICS[n % len(TOPICS)]}",
                     AnswerType.LONG_TEXT),
        ))
        for n in range(1, 41)
    )  # fmt: skip
    form = Form("long", "Long questionnaire", "v1", "Test", "Test", sections=sections)
    answers = {(f"q{n}", BID_KEY): AnswerRecord(" ".join(["word"] * (20 + 7 * n)), True)
               for n in range(1, 41)}  # fmt: skip
    lead = Participant(1, "Riverside Community Care CIC", "lead")
    return BidContent(9, "Long bid", "Trafford Council", "L-1", form, (lead,), answers)


TOPICS = ("safeguarding", "training and supervision of care staff", "social value", "quality")
