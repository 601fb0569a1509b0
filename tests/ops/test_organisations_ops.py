"""Organisation profile operations: typing of values, row order, deletion and change reports."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bidkit.errors import InputRefused, NotFound
from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS
from bidkit.model.organisation import PROFILE_TABLES
from bidkit.ops import organisations as ops
from bidkit.ops.changes import Changes, ids_of
from bidkit.store.workspace import Workspace
from tests.store.backup_helpers import database_in


def _new_org(ws: Workspace, name: str = "Riverside Care CIC", own: bool = False) -> int:
    created = ops.create_organisation(ws, name=name, own=own).created
    assert created is not None
    return created


def _rows(ws: Workspace, org_id: int, table: str) -> list[dict[str, Any]]:
    return [dict(r) for r in ops.load_profile(ws, org_id).data.rows(table)]


def _positions(ws: Workspace, org_id: int, table: str) -> list[int]:
    return [r["position"] for r in _rows(ws, org_id, table)]


# --- create and list ----------------------------------------------------------------------


def test_create_lists_own_first_then_partners_alphabetically(workspace: Workspace) -> None:
    zephyr = _new_org(workspace, "zephyr Housing")
    own = _new_org(workspace, "Yew Tree Trust", own=True)
    acorn = _new_org(workspace, "Acorn Advice")
    untitled = _new_org(workspace, "   ")
    beta = _new_org(workspace, "beta Co-operative")
    summaries = ops.list_organisations(workspace, today=date(2025, 6, 1))
    assert [s.id for s in summaries] == [own, acorn, beta, untitled, zephyr]
    assert summaries[0].own and not any(s.own for s in summaries[1:])
    assert summaries[3].name == ops.UNTITLED
    assert all(0.0 <= s.completeness < 0.1 for s in summaries)
    assert ops.organisation_count(workspace) == 5


def test_new_profile_lists_every_exclusion_ground_unanswered(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    rows = _rows(workspace, org_id, "exclusions")
    assert [r["ground"] for r in rows] == [g.code for g in EXCLUSION_GROUNDS]
    assert _positions(workspace, org_id, "exclusions") == list(range(len(EXCLUSION_GROUNDS)))
    assert all(r["applies"] is None for r in rows)


def test_create_with_legal_form_checks_the_choice(workspace: Workspace) -> None:
    changes = ops.create_organisation(workspace, name="A", legal_form="cio")
    assert changes.created is not None
    assert ops.load_profile(workspace, changes.created).data.org["legal_form"] == "cio"
    with pytest.raises(InputRefused, match="not one of the choices"):
        ops.create_organisation(workspace, name="B", legal_form="limited")
    assert ops.organisation_count(workspace) == 1


def test_unknown_organisation_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFound, match="bidkit org list"):
        ops.load_profile(workspace, 999)
    with pytest.raises(NotFound):
        ops.set_field(workspace, 999, "legal_name", "x")
    with pytest.raises(NotFound):
        ops.add_row(workspace, 999, "contacts", {"name": "x"})
    with pytest.raises(NotFound):
        ops.delete_organisation(workspace, 999)
    assert list(workspace.paths.backups.iterdir()) == []


# --- single fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("registered_postcode", "m1 1ae", "M1 1AE"),
        ("registered_postcode", "  sw1a1aa ", "SW1A 1AA"),
        ("registered_postcode", "not a postcode ", "not a postcode"),
        ("vat_number", "gb 980 7806 84", "GB980780684"),
        ("vat_number", "GB123456789", "GB123456789"),  # wrong check digits: kept as typed
        ("legal_name", "  Riverside Care CIC  ", "Riverside Care CIC"),
        ("description", "Line one\nline two\n\n", "Line one\nline two"),
        ("legal_form", "cic", "cic"),
        ("registration_date", date(2019, 4, 1), date(2019, 4, 1)),
        ("employees", 0, 0),
        ("employees", None, None),
        ("trading_same_as_registered", False, False),
        ("website", None, ""),
    ],
)
def test_set_field_normalises_valid_values_and_keeps_invalid_ones(
    workspace: Workspace, key: str, typed: Any, stored: Any
) -> None:
    org_id = _new_org(workspace)
    changes = ops.set_field(workspace, org_id, key, typed)
    assert changes.touches(ops.ORGANISATION, org_id)
    assert ops.load_profile(workspace, org_id).data.org[key] == stored


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("no_such_field", "x", "not a profile field"),
        ("logo_sha256", "0" * 64, "not a profile field"),
        ("id", 5, "not a profile field"),
        ("legal_name", 42, "takes text"),
        ("employees", "12", "cannot hold"),
        ("employees", 12.0, "cannot hold"),
        ("employees", True, "cannot hold"),
        ("employees", -1, "whole number"),
        ("registration_date", "2019-04-01", "cannot hold"),
        ("trading_same_as_registered", None, "ticked or not"),
        ("trading_same_as_registered", "yes", "cannot hold"),
        ("size_band", "enormous", "not one of the choices"),
    ],
)
def test_set_field_refuses_wrong_types(
    workspace: Workspace, key: str, value: Any, message: str
) -> None:
    org_id = _new_org(workspace)
    before = ops.load_profile(workspace, org_id).data.org
    with pytest.raises(InputRefused, match=message):
        ops.set_field(workspace, org_id, key, value)
    assert ops.load_profile(workspace, org_id).data.org == before


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("turnover", "1000", "cannot hold"),
        ("turnover", 1000.5, "cannot hold"),
        ("turnover", Decimal("-1"), "cannot be negative"),
        ("turnover", Decimal("1e12"), "larger than"),
        ("turnover", Decimal("NaN"), "pounds and pence"),
        ("turnover", Decimal("Infinity"), "pounds and pence"),
        ("surplus", Decimal("-Infinity"), "pounds and pence"),
        ("accounts_type", "guessed", "not one of the choices"),
        ("year_end", "31/03/2024", "cannot hold"),
        ("colour", "#fff", "not a column"),
        ("organisation_id", 1, "not a column"),
        ("position", 3, "not a column"),
    ],
)
def test_rows_refuse_wrong_types(
    workspace: Workspace, column: str, value: Any, message: str
) -> None:
    org_id = _new_org(workspace)
    with pytest.raises(InputRefused, match=message):
        ops.add_row(workspace, org_id, "financial_years", {column: value})
    assert _rows(workspace, org_id, "financial_years") == []
    row_id = ops.add_row(workspace, org_id, "financial_years").created
    assert row_id is not None
    with pytest.raises(InputRefused, match=message):
        ops.update_row(workspace, "financial_years", row_id, column, value)


def test_unknown_table_is_refused(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    with pytest.raises(InputRefused, match="not a part of the profile"):
        ops.add_row(workspace, org_id, "pets", {})
    with pytest.raises(InputRefused):
        ops.remove_row(workspace, "pets", 1)


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "amount", "stored"),
    [
        ("turnover", Decimal("0.10"), "0.10"),
        ("turnover", Decimal("0.1"), "0.10"),
        ("turnover", Decimal("99999999.99"), "99999999.99"),
        ("turnover", Decimal("999999999999.99"), "999999999999.99"),
        ("turnover", 5, "5.00"),
        ("turnover", Decimal("0.005"), "0.01"),  # pence, rounded half up
        ("turnover", Decimal("0"), "0.00"),
        ("surplus", Decimal("-12345.67"), "-12345.67"),
        ("surplus", Decimal("-0.01"), "-0.01"),
        ("net_assets", Decimal("-99999999.99"), "-99999999.99"),
    ],
)
def test_money_round_trips_as_exact_decimal(
    workspace: Workspace, column: str, amount: Decimal | int, stored: str
) -> None:
    org_id = _new_org(workspace)
    ops.add_row(workspace, org_id, "financial_years", {"year_end": date(2024, 3, 31)})
    row_id = _rows(workspace, org_id, "financial_years")[0]["id"]
    ops.update_row(workspace, "financial_years", row_id, column, amount)
    value = _rows(workspace, org_id, "financial_years")[0][column]
    assert isinstance(value, Decimal)
    assert str(value) == stored
    con = sqlite3.connect(workspace.paths.database)
    try:
        pence = con.execute(f"SELECT {column} FROM financial_year").fetchone()[0]
    finally:
        con.close()
    assert pence == int(Decimal(stored) * 100)


# --- repeating rows -----------------------------------------------------------------------


def _names(ws: Workspace, org_id: int) -> list[str]:
    return [r["name"] for r in _rows(ws, org_id, "contacts")]


def test_add_move_remove_keep_positions_contiguous(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    other = _new_org(workspace, "Other")
    ops.add_row(workspace, other, "contacts", {"name": "Other's contact"})
    ids = {}
    for name in ("A", "B", "C"):
        created = ops.add_row(workspace, org_id, "contacts", {"name": name}).created
        assert created is not None
        ids[name] = created
    assert _names(workspace, org_id) == ["A", "B", "C"]
    ids["first"] = ops.add_row(workspace, org_id, "contacts", {"name": "first"}, 0).created
    ids["mid"] = ops.add_row(workspace, org_id, "contacts", {"name": "mid"}, 2).created
    ids["far"] = ops.add_row(workspace, org_id, "contacts", {"name": "far"}, 99).created
    ids["neg"] = ops.add_row(workspace, org_id, "contacts", {"name": "neg"}, -5).created
    assert _names(workspace, org_id) == ["neg", "first", "A", "mid", "B", "C", "far"]
    assert _positions(workspace, org_id, "contacts") == list(range(7))

    ops.move_row(workspace, "contacts", ids["far"], 0)
    ops.move_row(workspace, "contacts", ids["neg"], 100)
    ops.move_row(workspace, "contacts", ids["A"], 3)
    assert _names(workspace, org_id) == ["far", "first", "mid", "A", "B", "C", "neg"]
    assert _positions(workspace, org_id, "contacts") == list(range(7))

    ops.remove_row(workspace, "contacts", ids["mid"])
    ops.remove_row(workspace, "contacts", ids["far"])
    assert _names(workspace, org_id) == ["first", "A", "B", "C", "neg"]
    assert _positions(workspace, org_id, "contacts") == list(range(5))
    with pytest.raises(NotFound, match="already been removed"):
        ops.remove_row(workspace, "contacts", ids["mid"])
    with pytest.raises(NotFound):
        ops.move_row(workspace, "contacts", ids["mid"], 0)
    # The other organisation's rows are untouched.
    assert _names(workspace, other) == ["Other's contact"]
    assert _positions(workspace, other, "contacts") == [0]


def test_update_row_changes_one_value(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    row_id = ops.add_row(workspace, org_id, "contacts", {"name": "A"}).created
    assert row_id is not None
    changes = ops.update_row(workspace, "contacts", row_id, "email", " Bids@Example.org.uk ")
    assert changes.touches(ops.ORGANISATION, org_id)
    assert _rows(workspace, org_id, "contacts")[0]["email"] == "Bids@example.org.uk"


def test_exclusions_cannot_be_added_or_removed_but_can_be_answered(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    rows = _rows(workspace, org_id, "exclusions")
    with pytest.raises(InputRefused, match="fixed list"):
        ops.add_row(workspace, org_id, "exclusions", {"applies": False})
    with pytest.raises(InputRefused, match="fixed list"):
        ops.remove_row(workspace, "exclusions", rows[0]["id"])
    assert len(_rows(workspace, org_id, "exclusions")) == len(EXCLUSION_GROUNDS)

    ground = EXCLUSION_GROUNDS[2].code
    ops.set_exclusion(workspace, org_id, ground, "applies", True)
    ops.set_exclusion(workspace, org_id, ground, "occurred_on", date(2022, 5, 1))
    ops.set_exclusion(workspace, org_id, ground, "details", "A former director's conviction.")
    answered = {r["ground"]: r for r in _rows(workspace, org_id, "exclusions")}
    assert answered[ground]["applies"] is True
    assert answered[ground]["occurred_on"] == date(2022, 5, 1)
    assert answered[ground]["details"] == "A former director's conviction."
    assert len(answered) == len(EXCLUSION_GROUNDS)

    with pytest.raises(InputRefused, match="not an exclusion ground"):
        ops.set_exclusion(workspace, org_id, "parking_fines", "applies", True)
    with pytest.raises(InputRefused, match="not a column"):
        ops.set_exclusion(workspace, org_id, ground, "position", 0)
    with pytest.raises(InputRefused):
        ops.set_exclusion(workspace, org_id, ground, "applies", "yes")


def test_exclusion_ground_code_cannot_be_overwritten(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    first, second = EXCLUSION_GROUNDS[0].code, EXCLUSION_GROUNDS[1].code
    with pytest.raises(InputRefused):
        ops.set_exclusion(workspace, org_id, first, "ground", "made_up")
    with pytest.raises(InputRefused):
        ops.set_exclusion(workspace, org_id, first, "ground", second)
    row_id = _rows(workspace, org_id, "exclusions")[0]["id"]
    with pytest.raises(InputRefused):
        ops.update_row(workspace, "exclusions", row_id, "ground", "made_up")
    grounds = [r["ground"] for r in _rows(workspace, org_id, "exclusions")]
    assert grounds == [g.code for g in EXCLUSION_GROUNDS]


def test_missing_exclusion_row_is_created_when_answered(workspace: Workspace) -> None:
    org_id = _new_org(workspace)
    ground = EXCLUSION_GROUNDS[5]
    with workspace.write() as session:
        row = session.get(
            PROFILE_TABLES["exclusions"], _rows(workspace, org_id, "exclusions")[5]["id"]
        )
        session.delete(row)
    ops.set_exclusion(workspace, org_id, ground.code, "applies", False)
    rows = _rows(workspace, org_id, "exclusions")
    assert [r["ground"] for r in rows] == [g.code for g in EXCLUSION_GROUNDS]
    assert rows[5]["applies"] is False and rows[5]["position"] == 5


# --- deletion -----------------------------------------------------------------------------


def _fill_children(ws: Workspace, org_id: int) -> None:
    ops.add_row(ws, org_id, "contacts", {"name": "Aisha Khan"})
    ops.add_row(ws, org_id, "people", {"name": "Sam Okafor"})
    ops.add_row(ws, org_id, "financial_years", {"turnover": Decimal("1000.00")})
    ops.add_row(ws, org_id, "insurance", {"insurer": "Mutual"})
    ops.add_row(ws, org_id, "accreditations", {"name": "Cyber Essentials"})
    ops.add_row(ws, org_id, "policies", {"title": "Safeguarding"})
    ops.add_row(ws, org_id, "contract_examples", {"customer": "Salford City Council"})


def test_delete_organisation_takes_a_backup_and_cascades(workspace: Workspace) -> None:
    doomed = _new_org(workspace, "Doomed")
    kept = _new_org(workspace, "Kept")
    _fill_children(workspace, doomed)
    _fill_children(workspace, kept)
    child_tables = [model.__tablename__ for model in PROFILE_TABLES.values()]

    changes = ops.delete_organisation(workspace, doomed)
    assert changes.touches(ops.ORGANISATION, doomed)
    assert changes.note == "Organisation deleted"

    backups = list(workspace.paths.backups.glob(f"bidkit-*-before-delete-org-{doomed}.zip"))
    assert len(backups) == 1
    con = sqlite3.connect(database_in(backups[0], workspace.paths.root.parent / "unpacked"))
    try:
        assert con.execute("SELECT count(*) FROM organisation").fetchone()[0] == 2
    finally:
        con.close()

    con = sqlite3.connect(workspace.paths.database)
    try:
        for table in child_tables:
            orphans = con.execute(
                f"SELECT count(*) FROM {table} "
                "WHERE organisation_id NOT IN (SELECT id FROM organisation)"
            ).fetchone()[0]
            assert orphans == 0, table
            doomed_rows = con.execute(
                f"SELECT count(*) FROM {table} WHERE organisation_id = ?", (doomed,)
            ).fetchone()[0]
            assert doomed_rows == 0, table
            kept_rows = con.execute(
                f"SELECT count(*) FROM {table} WHERE organisation_id = ?", (kept,)
            ).fetchone()[0]
            assert kept_rows > 0, table
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    assert [s.id for s in ops.list_organisations(workspace)] == [kept]
    with pytest.raises(NotFound):
        ops.load_profile(workspace, doomed)


# --- changes ------------------------------------------------------------------------------


def test_changes_merge() -> None:
    a = Changes.of("organisation", 1, 2, note="Saved")
    b = Changes.of("organisation", 3, note="Imported", created=3)
    c = Changes.of("bid", 7, created=7)
    merged = a.merge(b, c)
    assert merged.ids == {"organisation": frozenset({1, 2, 3}), "bid": frozenset({7})}
    assert merged.kinds == {"organisation", "bid"}
    assert merged.note == "Saved; Imported"
    assert merged.created == 3
    assert merged.touches("organisation", 2)
    assert not merged.touches("organisation", 9)
    assert merged.touches("bid")
    assert not merged.touches("evidence")


def test_changes_all_of_a_kind_absorbs_specific_ids() -> None:
    everything = Changes.of("organisation")
    specific = Changes.of("organisation", 4)
    for merged in (everything.merge(specific), specific.merge(everything)):
        assert merged.ids == {"organisation": frozenset()}
        assert merged.touches("organisation", 12345)
    assert Changes.of("bid").merge(Changes.of("organisation", 1)).ids == {
        "bid": frozenset(),
        "organisation": frozenset({1}),
    }


def test_changes_none_and_empty_merge() -> None:
    nothing = Changes.none()
    assert nothing.kinds == frozenset()
    assert not nothing.touches("organisation")
    assert nothing.merge().ids == {}
    assert nothing.merge(nothing).note == ""
    assert nothing.merge(Changes.of("bid", 1, created=1)).created == 1
    kept = Changes.of("bid", 1, created=5).merge(Changes.of("bid", 2, created=6))
    assert kept.created == 5
    assert ids_of([1, None, 2, 1]) == frozenset({1, 2})
