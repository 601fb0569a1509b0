"""The compliance report: each kind of problem, as text and JSON."""

from __future__ import annotations

import json
from datetime import date

from bidkit.export.build import ExportOptions
from bidkit.export.compliance import ProblemKind, check_compliance
from bidkit.export.source import AnswerRecord, EvidenceRecord, ProfileRecord
from tests.export.sample import APPROACH, LEAD, PARTNER, TODAY, content


def test_a_complete_bid_has_no_problems() -> None:
    report = check_compliance(content(), today=TODAY)
    assert report.ok and not report.draft
    assert "No problems found." in report.as_text()


def test_every_kind_of_problem_is_found() -> None:
    answers = dict(content().answers)
    del answers[("turnover", 0)]  # mandatory, unanswered
    del answers[("legal_name", PARTNER)]  # a partner has not answered
    answers[("approach", 0)] = AnswerRecord(APPROACH + " word" * 60, ready=True)
    answers[("declaration", LEAD)] = AnswerRecord(
        {"agreed": False, "name": "Amira Khan", "role": "", "date": None}, ready=True
    )
    # A policy document with no stored file, expired; a certificate from the profile that
    # expires before the deadline.
    evidence = {7: EvidenceRecord(7, "Safeguarding policy 2025", "Policy", (), date(2026, 1, 1),
                                  document=True)}  # fmt: skip
    row = "accreditations[name~Cyber Essentials]"
    answers[("registered_on", 0)] = AnswerRecord("2014-09-17", True, f"{row}.expires_on")
    records = {(LEAD, row): ProfileRecord("Cyber Essentials", "Certificate", date(2026, 4, 20),
                                          "CE-0042-7781")}  # fmt: skip
    bid = content(answers=answers, evidence=evidence, profile_records=records,
                  deadline=date(2026, 4, 30))  # fmt: skip
    report = check_compliance(bid, today=TODAY)
    kinds = {p.kind for p in report.problems}
    # Set-up questions are the shipped forms' (tests/export/test_export_set_up.py).
    assert kinds == set(ProblemKind) - {ProblemKind.SET_UP_UNANSWERED}
    (soon,) = report.of_kind(ProblemKind.EXPIRES_TOO_SOON)
    assert soon.message == (
        "1.2 (Riverside Community Care CIC): 'Cyber Essentials' (CE-0042-7781) expires on "
        "20 April 2026, by the deadline "
        "(30 April 2026): renew it, or say when it will be renewed."
    )
    (missing,) = report.of_kind(ProblemKind.MISSING_FILE)
    assert "no file of 'Safeguarding policy 2025'" in missing.message
    assert report.counts()["unanswered"] == 1
    (partner,) = report.of_kind(ProblemKind.MISSING_PARTNER_ANSWER)
    assert partner.number == "1.1" and partner.member == "Cwmni Cydweithredol Glan-yr-Afon Cyf"
    (over,) = report.of_kind(ProblemKind.OVER_LIMIT)
    assert "/ 60 words" in over.message
    (expired,) = report.of_kind(ProblemKind.EXPIRED_EVIDENCE)
    assert "expired on 1 January 2026" in expired.message
    (unsigned,) = report.of_kind(ProblemKind.UNSIGNED_DECLARATION)
    assert "agreement" in unsigned.message and "date" in unsigned.message
    data = json.loads(report.as_json())
    assert data["ok"] is False and data["counts"]["over_limit"] == 1
    assert "Answers over their limit (1):" in report.as_text()


def test_only_chosen_sections_are_checked() -> None:
    answers = dict(content().answers)
    del answers[("turnover", 0)]
    report = check_compliance(
        content(answers=answers), ExportOptions(sections=frozenset({"2"})), today=TODAY
    )
    assert report.ok
