"""Edits a table cell with the same field editor the forms use.

The editor is a wrapper around a line edit, combo box or text box, so the keys that end
editing (Enter, Escape, Tab) and leaving the cell are watched on the control inside it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from bidkit.profile.catalogue import FieldSpec
from bidkit.ui.profile.field_editors import FieldEditor, make_editor

Index = QModelIndex | QPersistentModelIndex


class _CellKeys(QObject):
    """Enter, Escape, Tab and leaving the cell close a cell editor (the editor is a wrapper)."""

    def __init__(self, delegate: FieldDelegate, editor: FieldEditor) -> None:
        super().__init__(editor)
        self.delegate, self.editor = delegate, editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        delegate, editor = self.delegate, self.editor
        hint = QAbstractItemDelegate.EndEditHint
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            multiline = editor.spec.kind == "multiline"
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                multiline and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                delegate.commitData.emit(editor)
                delegate.closeEditor.emit(editor, hint.SubmitModelCache)
                return True
            if key == Qt.Key.Key_Escape:
                delegate.closeEditor.emit(editor, hint.RevertModelCache)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                delegate.commitData.emit(editor)
                nxt = hint.EditNextItem if key == Qt.Key.Key_Tab else hint.EditPreviousItem
                delegate.closeEditor.emit(editor, nxt)
                return True
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self._left)
        return False

    def _left(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.editor or self.editor.isAncestorOf(focus)):
            return
        if self.editor.isVisible():
            self.delegate.commitData.emit(self.editor)
            self.delegate.closeEditor.emit(self.editor, QAbstractItemDelegate.EndEditHint.NoHint)


class FieldDelegate(QStyledItemDelegate):
    """Edits a cell with the field editor of its column."""

    #: A cell's text could not be read: the message to show.
    refused = Signal(str)

    def __init__(self, columns: tuple[FieldSpec, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        # File columns are not editable (see flags): documents are attached with a button.
        spec = self.columns[index.column()]
        editor = make_editor(spec, parent, cell=True)
        editor.setAutoFillBackground(True)
        editor.focus_widget().installEventFilter(_CellKeys(self, editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, FieldEditor):
            editor.set_value(index.data(Qt.ItemDataRole.EditRole), force=True)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, FieldEditor):
            return
        try:
            value = editor.value()
        except ValueError as exc:
            spec = self.columns[index.column()]
            self.refused.emit(
                self.tr("Row {row}, {label}: {problem} The cell was not changed.").format(
                    row=index.row() + 1, label=spec.label, problem=exc
                )
            )
            return
        self.refused.emit("")
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect
        if isinstance(editor, FieldEditor) and editor.spec.kind == "multiline":
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 5))
        editor.setGeometry(rect)
