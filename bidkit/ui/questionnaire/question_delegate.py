"""Question rows that wrap: the whole question reads in the list, however narrow it is.

A tree view asks its delegate how tall a row is without telling it how wide the column is, so
long questions would be cut to one line. This delegate measures the text at the width the
question column really has (less the indentation of its depth), and the list lays its rows
out again when that column changes width.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

ModelIndex = QModelIndex | QPersistentModelIndex


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(tree.doItemsLayout)
        tree.header().sectionResized.connect(lambda *_args: self._relayout.start())

    def _depth(self, index: ModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return depth

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != 0:
            return hint
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        indent = self.tree.indentation() * (self._depth(index) + 1)
        width = self.tree.columnWidth(0) - indent - 24
        if width <= 40 or not opt.text:
            return hint
        bounds = opt.fontMetrics.boundingRect(
            QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), opt.text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 8))
