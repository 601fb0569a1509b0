"""Importing files into the library with a progress dialog, cancel, and a summary at the end.

The import runs on the database worker; its progress callback emits a signal (queued to the GUI
thread) and raises `ImportCancelled` once the user has pressed Cancel. The import reads every
file before it writes anything, so a cancelled or refused import leaves the library as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from bidkit.ui.context import AppContext

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes


class ImportCancelled(Exception):
    """The user cancelled an import before anything was written."""


class _Relay(QObject):
    progress = Signal(int, int, str)


class ImportFlow(QObject):
    """One import: Word documents (`word=True`) or any files dropped on the page."""

    finished = Signal(object)  # the ImportResult, or None when it failed or was cancelled

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.parent_widget = parent
        self.cancelled = False
        self._relay = _Relay(self)
        self.dialog = QProgressDialog(self.tr("Reading files…"), self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Importing into the library"))
        self.dialog.setAccessibleName(self.tr("Import progress"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self._relay.progress.connect(self._show_progress)

    def start(self, paths: Sequence[Path], *, word: bool) -> None:
        relay = self._relay
        flow = self

        def progress(done: int, total: int, name: str) -> None:
            if flow.cancelled:
                raise ImportCancelled
            relay.progress.emit(done, total, name)

        outcome: list[Any] = []

        def run_import(ws: Any) -> Changes:
            from bidkit.ops.evidence import add_files, import_word_documents

            if word:
                result = import_word_documents(ws, list(paths), progress=progress)
            else:
                result = add_files(ws, list(paths), progress=progress)
            outcome.append(result)
            return result.changes

        self.context.run_op(
            run_import, initiator=self, done=lambda _c: self._done(outcome[0]), failed=self._failed
        )

    def _cancel(self) -> None:
        self.cancelled = True

    def _show_progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)
        if name:
            self.dialog.setLabelText(
                self.tr("Reading {name} ({n} of {total})…").format(
                    name=name, n=done + 1, total=total
                )
            )

    def _done(self, result: Any) -> None:
        self.dialog.close()
        lines = [
            self.tr("Added %n item(s) to the library", "", result.items)
            + self.tr(" from %n file(s).", "", result.files)
        ]
        if result.skipped:
            shown = ", ".join(result.skipped[:8]) + ("…" if len(result.skipped) > 8 else "")
            lines.append(
                self.tr("Skipped (not Word documents, or no text): {names}").format(names=shown)
            )
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"),
                          "\n\n".join(lines), QMessageBox.StandardButton.Ok,
                          self.parent_widget)  # fmt: skip
        box.setAccessibleName(self.tr("Import summary"))
        box.open()
        self.summary = box
        self.context.report(lines[0])
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.dialog.close()
        if isinstance(error, ImportCancelled):
            self.context.report(self.tr("Import cancelled; nothing was imported."))
        else:
            self.context.signals.error.emit(error)
        self.finished.emit(None)
