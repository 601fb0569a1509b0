"""Schema creation, upgrade and refusal (reliability plan R7)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import col, select

from bidkit.errors import WorkspaceError, WorkspaceTooNew
from bidkit.model.organisation import Contact, FinancialYear, Organisation
from bidkit.model.tables import metadata
from bidkit.paths import WorkspacePaths
from bidkit.store import schema
from bidkit.store.backup import integrity_problems
from bidkit.store.engine import create_workspace_engine
from bidkit.store.workspace import Workspace
from tests.store.backup_helpers import database_in

TABLES_0001 = {
    "organisation",
    "accreditation",
    "contact",
    "contract_example",
    "exclusion_declaration",
    "financial_year",
    "insurance_policy",
    "key_person",
    "policy_document",
}
TABLES_0002 = TABLES_0001 | {"bid", "evidence_item", "bid_partner"}
TABLES_0003 = TABLES_0002 | {"bid_form", "answer"}
TABLES_0004 = TABLES_0003 | {
    "evidence_version", "evidence_file", "evidence_usage", "key_date", "bid_task",
    "bid_status_change",
}  # fmt: skip
TABLES_0005 = TABLES_0004 | {"partner_agreement", "pack_record", "pack_conflict"}
#: The full-text index over the library: an FTS5 virtual table and its shadow tables, made by
#: the migration (SQLModel does not describe virtual tables).
FTS_TABLES = {
    "evidence_fts", "evidence_fts_data", "evidence_fts_idx", "evidence_fts_docsize",
    "evidence_fts_config",
}  # fmt: skip
TABLES_0006 = TABLES_0005 | {"buyer_form"}
#: The store's own bookkeeping (the workspace's id, 0010): made by a migration, not a domain
#: entity, so not in SQLModel's metadata (and `demo --force` leaves it alone).
STORE_TABLES = {"workspace_identity"}
TABLES_0012 = TABLES_0006 | {"partner_document"}
HEAD = "0012"


def _tables(database: Path) -> set[str]:
    con = sqlite3.connect(database)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        con.close()
    return {r[0] for r in rows} - {"alembic_version"} - FTS_TABLES - STORE_TABLES


def _revision(database: Path) -> str | None:
    con = sqlite3.connect(database)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(folder: Path) -> list[str]:
    """The folder's entries, leaving out SQLite's transient WAL companions."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def _insert(con: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    """Insert a row giving every NOT NULL column a value (plain SQL, as an old BidKit would)."""
    row = dict(values)
    for _cid, name, type_, notnull, _default, pk in con.execute(f"PRAGMA table_info({table})"):
        if pk or not notnull or name in row:
            continue
        row[name] = 0 if type_.upper() in ("BOOLEAN", "INTEGER", "BIGINT") else ""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = con.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


@pytest.fixture
def database_at_0001(workspace_dir: Path) -> Iterator[Path]:
    """A workspace database built by the first schema, seeded with an organisation and children."""
    paths = WorkspacePaths(workspace_dir)
    paths.create()
    engine = create_workspace_engine(paths.database)
    schema.upgrade_to(engine, "0001")
    engine.dispose()
    con = sqlite3.connect(paths.database)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        stamp = "2025-01-01T09:00:00.000000+00:00"
        org_id = _insert(
            con,
            "organisation",
            {
                "is_own": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "legal_name": "Riverside Care CIC",
                "registered_country": "United Kingdom",
                "trading_same_as_registered": 1,
                "registered_postcode": "M1 1AE",
                "employees": 12,
            },
        )
        partner_id = _insert(
            con,
            "organisation",
            {"is_own": 0, "created_at": stamp, "updated_at": stamp, "legal_name": "Ŵelsh Ōne"},
        )
        for position, (year_end, turnover) in enumerate(
            (("2024-03-31", 12345678), ("2023-03-31", 10))
        ):
            _insert(
                con,
                "financial_year",
                {
                    "organisation_id": org_id,
                    "position": position,
                    "year_end": year_end,
                    "turnover": turnover,
                    "surplus": -250099,
                },
            )
        _insert(
            con,
            "contact",
            {
                "organisation_id": org_id,
                "position": 0,
                "role": "bid_contact",
                "name": "Aisha Khan",
                "email": "bids@example.org.uk",
            },
        )
        _insert(
            con,
            "contact",
            {"organisation_id": partner_id, "position": 0, "role": "signatory", "name": "Bo"},
        )
        con.commit()
    finally:
        con.close()
    yield paths.database


def _counts(database: Path, tables: set[str]) -> dict[str, int]:
    con = sqlite3.connect(database)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in sorted(tables)}
    finally:
        con.close()


def test_fresh_workspace_is_created_at_head_with_every_table(workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as ws:
        assert ws.upgrade_backup is None
        database = ws.paths.database
    assert _revision(database) == schema.HEAD_REVISION == HEAD
    assert _tables(database) == TABLES_0012 == set(metadata.tables)
    assert schema.current_revision(database) == HEAD
    assert list((workspace_dir / "backups").iterdir()) == []


def test_known_revisions_match_the_alembic_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    chain = [s.revision for s in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == schema.KNOWN_REVISIONS
    assert scripts.get_heads() == [schema.HEAD_REVISION]


def test_migrated_schema_matches_the_model(workspace_dir: Path) -> None:
    # No filtering of differences: the migrations declare the same types (String, BigInteger,
    # String(32)) that the model's columns and TypeDecorators render to, so any difference
    # reported here is real drift between the model and the migrations.
    with Workspace.open(workspace_dir) as ws, ws.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _parents: name not in FTS_TABLES | STORE_TABLES,
            },
        )
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_upgrade_from_the_first_schema_keeps_every_row(database_at_0001: Path) -> None:
    tables = TABLES_0001
    before = _counts(database_at_0001, tables)
    assert before["organisation"] == 2
    assert before["financial_year"] == 2
    assert before["contact"] == 2
    assert _revision(database_at_0001) == "0001"

    with Workspace.open(database_at_0001.parent) as ws:
        assert ws.upgrade_backup is not None
        with ws.session() as session:
            own = session.get(Organisation, 1)
            assert own is not None
            assert own.legal_name == "Riverside Care CIC"
            assert own.employees == 12
            assert own.is_own is True
            partner = session.get(Organisation, 2)
            assert partner is not None and partner.legal_name == "Ŵelsh Ōne"
            years = session.exec(select(FinancialYear).order_by(col(FinancialYear.position))).all()
            assert [y.turnover for y in years] == [Decimal("123456.78"), Decimal("0.10")]
            assert [y.surplus for y in years] == [Decimal("-2500.99")] * 2
            contact = session.exec(select(Contact).where(Contact.organisation_id == 1)).one()
            assert contact.email == "bids@example.org.uk"

    assert _revision(database_at_0001) == HEAD
    assert _tables(database_at_0001) == TABLES_0012
    assert _counts(database_at_0001, tables) == before
    assert integrity_problems(database_at_0001) == []

    backups = sorted((database_at_0001.parent / "backups").glob("bidkit-*-before-upgrade-0001.zip"))
    assert len(backups) == 1
    assert str(backups[0]) == ws.upgrade_backup
    backed_up = database_in(backups[0], database_at_0001.parent.parent / "unpacked")
    assert integrity_problems(backed_up) == []
    con = sqlite3.connect(backed_up)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert _revision(backed_up) == "0001"
    assert _counts(backed_up, tables) == before
    # Nothing half-written is left beside the backup.
    assert [p.name for p in backups[0].parent.iterdir()] == [backups[0].name]


def test_foreign_keys_are_off_during_the_upgrade_and_on_after(
    database_at_0001: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command
    from sqlalchemy import Engine, event

    from bidkit.store import workspace as workspace_module

    seen_during: list[int] = []
    seen_at_checkin: list[int] = []
    real_upgrade = command.upgrade

    def spy_upgrade(config: Config, revision: str, **kwargs: Any) -> None:
        raw = config.attributes["connection"].connection.dbapi_connection
        seen_during.append(raw.execute("PRAGMA foreign_keys").fetchone()[0])
        real_upgrade(config, revision, **kwargs)
        seen_during.append(raw.execute("PRAGMA foreign_keys").fetchone()[0])

    real_engine = workspace_module.create_workspace_engine

    def engine_with_spy(database: Path, *, read_only: bool = False) -> Engine:
        engine = real_engine(database, read_only=read_only)

        @event.listens_for(engine, "checkin")
        def _checkin(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            row = dbapi_connection.execute("PRAGMA foreign_keys").fetchone()
            seen_at_checkin.append(row[0])

        return engine

    monkeypatch.setattr(command, "upgrade", spy_upgrade)
    monkeypatch.setattr(workspace_module, "create_workspace_engine", engine_with_spy)

    with Workspace.open(database_at_0001.parent) as ws, ws.engine.connect() as connection:
        fresh = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert seen_during == [0, 0]
    # The migration's connection is handed back with foreign keys switched on again.
    assert seen_at_checkin[0] == 1
    assert fresh == 1
    assert _revision(database_at_0001) == HEAD


def test_unknown_revision_is_refused_and_left_unchanged(workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as ws:
        database = ws.paths.database
    con = sqlite3.connect(database)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = _digest(database)
    siblings = _names(workspace_dir)

    with pytest.raises(WorkspaceTooNew) as caught:
        Workspace.open(workspace_dir)
    assert "newer version of BidKit" in str(caught.value)
    assert _digest(database) == before
    assert _names(workspace_dir) == siblings
    assert list((workspace_dir / "backups").iterdir()) == []
    with pytest.raises(WorkspaceError):
        Workspace.open(workspace_dir, read_only=True)
    assert _digest(database) == before
    # The lock was released: a second attempt fails the same way, not with WorkspaceLocked.
    with pytest.raises(WorkspaceTooNew):
        Workspace.open(workspace_dir)


def test_other_sqlite_database_is_refused(workspace_dir: Path) -> None:
    workspace_dir.mkdir(parents=True)
    database = workspace_dir / "bidkit.sqlite3"
    con = sqlite3.connect(database)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    con.execute("INSERT INTO recipes (title) VALUES ('Eccles cakes')")
    con.commit()
    con.close()
    before = _digest(database)

    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(workspace_dir)
    assert "not a BidKit workspace database" in str(caught.value)
    assert _digest(database) == before
    assert _tables(database) == {"recipes"}


@pytest.mark.parametrize("size", [16, 100, 4096, 20000])
def test_garbage_file_is_a_workspace_error(workspace_dir: Path, size: int) -> None:
    workspace_dir.mkdir(parents=True)
    database = workspace_dir / "bidkit.sqlite3"
    database.write_bytes(os.urandom(size))
    before = _digest(database)

    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(workspace_dir)
    assert "bidkit.sqlite3" in str(caught.value)
    with pytest.raises(WorkspaceError):
        Workspace.open(workspace_dir, read_only=True)
    assert _digest(database) == before
    assert list((workspace_dir / "backups").iterdir()) == []
