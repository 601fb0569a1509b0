"""Question rows that wrap: the whole question reads in the list, however narrow it is.

A tree view asks its delegate how tall a row is without telling it how wide the column is, so
long questions would be cut to one line. This delegate measures the text at the width the
question column really has (less the indentation of its depth), and the list lays its rows
out again when that column changes width.

Measuring a wrapped row costs about a tenth of a millisecond (Qt asks the model for a dozen
roles, then the text is laid out), and the list measures rows only when they first come into
view: the first jump to a question far down a 200-question form measured every row above it,
20-45 ms with the window still. So each measured height is kept (by text, font and width), and
`measure_when_idle` measures every row in small batches while the window waits for input.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

ModelIndex = QModelIndex | QPersistentModelIndex

#: Rows measured per turn of the event loop while warming (about 2 ms of work).
BATCH = 16
#: Heights kept at most; a column dragged through many widths starts again rather than grow.
MAX_KEPT = 20_000


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        self._sizes: dict[tuple[int, str, str, int, str, int], QSize] = {}
        self._waiting: list[QPersistentModelIndex] = []
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._lay_out_again)
        self._warm = QTimer(self)
        self._warm.setInterval(0)
        self._warm.timeout.connect(self._measure_batch)
        tree.header().sectionResized.connect(lambda *_args: self._relayout.start())

    def _lay_out_again(self) -> None:
        self.tree.doItemsLayout()
        if self.tree.model() is not None and self.tree.model().rowCount() > 0:
            self.measure_when_idle()  # every row again, at the column's new width

    def _depth(self, index: ModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return depth

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        column = index.column()
        width = -1
        if column == 0:
            width = self.tree.columnWidth(0) - self.tree.indentation() * (self._depth(index) + 1)
            width -= 24
        font = index.data(Qt.ItemDataRole.FontRole)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        key = (
            column,
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            font.key() if font is not None else "",
            icon.cacheKey() if icon is not None else 0,
            option.font.key(),
            width,
        )
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= MAX_KEPT:
                self._sizes.clear()
            size = self._sizes[key] = self._measure(option, index, width)
        return QSize(size)

    def _measure(self, option: QStyleOptionViewItem, index: ModelIndex, width: int) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != 0:
            return hint
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if width <= 40 or not opt.text:
            return hint
        bounds = opt.fontMetrics.boundingRect(
            QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), opt.text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 8))

    # -- measuring ahead ----------------------------------------------------------------------
    def measure_when_idle(self) -> None:
        """Measure every row of the list in small batches, between the window's other work.

        Called when a questionnaire is shown (and after the column changed width); a later
        call starts again from the list as it is.
        """
        model = self.tree.model()
        rows: list[QPersistentModelIndex] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                rows.append(QPersistentModelIndex(index))
                walk(index)

        walk(QModelIndex())
        self._waiting = rows[::-1]  # taken from the end: the top of the list first
        self._warm.start()

    def _measure_batch(self) -> None:
        for _ in range(BATCH):
            if not self._waiting:
                self._warm.stop()
                return
            index = self._waiting.pop()
            if index.isValid():  # gone when the list was filled again meanwhile
                first = index.sibling(index.row(), 0)
                self.tree.sizeHintForIndex(first)
                self.tree.sizeHintForIndex(first.siblingAtColumn(1))

    @property
    def rows_waiting(self) -> int:
        return len(self._waiting)
