"""Near-identical library items, side by side, with a way to merge each pair."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.widgets import PushButton

PAIR_ROLE = Qt.ItemDataRole.UserRole


class DuplicatesDialog(QDialog):
    """Emits `merge_requested(keep id, other id)`; the page runs it and refreshes the list."""

    merge_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Duplicate evidence"))
        self.setMinimumSize(640, 380)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Pairs of near-identical items"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Item"), self.tr("Near-identical item"),
                                    self.tr("Similarity")])  # fmt: skip
        self.keep_first = PushButton(self.tr("Keep the first, merge the second into it"), self)
        self.keep_second = PushButton(self.tr("Keep the second, merge the first into it"), self)
        for button in (self.keep_first, self.keep_second):
            button.setAccessibleName(button.text())
            button.setAutoDefault(False)
        self.keep_first.clicked.connect(lambda: self._merge(first_kept=True))
        self.keep_second.clicked.connect(lambda: self._merge(first_kept=False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr(
                "Merging keeps one item. The other's files and bid history move to it, and "
                "its text is kept in the kept item's history, where it can be restored."
            ),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        layout.addWidget(buttons)
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.set_pairs([])

    def set_pairs(self, pairs: Sequence[Any]) -> None:
        self.table.clear()
        for pair in pairs:
            row = QTreeWidgetItem([pair.first_title, pair.second_title, f"{pair.similarity:.0%}"])
            row.setData(0, PAIR_ROLE, (pair.first_id, pair.second_id))
            self.table.addTopLevelItem(row)
        self.table.resizeColumnToContents(2)
        self.table.setColumnWidth(0, 260)
        if pairs:
            self.intro.setText(self.tr("%n pair(s) of items say nearly the same thing.", "",
                                       len(pairs)))  # fmt: skip
            first = self.table.topLevelItem(0)
            if first is not None:
                self.table.setCurrentItem(first)
        else:
            self.intro.setText(self.tr("No near-identical items in the library."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.table.currentItem() is not None
        self.keep_first.setEnabled(chosen)
        self.keep_second.setEnabled(chosen)

    def _merge(self, *, first_kept: bool) -> None:
        row = self.table.currentItem()
        if row is None:
            return
        first, second = row.data(0, PAIR_ROLE)
        keep, other = (first, second) if first_kept else (second, first)
        self.merge_requested.emit(int(keep), int(other))
