"""Opening a workspace folder: lock, schema, engine and sessions in one object."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from bidkit.config import Settings, load_settings
from bidkit.errors import DiskFull, ReadOnlyWorkspace, WorkspaceError
from bidkit.paths import WorkspacePaths
from bidkit.store.backup import backup_database
from bidkit.store.database_errors import plain_database_errors
from bidkit.store.engine import create_workspace_engine, reading
from bidkit.store.files import FileStore
from bidkit.store.lock import WorkspaceLock
from bidkit.store.schema import (
    HEAD_REVISION,
    current_revision,
    prepare_schema,
)
from bidkit.store.start_checks import run_start_checks, take_daily_backup

log = logging.getLogger(__name__)


class Workspace:
    """An open workspace. Writers hold the lock; read-only workspaces never write.

    Use `Workspace.open(...)` and `close()` (or a `with` block).
    """

    def __init__(
        self, paths: WorkspacePaths, engine: Engine, lock: WorkspaceLock | None, read_only: bool
    ) -> None:
        self.paths = paths
        self.engine = engine
        self.read_only = read_only
        self._lock = lock
        #: Path of the backup taken when the schema was upgraded on opening, if any.
        self.upgrade_backup: str | None = None
        self._settings: Settings | None = None

    @property
    def root(self) -> Path:
        return self.paths.root

    @property
    def lock(self) -> WorkspaceLock | None:
        """The writer lock this workspace holds (None when read-only)."""
        return self._lock

    @property
    def files(self) -> FileStore:
        return FileStore(self.paths.files)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.paths.settings)
        return self._settings

    def backup(self, reason: str, target: Path | None = None) -> Path:
        """A verified backup (database and stored files) in backups/ or at `target`."""
        with plain_database_errors(self.root):
            return backup_database(self.paths.database, self.paths.backups, reason, target)

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        read_only: bool = False,
        kind: str = "command",
        lock: WorkspaceLock | None = None,
        start_checks: bool = False,
        daily_backup: bool = True,
    ) -> Workspace:
        """Open (creating if needed) the workspace at `root`.

        Raises `WorkspaceLocked` when another BidKit writes to it, `WorkspaceTooNew` when a
        newer BidKit upgraded it, `WorkspaceError` when the folder cannot be used. A caller
        that already holds the lock (the window takes it before showing) passes it in.

        `start_checks` (the window, and commands that write): remove what a crash left behind,
        run SQLite's quick check (a damaged database raises `DatabaseDamaged` naming the newest
        good backup, before anything is written) and take the daily backup when due (unless
        `daily_backup` is False: the window takes it in the background once its data shows).
        After an unclean shutdown the full integrity check runs as well, before anything is
        written or read (the window opens on its worker, so this never blocks the screen).
        """
        paths = WorkspacePaths(Path(root))
        if read_only:
            return cls._open_read_only(paths)
        try:
            paths.create()
        except OSError as exc:
            raise WorkspaceError(
                f"BidKit cannot create its workspace folder {paths.root}: {exc.strerror}. "
                "Choose a folder you can write to with --data-dir or BIDKIT_HOME."
            ) from exc
        lock = lock or WorkspaceLock(paths.lock, kind=kind)
        with plain_database_errors(paths.root, os_errors=True):
            lock.acquire()
        try:
            existing = run_start_checks(paths, lock) if start_checks else False
            with plain_database_errors(paths.root):
                engine = create_workspace_engine(paths.database)
                workspace = cls(paths, engine, lock, read_only=False)
                workspace.upgrade_backup = prepare_schema(paths.database, engine, paths.backups)
            if existing and daily_backup and workspace.upgrade_backup is None:
                take_daily_backup(paths)
        except BaseException:
            lock.release()
            raise
        log.info("workspace opened (%s)", "read-only" if read_only else "writer")
        return workspace

    @classmethod
    def _open_read_only(cls, paths: WorkspacePaths) -> Workspace:
        """Open for reading. On a full disk, where SQLite cannot create the -shm file that
        WAL readers share, read in exclusive mode, which keeps that index in memory."""
        exclusive = False
        try:
            with plain_database_errors(paths.root, writing=False):
                current = current_revision(paths.database)
        except DiskFull:
            exclusive = True
            with plain_database_errors(paths.root, writing=False):
                current = current_revision(paths.database, exclusive=True)
            log.warning("disk full: reading the workspace without its shared-memory file")
        if current != HEAD_REVISION:
            raise WorkspaceError(
                "This workspace cannot be opened read-only: it is empty, or needs an "
                "upgrade that only a writer can make. Open it normally once."
            )
        engine = create_workspace_engine(paths.database, read_only=True, exclusive=exclusive)
        return cls(paths, engine, None, read_only=True)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; see `write()` for changes. It never takes the write lock.

        A full disk, a busy or damaged database or a failing drive is raised as the plain
        `DatabaseProblem` naming it (see `bidkit.store.database_errors`).
        """
        with (
            plain_database_errors(self.root, writing=False),
            Session(reading(self.engine), expire_on_commit=False) as session,
        ):
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together when the block ends normally."""
        if self.read_only:
            raise ReadOnlyWorkspace(
                "This workspace is open read-only, so nothing can be changed. Close the other "
                "BidKit that has it open, then open it again."
            )
        with (
            plain_database_errors(self.root),
            Session(self.engine, expire_on_commit=False) as session,
        ):
            yield session
            session.commit()

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
