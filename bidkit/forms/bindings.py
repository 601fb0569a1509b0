"""Profile paths: where a questionnaire answer comes from in an organisation's profile.

A path is a profile field (`legal_name`), a computed fact (`registered_address_full`,
`latest_year.turnover`, `signatory.name`), one row of a repeating section chosen by a column
(`insurance[insurance_type=employers_liability].cover`, `accreditations[name~Cyber]`) or a
whole section (`financial_years`). `check_path` validates a path against the catalogue when a
form is loaded; `resolve` reads it from a profile and, when there is nothing to read, says why
in words a user can act on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bidkit.model.enums import ContactRole
from bidkit.model.exclusion_grounds import GROUNDS_BY_CODE
from bidkit.profile.catalogue import (
    ORG_FIELDS,
    SECTION_OF_TABLE,
    SECTIONS_BY_KEY,
    TABLE_COLUMNS,
    FieldSpec,
)
from bidkit.profile.completeness import ProfileData

_ROW_PATH = re.compile(
    r"^(?P<table>[a-z_]+)\[(?P<column>[a-z_]+)(?P<op>!=|=|~)(?P<value>[^\]]+)\](?:\.(?P<field>[a-z_]+))?$"
)
_YEAR_PATH = re.compile(r"^(?P<which>latest_year|previous_year)\.(?P<field>[a-z_]+)$")
_CONTACT_PATH = re.compile(r"^(?P<role>[a-z_]+)\.(?P<field>[a-z_]+)$")
_COMPUTED = {"registered_address_full", "trading_address_full"}
_CONTACT_ROLES = {role.value: role for role in ContactRole}


class BindingError(ValueError):
    """A path that names nothing in the profile (raised while loading a form)."""


@dataclass(frozen=True)
class Resolved:
    """What a path found: the value, or None and the reason, plus where to fix it."""

    value: Any
    #: Field or table key to open in the profile editor.
    target: str
    #: Set when `value` is None: e.g. "No employer's liability insurance recorded".
    reason: str = ""

    @property
    def found(self) -> bool:
        return self.value is not None and self.value not in ("", [])


def check_path(path: str, columns: Mapping[str, str] | None = None) -> FieldSpec | None:
    """Raise BindingError unless `path` names something in the profile.

    Returns the field's spec when the path ends at a single catalogue field (so callers can
    check choice values), else None.
    """
    if path in ORG_FIELDS:
        return ORG_FIELDS[path]
    if path in _COMPUTED:
        return None
    if path in TABLE_COLUMNS:
        for column in (columns or {}).values():
            if column not in TABLE_COLUMNS[path]:
                raise BindingError(f"'{path}' has no column '{column}'")
        return None
    if match := _YEAR_PATH.match(path):
        return _column(
            "financial_years", match["field"], f"'{match['which']}' has no '{match['field']}'"
        )
    if match := _ROW_PATH.match(path):
        table = match["table"]
        if table not in TABLE_COLUMNS:
            raise BindingError(f"the profile has no section '{table}'")
        if table == "exclusions" and match["column"] == "ground":
            if match["value"] not in GROUNDS_BY_CODE:
                raise BindingError(f"'{match['value']}' is not an exclusion ground code")
        else:
            spec = _column(table, match["column"], f"'{table}' has no column '{match['column']}'")
            if match["op"] != "~" and spec is not None and spec.choices is not None:
                allowed = {m.value for m in spec.choices}
                if match["value"] not in allowed:
                    raise BindingError(
                        f"'{match['value']}' is not a value of {table}.{match['column']} "
                        f"(one of: {', '.join(sorted(allowed))})"
                    )
        if match["field"]:
            return _column(table, match["field"], f"'{table}' has no column '{match['field']}'")
        for column in (columns or {}).values():
            if column not in TABLE_COLUMNS[table]:
                raise BindingError(f"'{table}' has no column '{column}'")
        return None
    if (match := _CONTACT_PATH.match(path)) and match["role"] in _CONTACT_ROLES:
        return _column("contacts", match["field"], f"contacts have no '{match['field']}'")
    raise BindingError(f"'{path}' is not a profile field or path")


def _column(table: str, key: str, message: str) -> FieldSpec | None:
    if table == "exclusions" and key == "ground":
        return None
    spec = TABLE_COLUMNS[table].get(key)
    if spec is None:
        raise BindingError(message)
    return spec


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table_label(table: str) -> str:
    return SECTIONS_BY_KEY[SECTION_OF_TABLE[table]].label.lower()


def resolve(data: ProfileData, path: str) -> Resolved:
    """Read `path` from `data` (see the module docstring for the grammar)."""
    if path in ORG_FIELDS:
        value = data.org.get(path)
        label = ORG_FIELDS[path].label
        return Resolved(None if _blank(value) else value, path, f"{label} is empty in the profile")
    if path in _COMPUTED:
        return _address(data, "registered" if path.startswith("registered") else "trading")
    if path in TABLE_COLUMNS:
        rows = list(data.rows(path))
        return Resolved(rows or None, path, f"No {_table_label(path)} recorded in the profile")
    if match := _YEAR_PATH.match(path):
        years = sorted(
            (r for r in data.rows("financial_years") if isinstance(r.get("year_end"), date)),
            key=lambda r: r["year_end"],
            reverse=True,
        )
        index = 0 if match["which"] == "latest_year" else 1
        if len(years) <= index:
            which = "latest" if index == 0 else "previous"
            return Resolved(None, "financial_years", f"No {which} financial year recorded")
        return _row_field(years[index], "financial_years", match["field"], "financial year")
    if match := _ROW_PATH.match(path):
        table, column, op, wanted = match["table"], match["column"], match["op"], match["value"]
        row = next((r for r in data.rows(table) if _matches(r.get(column), op, wanted)), None)
        what = _describe_filter(table, column, wanted)
        if row is None:
            return Resolved(None, table, f"No {what} recorded in the profile")
        if not match["field"]:
            return Resolved(dict(row), table)
        return _row_field(row, table, match["field"], what)
    if (match := _CONTACT_PATH.match(path)) and match["role"] in _CONTACT_ROLES:
        role = _CONTACT_ROLES[match["role"]]
        row = next((r for r in data.rows("contacts") if r.get("role") == role.value), None)
        if row is None:
            return Resolved(None, "contacts", f"No {role.label.lower()} recorded in the profile")
        return _row_field(row, "contacts", match["field"], role.label.lower())
    raise BindingError(f"'{path}' is not a profile field or path")


def resolve_rows(data: ProfileData, path: str) -> Resolved:
    """Every row a table question's path selects: a whole section, or the rows of a filter
    (`people[category=psc]` lists only the people with significant control)."""
    match = _ROW_PATH.match(path)
    if match is None or match["field"]:
        return resolve(data, path)
    table, column, op, wanted = match["table"], match["column"], match["op"], match["value"]
    rows = [dict(r) for r in data.rows(table) if _matches(r.get(column), op, wanted)]
    what = _describe_filter(table, column, wanted)
    return Resolved(rows or None, table, f"No {what} recorded in the profile")


def _matches(value: Any, op: str, wanted: str) -> bool:
    if value is None:
        return False
    if op == "~":
        return wanted.casefold() in str(value).casefold()
    if op == "!=":
        return str(value) != wanted
    return str(value) == wanted


def _describe_filter(table: str, column: str, wanted: str) -> str:
    if table == "exclusions":
        ground = GROUNDS_BY_CODE.get(wanted)
        return f"answer for the exclusion ground '{ground.label if ground else wanted}'"
    spec = TABLE_COLUMNS[table].get(column)
    label = spec.choice_label(wanted) if spec is not None and spec.choices else wanted
    noun = {
        "insurance": "insurance",
        "policies": "policy",
        "accreditations": "accreditation",
        "people": "person",
        "contacts": "contact",
    }.get(table, _table_label(table))
    return f"{label} {noun}" if noun not in label.lower() else label


def _row_field(row: Mapping[str, Any], table: str, key: str, what: str) -> Resolved:
    value = row.get(key)
    spec = TABLE_COLUMNS[table].get(key)
    label = spec.label.lower() if spec is not None else key
    return Resolved(None if _blank(value) else value, table, f"The {what} has no {label}")


def _address(data: ProfileData, which: str) -> Resolved:
    org = data.org
    if which == "trading" and org.get("trading_same_as_registered", True):
        which = "registered"
    lines = [line.strip() for line in str(org.get(f"{which}_address") or "").splitlines()]
    postcode = str(org.get(f"{which}_postcode") or "").strip()
    parts = [line for line in lines if line] + ([postcode] if postcode else [])
    if which == "registered":
        country = str(org.get("registered_country") or "").strip()
        if parts and country and country != "United Kingdom":
            parts.append(country)
    target = f"{which}_address"
    reason = f"The {which} address is empty in the profile"
    return Resolved("\n".join(parts) if lines and postcode else None, target, reason)
