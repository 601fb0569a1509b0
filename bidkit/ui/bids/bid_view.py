"""A bid's own page: details, dates and tasks, go/no-go, partners, outcome, evidence check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bidkit.ops import bids as ops
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.bids.checklist_tab import ChecklistTab
from bidkit.ui.bids.details_tab import DetailsTab
from bidkit.ui.bids.format import show_moment, show_money
from bidkit.ui.bids.outcome_tab import STATUS_LABELS, OutcomeTab
from bidkit.ui.bids.partners_tab import PartnersTab
from bidkit.ui.bids.plan_tab import PlanTab
from bidkit.ui.context import AppContext
from bidkit.ui.widgets import push_button

TARGET_ROLE = Qt.ItemDataRole.UserRole


class BidView(QWidget):
    """Shows one bid; `back_requested` returns to the table, `deleted` after a delete."""

    back_requested = Signal()
    deleted = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.bid_ops = BidActions(context, initiator=self)
        self.bid_id: int | None = None
        self.bid: Any = None
        self._serial = 0
        #: The reload waiting was asked for by a change made on this page.
        self._own_load = False
        #: The question asked before a bid with problems is marked as submitted.
        self.submit_question: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        header = QHBoxLayout()
        self.back = self._button(self.tr("← All bids"), self.tr("Back to all bids"),
                                 self.back_requested.emit)  # fmt: skip
        self.back.setToolTip(self.tr("Back to all bids (Alt+Left)"))
        shortcut = QShortcut(QKeySequence("Alt+Left"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.back_requested.emit)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Bid status"))
        for value, label in STATUS_LABELS.items():
            self.status.addItem(self.tr(label), value)
        self.status.activated.connect(self._on_status)
        self.questionnaire = self._button(
            self.tr("Questionnaire"), self.tr("Open the bid's questionnaire"),
            self.open_questionnaire,
        )  # fmt: skip
        self.portal_login = self._button(
            self.tr("Portal &login…"), self.tr("The bid's portal login"), self.open_portal_login
        )
        self.delete = self._button(self.tr("Delete…"), self.tr("Delete bid"), self.confirm_delete)
        header.addWidget(self.back)
        header.addWidget(self.title, 1)
        status_label = QLabel(self.tr("&Status"), self)
        status_label.setBuddy(self.status)
        header.addWidget(status_label)
        header.addWidget(self.status)
        header.addWidget(self.questionnaire)
        header.addWidget(self.portal_login)
        header.addWidget(self.delete)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Bid summary"))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Parts of the bid"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the bid"))
        self.details = DetailsTab(self.bid_ops, self)
        self.plan = PlanTab(self.bid_ops, self)
        self.checklist = ChecklistTab(self.bid_ops, self)
        self.partners = PartnersTab(context, self.bid_ops, self)
        self.outcome = OutcomeTab(self.bid_ops, self)
        self.evidence = QListWidget(self)
        self.evidence.setAccessibleName(self.tr("Evidence that will have expired"))
        self.evidence.itemActivated.connect(self._open_evidence)
        self.tabs.addTab(self.details, self.tr("&Details"))
        self.tabs.addTab(self.plan, self.tr("Dates and &tasks"))
        self.tabs.addTab(self.checklist, self.tr("&Go / no-go"))
        self.tabs.addTab(self.partners, self.tr("&Partners"))
        self.tabs.addTab(self.outcome, self.tr("&Outcome"))
        self.tabs.addTab(self.evidence, self.tr("Evidence chec&k"))
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def open_portal_login(self) -> None:
        from bidkit.ui.bids.portal_login_dialog import PortalLoginDialog

        if self.bid_id is not None:
            PortalLoginDialog(self.context, self.bid_id, self).open()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        return push_button(self, text, slot, name)

    # -- loading ------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        self.delete.setEnabled(not read_only)
        self.status.setEnabled(not read_only)

    def load(self, bid_id: int, *, own: bool = False) -> None:
        """Show a bid; `own` when this page made the change (typed text is left as it is)."""
        if bid_id != self.bid_id:
            if self.bid_id is not None:
                self.flush()
            own = False
            self.tabs.setCurrentWidget(self.details)  # another bid opens on its details
        self.bid_id = bid_id
        self._serial += 1
        serial = self._serial
        self._own_load = own or self._own_load

        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import load_bid

            return load_bid(ws, bid_id) if ws is not None else None  # None: the window closed

        def done(bid: Any) -> None:
            if serial == self._serial and bid is not None:
                own_change, self._own_load = self._own_load, False
                self.show_bid(bid, own=own_change)

        def failed(error: BaseException) -> None:
            from bidkit.errors import NotFound

            if isinstance(error, NotFound):
                self.bid_id = None
                self.back_requested.emit()
            else:
                self.context.signals.error.emit(error)

        self.context.runner.run(job, done, failed, quiet=True)

    def reload(self, *, own: bool = False) -> None:
        if self.bid_id is not None:
            self.load(self.bid_id, own=own)

    def show_bid(self, bid: Any, *, own: bool = False) -> None:
        self.bid = bid
        self.title.setText(bid.title)
        self.status.setCurrentIndex(max(0, self.status.findData(bid.status)))
        facts = [bid.buyer]
        if bid.reference:
            facts.append(self.tr("ref. {reference}").format(reference=bid.reference))
        if bid.deadline is not None:
            facts.append(
                self.tr("deadline {when}").format(
                    when=show_moment(bid.deadline, bid.deadline_all_day)
                )
            )
        if bid.value is not None:
            facts.append(show_money(bid.value, bid.currency))
        if bid.checklist.verdict is not None:
            facts.append(self.tr("go / no-go: {result}").format(result=bid.checklist.verdict.label))
        self.summary.setText(" · ".join(f for f in facts if f))
        self.questionnaire.setText(
            self.tr("Questionnaire") if bid.forms else self.tr("Add questionnaire")
        )
        self.details.show_bid(bid, own=own)
        self.plan.show_bid(bid)
        self.checklist.show_bid(bid)
        self.partners.show_bid(bid)
        self.outcome.show_bid(bid)
        self.evidence.clear()
        for found in bid.expiring:
            item = QListWidgetItem(found.describe())
            item.setData(TARGET_ROLE, found.item)
            self.evidence.addItem(item)
        if not bid.expiring:
            self.evidence.addItem(
                self.tr("Nothing the bid relies on expires before the deadline or contract start.")
            )
        count = len(bid.expiring)
        label = self.tr("Evidence chec&k ({n})").format(n=count)
        self.tabs.setTabText(5, label if count else self.tr("Evidence chec&k"))

    # -- actions ------------------------------------------------------------------------------
    def _on_status(self, _index: int) -> None:
        value = self.status.currentData()
        if self.bid is None or value == self.bid.status:
            return
        if value == "submitted":
            self._check_before_submitting(self.bid.id)
        else:
            self.bid_ops.run(ops.set_status, self.bid.id, value)

    def _check_before_submitting(self, bid_id: int) -> None:
        """Run the compliance check (a read); ask first when it finds problems."""

        def job(ws: Any) -> list[str]:
            from bidkit.ops.export import submission_problems

            return submission_problems(ws, bid_id)

        def checked(problems: list[str]) -> None:
            if self.bid is None or self.bid.id != bid_id:
                return
            if problems:
                self._ask_to_submit(bid_id, problems)
            else:
                self.bid_ops.run(ops.set_status, bid_id, "submitted")

        self.context.runner.run(job, checked, self._check_failed, quiet=True)

    def _check_failed(self, error: BaseException) -> None:
        self._show_status_of_bid()
        self.context.signals.error.emit(error)

    def _ask_to_submit(self, bid_id: int, problems: list[str]) -> None:
        shown = problems[:8]
        listed = "\n".join(f"• {p}" for p in shown)
        if len(problems) > len(shown):
            listed += "\n" + self.tr("…and {n} more.").format(n=len(problems) - len(shown))
        found = (
            self.tr("The compliance check found a problem in this bid's questionnaire:")
            if len(problems) == 1
            else self.tr(
                "The compliance check found {n} problems in this bid's questionnaire:"
            ).format(n=len(problems))
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Mark as submitted?"),
            found + "\n\n" + listed,
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(self.tr("Mark the bid as submitted anyway?"))
        submit = box.addButton(self.tr("Mark as submitted"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Not yet"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            self.submit_question = None
            if box.clickedButton() is submit:
                self.bid_ops.run(ops.set_status, bid_id, "submitted")
            else:
                self._show_status_of_bid()

        box.finished.connect(lambda _result: answered())
        self.submit_question = box
        box.open()

    def _show_status_of_bid(self) -> None:
        if self.bid is not None:
            self.status.setCurrentIndex(max(0, self.status.findData(self.bid.status)))

    def open_questionnaire(self) -> None:
        if self.bid_id is not None:
            self.context.signals.navigate.emit("questionnaires", self.bid_id)

    def _open_evidence(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if target is None:
            return
        if target.kind == "library" and target.record_id is not None:
            self.context.signals.navigate.emit("library", target.record_id)
        elif target.organisation_id is not None:
            self.context.signals.navigate.emit(
                "organisations", (target.organisation_id, target.section)
            )

    def confirm_delete(self) -> None:
        if self.bid is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete bid"),
            self.tr(
                "Delete '{title}' with its dates, tasks and questionnaire answers? A backup of "
                "the workspace is taken first."
            ).format(title=self.bid.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_bid()

    def delete_bid(self) -> None:
        if self.bid_id is None:
            return
        bid_id = self.bid_id
        self.bid_id, self.bid = None, None
        self.bid_ops.run(ops.delete_bid, bid_id, done=lambda _c: self.deleted.emit())

    def flush(self) -> None:
        self.details.flush()
        self.checklist.flush()
