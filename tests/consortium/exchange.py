"""Two workspaces for pack tests: the demo lead (Riverside) and Greenway's own workspace."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import select

from bidkit.forms.catalog import get_form
from bidkit.forms.schema import AnswerType
from bidkit.model.bid import Bid
from bidkit.model.organisation import Organisation
from bidkit.ops.demo import seed_demo
from bidkit.ops.profile_io import export_profile, import_profile
from bidkit.ops.questionnaires import read_questionnaire
from bidkit.store.workspace import Workspace

TEXT = (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT)


@dataclass
class Exchange:
    lead: Workspace
    partner: Workspace
    bid_id: int
    greenway_id: int
    folder: Path

    def owed_text_questions(self) -> list[tuple[str, Any]]:
        """(question id, lead's value) of Greenway's text questions on the consortium bid."""
        snap = read_questionnaire(self.lead, self.bid_id)
        form = get_form(snap.form_id)
        rules = snap.rules()
        found = []
        for question in form.questions():
            owed = question.type in TEXT and self.greenway_id in rules.keys(question)
            if owed and rules.is_asked(question, self.greenway_id):
                found.append((question.id, rules.value(question, self.greenway_id)))
        return found


def open_exchange(tmp_path: Path) -> Iterator[Exchange]:
    lead = Workspace.open(tmp_path / "lead")
    partner = Workspace.open(tmp_path / "partner")
    try:
        seed_demo(lead, force=False)
        with lead.session() as session:
            bid = session.exec(
                select(Bid).where(Bid.title == "Welfare Rights Advice Consortium")
            ).one()
            greenway = session.exec(
                select(Organisation).where(Organisation.legal_name.startswith("Greenway"))  # type: ignore[attr-defined]
            ).one()
        profile = tmp_path / "greenway.json"
        export_profile(lead, greenway.id or 0, profile)
        import_profile(partner, profile, own=True)
        yield Exchange(lead, partner, bid.id or 0, greenway.id or 0, tmp_path)
    finally:
        lead.close()
        partner.close()


def database_hash(ws: Workspace) -> str:
    """SHA-256 of the database file and its WAL, to prove a refusal changed nothing."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = Path(str(ws.paths.database) + suffix)
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()
