"""Showing, exporting and importing whole organisation profiles.

A profile document (see `bidkit.profile.document`) is how a partner's profile reaches the lead
and how a profile moves between workspaces. Importing always adds a new organisation, in one
transaction, so a refused or failed import leaves the workspace exactly as it was.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, select

from bidkit.errors import InputRefused, NotFound
from bidkit.model.organisation import PROFILE_TABLES, Organisation
from bidkit.ops.changes import Changes
from bidkit.profile.document import (
    FILE_COLUMNS,
    MAX_DOCUMENT_BYTES,
    build_document,
    organisation_section,
    parse_document,
    read_document_bytes,
)
from bidkit.store.atomic import write_bytes_atomic
from bidkit.store.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    org_id: int
    name: str
    changes: Changes


def _load_profile(session: Session, org_id: int) -> tuple[Organisation, dict[str, list[SQLModel]]]:
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFound(
            f"There is no organisation with id {org_id}. Run 'bidkit org list' to see the ids."
        )
    children: dict[str, list[SQLModel]] = {}
    for key, model in PROFILE_TABLES.items():
        columns = model.__table__.c  # type: ignore[attr-defined]
        statement = (
            select(model)
            .where(columns.organisation_id == org_id)
            .order_by(columns.position, columns.id)
        )
        children[key] = list(session.exec(statement).all())
    return org, children


def _referenced_files(org: Organisation, children: dict[str, list[SQLModel]]) -> dict[str, str]:
    """SHA-256 -> file name for every stored file the profile points to (logo first)."""
    files: dict[str, str] = {}
    if org.logo_sha256:
        files[org.logo_sha256] = org.logo_filename
    for key, model in PROFILE_TABLES.items():
        for column in FILE_COLUMNS.get(model, {}):
            for row in children[key]:
                sha256 = getattr(row, column)
                if sha256 and sha256 not in files:
                    files[sha256] = getattr(row, "file_name", "")
    return files


def profile_as_dict(ws: Workspace, org_id: int) -> dict[str, Any]:
    """The whole profile as plain JSON values; files appear as SHA-256 and name only."""
    with ws.session() as session:
        org, children = _load_profile(session, org_id)
    section = organisation_section(org, children)
    if org.logo_sha256:
        section["logo"] = {"file": org.logo_sha256, "name": org.logo_filename}
    return {"id": org.id, "own": org.is_own, **section}


def export_profile(ws: Workspace, org_id: int, target: Path) -> None:
    """Write the profile document to `target` in one step, with its files embedded."""
    target = Path(target)
    if target.is_dir():
        raise InputRefused(
            f"{target} is a folder. Give a file name for the profile, such as profile.json."
        )
    if not target.parent.is_dir():
        raise InputRefused(
            f"The folder {target.parent} does not exist. Create it first, or choose another "
            "place to save the profile."
        )
    with ws.session() as session:
        org, children = _load_profile(session, org_id)
    files = {
        sha256: (name, ws.files.read(sha256))
        for sha256, name in _referenced_files(org, children).items()
    }
    document = build_document(org, children, files)
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    from bidkit.store.output_files import writing_output

    with writing_output(target, "profile", ws.root):
        write_bytes_atomic(target, data)
    log.info("organisation %d exported (%d files)", org_id, len(files))


def import_profile(
    ws: Workspace, source: Path, *, own: bool, max_bytes: int = MAX_DOCUMENT_BYTES
) -> ImportResult:
    """Add the profile in `source` as a new organisation; never changes an existing one."""
    parsed = parse_document(
        read_document_bytes(Path(source), max_bytes=max_bytes), max_bytes=max_bytes
    )
    with ws.write() as session:
        org = Organisation(**parsed.organisation, is_own=own)
        session.add(org)
        session.flush()
        if org.id is None:
            raise RuntimeError("the database gave the new organisation no id")
        org_id = org.id
        for key, model in PROFILE_TABLES.items():
            for position, values in enumerate(parsed.children[key]):
                session.add(model(**values, organisation_id=org_id, position=position))
        session.flush()
        # Stored before the commit: if storing fails the transaction is rolled back, and a
        # file stored just before a failed commit is harmless (files are kept by content).
        for entry in parsed.files.values():
            ws.files.add_bytes(entry.data)
    log.info("profile imported as organisation %d (%d files)", org_id, len(parsed.files))
    return ImportResult(
        org_id=org_id,
        name=parsed.name,
        changes=Changes.of("organisation", org_id, note=f"Imported {parsed.name}"),
    )
