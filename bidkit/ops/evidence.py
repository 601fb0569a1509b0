"""Operations on the evidence library: one function per user action, for the window and CLI.

Reads return plain frozen values (never live database rows); writes return `Changes` with the
kind "evidence". Bulk imports read and check every file before writing, then write everything
in one transaction after a backup of the workspace, so nothing is ever half-imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import col, func, select

from bidkit.errors import InputRefused
from bidkit.library import docx_import, duplicates, files, items
from bidkit.library.freshness import EXPIRING_DAYS, freshness
from bidkit.library.search import SearchFilters, SearchHit, search
from bidkit.model.bid import Bid
from bidkit.model.evidence import EvidenceItem, EvidenceKind, EvidenceUsage
from bidkit.model.organisation import Organisation
from bidkit.ops.changes import Changes
from bidkit.store import file_policy
from bidkit.store.workspace import Workspace

EVIDENCE = "evidence"
ItemFields = items.ItemFields


@dataclass(frozen=True)
class VersionSummary:
    version: int
    title: str
    saved_at: datetime


@dataclass(frozen=True)
class UsageRow:
    bid_id: int
    bid_title: str
    question_id: str
    version: int
    used_at: datetime


@dataclass(frozen=True)
class EvidenceDetail:
    id: int
    version: int
    fields: items.ItemFields
    created_at: datetime
    updated_at: datetime
    files: tuple[files.AttachedFile, ...]
    versions: tuple[VersionSummary, ...]
    usage: tuple[UsageRow, ...]
    flag: str


@dataclass(frozen=True)
class VersionView:
    evidence_id: int
    version: int
    fields: items.ItemFields
    saved_at: datetime


@dataclass(frozen=True)
class FilterChoices:
    kinds: tuple[tuple[str, str], ...]  # (value, label)
    tags: tuple[str, ...]
    organisations: tuple[tuple[int, str], ...]
    total: int


@dataclass(frozen=True)
class ImportResult:
    items: int
    files: int
    skipped: tuple[str, ...]
    changes: Changes


# -- reading ------------------------------------------------------------------------------------
def search_library(
    ws: Workspace,
    text: str,
    filters: SearchFilters | None = None,
    limit: int = 50,
    *,
    as_you_type: bool = True,
) -> list[SearchHit]:
    with ws.session() as session:
        return search(session.connection(), text, filters, limit=limit, as_you_type=as_you_type)


def filter_choices(ws: Workspace) -> FilterChoices:
    with ws.session() as session:
        tag_rows = session.exec(select(EvidenceItem.tags)).all()
        orgs = session.exec(
            select(Organisation.id, Organisation.legal_name).order_by(
                col(Organisation.is_own).desc(), col(Organisation.legal_name)
            )
        ).all()
    tags: dict[str, str] = {}
    for row in tag_rows:
        for tag in items.normalise_tags(row):
            tags.setdefault(tag.casefold(), tag)
    return FilterChoices(
        kinds=tuple((str(k), k.label) for k in EvidenceKind),
        tags=tuple(sorted(tags.values(), key=str.casefold)),
        organisations=tuple((int(i or 0), name or "Unnamed organisation") for i, name in orgs),
        total=len(tag_rows),
    )


def load_evidence(ws: Workspace, item_id: int, today: date | None = None) -> EvidenceDetail:
    today = today or date.today()
    with ws.session() as session:
        item = items.get_item(session, item_id)
        usage_rows = session.exec(
            select(EvidenceUsage, Bid.title)
            .join(Bid, col(Bid.id) == col(EvidenceUsage.bid_id))
            .where(col(EvidenceUsage.evidence_id) == item_id)
            .order_by(col(EvidenceUsage.used_at).desc())
        ).all()
        flags = freshness(item.review_on, item.expires_on, today, EXPIRING_DAYS)
        return EvidenceDetail(
            id=item_id,
            version=item.version,
            fields=_fields(item),
            created_at=item.created_at,
            updated_at=item.updated_at,
            files=tuple(files.files_of(session, item_id)),
            versions=tuple(
                VersionSummary(v.version, v.title, v.saved_at)
                for v in items.versions(session, item_id)
            ),
            usage=tuple(
                UsageRow(u.bid_id, title, u.question_id, u.version, u.used_at)
                for u, title in usage_rows
            ),
            flag=flags.describe(item.review_on, item.expires_on),
        )


def _fields(item: EvidenceItem) -> items.ItemFields:
    return items.ItemFields(
        title=item.title,
        kind=item.kind,
        body=item.body,
        tags=items.normalise_tags(item.tags),
        owner=item.owner,
        review_on=item.review_on,
        expires_on=item.expires_on,
        organisation_id=item.organisation_id,
    )


def evidence_version(ws: Workspace, item_id: int, version: int) -> VersionView:
    with ws.session() as session:
        found = items.get_version(session, item_id, version)
        org = items.get_item(session, item_id).organisation_id
        values = items.ItemFields(
            title=found.title,
            kind=found.kind,
            body=found.body,
            tags=items.normalise_tags(found.tags),
            owner=found.owner,
            review_on=found.review_on,
            expires_on=found.expires_on,
            organisation_id=org,
        )
        return VersionView(item_id, version, values, found.saved_at)


def find_duplicates(ws: Workspace) -> list[duplicates.DuplicatePair]:
    with ws.session() as session:
        return duplicates.find_duplicates(session)


def read_attachment(ws: Workspace, file_id: int) -> tuple[str, bytes]:
    with ws.session() as session:
        row = files.get_file(session, file_id)
        return row.file_name, ws.files.read(row.sha256)


def save_attachment_copy(ws: Workspace, file_id: int, target: Path) -> Path:
    """Write a copy of an attached file where the user chose (atomically)."""
    from bidkit.store.output_files import save_copy

    _name, data = read_attachment(ws, file_id)
    return save_copy(data, target, "copy", ws.root)


def read_body_file(path: Path) -> str:
    """An item's text from a UTF-8 text file (for the command line)."""
    from bidkit.store.file_policy import read_user_file

    data = read_user_file(path, max_bytes=items.MAX_BODY * 4, what="text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputRefused(
            f"“{path.name}” is not UTF-8 text. Save it as plain text (UTF-8) and try again."
        ) from None


def read_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputRefused(f"{what}: '{text}' is not a date; write it as 2027-03-31.") from None


# -- writing ------------------------------------------------------------------------------------
def create_evidence(ws: Workspace, values: items.ItemFields) -> Changes:
    with ws.write() as session:
        item = items.create_item(session, values)
        item_id = item.id or 0
    return Changes.of(
        EVIDENCE, item_id, note=f"Added '{item.title}' to the library", created=item_id
    )


def add_evidence_from_text(
    ws: Workspace,
    title: str,
    body: str,
    *,
    tags: Sequence[str] = (),
    expires_on: date | None = None,
    kind: str = str(EvidenceKind.ANSWER),
) -> Changes:
    """The command line's `evidence add`: one item, the workspace's own organisation's."""
    with ws.session() as session:
        own = session.exec(
            select(Organisation.id).where(col(Organisation.is_own)).order_by(col(Organisation.id))
        ).first()
    values = items.ItemFields(
        title=title,
        kind=kind,
        body=body,
        tags=tuple(tags),
        expires_on=expires_on,
        organisation_id=own,
    )
    return create_evidence(ws, values)


def update_evidence(ws: Workspace, item_id: int, values: items.ItemFields) -> Changes:
    """Save an edit (the earlier state is kept as a version); no change, no version."""
    with ws.write() as session:
        changed = items.update_item(session, item_id, values)
    return Changes.of(EVIDENCE, item_id) if changed else Changes.none()


def restore_evidence_version(ws: Workspace, item_id: int, version: int) -> Changes:
    with ws.write() as session:
        changed = items.restore_version(session, item_id, version)
    note = f"Version {version} restored" if changed else "That version is the same as now"
    return Changes.of(EVIDENCE, item_id, note=note)


def delete_evidence(ws: Workspace, item_id: int) -> Changes:
    """Delete an item with its history, after a backup (it can be restored from there)."""
    with ws.session() as session:
        items.get_item(session, item_id)
    ws.backup("before-delete-evidence")
    with ws.write() as session:
        item = items.get_item(session, item_id)
        title = item.title
        session.delete(item)
    return Changes.of(EVIDENCE, item_id, note=f"Deleted '{title}' from the library")


def attach_evidence_file(ws: Workspace, item_id: int, source: Path) -> Changes:
    data = files.read_source(source)
    with ws.write() as session:
        items.get_item(session, item_id)
        files.attach_bytes(session, ws.files, item_id, source.name, data)
    return Changes.of(EVIDENCE, item_id, note=f"Attached {file_policy.safe_name(source.name)}")


def remove_evidence_file(ws: Workspace, file_id: int) -> Changes:
    """Detach a file (the stored copy stays while anything else uses it)."""
    with ws.write() as session:
        row = files.get_file(session, file_id)
        item_id, name = row.evidence_id, row.file_name
        session.delete(row)
    return Changes.of(EVIDENCE, item_id, note=f"Removed {name}")


def merge_evidence(ws: Workspace, keep_id: int, other_id: int) -> Changes:
    with ws.write() as session:
        kept = duplicates.merge_items(session, keep_id, other_id)
        title = kept.title
    return Changes.of(
        EVIDENCE, keep_id, other_id, note=f"Merged into '{title}'; the other text is in its history"
    )


def import_word_documents(
    ws: Workspace,
    paths: Sequence[Path],
    organisation_id: int | None = None,
    progress: docx_import.Progress | None = None,
) -> ImportResult:
    """Import .docx files and folders of them: all of them in one transaction, or nothing."""
    if organisation_id is None:
        organisation_id = _own_organisation(ws)
    plan = docx_import.plan_import(paths, organisation_id, progress)
    if plan.items:
        ws.backup("before-import-word")
        rows = [
            {
                "organisation_id": v.organisation_id,
                "kind": v.kind,
                "title": v.title,
                "body": v.body,
                "tags": items.tags_text(v.tags),
                "owner": v.owner,
                "version": 1,
            }
            for v in plan.items
        ]
        with ws.write() as session:
            session.execute(insert(EvidenceItem), rows)
    count, documents = len(plan.items), len(plan.files)
    note = (
        f"Imported {count} item{'s' if count != 1 else ''} from "
        f"{documents} Word document{'s' if documents != 1 else ''}"
    )
    changes = Changes.of(EVIDENCE, note=note) if plan.items else Changes.none()
    return ImportResult(len(plan.items), len(plan.files), tuple(plan.skipped), changes)


def add_files(
    ws: Workspace, paths: Sequence[Path], progress: docx_import.Progress | None = None
) -> ImportResult:
    """Files dropped on the library: Word documents are imported, others become file items.

    Everything is checked first; then all of it is written in one transaction.
    """
    word = [p for p in paths if p.is_dir() or p.suffix.casefold() == ".docx"]
    others = [p for p in paths if p not in word]
    organisation_id = _own_organisation(ws)
    plan = docx_import.plan_import(word, organisation_id, progress) if word else None
    loaded: list[tuple[Path, bytes]] = []
    for path in others:
        if not path.is_file():
            raise InputRefused(f"“{path.name}” is not a file BidKit can add.")
        data = files.read_source(path)
        loaded.append((path, data))
    plan_items = plan.items if plan else []
    if plan_items or loaded:
        ws.backup("before-add-files")
    with ws.write() as session:
        for values in plan_items:
            items.create_item(session, values)
        for path, data in loaded:
            item = items.create_item(
                session,
                items.ItemFields(
                    title=file_policy.safe_name(path.name),
                    kind=str(EvidenceKind.OTHER),
                    tags=("file",),
                    organisation_id=organisation_id,
                ),
            )
            files.attach_bytes(session, ws.files, item.id or 0, path.name, data)
    count = len(plan_items) + len(loaded)
    done_files = (len(plan.files) if plan else 0) + len(loaded)
    skipped = tuple(plan.skipped) if plan else ()
    changes = (
        Changes.of(EVIDENCE, note=f"Added {count} item{'s' if count != 1 else ''} to the library")
        if count
        else (Changes.none())
    )
    return ImportResult(count, done_files, skipped, changes)


def _own_organisation(ws: Workspace) -> int | None:
    with ws.session() as session:
        return session.exec(
            select(Organisation.id).where(col(Organisation.is_own)).order_by(col(Organisation.id))
        ).first()


def usage_counts(ws: Workspace, item_ids: Sequence[int]) -> dict[int, int]:
    with ws.session() as session:
        rows = session.exec(
            select(EvidenceUsage.evidence_id, func.count())
            .where(col(EvidenceUsage.evidence_id).in_(list(item_ids)))
            .group_by(col(EvidenceUsage.evidence_id))
        ).all()
    return {int(i): int(n) for i, n in rows}
