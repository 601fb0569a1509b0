"""Creating and editing evidence items, keeping every earlier version.

Every saved edit stores the item as it was as an `EvidenceVersion` (numbered with the version
it had) and bumps `EvidenceItem.version`. Restoring a version is itself an edit, so nothing is
ever lost by restoring. The full-text index follows by the schema's triggers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bidkit.errors import InputRefused, NotFound
from bidkit.model.evidence import EvidenceItem, EvidenceKind, EvidenceVersion
from bidkit.model.types import utc_now

MAX_TITLE = 300
MAX_BODY = 200_000
MAX_TAGS = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_MERGE_NOTE = re.compile(r" \(merged from item \d+\)$")


@dataclass(frozen=True)
class ItemFields:
    """The editable fields of an item, as plain values."""

    title: str
    kind: str = str(EvidenceKind.ANSWER)
    body: str = ""
    tags: tuple[str, ...] = ()
    owner: str = ""
    review_on: date | None = None
    expires_on: date | None = None
    organisation_id: int | None = None


#: Fields kept in a version (the organisation is not versioned: it says whose item it is).
VERSIONED = ("kind", "title", "body", "tags", "owner", "review_on", "expires_on")


def normalise_tags(tags: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tags without blanks or repeats (ignoring case), in the order given."""
    raw = tags.split(",") if isinstance(tags, str) else list(tags)
    seen: dict[str, str] = {}
    for tag in raw:
        cleaned = " ".join(_CONTROL.sub("", str(tag)).split())[:80]
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return tuple(seen.values())


def tags_text(tags: tuple[str, ...]) -> str:
    return ", ".join(tags)


def clean_fields(values: ItemFields) -> ItemFields:
    """Checked and tidied fields; raises `InputRefused` with what to change."""
    title = " ".join(_CONTROL.sub("", values.title).split())
    if not title:
        raise InputRefused("An evidence item needs a title. Type a short name for it.")
    if len(title) > MAX_TITLE:
        raise InputRefused(
            f"That title is {len(title)} characters long; keep it under {MAX_TITLE}."
        )
    body = _CONTROL.sub("", values.body.replace("\r\n", "\n"))
    if len(body) > MAX_BODY:
        raise InputRefused(
            f"That text is {len(body):,} characters long; an item holds up to {MAX_BODY:,}. "
            "Split it into several items."
        )
    try:
        kind = str(EvidenceKind(values.kind))
    except ValueError:
        choices = ", ".join(str(k) for k in EvidenceKind)
        raise InputRefused(f"'{values.kind}' is not a kind of evidence ({choices}).") from None
    tags = normalise_tags(values.tags)
    if len(tags) > MAX_TAGS:
        raise InputRefused(f"An item can have up to {MAX_TAGS} tags; this one has {len(tags)}.")
    owner = " ".join(_CONTROL.sub("", values.owner).split())[:200]
    return replace(values, title=title, body=body.strip(), kind=kind, tags=tags, owner=owner)


def fields_of(item: EvidenceItem | EvidenceVersion) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "title": item.title,
        "body": item.body,
        "tags": normalise_tags(item.tags),
        "owner": item.owner,
        "review_on": item.review_on,
        "expires_on": item.expires_on,
    }


def get_item(session: Session, item_id: int) -> EvidenceItem:
    item = session.get(EvidenceItem, item_id)
    if item is None:
        raise NotFound(f"There is no evidence item with id {item_id}; it may have been deleted.")
    return item


def create_item(session: Session, values: ItemFields) -> EvidenceItem:
    values = clean_fields(values)
    item = EvidenceItem(
        organisation_id=values.organisation_id,
        kind=values.kind,
        title=values.title,
        body=values.body,
        tags=tags_text(values.tags),
        owner=values.owner,
        review_on=values.review_on,
        expires_on=values.expires_on,
    )
    session.add(item)
    session.flush()
    return item


def snapshot(session: Session, item: EvidenceItem, **overrides: Any) -> EvidenceVersion:
    """Keep `item` as it is now as version `item.version`, then number it one higher."""
    version = EvidenceVersion(
        evidence_id=item.id or 0,
        version=item.version,
        kind=item.kind,
        title=item.title,
        body=item.body,
        tags=item.tags,
        owner=item.owner,
        review_on=item.review_on,
        expires_on=item.expires_on,
    )
    for name, value in overrides.items():
        setattr(version, name, value)
    session.add(version)
    item.version += 1
    return version


def update_item(session: Session, item_id: int, values: ItemFields) -> bool:
    """Save an edit; returns False (and keeps no version) when nothing changed."""
    item = get_item(session, item_id)
    values = clean_fields(values)
    new = {f.name: getattr(values, f.name) for f in fields(values)}
    current = fields_of(item) | {"organisation_id": item.organisation_id}
    if new == current:
        return False
    if any(new[name] != current[name] for name in VERSIONED):
        snapshot(session, item)
    item.kind, item.title, item.body = values.kind, values.title, values.body
    item.tags, item.owner = tags_text(values.tags), values.owner
    item.review_on, item.expires_on = values.review_on, values.expires_on
    item.organisation_id = values.organisation_id
    item.updated_at = utc_now()
    session.add(item)
    session.flush()
    return True


def versions(session: Session, item_id: int) -> list[EvidenceVersion]:
    """Earlier versions of an item, newest first."""
    get_item(session, item_id)
    return list(
        session.exec(
            select(EvidenceVersion)
            .where(col(EvidenceVersion.evidence_id) == item_id)
            .order_by(col(EvidenceVersion.version).desc())
        ).all()
    )


def get_version(session: Session, item_id: int, version: int) -> EvidenceVersion:
    found = session.exec(
        select(EvidenceVersion).where(
            col(EvidenceVersion.evidence_id) == item_id, col(EvidenceVersion.version) == version
        )
    ).first()
    if found is None:
        raise NotFound(f"Evidence item {item_id} has no version {version}.")
    return found


def restore_version(session: Session, item_id: int, version: int) -> bool:
    """Make an earlier version current again, as a new edit (so the present is kept too)."""
    item = get_item(session, item_id)
    old = get_version(session, item_id, version)
    values = ItemFields(
        title=_MERGE_NOTE.sub("", old.title),
        kind=old.kind,
        body=old.body,
        tags=normalise_tags(old.tags),
        owner=old.owner,
        review_on=old.review_on,
        expires_on=old.expires_on,
        organisation_id=item.organisation_id,
    )
    return update_item(session, item_id, values)


def merge_note(title: str, other_id: int) -> str:
    """The title under which a merged-away item is kept in the history of the item kept."""
    return f"{title} (merged from item {other_id})"
