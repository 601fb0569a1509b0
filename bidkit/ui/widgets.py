"""Small widget makers every page uses, so they look and behave alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget


def push_button(
    parent: QWidget, text: str, slot: Callable[..., Any] | None = None, name: str | None = None
) -> QPushButton:
    """A button with an accessible name that never swallows Enter meant for a form.

    The accessible name is `name`, or the text without its mnemonic "&" and trailing "…"
    (a screen reader should say "Delete", not "ampersand Delete dot dot dot").
    """
    button = QPushButton(text, parent)
    button.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    button.setAutoDefault(False)
    if slot is not None:
        button.clicked.connect(slot)
    return button
