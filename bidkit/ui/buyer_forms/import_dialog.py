"""File ▸ Import buyer's questionnaire…: choose the bid and the buyer's Word file, import it
(checked, read, attached and pre-filled on the database worker), then review what was found or
open it on the Questionnaires page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.context import AppContext
from bidkit.ui.widgets import push_button


def _list_bids(ws: Any) -> list[Any]:
    from bidkit.ops.bids import list_bids

    return list_bids(ws)


class ImportBuyerFormDialog(QDialog):
    #: (bid id, questionnaire id) to show on the Questionnaires page.
    show_questionnaire = Signal(object)

    def __init__(
        self, context: AppContext, bid_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.wanted_bid = bid_id
        self.imported: Any = None
        self.setWindowTitle(self.tr("Import buyer's questionnaire"))
        self.setMinimumWidth(560)
        self._build()
        self.context.runner.run(_list_bids, self._bids_loaded, self.context.signals.error.emit)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "BidKit reads the buyer's Word file, finds its questions and answer spaces, "
                "answers what it can from your profile and library, and keeps the buyer's "
                "layout for the export."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.bid_combo = QComboBox(self)
        self.bid_combo.setAccessibleName(self.tr("Bid"))
        form.addRow(self.tr("&Bid:"), self.bid_combo)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("Buyer's Word file"))
        self.path_edit.setPlaceholderText(self.tr("The buyer's questionnaire (.docx)"))
        self.browse_button = push_button(self, self.tr("B&rowse…"), self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.tr("&File:"), row)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Import result"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status, 1)
        buttons = QDialogButtonBox(self)
        self.import_button = push_button(self, self.tr("&Import"), self.start)
        self.import_button.setDefault(True)
        self.review_button = push_button(self, self.tr("Re&view what was found…"), self.review)
        self.show_button = push_button(self, self.tr("&Show questionnaire"), self._show)
        for button in (self.review_button, self.show_button):
            button.setEnabled(False)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _bids_loaded(self, bids: list[Any]) -> None:
        self.bid_combo.clear()
        for bid in bids:
            self.bid_combo.addItem(f"{bid.title} ({bid.buyer})", bid.id)
        if self.wanted_bid is not None:
            index = self.bid_combo.findData(self.wanted_bid)
            if index >= 0:
                self.bid_combo.setCurrentIndex(index)
        if not bids:
            self.status.setText(self.tr("Create a bid first (Bids page), then import into it."))
            self.import_button.setEnabled(False)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Buyer's questionnaire"), self.path_edit.text(),
            self.tr("Word documents (*.docx)"),
        )  # fmt: skip
        if path:
            self.path_edit.setText(path)

    def start(self) -> None:
        from bidkit.ops.buyer_forms import import_buyer_form

        bid_id = self.bid_combo.currentData()
        text = self.path_edit.text().strip()
        if bid_id is None or not text:
            self.status.setText(self.tr("Choose a bid and the buyer's Word file."))
            return
        found: list[Any] = []

        def op(ws: Any, path: Path, bid: int) -> Any:
            changes, imported = import_buyer_form(ws, path, bid)
            found.append(imported)
            return changes

        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Reading the file…"))
        self.context.run_op(
            op,
            Path(text).expanduser(),
            int(bid_id),
            initiator=self,
            done=lambda _changes: self._imported(found[0] if found else None),
            failed=self._failed,
        )

    def _imported(self, imported: Any) -> None:
        self.import_button.setEnabled(True)
        self.imported = imported
        if imported is None:
            return
        limits = len(imported.limits)
        self.status.setText(
            self.tr(
                "Found {questions} questions ({limits} with a word or character limit). "
                "{prefilled} of the {reusable} your profile and library can answer are filled "
                "in; the rest wait for you on the Questionnaires page."
            ).format(
                questions=imported.questions,
                limits=limits,
                prefilled=imported.prefilled,
                reusable=imported.reusable,
            )
        )
        self.review_button.setEnabled(True)
        self.show_button.setEnabled(True)
        self.show_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        from bidkit.errors import BidKitError

        self.import_button.setEnabled(True)
        if isinstance(error, BidKitError):
            self.status.setText(str(error))
        else:
            self.status.setText(self.tr("The import failed; nothing was changed."))
            self.context.signals.error.emit(error)

    def review(self) -> None:
        from bidkit.ui.buyer_forms.review_dialog import ReviewDetectionDialog

        if self.imported is None:
            return
        dialog = ReviewDetectionDialog(
            self.context, int(self.bid_combo.currentData()), self.imported.form_id, self
        )
        dialog.open()

    def _show(self) -> None:
        bid_id = self.bid_combo.currentData()
        if bid_id is not None and self.imported is not None:
            self.show_questionnaire.emit((int(bid_id), self.imported.form_id))
        self.accept()
