"""Schema versions: create, upgrade (after a backup) or refuse a workspace database.

The revision a database is at is read with plain sqlite3 so that opening an up-to-date
workspace (the common case) never imports Alembic; Alembic runs only to create or upgrade.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from bidkit.errors import WorkspaceError, WorkspaceTooNew
from bidkit.store.backup import backup_database
from bidkit.store.database_errors import explain

if TYPE_CHECKING:  # the window reads the revision before SQLAlchemy is loaded
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

#: Every migration shipped, oldest first. A test checks this against the Alembic scripts.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0009",
    "0010",
    "0012",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(database: Path, *, exclusive: bool = False) -> str | None:
    """The database's schema revision; None for a new (empty) database.

    `exclusive` reads without creating WAL's -shm file, for a disk with no room for it.
    """
    if not database.exists() or database.stat().st_size == 0:
        return None
    try:
        if exclusive:
            # SQLite refuses exclusive locking on a read-only handle; query_only keeps it a read.
            con = sqlite3.connect(database)
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
            con.execute("PRAGMA query_only = ON")
        else:
            con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise explain(exc, database.parent, writing=False) or WorkspaceError(
            f"BidKit cannot open the workspace database {database}: {exc}"
        ) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise WorkspaceError(
                    f"{database} is not a BidKit workspace database. Choose another folder "
                    "with --data-dir, or move that file away."
                )
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise explain(exc, database.parent, writing=False) or WorkspaceError(
            f"The workspace database {database} cannot be read ({exc}). It may be damaged: "
            "restore a copy from the workspace's backups folder."
        ) from exc
    finally:
        con.close()


def alembic_config(engine_connection: object) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = engine_connection
    return config


def upgrade_to(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction, with foreign keys off.

    SQLite's batch migrations copy tables; with foreign keys on, dropping the old copy would
    cascade-delete child rows. The pragma cannot change inside a transaction, so it is set on
    the raw connection first.
    """
    from alembic import command

    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        config = alembic_config(connection)
        command.upgrade(config, revision)  # type: ignore[arg-type]
        connection.commit()
        raw.execute("PRAGMA foreign_keys = ON")


def prepare_schema(database: Path, engine: Engine, backups_dir: Path) -> str | None:
    """Bring the database to the head revision. Returns the path of any backup taken.

    - new database: created at the head revision;
    - older revision: backed up, then upgraded;
    - unknown (newer) revision: refused, nothing changed.
    """
    revision = current_revision(database)
    if revision == HEAD_REVISION:
        return None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise WorkspaceTooNew(
            "This workspace was last used by a newer version of BidKit, which changed how it "
            "is stored. Install that version (or newer) to open it; this version has not "
            "changed anything."
        )
    backup = None
    if revision is not None:
        backup = str(backup_database(database, backups_dir, reason=f"before-upgrade-{revision}"))
        log.info("upgrading workspace schema %s -> %s", revision, HEAD_REVISION)
    upgrade_to(engine)
    return backup


def database_is_current(database: Path) -> bool:
    try:
        return current_revision(database) == HEAD_REVISION
    except (WorkspaceError, sqlite3.Error):
        return False
