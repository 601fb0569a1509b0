"""A small questionnaire and a consortium bid that answers it: every answer type, Welsh text.

Built directly from the schema classes (no YAML, no database) so the writers' tests are fast
and the golden file does not move when the shipped forms change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from bidkit.export.source import AnswerRecord, BidContent, EvidenceRecord, StoredFile
from bidkit.forms.rules import Participant
from bidkit.forms.schema import (
    AnsweredBy,
    AnswerType,
    Column,
    Condition,
    Form,
    Limit,
    Option,
    Question,
    Section,
)

NOW = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 31)
WELSH = "Gwasanaeth cymorth i ofalwyr ŵyr ŷd â ê î ô û é"
LEAD, PARTNER = 1, 2


def Q(qid: str, number: str, text: str, kind: AnswerType, **extra: object) -> Question:
    return Question(id=qid, number=number, text=text, type=kind, **extra)  # type: ignore[arg-type]


SUPPLIER = Section(
    number="1",
    title="Supplier information",
    questions=(
        Q(
            "legal_name",
            "1.1",
            "Full legal name",
            AnswerType.SHORT_TEXT,
            answered_by=AnsweredBy.EVERY_MEMBER,
        ),
        Q("registered_on", "1.2", "Date of registration", AnswerType.DATE),
        Q("turnover", "1.3", "Turnover in the last full year", AnswerType.MONEY),
        Q("staff", "1.4", "Number of staff", AnswerType.NUMBER),
        Q(
            "trading_status",
            "1.5",
            "Trading status",
            AnswerType.SINGLE_CHOICE,
            options=(Option("cic", "Community interest company"), Option("charity", "Charity")),
        ),
        Q(
            "services",
            "1.6",
            "Services offered",
            AnswerType.MULTIPLE_CHOICE,
            options=(
                Option("advice", "Advice"),
                Option("care", "Care at home"),
                Option("befriend", "Befriending"),
            ),
        ),
    ),
)
QUALITY = Section(
    number="2",
    title="Quality",
    questions=(
        Q("approach", "2.1", "Describe your approach", AnswerType.LONG_TEXT, limit=Limit(words=60)),
        Q("insured", "2.2", "Do you hold employer's liability insurance?", AnswerType.YES_NO),
        Q("breaches", "2.3", "Any data protection breaches?", AnswerType.YES_NO_DETAILS),
        Q(
            "breach_note",
            "2.4",
            "How did you report them?",
            AnswerType.SHORT_TEXT,
            show_when=Condition("breaches", ("yes",)),
        ),
        Q(
            "contracts",
            "2.5",
            "Recent contracts",
            AnswerType.TABLE,
            columns=(
                Column("client", "Client", AnswerType.SHORT_TEXT),
                Column("value", "Value", AnswerType.MONEY),
                Column("start", "Start", AnswerType.DATE),
            ),
        ),
        Q("safeguarding", "2.6", "Attach your safeguarding policy", AnswerType.EVIDENCE),
        Q("optional_note", "2.7", "Anything else?", AnswerType.LONG_TEXT, mandatory=False),
    ),
    sections=(
        Section(
            number="2.8",
            title="Cymraeg",
            questions=(Q("welsh", "2.8.1", "Welsh language offer", AnswerType.LONG_TEXT),),
        ),
    ),
)
DECLARATION = Section(
    number="3",
    title="Declaration",
    questions=(
        Q(
            "declaration",
            "3.1",
            "I declare that the answers are true.",
            AnswerType.DECLARATION,
            answered_by=AnsweredBy.EVERY_MEMBER,
        ),
    ),
)
FORM = Form(
    id="sample-form",
    title="Sample questionnaire",
    version="v1",
    regime="Test",
    source="Test",
    sections=(SUPPLIER, QUALITY, DECLARATION),
)

APPROACH = (
    "We work alongside carers in **their own homes** and in *community venues*.\n"
    "\n"
    "- Weekly drop-in sessions\n"
    "- A named key worker for every family\n"
    "\n"
    "Our outcomes are reviewed every quarter with the people who use the service."
)


def answers(ready: bool = True) -> dict[tuple[str, int], AnswerRecord]:
    def a(value: object, **extra: object) -> AnswerRecord:
        return AnswerRecord(value, ready=ready, **extra)  # type: ignore[arg-type]

    return {
        ("legal_name", LEAD): a("Riverside Community Care CIC"),
        ("legal_name", PARTNER): a("Cwmni Cydweithredol Glan-yr-Afon Cyf"),
        ("registered_on", 0): a("2014-09-17"),
        ("turnover", 0): a("1234567.5"),
        ("staff", 0): a(42),
        ("trading_status", 0): a("cic"),
        ("services", 0): a(["advice", "befriend"]),
        ("approach", 0): a(APPROACH),
        ("insured", 0): a("yes"),
        ("breaches", 0): a({"answer": "no", "details": ""}),
        ("breach_note", 0): a("Hidden because the condition does not hold"),
        ("contracts", 0): a(
            [
                {"client": "Trafford Council", "value": "250000", "start": "2024-04-01"},
                {"client": "Salford CVS", "value": "18500.75", "start": "2025-01-15"},
            ]
        ),
        ("safeguarding", 0): a(
            {"evidence_id": 7, "title": "Safeguarding policy 2025"}, source_ref="evidence:7@x"
        ),
        ("welsh", 0): a(WELSH),
        ("declaration", LEAD): a(
            {
                "agreed": True,
                "name": "Amira Khan",
                "role": "Chief Executive",
                "date": "2026-03-30",
            }
        ),
        ("declaration", PARTNER): a(
            {"agreed": True, "name": "Siân Pritchard", "role": "Cadeirydd", "date": "2026-03-29"}
        ),
    }


def content(ready: bool = True, **changes: object) -> BidContent:
    base: dict[str, object] = {
        "bid_id": 1,
        "title": "Carers Support Service",
        "buyer": "Trafford Council",
        "reference": "TC-ASC-0457",
        "form": FORM,
        "members": (
            Participant(LEAD, "Riverside Community Care CIC", "lead"),
            Participant(PARTNER, "Cwmni Cydweithredol Glan-yr-Afon Cyf", "member"),
        ),
        "answers": answers(ready),
        "evidence": {
            7: EvidenceRecord(
                7,
                "Safeguarding policy 2025",
                "Policy document",
                ("safeguarding.pdf",),
                date(2027, 1, 31),
                document=True,
                stored=(StoredFile("5" * 64, "safeguarding.pdf"),),
            ),
        },
        "brand_colour": "#1A5F7A",
    }
    base.update(changes)
    return BidContent(**base)  # type: ignore[arg-type]


#: Every answer's text as it must read in the export, in document order.
EXPECTED_IN_ORDER = [
    "Riverside Community Care CIC",
    "Cwmni Cydweithredol Glan-yr-Afon Cyf",
    "17 September 2014",
    "£1,234,567.50",
    "42",
    "Community interest company",
    "Advice",
    "Befriending",
    "We work alongside carers in",
    "Weekly drop-in sessions",
    "A named key worker for every family",
    "Our outcomes are reviewed every quarter",
    "Yes",
    "No",
    "Trafford Council",
    "£250,000.00",
    "1 April 2024",
    "Salford CVS",
    "£18,500.75",
    "15 January 2025",
    "Safeguarding policy 2025",
    WELSH,
    "Amira Khan",
    "Chief Executive",
    "30 March 2026",
    "Siân Pritchard",
    "29 March 2026",
]
