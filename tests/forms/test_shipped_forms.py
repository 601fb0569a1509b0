"""Every questionnaire BidKit ships loads, and pre-fills from the demo organisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from bidkit.forms.catalog import shipped_forms
from bidkit.forms.loader import load_form, shipped_form_files
from bidkit.ops.bids import create_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.questionnaires import coverage_report
from bidkit.resources import forms_dir
from bidkit.store.workspace import Workspace

SHIPPED = sorted(p.name for p in shipped_form_files(forms_dir()))
EXPECTED = {"uk-sq-ppn-03-23.yaml", "uk-pa2023-cdp-psq.yaml", "council-care-support-pqq.yaml"}


def test_the_three_standard_forms_are_shipped() -> None:
    assert set(SHIPPED) >= EXPECTED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_form_loads(name: str) -> None:
    form = load_form(forms_dir() / name)
    questions = list(form.questions())
    assert form.id == Path(name).stem
    assert len(questions) >= 60, "a shipped form is complete, not a sample"
    assert len({q.id for q in questions}) == len(questions)
    assert any(q.bind is not None for q in questions)


@pytest.mark.parametrize("form_id", [f.id for f in shipped_forms()])
def test_demo_organisation_prefills_95_percent(workspace: Workspace, form_id: str) -> None:
    seed_demo(workspace, force=False)
    bid_id = create_bid(
        workspace, title="Test", buyer="Buyer", deadline=None, form_id=form_id
    ).created
    assert bid_id is not None
    (report,) = coverage_report(workspace, bid_id)
    missing = {m.question_id: m.reason for m in report.missing}
    assert report.coverage >= 0.95, missing
