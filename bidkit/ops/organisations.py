"""Operations on organisation profiles: one function per user action.

Each takes an open `Workspace` and plain values, changes the database in one transaction and
returns `Changes`. Values are typed by the catalogue: text fields take `str`, money `Decimal`,
dates `date`, counts `int`, yes/no `bool` (or None for "not answered"), choices the enum value.
Values that fail a format check (a mistyped postcode, say) are still saved, so nothing the user
typed is lost; completeness and the editor point them out.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, SQLModel, col, func, select

from bidkit.errors import InputRefused, NotFound
from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS, GROUNDS_BY_CODE
from bidkit.model.organisation import PROFILE_TABLES, ExclusionDeclaration, Organisation
from bidkit.model.types import to_money, utc_now
from bidkit.ops.changes import Changes
from bidkit.profile.catalogue import ORG_FIELDS, TABLE_COLUMNS, FieldSpec
from bidkit.profile.completeness import Completeness, ProfileData, assess
from bidkit.profile.validation import CHECKS, NORMALISERS
from bidkit.store.file_policy import check_file, check_logo
from bidkit.store.queries import get_organisation, profile_data, table_rows
from bidkit.store.workspace import Workspace

log = logging.getLogger(__name__)

ORGANISATION = "organisation"
UNTITLED = "Untitled organisation"
#: Fields set directly by operations rather than the field editor.
_SYSTEM_FIELDS = {"logo_sha256"}


@dataclass(frozen=True)
class OrgSummary:
    id: int
    name: str
    legal_form: str | None
    completeness: float
    own: bool


@dataclass(frozen=True)
class ProfileSnapshot:
    """Everything the editor shows for one organisation, detached from the database."""

    id: int
    own: bool
    data: ProfileData
    completeness: Completeness

    @property
    def name(self) -> str:
        return str(self.data.org.get("legal_name") or "") or UNTITLED


def _values(row: SQLModel) -> dict[str, Any]:
    return row.model_dump()


_get_org = get_organisation
_table_rows = table_rows


def list_organisations(ws: Workspace, today: date | None = None) -> list[OrgSummary]:
    """Own organisations first, then partners, each alphabetically."""
    with ws.session() as session:
        orgs = session.exec(select(Organisation)).all()
        summaries = [
            OrgSummary(
                id=org.id or 0,
                name=org.legal_name or UNTITLED,
                legal_form=org.legal_form,
                completeness=assess(profile_data(session, org.id or 0), today).fraction,
                own=org.is_own,
            )
            for org in orgs
        ]
    return sorted(summaries, key=lambda s: (not s.own, s.name.casefold(), s.id))


def load_profile(ws: Workspace, org_id: int, today: date | None = None) -> ProfileSnapshot:
    with ws.session() as session:
        org = _get_org(session, org_id)
        data = profile_data(session, org_id)
        return ProfileSnapshot(org_id, org.is_own, data, assess(data, today))


def create_organisation(
    ws: Workspace, *, name: str = "", own: bool = False, legal_form: str | None = None
) -> Changes:
    """A new, empty profile (with every exclusion ground listed, unanswered).

    A workspace has one own organisation to start from: asking for a second (a button
    pressed twice, a set-up run again) is refused; partners are added as partners.
    """
    values: dict[str, Any] = {"legal_name": name.strip(), "is_own": own}
    if legal_form is not None:
        values["legal_form"] = coerce_value(ORG_FIELDS["legal_form"], legal_form)
    with ws.write() as session:
        if own:
            existing = session.exec(
                select(Organisation).where(col(Organisation.is_own).is_(True))
            ).first()
            if existing is not None:
                name = existing.legal_name or "An organisation"
                raise InputRefused(
                    f"{name} is already marked as your organisation. Add the new one as a "
                    "partner, or open its profile and tick “This is my organisation”."
                )
        org = Organisation(**values)
        session.add(org)
        session.flush()
        assert org.id is not None
        for position, ground in enumerate(EXCLUSION_GROUNDS):
            session.add(
                ExclusionDeclaration(organisation_id=org.id, position=position, ground=ground.code)
            )
        org_id = org.id
    log.info("organisation %s created (own=%s)", org_id, own)
    return Changes.of(ORGANISATION, org_id, note="Organisation added", created=org_id)


def delete_organisation(ws: Workspace, org_id: int) -> Changes:
    """Delete a profile and its rows, after taking a backup of the workspace."""
    with ws.session() as session:
        _get_org(session, org_id)
    ws.backup(f"before-delete-org-{org_id}")
    with ws.write() as session:
        session.delete(_get_org(session, org_id))
    log.info("organisation %s deleted", org_id)
    return Changes.of(ORGANISATION, org_id, note="Organisation deleted")


def set_own(ws: Workspace, org_id: int, own: bool) -> Changes:
    with ws.write() as session:
        org = _get_org(session, org_id)
        org.is_own = own
        org.updated_at = utc_now()
    return Changes.of(ORGANISATION, org_id)


def coerce_value(spec: FieldSpec, value: Any) -> Any:
    """Check `value` has the Python type the field holds; normalise text that passes its check."""
    kind = spec.kind
    if kind in ("text", "multiline", "file"):
        if value is None:
            return ""
        if not isinstance(value, str):
            raise InputRefused(f"{spec.label} takes text.")
        text = value.replace("\r\n", "\n").replace("\r", "\n")  # one line-break convention
        text = text.strip() if kind == "text" else text.rstrip()
        if spec.check and text and CHECKS[spec.check](text) is None and spec.check in NORMALISERS:
            text = NORMALISERS[spec.check](text)
        return text
    if value is None:
        if kind == "bool":
            raise InputRefused(f"{spec.label} is either ticked or not.")
        return None
    if kind == "choice":
        assert spec.choices is not None
        try:
            return spec.choices(value).value
        except ValueError:
            raise InputRefused(f"'{value}' is not one of the choices for {spec.label}.") from None
    if kind == "date" and isinstance(value, date):
        return value
    if kind == "money" and isinstance(value, Decimal | int) and not isinstance(value, bool):
        if isinstance(value, Decimal) and not value.is_finite():
            raise InputRefused(f"{spec.label} must be an amount in pounds and pence.")
        amount = to_money(value)
        if amount < 0 and not spec.allow_negative:
            raise InputRefused(f"{spec.label} cannot be negative.")
        if abs(amount) >= Decimal("1e12"):
            raise InputRefused(f"{spec.label} is larger than BidKit accepts.")
        return amount
    if kind == "count" and isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value < 10_000_000:
            raise InputRefused(f"{spec.label} must be a whole number from 0 upwards.")
        return value
    if kind in ("bool", "yesno") and isinstance(value, bool):
        return value
    raise InputRefused(f"{spec.label} cannot hold {value!r}.")


def set_field(ws: Workspace, org_id: int, key: str, value: Any) -> Changes:
    """Set one single-valued profile field."""
    spec = ORG_FIELDS.get(key)
    if spec is None or key in _SYSTEM_FIELDS:
        raise InputRefused(f"'{key}' is not a profile field.")
    stored = coerce_value(spec, value)
    with ws.write() as session:
        org = _get_org(session, org_id)
        setattr(org, key, stored)
        org.updated_at = utc_now()
    log.debug("organisation %s field %s set", org_id, key)
    return Changes.of(ORGANISATION, org_id)


def _row_model(table: str) -> type[SQLModel]:
    try:
        return PROFILE_TABLES[table]
    except KeyError:
        raise InputRefused(f"'{table}' is not a part of the profile.") from None


def _coerce_row(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    columns = TABLE_COLUMNS[table]
    unknown = set(values) - set(columns) - {"ground", "file_sha256"}
    if unknown:
        raise InputRefused(f"{', '.join(sorted(unknown))} is not a column of {table}.")
    return {k: (coerce_value(columns[k], v) if k in columns else v) for k, v in values.items()}


def _touch(session: Session, org_id: int) -> None:
    org = _get_org(session, org_id)
    org.updated_at = utc_now()


def _renumber(session: Session, table: str, org_id: int, ordered: list[SQLModel]) -> None:
    for position, row in enumerate(ordered):
        if row.position != position:  # type: ignore[attr-defined]
            row.position = position
            session.add(row)


def add_row(
    ws: Workspace,
    org_id: int,
    table: str,
    values: Mapping[str, Any] | None = None,
    position: int | None = None,
) -> Changes:
    """Add a row to a repeating section, at `position` (default: the end)."""
    model = _row_model(table)
    if table == "exclusions":
        raise InputRefused("Exclusion grounds are a fixed list; answer them instead.")
    data = _coerce_row(table, values or {})
    with ws.write() as session:
        _touch(session, org_id)
        rows = _table_rows(session, table, org_id)
        row = model(organisation_id=org_id, **data)
        session.add(row)
        session.flush()
        index = len(rows) if position is None else max(0, min(position, len(rows)))
        rows.insert(index, row)
        _renumber(session, table, org_id, rows)
        row_id = row.id  # type: ignore[attr-defined]
    return Changes.of(ORGANISATION, org_id, created=row_id)


def _get_row(session: Session, table: str, row_id: int) -> SQLModel:
    row = session.get(_row_model(table), row_id)
    if row is None:
        raise NotFound("That row has already been removed. Refresh the page to see the profile.")
    return row


def _coerce_column(table: str, key: str, value: Any) -> Any:
    """One edited value; unlike new rows, edits never reach the ground code or file hash."""
    column = TABLE_COLUMNS[table].get(key)
    if column is None:
        raise InputRefused(f"{key} is not a column of {table} that can be edited.")
    return coerce_value(column, value)


def update_row(ws: Workspace, table: str, row_id: int, key: str, value: Any) -> Changes:
    _row_model(table)
    data = {key: _coerce_column(table, key, value)}
    with ws.write() as session:
        row = _get_row(session, table, row_id)
        setattr(row, key, data[key])
        org_id: int = row.organisation_id  # type: ignore[attr-defined]
        _touch(session, org_id)
    return Changes.of(ORGANISATION, org_id)


def remove_row(ws: Workspace, table: str, row_id: int) -> Changes:
    if table == "exclusions":
        raise InputRefused("Exclusion grounds are a fixed list and cannot be removed.")
    with ws.write() as session:
        row = _get_row(session, table, row_id)
        org_id: int = row.organisation_id  # type: ignore[attr-defined]
        session.delete(row)
        session.flush()
        _renumber(session, table, org_id, _table_rows(session, table, org_id))
        _touch(session, org_id)
    return Changes.of(ORGANISATION, org_id)


def move_row(ws: Workspace, table: str, row_id: int, new_position: int) -> Changes:
    with ws.write() as session:
        row = _get_row(session, table, row_id)
        org_id: int = row.organisation_id  # type: ignore[attr-defined]
        rows = [r for r in _table_rows(session, table, org_id) if r is not row]
        rows.insert(max(0, min(new_position, len(rows))), row)
        _renumber(session, table, org_id, rows)
        _touch(session, org_id)
    return Changes.of(ORGANISATION, org_id)


def set_exclusion(ws: Workspace, org_id: int, ground: str, key: str, value: Any) -> Changes:
    """Answer one part of one exclusion ground (creating its row if the profile lacks it)."""
    if ground not in GROUNDS_BY_CODE:
        raise InputRefused(f"'{ground}' is not an exclusion ground BidKit knows.")
    data = {key: _coerce_column("exclusions", key, value)}
    with ws.write() as session:
        _touch(session, org_id)
        row = session.exec(
            select(ExclusionDeclaration).where(
                col(ExclusionDeclaration.organisation_id) == org_id,
                col(ExclusionDeclaration.ground) == ground,
            )
        ).first()
        if row is None:
            position = [g.code for g in EXCLUSION_GROUNDS].index(ground)
            row = ExclusionDeclaration(organisation_id=org_id, ground=ground, position=position)
        setattr(row, key, data[key])
        session.add(row)
    return Changes.of(ORGANISATION, org_id)


def set_logo(ws: Workspace, org_id: int, data: bytes | None, filename: str = "") -> Changes:
    """Store `data` as the organisation's logo (None removes it): a PNG or JPEG that decodes,
    within the pixel limit (see `bidkit.store.file_policy`)."""
    if data is not None:
        check_logo(filename or "logo", data)
    with ws.session() as session:
        _get_org(session, org_id)  # an unknown id stores nothing
    digest = ws.files.add_bytes(data) if data is not None else ""
    with ws.write() as session:
        org = _get_org(session, org_id)
        org.logo_sha256, org.logo_filename = digest, (filename if data is not None else "")
        org.updated_at = utc_now()
    return Changes.of(ORGANISATION, org_id)


def set_policy_file(ws: Workspace, row_id: int, data: bytes | None, filename: str = "") -> Changes:
    """Attach (or with None, detach) the document of a policy row; the same file policy as
    evidence attachments (no programs, scripts or macro-enabled documents)."""
    if data is not None:
        check_file(filename or "document", data)
    digest = ws.files.add_bytes(data) if data is not None else ""
    with ws.write() as session:
        row = _get_row(session, "policies", row_id)
        row.file_sha256, row.file_name = digest, (filename if data is not None else "")
        org_id: int = row.organisation_id  # type: ignore[attr-defined]
        _touch(session, org_id)
    return Changes.of(ORGANISATION, org_id)


def organisation_count(ws: Workspace) -> int:
    with ws.session() as session:
        return int(session.exec(select(func.count()).select_from(Organisation)).one())
