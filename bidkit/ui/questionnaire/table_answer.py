"""Table answers: rows of typed columns in a small item model, with Add and Remove row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from bidkit.forms.schema import AnswerType, Column, Question
from bidkit.forms.table_cells import cell_text, parse_cell
from bidkit.ui.questionnaire.answer_editor import AnswerEditor

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class TableAnswerModel(QAbstractTableModel):
    """The rows of a table answer, each a dict of column id to stored value."""

    edited = Signal()
    problem = Signal(str)

    def __init__(self, columns: tuple[Column, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict[str, Any]] = []
        self.read_only = False

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation is Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        column = self.columns[index.column()]
        value = self.rows[index.row()].get(column.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(column.type, value)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.title}: {cell_text(column.type, value)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type in (
            AnswerType.MONEY,
            AnswerType.NUMBER,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        column = self.columns[index.column()]
        try:
            stored = parse_cell(column.type, str(value or ""))
        except ValueError as exc:
            reason = str(exc).rstrip(".")
            self.problem.emit(f"{column.title}: {reason[:1].lower()}{reason[1:]}.")
            return False
        self.problem.emit("")
        if self.rows[index.row()].get(column.id) == stored:
            return True
        self.rows[index.row()][column.id] = stored
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def add_row(self) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append({c.id: None for c in self.columns})
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self.edited.emit()


class TableEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.model = TableAnswerModel(question.columns, self)
        self.model.edited.connect(self.changed)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.named(self.view, self.subject())
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self._size_columns(question)
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.model.problem.connect(self._show_problem)
        self.add = QPushButton(self.tr("Add row"), self)
        self.remove = QPushButton(self.tr("Remove row"), self)
        for button in (self.add, self.remove):
            button.setAutoDefault(True)  # Enter on the focused button presses it
            self.named(button, f"{button.text()} ({question.number})")
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        if question.max_rows:
            note = QLabel(self.tr("Up to {count} rows").format(count=question.max_rows), self)
            buttons.addWidget(note)
        buttons.addStretch(1)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.problem)
        self.layout_.addLayout(buttons)
        self._read_only = False
        self._update_buttons()

    def _size_columns(self, question: Question) -> None:
        """Each column as wide as its title (within bounds; the full title is its tooltip),
        the last one taking what is left: a table of many columns scrolls sideways inside
        its own frame rather than squeezing every title to a few letters."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        least, most = metrics.averageCharWidth() * 10, metrics.averageCharWidth() * 28
        for index, column in enumerate(question.columns):
            wanted = metrics.horizontalAdvance(column.title) + metrics.averageCharWidth() * 3
            self.view.setColumnWidth(index, max(least, min(wanted, most)))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _add(self) -> None:
        row = self.model.add_row()
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()
        self._update_buttons()

    def _remove(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.model.remove_row(current.row())
        self._update_buttons()

    def _update_buttons(self) -> None:
        most = self.question.max_rows
        full = most is not None and self.model.rowCount() >= most
        self.add.setEnabled(not self._read_only and not full)
        self.remove.setEnabled(not self._read_only and self.view.currentIndex().isValid())

    def value(self) -> Any:
        rows = [r for r in self.model.rows if any(v not in (None, "") for v in r.values())]
        return rows or None

    def show_value(self, value: Any) -> None:
        if value == self.value() and self.model.rows:
            return  # the same rows came back from saving: keep the current cell and blank rows
        self.model.set_rows(value)
        self._update_buttons()

    def is_dirty(self) -> bool:
        # A cell being typed in is unsaved typing: a value from elsewhere must not close it.
        editing = self.view.state() == QAbstractItemView.State.EditingState
        return super().is_dirty() or editing

    def focus_widget(self) -> QWidget:
        return self.view

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.model.read_only = read_only
        self._update_buttons()
