"""When typing is saved: after a short pause, and at least once a second while it goes on.

Every field that saves as the user types (answers, profile fields, library items, a bid's
details and notes) waits with one `SaveTimer`. A plain restart-on-every-key timer never fires
while someone types steadily, so minutes of text could sit unsaved and a crash would lose
them; this one also fires `MAX_WAIT_MS` after the first unsaved keystroke, however fast the
typing. The README promises "every edit is saved within a second".

The timers also tell the status bar whether anything typed is still waiting (`pending_saves`):
"Saving…" while a save is due, "Unsaved changes" while a field holds text it cannot save yet
(money typed as "twelve"), "All changes saved" only when neither is true.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

#: Typing is saved this long after the last keystroke...
DEBOUNCE_MS = 600
#: ...or this long after the first unsaved one, whichever comes first.
MAX_WAIT_MS = 1000


class SaveState(Enum):
    SAVED = "saved"
    #: Typing waits for its save (due within `MAX_WAIT_MS`).
    WAITING = "waiting"
    #: Typing kept on screen that cannot be saved as it stands (the field says why).
    HELD = "held"


class PendingSaves(QObject):
    """How many fields in the application have typing not saved yet, by state."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._states: dict[int, SaveState] = {}

    def set_state(self, timer_id: int, state: SaveState) -> None:
        before = self._states.get(timer_id, SaveState.SAVED)
        if state is SaveState.SAVED:
            self._states.pop(timer_id, None)
        else:
            self._states[timer_id] = state
        if before is not state:
            self.changed.emit()

    def count(self, state: SaveState) -> int:
        return sum(1 for s in self._states.values() if s is state)

    def state(self) -> SaveState:
        """HELD when any field holds unsaveable text, else WAITING when any save is due."""
        states = set(self._states.values())
        for state in (SaveState.HELD, SaveState.WAITING):
            if state in states:
                return state
        return SaveState.SAVED


_pending: PendingSaves | None = None


def pending_saves() -> PendingSaves:
    """The application's one `PendingSaves` (created with the first timer)."""
    global _pending
    if _pending is None:
        _pending = PendingSaves(QCoreApplication.instance())
    return _pending


class SaveTimer(QObject):
    """A debounce with a maximum wait. Call `start()` on every edit; `timeout` asks to save.

    The owner calls `stop()` once it has saved (or dropped) the typing, and `hold()` when the
    text cannot be saved as it stands, so the status bar can say so.
    """

    timeout = Signal()

    def __init__(self, parent: QObject, interval: int = DEBOUNCE_MS,
                 max_wait: int = MAX_WAIT_MS) -> None:  # fmt: skip
        super().__init__(parent)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(interval)
        self._pause.timeout.connect(self._fire)
        self._limit = QTimer(self)
        self._limit.setSingleShot(True)
        self._limit.setInterval(max(interval, max_wait))
        self._limit.timeout.connect(self._fire)
        self._state = SaveState.SAVED
        self._key = id(self)
        # Dropped from the count if the field goes away with typing waiting (the owner's
        # flush on close has saved it by then, or it was never saveable).
        key, pending = self._key, pending_saves()
        self.destroyed.connect(lambda *_: pending.set_state(key, SaveState.SAVED))

    def start(self) -> None:
        """An edit: save after the pause, or when the first unsaved edit is `max_wait` old."""
        self._pause.start()
        if not self._limit.isActive():
            self._limit.start()
        self._set(SaveState.WAITING)

    def stop(self) -> None:
        """Saved (or nothing to save): no save is due any more."""
        self._pause.stop()
        self._limit.stop()
        self._set(SaveState.SAVED)

    def hold(self) -> None:
        """The typing stays on screen unsaved until the writer corrects it."""
        self._pause.stop()
        self._limit.stop()
        self._set(SaveState.HELD)

    def isActive(self) -> bool:
        return self._pause.isActive() or self._limit.isActive()

    def interval(self) -> int:
        return self._pause.interval()

    def max_wait(self) -> int:
        return self._limit.interval()

    def state(self) -> SaveState:
        return self._state

    def _fire(self) -> None:
        self._pause.stop()
        self._limit.stop()
        # The owner's save runs next and calls stop() or hold(); until then a save is due.
        self.timeout.emit()
        if self._state is SaveState.WAITING and not self.isActive():
            # The owner saved without telling us (or had nothing to save).
            self._set(SaveState.SAVED)

    def _set(self, state: SaveState) -> None:
        if state is not self._state:
            self._state = state
            pending_saves().set_state(self._key, state)
