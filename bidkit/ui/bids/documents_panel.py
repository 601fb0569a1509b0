"""Documents exchanged with partners through packs, on the bid's Partners tab: the lead's
documents for a partner (sent with each request), the policies and certificates a partner's
reply brought, and on a partner's own bid the lead's documents from the request."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.ops import consortium, partner_documents
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.context import AppContext
from bidkit.ui.widgets import push_button

ID_ROLE = Qt.ItemDataRole.UserRole


def open_copy(name: str, data: bytes) -> Path:
    """Open a stored file with the computer's own program, from a private temporary copy (the
    stored file itself is never handed out, so an editor cannot change it)."""
    folder = Path(tempfile.mkdtemp(prefix="bidkit-open-"))
    target = folder / (Path(name).name or "document")
    target.write_bytes(data)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target


class DocumentsPanel(QWidget):
    """`selected_partner()` names the partner chosen on the tab (None: none chosen)."""

    def __init__(
        self,
        context: AppContext,
        actions: BidActions,
        selected_partner: Callable[[], tuple[int, str] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.bid_ops = actions
        self.selected_partner = selected_partner
        self.bid_id: int | None = None
        self.documents: list[partner_documents.DocumentView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("Documents exchanged with partners"))
        self.list.setHeaderLabels(
            [self.tr("Document"), self.tr("With"), self.tr("Direction"), self.tr("Size"),
             self.tr("Cited by"), self.tr("Added")]
        )  # fmt: skip
        self.list.setRootIsDecorated(False)
        self.list.setColumnWidth(0, 240)
        self.list.setColumnWidth(1, 200)
        self.list.itemActivated.connect(lambda *_: self.open_document())
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        row = QHBoxLayout()
        self.add_button = push_button(self, self.tr("&Add document for partner…"), self.add)
        self.open_doc_button = push_button(self, self.tr("Open"), self.open_document)
        self.save_button = push_button(self, self.tr("Save a copy…"), self.save_copy)
        self.remove_doc_button = push_button(self, self.tr("Remove document"), self.remove)
        for button in (
            self.add_button,
            self.open_doc_button,
            self.save_button,
            self.remove_doc_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._enable()

    def show_view(self, view: consortium.ConsortiumView) -> None:
        self.bid_id = view.bid_id
        self.documents = list(view.documents)
        selected = self._selected()
        self.list.clear()
        for d in self.documents:
            item = QTreeWidgetItem(
                [d.file_name, d.party, d.direction_label, d.size_text,
                 ", ".join(d.cited_by), d.added_on]
            )  # fmt: skip
            item.setData(0, ID_ROLE, d.id)
            item.setToolTip(0, d.file_name)
            self.list.addTopLevelItem(item)
            if d.id == selected:
                self.list.setCurrentItem(item)
        partner_side = bool(view.request_from)
        self.add_button.setVisible(not partner_side)
        self.hint.setText(
            self.tr(
                "Documents {lead} sent with the request. Your reply pack takes the policy "
                "documents and library files your answers cite."
            ).format(lead=view.request_from)
            if partner_side
            else self.tr(
                "Documents you add for a partner go with each request pack to them; the "
                "policies and certificates their replies cite are kept here."
            )
        )
        self._enable()

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def _current(self) -> partner_documents.DocumentView | None:
        chosen = self._selected()
        return next((d for d in self.documents if d.id == chosen), None)

    def _enable(self) -> None:
        has = self._selected() is not None
        for button in (self.open_doc_button, self.save_button, self.remove_doc_button):
            button.setEnabled(has)

    # -- actions -----------------------------------------------------------------------------
    def add(self) -> None:
        partner = self.selected_partner()
        if partner is None or self.bid_id is None:
            self.context.report(self.tr("Choose the partner the document is for first."))
            return
        org_id, name = partner
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a document for {name}").format(name=name)
        )
        if path:
            add = partner_documents.add_partner_document
            self.bid_ops.run(add, self.bid_id, org_id, Path(path))

    def open_document(self) -> None:
        document = self._selected()
        if document is None:
            return

        def job(ws: Any) -> Any:
            return partner_documents.read_partner_document(ws, document)

        def opened(found: tuple[str, bytes]) -> None:
            open_copy(*found)

        self.context.runner.run(job, opened, self.context.signals.error.emit)

    def save_copy(self) -> None:
        document = self._current()
        if document is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the document"), document.file_name
        )
        if not target:
            return

        def job(ws: Any) -> Any:
            return str(partner_documents.save_partner_document_copy(ws, document.id, Path(target)))

        self.context.runner.run(
            job,
            lambda path: self.context.report(self.tr("Saved {path}").format(path=path)),
            self.context.signals.error.emit,
        )

    def remove(self) -> None:
        document = self._selected()
        if document is not None:
            self.bid_ops.run(partner_documents.remove_partner_document, document)
