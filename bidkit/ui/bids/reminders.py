"""Deadline reminders while BidKit runs: a bar in the window and a tray notification.

The watcher checks when a workspace opens and every 15 minutes. Each date is announced once
per warning period (Settings.reminder_days, default 7 days and 1 day): a date 6 days away is
announced at once; when it is within a day it is announced again.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSystemTrayIcon,
    QWidget,
)

from bidkit.ui.bids.format import remaining, show_moment
from bidkit.ui.context import AppContext
from bidkit.ui.widgets import PushButton

CHECK_EVERY_MS = 15 * 60 * 1000


def describe(reminder: Any, *, link: bool = False) -> str:
    """ "Clarification questions close: <bid>, 08/12/2026 12:00 (in 5 days)"; with `link`, as
    rich text whose bid title opens the bid."""
    d = reminder.date
    when = f"{show_moment(d.due, d.all_day)} ({remaining(d.due)})"
    if not link:
        return f"{d.label}: {d.title}, {when}"
    title = f'<a href="bid:{d.bid_id}">{html.escape(d.title)}</a>'
    return f"{html.escape(d.label)}: {title}, {html.escape(when)}"


class ReminderWatcher(QObject):
    """Emits `announced` with the reminders not shown before in this session."""

    announced = Signal(list)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.seen: set[Any] = set()
        self.current: list[Any] = []
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        context.signals.workspace_opened.connect(self._on_workspace_opened)

    def _on_workspace_opened(self, _info: object) -> None:
        self.seen.clear()
        self.check()
        self.timer.start()

    def check(self) -> None:
        if self.context.runner.workspace is None:
            return

        def job(ws: Any) -> Any:
            from bidkit.ops.bid_overview import current_reminders

            return current_reminders(ws) if ws is not None else []

        self.context.runner.run(job, self._found, lambda _error: None, quiet=True)

    def _found(self, reminders: list[Any]) -> None:
        self.current = reminders
        fresh = [r for r in reminders if r.key not in self.seen]
        self.seen.update(r.key for r in fresh)
        if fresh:
            self.announced.emit(fresh)
            self._notify(fresh)

    def _notify(self, fresh: list[Any]) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            app = QApplication.instance()
            icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("BidKit")
            self.tray.show()
        title = self.tr("%n bid date(s) coming up", "", len(fresh))
        self.tray.showMessage(title, "\n".join(describe(r) for r in fresh[:4]))


class ReminderBar(QFrame):
    """A strip above the pages naming the dates due soon; each bid's name opens it, and
    "Open bid" opens the bid when they are all for one bid."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("reminderBar")
        self.first_bid: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.linkActivated.connect(self._open_link)
        self.text.setAccessibleName(self.tr("Deadline reminders"))
        self.open_button = PushButton(self.tr("Open bid"), self)
        self.open_button.setAccessibleName(self.tr("Open the bid named in the reminder"))
        self.open_button.clicked.connect(self._open)
        self.dismiss = PushButton(self.tr("Dismiss"), self)
        self.dismiss.setAccessibleName(self.tr("Dismiss the reminders"))
        self.dismiss.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss)
        self.hide()

    def show_reminders(self, reminders: list[Any]) -> None:
        if not reminders:
            return
        self.first_bid = reminders[0].date.bid_id
        lines = [describe(r, link=True) for r in reminders[:3]]
        more = len(reminders) - len(lines)
        if more > 0:
            lines.append(html.escape(self.tr("and {n} more on the Dashboard").format(n=more)))
        self.text.setText(html.escape(self.tr("Coming up: ")) + "; ".join(lines))
        # One bid: the button opens it. Several: each name is the way to its bid.
        self.open_button.setVisible(len({r.date.bid_id for r in reminders}) == 1)
        self.show()

    def _open(self) -> None:
        if self.first_bid is not None:
            self.context.signals.navigate.emit("bids", self.first_bid)
        self.hide()

    def _open_link(self, link: str) -> None:
        kind, _, ident = link.partition(":")
        if kind == "bid" and ident.isdigit():
            self.context.signals.navigate.emit("bids", int(ident))
