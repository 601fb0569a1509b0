"""What every page is given: the database runner, the undo stack and a way to report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from bidkit.ui.runner import DatabaseRunner

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes


class AppSignals(QObject):
    """Window-wide events pages may raise or listen to, without knowing each other."""

    #: A page asks the shell to show another page: (page key, optional record id).
    navigate = Signal(str, object)
    #: Short message for the status bar.
    status = Signal(str)
    #: An error to explain to the user (BidKitError) or to report as a fault.
    error = Signal(object)
    #: The workspace has been opened (or switched); argument: WorkspaceInfo.
    workspace_opened = Signal(object)
    #: Data has been put on screen for the first time after opening a workspace.
    data_shown = Signal()
    #: The welcome page asks to open the demo workspace.
    open_demo = Signal()


@dataclass
class WorkspaceInfo:
    root: Path
    read_only: bool
    organisation_count: int
    upgrade_backup: str | None = None
    #: Why the workspace was opened read-only because its database is damaged ("" if not).
    damaged: str = ""
    #: Why the workspace's folder is a risky place (synced or network), "" for a local folder.
    location_warning: str = ""
    #: BidKit ended without closing last time; the full check has since passed.
    after_crash: bool = False


@dataclass
class AppContext:
    runner: DatabaseRunner
    undo_stack: QUndoStack
    signals: AppSignals

    #: Set when the workspace opens; a read-only workspace refuses every operation quietly.
    read_only: bool = False

    def report(self, message: str) -> None:
        self.signals.status.emit(message)

    def run_op(
        self,
        op: Callable[..., Changes],
        *args: Any,
        initiator: object = None,
        done: Callable[[Changes], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> int | None:
        """Run the operation `op(workspace, *args, **kwargs)` on the database worker.

        The one way the window changes data (in the spirit of Anki's CollectionOp): it refuses
        quietly on a read-only workspace, marks the result's `Changes` with `initiator` (pass
        the widget that asked, so it does not reload what it already shows), emits the change
        signal once (the runner does), shows the result's note in the status bar, then calls
        `done(changes)`. Errors go to `failed`, or else to the window's error report.
        """
        if self.read_only:
            return None

        def job(ws: Any) -> Changes:
            result = op(ws, *args, **kwargs)
            return result.from_origin(initiator) if initiator is not None else result

        def finished(changes: Changes) -> None:
            if changes.note:
                self.report(changes.note)
            if done is not None:
                done(changes)

        return self.runner.run(job, finished, failed or self.signals.error.emit)


class Page(QWidget):
    """A main page hosted by the shell. Subclasses set `key` and `title`."""

    key = ""
    title = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.runner.changed.connect(self.on_changes)
        context.signals.workspace_opened.connect(self.on_workspace_opened)

    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        """The workspace changed: reload everything."""

    def on_changes(self, changes: Changes) -> None:
        """Refresh what this page shows if `changes` touches it."""

    def flush_edits(self) -> None:
        """Save any edit still waiting (the window is closing or switching workspace)."""

    def show_record(self, record_id: object) -> None:
        """Select a record the shell was asked to show."""
