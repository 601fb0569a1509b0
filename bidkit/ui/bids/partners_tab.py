"""The organisations taking part in a bid besides the lead, with their roles."""

from __future__ import annotations

from typing import Any

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

from bidkit.ops import bids as ops
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.context import AppContext
from bidkit.ui.widgets import push_button

ROLES = (("member", "Consortium member"), ("subcontractor", "Subcontractor"))
ID_ROLE = Qt.ItemDataRole.UserRole


class PartnersTab(QWidget):
    def __init__(
        self, context: AppContext, actions: BidActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.bid_ops = actions
        self.bid: Any = None
        layout = QVBoxLayout(self)
        self.lead = QLabel(self)
        self.lead.setAccessibleName(self.tr("Lead organisation"))
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("Partners"))
        self.list.setHeaderLabels([self.tr("Organisation"), self.tr("Role")])
        self.list.setRootIsDecorated(False)
        self.list.setColumnWidth(0, 360)
        self.list.itemActivated.connect(lambda *_: self.open_profile())
        buttons = QHBoxLayout()
        self.open_button = push_button(self, self.tr("Open profile"), self.open_profile)
        self.remove_button = push_button(self, self.tr("Remove from bid"), self.remove)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        add_row = QHBoxLayout()
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Organisation to add"))
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Role of the organisation"))
        for value, label in ROLES:
            self.role.addItem(self.tr(label), value)
        self.add_button = push_button(self, self.tr("Add partner"), self.add)
        add_row.addWidget(self.choice, 2)
        add_row.addWidget(self.role, 1)
        add_row.addWidget(self.add_button)
        hint = QLabel(
            self.tr("Partners' profiles are checked for expiring evidence, as the lead's are."),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(self.lead)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Add an organisation from the workspace"), self))
        layout.addLayout(add_row)
        layout.addWidget(hint)

    def show_bid(self, bid: Any) -> None:
        self.bid = bid
        self.lead.setText(
            self.tr("Lead: {name}").format(name=bid.lead_name or self.tr("not chosen yet"))
        )
        self.list.clear()
        for partner in bid.partners:
            item = QTreeWidgetItem([partner.name, self.tr(partner.role_label)])
            item.setData(0, ID_ROLE, partner.organisation_id)
            self.list.addTopLevelItem(item)
        taken = {p.organisation_id for p in bid.partners} | {bid.lead_org_id}
        self.choice.clear()
        for org in bid.organisations:
            if org.id not in taken:
                self.choice.addItem(org.name, org.id)
        self.add_button.setEnabled(self.choice.count() > 0)

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def add(self) -> None:
        if self.bid is not None and self.choice.currentData() is not None:
            self.bid_ops.run(ops.add_partner, self.bid.id, int(self.choice.currentData()),
                             self.role.currentData())  # fmt: skip

    def remove(self) -> None:
        org_id = self._selected()
        if self.bid is not None and org_id is not None:
            self.bid_ops.run(ops.remove_partner, self.bid.id, org_id)

    def open_profile(self) -> None:
        org_id = self._selected()
        if org_id is not None:
            self.context.signals.navigate.emit("organisations", org_id)
