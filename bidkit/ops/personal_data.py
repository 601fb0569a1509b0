"""Subject access and erasure: "Export everything about this person" and "Erase this person".

Both look for the person by name (and e-mail address) in every text the workspace holds:
profiles, stored answers of every bid (submitted ones included), library items and their
earlier versions, tasks and notes. Erasing deletes the person's own rows, replaces their name
everywhere else, rebuilds the search index and rewrites the database file; backups that still
hold them are deleted too when the user agrees (they would otherwise expire by the retention
rules). No backup is taken first: it would keep what the user asked to erase.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bidkit.errors import InputRefused, NotFound
from bidkit.ops.changes import Changes
from bidkit.store.atomic import write_text_atomic
from bidkit.store.backup import list_backups
from bidkit.store.output_files import check_output_path, writing_output
from bidkit.store.personal_data import (
    MIN_NAME,
    Mention,
    erase_mentions,
    find_mentions,
    rewrite_without_old_pages,
)
from bidkit.store.workspace import Workspace

#: What each table holds, for the person reading their export.
PLACES = {
    "key_person": "Key people of an organisation",
    "contact": "Contacts of an organisation",
    "answer": "Answers in a bid's questionnaire",
    "evidence_item": "Evidence library items",
    "evidence_version": "Earlier versions of library items",
    "bid_task": "Bid tasks",
    "bid": "Bids",
    "organisation": "Organisation profiles",
}


@dataclass(frozen=True)
class PersonReport:
    name: str
    mentions: list[Mention]

    def as_json(self) -> dict[str, Any]:
        return {
            "person": self.name,
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "records": [
                {
                    "where": PLACES.get(m.table, m.table),
                    "table": m.table,
                    "record": m.row_id,
                    "field": m.column,
                    "text": m.value,
                }
                for m in self.mentions
            ],
        }

    def as_text(self) -> str:
        lines = [
            f"Everything BidKit holds about {self.name}",
            f"{len(self.mentions)} records mention them.",
            "",
        ]
        for m in self.mentions:
            lines.append(f"{PLACES.get(m.table, m.table)} (record {m.row_id}), {m.column}:")
            lines.append(f"    {m.value}")
        return "\n".join(lines) + "\n"


def _terms(name: str, email: str) -> list[str]:
    name = " ".join(name.split())
    if len(name) < MIN_NAME:
        raise InputRefused(
            f"Give the person's full name (at least {MIN_NAME} letters), so no one else's text "
            "is caught by mistake."
        )
    return [name] + ([email.strip()] if email.strip() else [])


def _raw(session: Any) -> Any:
    return session.connection().connection.dbapi_connection


def find_person(ws: Workspace, name: str, email: str = "") -> PersonReport:
    """Every record that mentions the person (reads only)."""
    terms = _terms(name, email)
    with ws.session() as session:
        mentions = find_mentions(_raw(session), terms)
    return PersonReport(terms[0], mentions)


def _nobody(name: str, nothing_was: str) -> str:
    return (
        f"No record mentions {name}; nothing was {nothing_was}. Give the name as the profiles "
        "spell it (each organisation's profile lists its people: 'bidkit org show ID'), or "
        "their e-mail address too (--email)."
    )


def export_person(ws: Workspace, name: str, target: Path, email: str = "") -> PersonReport:
    """Write everything about the person to `target` (.json) and a readable `.txt` beside it."""
    target = Path(target)
    check_output_path(target, "export")
    report = find_person(ws, name, email)
    if not report.mentions:
        raise NotFound(_nobody(report.name, "written"))
    with writing_output(target, "export", ws.root):
        write_text_atomic(target, json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        write_text_atomic(target.with_suffix(".txt"), report.as_text())
    return report


def _backups_holding(ws: Workspace, terms: list[str]) -> list[Path]:
    variants = {v for t in terms for v in (t, t.lower(), t.upper(), t.title())}
    needles = [v.encode("utf-8") for v in variants]
    holding = []
    for backup in list_backups(ws.paths.backups):
        try:
            if backup.path.suffix == ".zip":
                with zipfile.ZipFile(backup.path) as zf:
                    data = zf.read("bidkit.sqlite3")
            else:
                data = backup.path.read_bytes()
        except (OSError, KeyError, zipfile.BadZipFile):
            continue
        if any(n in data for n in needles):
            holding.append(backup.path)
    return holding


def erase_person(
    ws: Workspace, name: str, email: str = "", *, erase_from_backups: bool = False
) -> Changes:
    """Remove the person everywhere, in one transaction, then rewrite the database file."""
    terms = _terms(name, email)
    with ws.write() as session:
        counts = erase_mentions(_raw(session), terms)
    holding = _backups_holding(ws, terms)
    if not counts and not (erase_from_backups and holding):
        raise NotFound(_nobody(terms[0], "changed"))
    if counts:
        ws.engine.dispose()
        rewrite_without_old_pages(ws.paths.database)
    if erase_from_backups:
        for path in holding:
            path.unlink(missing_ok=True)
        kept = f"; {len(holding)} backups that held them were deleted" if holding else ""
    else:
        kept = (
            f"; {len(holding)} backups still hold them until they expire (or erase again and "
            "agree to delete those backups)"
            if holding
            else ""
        )
    changed = sum(counts.values())
    everything = frozenset[int]()
    return Changes(
        dict.fromkeys(("organisation", "bid", "evidence", "questionnaire"), everything),
        note=f"Erased {terms[0]} from {changed} records{kept}",
    )
