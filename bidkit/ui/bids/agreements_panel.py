"""The agreements the buyer will ask for on a consortium bid (joint-working agreement, MoU,
letters of support...), each with the partner it is with and its status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.model.consortium import AgreementKind, AgreementStatus
from bidkit.ops import consortium
from bidkit.ui.bids.actions import BidActions
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
        self.agreements.setHeaderLabels([self.tr("Agreement"), self.tr("With"), self.tr("Status")])
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
        layout.addWidget(QLabel(self.tr("Agreements the buyer will ask for"), self))
        layout.addWidget(self.agreements, 1)
        layout.addLayout(row)

    def show_view(self, view: consortium.ConsortiumView) -> None:
        self.bid_id = view.bid_id
        self.agreement_party.clear()
        self.agreement_party.addItem(self.tr("Whole consortium"), None)
        for p in view.partners:
            self.agreement_party.addItem(p.name, p.org_id)
        self.agreements.clear()
        for a in view.agreements:
            item = QTreeWidgetItem([a.title or a.kind_label, a.party, a.status_label])
            item.setData(0, ID_ROLE, a.id)
            self.agreements.addTopLevelItem(item)

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
