"""The File menu entries each page adds, declared apart from the pages themselves.

Pages other than the dashboard are built when first shown, but their File menu entries and
shortcuts (Ctrl+Shift+N for a new bid...) must be there, in the same place, from the start:
the window shows each entry at once and builds the page when it is used. This module is light
(no page code), so declaring the entries costs the window's start nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class FileEntry:
    #: The page's attribute holding its action for this entry.
    attribute: str
    text: str
    shortcut: str = ""


ORGANISATIONS = (
    FileEntry("action_new", "&New organisation…", "Ctrl+N"),
    FileEntry("action_import", "&Import profile…"),
    FileEntry("action_export", "E&xport profile…", "Ctrl+E"),
)
LIBRARY = (
    FileEntry("action_new", "New &evidence item"),
    FileEntry("action_import", "Import &Word documents…"),
    FileEntry("action_import_folder", "Import a &folder of Word documents…"),
)
BIDS = (
    FileEntry("action_new", "New &bid…", "Ctrl+Shift+N"),
    FileEntry("action_import", "Import tender &notice…", "Ctrl+Shift+I"),
    FileEntry("action_calendar", "Export &calendar (.ics)…"),
)


def entry_action(entry: FileEntry, parent: QObject) -> QAction:
    """An action with the entry's text and shortcut."""
    action = QAction(QCoreApplication.translate("FileMenu", entry.text), parent)
    if entry.shortcut:
        action.setShortcut(QKeySequence(entry.shortcut))
    return action


def page_actions(page: QObject, entries: tuple[FileEntry, ...]) -> None:
    """Give `page` its actions for `entries` (as the attributes they name)."""
    for entry in entries:
        setattr(page, entry.attribute, entry_action(entry, page))
