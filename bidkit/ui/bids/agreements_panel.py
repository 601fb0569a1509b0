"""The agreements the buyer will ask for on a consortium bid (joint-working agreement, MoU,
letters of support...), each with the partner it is with, its status and its signed copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.model.consortium import AgreementKind, AgreementStatus
from bidkit.ops import agreement_files, consortium
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.bids.documents_panel import open_copy
from bidkit.ui.widgets import push_button

ID_ROLE = Qt.ItemDataRole.UserRole


class AgreementsPanel(QWidget):
    def __init__(self, actions: BidActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bid_ops = actions
        self.bid_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.agreements = QTreeWidget(self)
        self.agreements.setAccessibleName(self.tr("Agreements"))
        self.agreements.setHeaderLabels(
            [self.tr("Agreement"), self.tr("With"), self.tr("Status"), self.tr("Signed copy")]
        )
        self.agreements.setRootIsDecorated(False)
        self.agreements.setColumnWidth(0, 260)
        row = QHBoxLayout()
        self.agreement_kind = QComboBox(self)
        self.agreement_kind.setAccessibleName(self.tr("Kind of agreement"))
        for kind in AgreementKind:
            self.agreement_kind.addItem(self.tr(kind.label), kind.value)
        self.agreement_party = QComboBox(self)
        self.agreement_party.setAccessibleName(self.tr("Agreement with"))
        self.agreement_status = QComboBox(self)
        self.agreement_status.setAccessibleName(self.tr("Agreement status"))
        for status in AgreementStatus:
            self.agreement_status.addItem(self.tr(status.label), status.value)
        row.addWidget(self.agreement_kind, 2)
        row.addWidget(self.agreement_party, 2)
        row.addWidget(push_button(self, self.tr("&Add agreement"), self.add_agreement))
        row.addWidget(self.agreement_status, 1)
        row.addWidget(push_button(self, self.tr("Set stat&us"), self.set_status))
        row.addWidget(push_button(self, self.tr("Remove agreement"), self.remove_agreement))
        files = QHBoxLayout()
        self.attach_button = push_button(
            self, self.tr("Attach signed copy…"), self.attach_signed_copy
        )
        self.open_copy_button = push_button(self, self.tr("Open signed copy"), self.open_signed)
        files.addWidget(self.attach_button)
        files.addWidget(self.open_copy_button)
        files.addStretch(1)
        self.agreements.currentItemChanged.connect(lambda *_: self._enable())
        self.agreements.itemActivated.connect(lambda *_: self.open_signed())
        layout.addWidget(QLabel(self.tr("Agreements the buyer will ask for"), self))
        layout.addWidget(self.agreements, 1)
        layout.addLayout(row)
        layout.addLayout(files)
        self.views: list[consortium.AgreementView] = []
        self._enable()

    def show_view(self, view: consortium.ConsortiumView) -> None:
        self.bid_id = view.bid_id
        self.agreement_party.clear()
        self.agreement_party.addItem(self.tr("Whole consortium"), None)
        for p in view.partners:
            self.agreement_party.addItem(p.name, p.org_id)
        selected = self._selected()
        self.views = list(view.agreements)
        self.agreements.clear()
        for a in view.agreements:
            copy = a.file_name or (self.tr("Not on file") if a.copy_missing else "—")
            item = QTreeWidgetItem([a.title or a.kind_label, a.party, a.status_label, copy])
            item.setData(0, ID_ROLE, a.id)
            self.agreements.addTopLevelItem(item)
            if a.id == selected:
                self.agreements.setCurrentItem(item)
        self._enable()

    def _enable(self) -> None:
        chosen = self._selected()
        view = next((a for a in self.views if a.id == chosen), None)
        self.attach_button.setEnabled(view is not None)
        self.open_copy_button.setEnabled(bool(view and view.file_name))

    def _selected(self) -> int | None:
        item = self.agreements.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def add_agreement(self) -> None:
        if self.bid_id is not None:
            self.bid_ops.run(
                consortium.add_agreement,
                self.bid_id,
                self.agreement_party.currentData(),
                self.agreement_kind.currentData(),
            )

    def set_status(self) -> None:
        agreement = self._selected()
        if agreement is not None:
            self.bid_ops.run(
                consortium.set_agreement_status, agreement, self.agreement_status.currentData()
            )

    def remove_agreement(self) -> None:
        agreement = self._selected()
        if agreement is not None:
            self.bid_ops.run(consortium.remove_agreement, agreement)

    def attach_signed_copy(self) -> None:
        agreement = self._selected()
        if agreement is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach the signed copy"),
            "",
            self.tr("Documents (*.pdf *.docx *.odt *.jpg *.jpeg *.png);;All files (*)"),
        )
        if path:
            self.bid_ops.run(agreement_files.attach_agreement_file, agreement, Path(path))

    def open_signed(self) -> None:
        agreement = self._selected()
        view = next((a for a in self.views if a.id == agreement), None)
        if agreement is None or view is None or not view.file_name:
            return
        context = self.bid_ops.context

        def job(ws: Any) -> Any:
            return agreement_files.read_agreement_file(ws, agreement)

        def opened(found: tuple[str, bytes]) -> None:
            open_copy(*found)

        context.runner.run(job, opened, context.signals.error.emit)
