"""Worker-thread reads for the Questionnaires page; database code is imported only here.

Each function runs on the database worker (through `DatabaseRunner.run`) and returns plain
values. Importing this module is cheap: the database and form loader are imported inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BidChoices:
    bids: list[Any]  # BidSummary
    forms_of: dict[int, list[str]]  # bid id -> attached form ids
    form_titles: dict[str, str]  # form id -> "Title (version)"


def load_bid_choices(ws: Any) -> BidChoices | None:
    if ws is None:
        return None
    from bidkit.forms.catalog import get_form, shipped_forms
    from bidkit.ops.bids import list_bids
    from bidkit.ops.questionnaires import forms_of_bid

    bids = list_bids(ws)
    titles = {f.id: f"{f.title} ({f.version})" for f in shipped_forms()}
    forms_of = {b.id: forms_of_bid(ws, b.id) for b in bids}
    for form_id in {f for forms in forms_of.values() for f in forms} - set(titles):
        titles[form_id] = get_form(form_id).title  # a buyer's own questionnaire
    return BidChoices(bids, forms_of, titles)


def load_snapshot(ws: Any, bid_id: int, form_id: str) -> tuple[Any, Any]:
    """(Form, QuestionnaireSnapshot), pre-filled again so answers follow the profile.

    A read-only workspace cannot store a new pre-fill, so it shows the answers as stored.
    """
    from bidkit.forms.catalog import get_form
    from bidkit.ops.questionnaires import load_questionnaire

    return get_form(form_id), load_questionnaire(ws, bid_id, form_id)


def suggestions(ws: Any, bid_form_id: int, question_id: str) -> list[Any]:
    """Library items ranked for a question (its binding's tags first, then relevance)."""
    from bidkit.ops.questionnaires import suggest_evidence

    return suggest_evidence(ws, bid_form_id, question_id)


def new_bid_choices(ws: Any) -> tuple[list[Any], list[Any]]:
    from bidkit.forms.catalog import shipped_forms
    from bidkit.ops.organisations import list_organisations

    return list_organisations(ws), shipped_forms()
