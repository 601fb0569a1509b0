"""Small widget makers every page uses, so they look and behave alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget


class PushButton(QPushButton):
    """A push button that Enter or Return presses while it has the focus.

    Qt only lets Enter press a focused button that is "auto default", and in a dialog an auto
    default button also takes over Enter typed in the dialog's fields. This button is not auto
    default, so Enter in a field still goes to the dialog's own default button, yet Enter on
    the focused button presses it, in a page as in a dialog.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and plain
            and not self.autoDefault()
        ):
            if self.isEnabled():
                self.animateClick()
            event.accept()
            return
        super().keyPressEvent(event)


def push_button(
    parent: QWidget, text: str, slot: Callable[..., Any] | None = None, name: str | None = None
) -> QPushButton:
    """A button with an accessible name that never swallows Enter meant for a form.

    The accessible name is `name`, or the text without its mnemonic "&" and trailing "…"
    (a screen reader should say "Delete", not "ampersand Delete dot dot dot").
    """
    button = PushButton(text, parent)
    button.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    button.setAutoDefault(False)
    if slot is not None:
        button.clicked.connect(slot)
    return button
