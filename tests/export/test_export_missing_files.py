"""'Documents with no file to attach' lists only documents the printed answers name.

A policy a plain yes/no or date answer was taken from is not named in the buyer's copy, so
BidKit holding no file of it is no problem; an evidence answer naming it is.
"""

from __future__ import annotations

from sqlmodel import col, select

from bidkit.export.attachments import appendices, cited_in, missing_files
from bidkit.export.build import ExportOptions, build_document
from bidkit.export.compliance import ProblemKind, check_compliance
from bidkit.export.source import AnswerRecord, EvidenceRecord, ProfileRecord, StoredFile
from bidkit.model.bid import Bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import compliance_report, load_content
from bidkit.ops.questionnaires import forms_of_bid
from bidkit.store.workspace import Workspace
from tests.export.sample import NOW, TODAY, answers, content

ROW = "policies[policy_type=data_protection]"
POLICY = ProfileRecord("Data Protection Policy", "Policy document", document=True)


def with_policy(*, evidence_answer: bool, stored: bool = False) -> list[object]:
    given = dict(answers(True))
    # 2.2 is a plain yes/no taken from the profile's policy row.
    given[("insured", 0)] = AnswerRecord("yes", True, f"{ROW}.last_reviewed")
    evidence = dict(content().evidence)
    if evidence_answer:
        # 2.6 (an evidence answer) chooses a policy held in the library without a file.
        evidence[8] = EvidenceRecord(8, "Data Protection Policy 2026", "Policy", document=True)
        given[("safeguarding", 0)] = AnswerRecord(
            {"evidence_id": 8, "title": "Data Protection Policy 2026"}, True, "evidence:8@1"
        )
    policy = POLICY
    if stored:
        policy = ProfileRecord(POLICY.title, POLICY.kind, stored=(StoredFile("6" * 64, "dp.pdf"),),
                               document=True)  # fmt: skip
    bid = content(answers=given, evidence=evidence, profile_records={(1, ROW): policy})
    return [bid, check_compliance(bid, today=TODAY)]


def test_a_policy_behind_a_yes_no_answer_is_not_flagged() -> None:
    bid, report = with_policy(evidence_answer=False)
    assert report.of_kind(ProblemKind.MISSING_FILE) == []  # type: ignore[attr-defined]
    cited = cited_in(bid, bid.form.sections)  # type: ignore[attr-defined]
    policy = next(c for c in cited if c.title == "Data Protection Policy")
    assert policy.used_in == ("2.2",) and policy.named_in == ()


def test_a_document_an_evidence_answer_names_is_flagged() -> None:
    _bid, report = with_policy(evidence_answer=True)
    (missing,) = report.of_kind(ProblemKind.MISSING_FILE)  # type: ignore[attr-defined]
    assert missing.number == "2.6"
    assert missing.message.startswith("2.6: BidKit holds no file of 'Data Protection Policy 2026'")


def test_a_policy_with_a_file_behind_a_yes_no_answer_is_still_attached() -> None:
    bid, report = with_policy(evidence_answer=False, stored=True)
    assert report.of_kind(ProblemKind.MISSING_FILE) == []  # type: ignore[attr-defined]
    attached = appendices(cited_in(bid, bid.form.sections))  # type: ignore[attr-defined]
    assert [a.cited.title for a in attached] == [
        "Data Protection Policy",
        "Safeguarding policy 2025",
    ]
    document = build_document(bid, ExportOptions(), NOW)  # type: ignore[arg-type]
    assert [e.title for e in document.evidence] == [a.cited.title for a in attached]


def test_the_demo_flags_only_what_its_export_names(workspace: Workspace) -> None:
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        bid_ids = [b.id or 0 for b in session.exec(select(Bid).order_by(col(Bid.id))).all()]
    checked = 0
    for bid_id in bid_ids:
        if not forms_of_bid(workspace, bid_id):
            continue  # a past bid kept without its questionnaire
        checked += 1
        content_ = load_content(workspace, bid_id)
        cited = cited_in(content_, content_.form.sections)
        named = {item.title for item in missing_files(cited)}
        flagged = compliance_report(workspace, bid_id).of_kind(ProblemKind.MISSING_FILE)
        assert len(flagged) == len(named), bid_id
        for item in cited:
            if item.document and not item.stored and not item.named_in:
                assert not [p for p in flagged if item.title in p.message], (bid_id, item.title)
    assert checked == 3
