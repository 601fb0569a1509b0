"""Column widths that follow the content: each column as wide as its text, within limits.

A table sized once with fixed pixel widths cuts its titles at one window size and wastes room
at another, and ignores the font and the screen's scale. `ColumnFit` sizes every visible column
to its content (never beyond a cap counted in characters), gives the spare room to one
"stretch" column, and when room is short narrows the columns named as shrinkable first, down
to their heading's width (or a floor). When the columns still cannot fit, the view scrolls
sideways rather than squeezing the stretch column to nothing. It refits when the rows or the
view's width change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView

#: The widest a column grows to fit its content, in average characters.
DEFAULT_CAP_CHARS = 36
#: Rows looked at for a column's longest word (tables longer than this are lists of records
#: whose first rows are a fair sample).
_ROWS_MEASURED = 200


class ColumnFit(QObject):
    """Keeps the columns of `view` sized to their content (see the module's docstring)."""

    def __init__(
        self,
        view: QTableView | QTreeView,
        *,
        stretch: int,
        caps: Mapping[int, int] | None = None,
        shrink: Iterable[int] = (),
        floors: Mapping[int, int] | None = None,
        default_cap: int = DEFAULT_CAP_CHARS,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.caps = dict(caps or {})
        self.shrink = tuple(shrink)
        self.floors = dict(floors or {})
        self.default_cap = default_cap
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._last: tuple[int, ...] = ()
        self._watch_model()
        view.viewport().installEventFilter(self)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(False)

    def header(self) -> QHeaderView:
        view = self.view
        return view.horizontalHeader() if isinstance(view, QTableView) else view.header()

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is None:
            return
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved, model.dataChanged):  # fmt: skip
            signal.connect(self.schedule)

    def schedule(self, *_args: object) -> None:
        """Refit once the current burst of changes is over."""
        self._last = ()
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._timer.start()
        return False

    def _cap(self, column: int) -> int:
        chars = self.caps.get(column, self.default_cap)
        return chars * self.view.fontMetrics().averageCharWidth()

    def _wanted(self, column: int) -> tuple[int, int]:
        """(the width the column's content asks for within its cap, the least it may shrink to).

        A column never shrinks below its heading, its floor in `floors`, or its longest word
        (text wraps between words; a word cut in two is unreadable).
        """
        heading = self.header().sectionSizeHint(column)
        content = self.view.sizeHintForColumn(column)
        wanted = max(heading, min(content, self._cap(column)))
        metrics = self.view.fontMetrics()
        char = metrics.averageCharWidth()
        floor = max(heading, self.floors.get(column, 0) * char, self._longest_word(column))
        return wanted, min(floor, wanted)

    def _longest_word(self, column: int) -> int:
        model = self.view.model()
        metrics = self.view.fontMetrics()
        longest = 0
        for row in range(min(model.rowCount(), _ROWS_MEASURED)):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                for word in text.split():
                    longest = max(longest, metrics.horizontalAdvance(word))
        # The cell's own padding and frame around the text.
        return longest + 2 * metrics.averageCharWidth() + 8 if longest else 0

    def fit(self) -> None:
        view, header = self.view, self.header()
        model = view.model()
        if model is None:
            return
        columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
        if not columns:
            return
        available = view.viewport().width()
        key = (available, model.rowCount(), *columns)
        if key == self._last:
            return
        self._last = key
        wanted: dict[int, int] = {}
        floors: dict[int, int] = {}
        for column in columns:
            wanted[column], floors[column] = self._wanted(column)
        deficit = sum(wanted.values()) - available
        for column in self.shrink:
            if deficit <= 0:
                break
            if column in wanted:
                give = min(deficit, wanted[column] - floors[column])
                wanted[column] -= give
                deficit -= give
        if deficit < 0 and self.stretch in wanted:
            wanted[self.stretch] -= deficit  # the spare room (sized here, not by the header
            # later, so the rows below can be measured at the final widths)
        for column in columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, wanted[column])
        if isinstance(view, QTableView) and model.rowCount():
            rows = view.verticalHeader()
            if rows.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents:
                view.resizeRowsToContents()  # wrapped text, measured at the new widths
