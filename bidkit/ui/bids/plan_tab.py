"""A bid's key dates and tasks: add, change, tick off, remove."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.ops import bids as ops
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.bids.format import remaining, show_day, show_moment
from bidkit.ui.bids.key_date_dialog import KINDS, KeyDateDialog
from bidkit.ui.bids.task_dialog import TaskDialog
from bidkit.ui.widgets import push_button

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_LABELS = dict(KINDS)


def _button(parent: QWidget, text: str, name: str, slot: Any) -> QPushButton:
    return push_button(parent, text, slot, name)


class PlanTab(QWidget):
    def __init__(self, actions: BidActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bid_ops = actions
        self.bid: Any = None
        layout = QVBoxLayout(self)
        dates_heading = QLabel(self.tr("Key dates"), self)
        dates_heading.setObjectName("sectionHeading")
        self.dates = QTreeWidget(self)
        self.dates.setAccessibleName(self.tr("Key dates"))
        self.dates.setHeaderLabels([self.tr("Date (UK time)"), self.tr("What"), self.tr("When")])
        self.dates.setRootIsDecorated(False)
        self.dates.setAlternatingRowColors(True)
        self.dates.itemActivated.connect(lambda *_: self.edit_date())
        self.dates.setColumnWidth(0, 190)
        self.dates.setColumnWidth(1, 280)
        row = QHBoxLayout()
        row.addWidget(_button(self, self.tr("Add date…"), self.tr("Add key date"), self.add_date))
        self.edit_date_button = _button(
            self, self.tr("Change…"), self.tr("Change key date"), self.edit_date
        )
        self.remove_date_button = _button(
            self, self.tr("Remove"), self.tr("Remove key date"), self.remove_date
        )
        row.addWidget(self.edit_date_button)
        row.addWidget(self.remove_date_button)
        row.addStretch(1)
        tasks_heading = QLabel(self.tr("Tasks"), self)
        tasks_heading.setObjectName("sectionHeading")
        self.tasks = QTreeWidget(self)
        self.tasks.setAccessibleName(self.tr("Tasks; space ticks a task done"))
        self.tasks.setHeaderLabels([self.tr("Task"), self.tr("Who"), self.tr("Due")])
        self.tasks.setRootIsDecorated(False)
        self.tasks.setAlternatingRowColors(True)
        self.tasks.setColumnWidth(0, 380)
        self.tasks.itemChanged.connect(self._on_task_changed)
        self.tasks.itemActivated.connect(lambda *_: self.edit_task())
        task_row = QHBoxLayout()
        task_row.addWidget(_button(self, self.tr("Add task…"), self.tr("Add task"), self.add_task))
        self.edit_task_button = _button(
            self, self.tr("Change…"), self.tr("Change task"), self.edit_task
        )
        self.remove_task_button = _button(
            self, self.tr("Remove"), self.tr("Remove task"), self.remove_task
        )
        task_row.addWidget(self.edit_task_button)
        task_row.addWidget(self.remove_task_button)
        task_row.addStretch(1)
        layout.addWidget(dates_heading)
        layout.addWidget(self.dates, 1)
        layout.addLayout(row)
        layout.addWidget(tasks_heading)
        layout.addWidget(self.tasks, 2)
        layout.addLayout(task_row)

    # -- showing ------------------------------------------------------------------------------
    def show_bid(self, bid: Any) -> None:
        self.bid = bid
        self.dates.clear()
        if bid.deadline is not None:
            item = QTreeWidgetItem(
                [show_moment(bid.deadline, bid.deadline_all_day), self.tr("Submission deadline"),
                 remaining(bid.deadline)]
            )  # fmt: skip
            item.setToolTip(1, self.tr("Change the deadline on the Details tab"))
            self.dates.addTopLevelItem(item)
        for d in bid.key_dates:
            label = d.label if d.kind == "custom" and d.label else KIND_LABELS.get(d.kind, d.kind)
            when = remaining(d.due) if d.due is not None else ""
            item = QTreeWidgetItem([show_moment(d.due, d.all_day), self.tr(label), when])
            item.setData(0, ID_ROLE, d.id)
            self.dates.addTopLevelItem(item)
        self.tasks.blockSignals(True)
        self.tasks.clear()
        today = date.today()
        for t in bid.tasks:
            due = show_day(t.due)
            if t.due is not None and t.due < today and not t.done:
                due += " " + self.tr("(overdue)")
            item = QTreeWidgetItem([t.title, t.owner, due])
            item.setData(0, ID_ROLE, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if t.done else Qt.CheckState.Unchecked)
            self.tasks.addTopLevelItem(item)
        self.tasks.blockSignals(False)

    def _selected(self, tree: QTreeWidget) -> int | None:
        item = tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    # -- dates --------------------------------------------------------------------------------
    def add_date(self) -> None:
        if self.bid is None:
            return
        dialog = KeyDateDialog(self, due=self.bid.deadline)
        if dialog.exec():
            values = dialog.values()
            self.bid_ops.run(ops.add_key_date, self.bid.id, values.pop("kind"), values.pop("due"),
                             **values)  # fmt: skip

    def edit_date(self) -> None:
        date_id = self._selected(self.dates)
        row = next((d for d in self.bid.key_dates if d.id == date_id), None) if self.bid else None
        if row is None:
            return
        dialog = KeyDateDialog(self, kind=row.kind, label=row.label, due=row.due,
                               all_day=row.all_day)  # fmt: skip
        if dialog.exec():
            self.bid_ops.run(ops.update_key_date, row.id, **dialog.values())

    def remove_date(self) -> None:
        date_id = self._selected(self.dates)
        if date_id is not None:
            self.bid_ops.run(ops.remove_key_date, date_id)

    # -- tasks --------------------------------------------------------------------------------
    def add_task(self) -> None:
        if self.bid is None:
            return
        dialog = TaskDialog(self)
        if dialog.exec():
            values = dialog.values()
            self.bid_ops.run(ops.add_task, self.bid.id, values.pop("title"), **values)

    def edit_task(self) -> None:
        task_id = self._selected(self.tasks)
        task = next((t for t in self.bid.tasks if t.id == task_id), None) if self.bid else None
        if task is None:
            return
        dialog = TaskDialog(self, title=task.title, owner=task.owner, due=task.due)
        if dialog.exec():
            self.bid_ops.run(ops.update_task, task.id, **dialog.values())

    def remove_task(self) -> None:
        task_id = self._selected(self.tasks)
        if task_id is not None:
            self.bid_ops.run(ops.remove_task, task_id)

    def _on_task_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        task_id = item.data(0, ID_ROLE)
        if task_id is not None:
            done = item.checkState(0) == Qt.CheckState.Checked
            self.bid_ops.run(ops.set_task_done, int(task_id), done)
