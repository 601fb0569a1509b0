"""One truth per fact: a certificate's dates come from the profile, the compliance report
flags what expires by the deadline or before the contract starts, per-member answers are
named, and only real documents are listed as evidence."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from bidkit.export.build import ExportOptions, build_document
from bidkit.export.compliance import ProblemKind, check_compliance
from bidkit.export.ir import Paragraph, ParagraphRole
from bidkit.export.source import AnswerRecord, EvidenceRecord
from bidkit.model.organisation import Accreditation
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import load_content
from bidkit.store.workspace import Workspace
from tests.export.sample import NOW, TODAY, answers, content


def test_a_certificate_has_one_expiry_date_everywhere(workspace: Workspace) -> None:
    seed_demo(workspace, force=False)
    with workspace.session() as session:
        cyber = session.exec(
            select(Accreditation).where(Accreditation.reference == "CE-0042-7781")
        ).one()
    assert cyber.expires_on is not None
    # The PA 2023 bid cites the certificate (PSQ); its deadline is before the expiry.
    bid = load_content(workspace, 3)
    certificate = next(r for r in bid.evidence.values() if r.reference == "CE-0042-7781")
    assert certificate.expires_on == cyber.expires_on
    report = check_compliance(bid)
    assert not any("CE-0042-7781" in p.message
                   for p in report.of_kind(ProblemKind.EXPIRES_TOO_SOON))  # fmt: skip


def test_per_member_answers_name_the_member_even_when_one_is_asked() -> None:
    given = dict(answers(True))
    del given[("legal_name", 2)]  # only the lead's answer to a question every member answers
    document = build_document(content(answers=given), ExportOptions(), NOW)
    question = document.sections[0].questions[0]
    assert question.number == "1.1"
    members = [b for b in question.blocks
               if isinstance(b, Paragraph) and b.role is ParagraphRole.MEMBER]  # fmt: skip
    assert [m.text for m in members] == [
        "Riverside Community Care CIC",
        "Cwmni Cydweithredol Glan-yr-Afon Cyf",
    ]


def test_library_text_is_not_listed_as_evidence() -> None:
    given = dict(answers(True))
    given[("approach", 0)] = AnswerRecord("We work alongside carers.", True, "evidence:9@2")
    library_text = EvidenceRecord(9, "Social value answer", "Answer text")
    bid = content(answers=given, evidence={**content().evidence, 9: library_text})
    document = build_document(bid, ExportOptions(), NOW)
    assert [e.title for e in document.evidence] == ["Safeguarding policy 2025"]
    assert document.evidence[0].files == ("Appendix 1 – Safeguarding policy 2025.pdf",)


def test_expiry_before_the_contract_start_is_flagged() -> None:
    bid = content(contract_start=date(2027, 3, 1))  # the policy expires 31 January 2027
    (problem,) = check_compliance(bid, today=TODAY).of_kind(ProblemKind.EXPIRES_TOO_SOON)
    assert re.search(r"31 January 2027, before the contract starts \(1 March 2027\)",
                     problem.message)  # fmt: skip
