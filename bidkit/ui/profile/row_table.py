"""A repeating profile section (financial years, insurance...) as an editable table.

`RowTableModel` holds the rows of one table as plain dicts; edits go out as `value_edited`
and come back when the profile reloads. `FieldDelegate` edits cells with the same editors as
the forms, so a date or an amount reads and checks the same everywhere.
"""

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
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bidkit.profile.catalogue import FieldSpec, SectionSpec
from bidkit.profile.validation import validate_date_order
from bidkit.ui.column_fit import ColumnFit
from bidkit.ui.flow_layout import flow_row
from bidkit.ui.profile.cell_delegate import FieldDelegate
from bidkit.ui.profile.field_text import display_text, value_problem
from bidkit.ui.widgets import push_button

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_ERROR_COLOUR = QColor("#b00020")
#: Columns whose text wraps onto more lines when room is short (dates and amounts do not).
_WRAPPING_KINDS = frozenset({"text", "multiline", "choice"})


class RowTableModel(QAbstractTableModel):
    """The rows of one repeating section; one column per catalogue column."""

    #: The user changed a cell: (row id, column key, old value, new value).
    value_edited = Signal(int, str, object, object)

    def __init__(self, section: SectionSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.columns: tuple[FieldSpec, ...] = section.columns
        self.rows: list[dict[str, Any]] = []
        self.read_only = False

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self.columns[index.column()].kind != "file":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        spec = self.columns[index.column()]
        value = self.rows[index.row()].get(spec.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return display_text(spec, value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problem(index.row(), index.column()) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_ERROR_COLOUR) if self.problem(index.row(), index.column()) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.kind in ("money", "count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        spec = self.columns[index.column()]
        row = self.rows[index.row()]
        old = row.get(spec.key)
        if old == value:
            return True
        row[spec.key] = value
        self.dataChanged.emit(index, index)
        self.value_edited.emit(int(row["id"]), spec.key, old, value)
        return True

    # -- data ---------------------------------------------------------------------------------
    def problem(self, row: int, column: int) -> str:
        """What is wrong with one cell: its own check, or the order of two dates."""
        spec = self.columns[column]
        values = self.rows[row]
        problem = value_problem(spec, values.get(spec.key))
        if problem:
            return problem
        labels = {c.key: c.label.lower() for c in self.columns}
        for earlier, later in self.section.date_order:
            if later == spec.key:
                message = validate_date_order(
                    values.get(earlier), values.get(later), labels[earlier], labels[later]
                )
                if message:
                    return message
        return ""

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show fresh rows, keeping the views' selection when the same rows are there."""
        fresh = [dict(r) for r in rows]
        if [r["id"] for r in fresh] == [r["id"] for r in self.rows]:
            self.rows = fresh
            if fresh and self.columns:
                last = self.index(len(fresh) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.rows = fresh
        self.endResetModel()

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == row_id), -1)


class RowTable(QWidget):
    """The table of one repeating section with Add, Remove, Move up and Move down."""

    add_requested = Signal(int)  # position
    remove_requested = Signal(dict, int)  # row values, position
    move_requested = Signal(int, int, int)  # row id, old position, new position
    attach_requested = Signal(int)  # row id (policies: choose a document)
    detach_requested = Signal(int)

    def __init__(self, section: SectionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.model = RowTableModel(section, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("{section} table").format(section=section.label))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setCornerButtonEnabled(False)
        for corner in self.view.findChildren(QAbstractButton):
            corner.setAccessibleName(self.tr("Select all rows"))
        self.view.setTabKeyNavigation(False)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setMinimumHeight(160)
        # Columns fit their content within a cap; long text wraps inside its cell and the row
        # grows to show up to four lines of it; the last column takes the spare room.
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setMinimumSectionSize(48)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMaximumSectionSize(self.fontMetrics().lineSpacing() * 4 + 20)  # then "…"
        caps = {c: 40 if spec.kind == "multiline" else 28 for c, spec in enumerate(section.columns)}
        wraps = [c for c, spec in enumerate(section.columns) if spec.kind in _WRAPPING_KINDS]
        last = len(section.columns) - 1
        floors = dict.fromkeys(wraps, 12)
        self.columns = ColumnFit(
            self.view, stretch=last, caps=caps, shrink=reversed(wraps), floors=floors
        )
        self.delegate = FieldDelegate(self.model.columns, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.doubleClicked.connect(self._on_double_click)

        name = section.row_name
        self.add_button = push_button(self, self.tr("Add {name}").format(name=name), self._add)
        self.remove_button = push_button(self, self.tr("Remove"), self._remove)
        self.remove_button.setAccessibleName(self.tr("Remove {name}").format(name=name))
        self.up_button = push_button(self, self.tr("Move up"), lambda: self._move(-1))
        self.down_button = push_button(self, self.tr("Move down"), lambda: self._move(1))
        self.file_column = next(
            (i for i, c in enumerate(section.columns) if c.kind == "file"), None
        )
        # The buttons wrap onto a second line in a narrow window instead of widening the form.
        buttons = flow_row(
            self, [self.add_button, self.remove_button, self.up_button, self.down_button]
        )
        self.attach_button: QPushButton | None = None
        self.detach_button: QPushButton | None = None
        documents = QHBoxLayout()
        if self.file_column is not None:
            self.attach_button = push_button(self, self.tr("Attach document…"), self._attach)
            self.detach_button = push_button(self, self.tr("Remove document"), self._detach)
            documents.addWidget(flow_row(self, [self.attach_button, self.detach_button]))

        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        self.delegate.refused.connect(self.show_problem)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buttons)
        layout.addWidget(self.view, 1)
        layout.addLayout(documents)
        layout.addWidget(self.error)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._read_only = False
        #: A row just added: selected as soon as it appears.
        self.pending_selection: int | None = None
        self._update_buttons()

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row_id(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        current = self.current_row()
        row_id = self.model.rows[current]["id"] if current >= 0 else None
        self.model.set_rows(rows)
        if self.pending_selection is not None and self.model.row_of(self.pending_selection) >= 0:
            self.select_row_id(self.pending_selection)
            self.pending_selection = None
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        elif row_id is not None and self.current_row() < 0:
            self.select_row_id(row_id)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.model.read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        editable = not self._read_only
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)
        if self.attach_button is not None and self.detach_button is not None:
            self.attach_button.setEnabled(editable and row >= 0)
            attached = row >= 0 and bool(self.model.rows[row].get("file_name"))
            self.detach_button.setEnabled(editable and attached)

    def _add(self) -> None:
        row = self.current_row()
        self.add_requested.emit(row + 1 if row >= 0 else self.model.rowCount())

    def _remove(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.remove_requested.emit(dict(self.model.rows[row]), row)

    def _move(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row >= 0 and 0 <= target < self.model.rowCount():
            self.move_requested.emit(int(self.model.rows[row]["id"]), row, target)

    def _attach(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.attach_requested.emit(int(self.model.rows[row]["id"]))

    def _detach(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.detach_requested.emit(int(self.model.rows[row]["id"]))

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.column() == self.file_column and not self._read_only:
            self.attach_requested.emit(int(self.model.rows[index.row()]["id"]))
