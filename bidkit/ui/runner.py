"""Runs operations on one database worker thread and reports back on the GUI thread.

Every read and write goes through `DatabaseRunner.run`: the function gets the open `Workspace`
on the worker thread and must return plain values (never live database objects). Its result
comes back to a callback on the GUI thread; if it is a `Changes`, `changed` is emitted once so
each page can refresh what it shows. Widgets are never touched from the worker.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Job = Callable[[Any], Any]
Callback = Callable[[Any], None]


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    finished = Signal(int, object, object)


class _Task(QRunnable):
    def __init__(self, job_id: int, job: Job, runner: DatabaseRunner) -> None:
        super().__init__()
        self.job_id = job_id
        self.job = job
        self.runner = runner

    def run(self) -> None:
        try:
            result = self.job(self.runner.workspace)
        except BaseException as exc:
            self.runner._relay.finished.emit(self.job_id, None, exc)
        else:
            self.runner._relay.finished.emit(self.job_id, result, None)


class DatabaseRunner(QObject):
    """A single worker thread for all database work, and the one change signal."""

    changed = Signal(object)  # Changes
    failed = Signal(object)  # the exception of a job that had no error callback
    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Any = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finish)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._quiet: set[int] = set()

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def run(
        self,
        job: Job,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        *,
        quiet: bool = False,
    ) -> int:
        """Queue `job(workspace)`; jobs run one at a time, in the order queued.

        A `quiet` job (background preparation) does not show as "Saving…" in the status bar.
        """
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        if quiet:
            self._quiet.add(job_id)
        elif self._busy_jobs() == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Task(job_id, job, self))
        return job_id

    @Slot(int, object, object)
    def _finish(self, job_id: int, result: Any, error: BaseException | None) -> None:
        was_busy = self._busy_jobs() > 0
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        self._quiet.discard(job_id)
        try:
            if error is not None:
                if on_error is not None:
                    on_error(error)
                else:
                    self.failed.emit(error)
            else:
                if on_done is not None:
                    on_done(result)
                from bidkit.ops.changes import Changes

                if isinstance(result, Changes) and result.ids:
                    self.changed.emit(result)
        finally:
            if was_busy and self._busy_jobs() == 0:
                self.busy_changed.emit(False)
            if not self._callbacks:
                self.idle.emit()

    def _busy_jobs(self) -> int:
        return len(self._callbacks) - len(self._quiet)

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (for shutdown and tests); GUI callbacks still queue."""
        return self._pool.waitForDone(msecs)
