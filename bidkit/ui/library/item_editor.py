"""The editor of one evidence item: its fields, formatted text, dates and attached files.

Changes are saved as they are typed (`save_requested` after a short pause, and at least once
a second while typing goes on: see `bidkit.ui.save_timer`); there is no Save button. The body
uses light formatting the rest of BidKit understands: **bold**, *italic* and "- " bullet lines,
with toolbar buttons (and Ctrl+B, Ctrl+I, Ctrl+Shift+8) to apply it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.bids.moment_edit import DayEdit
from bidkit.ui.flow_layout import flow_row
from bidkit.ui.library.results_model import KIND_LABELS
from bidkit.ui.save_timer import SaveTimer
from bidkit.ui.widgets import PushButton

FILE_ID_ROLE = Qt.ItemDataRole.UserRole


class ItemEditor(QWidget):
    """Emits `save_requested(item id, values)` with `values` a plain dict of the fields."""

    save_requested = Signal(int, object)
    attach_requested = Signal(int)
    remove_file_requested = Signal(int)
    save_file_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id: int | None = None
        self._loading = False
        self._pending = False
        self._timer = SaveTimer(self)
        self._timer.timeout.connect(self.flush)
        self._build()

    def _build(self) -> None:
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Title"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of evidence"))
        for value, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), value)
        self.organisation = QComboBox(self)
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.owner = QLineEdit(self)
        self.owner.setAccessibleName(self.tr("Owner"))
        self.owner.setPlaceholderText(self.tr("Who keeps this up to date"))
        self.tags = QLineEdit(self)
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. safeguarding, outcomes"))
        # Typed the UK way like every other date in BidKit (empty: no date).
        self.review = DayEdit(self.tr("Review by"), self)
        self.expires = DayEdit(self.tr("Expires on"), self)
        #: The dates as loaded: saved again while a date field holds text it cannot use.
        self._kept_dates: dict[str, date | None] = {"review_on": None, "expires_on": None}
        self.flag = QLabel(self)
        self.flag.setProperty("role", "warning")
        self.flag.setWordWrap(True)
        self.flag.setAccessibleName(self.tr("Review and expiry status"))
        self.version = QLabel(self)
        self.version.setAccessibleName(self.tr("Version"))

        toolbar = QHBoxLayout()
        self.bold = self._tool(self.tr("B"), self.tr("Bold (Ctrl+B)"), "Ctrl+B", self.make_bold)
        self.italic = self._tool(
            self.tr("I"), self.tr("Italic (Ctrl+I)"), "Ctrl+I", self.make_italic
        )
        self.bullets = self._tool(
            self.tr("• List"), self.tr("Bulleted list (Ctrl+Shift+8)"), "Ctrl+Shift+8",
            self.make_bullets,
        )  # fmt: skip
        font = self.bold.font()
        font.setBold(True)
        self.bold.setFont(font)
        font = self.italic.font()
        font.setItalic(True)
        self.italic.setFont(font)
        for button in (self.bold, self.italic, self.bullets):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.version)
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName(self.tr("Text"))
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(
            self.tr("The text to reuse. **bold**, *italic*, and lines starting “- ” for lists.")
        )

        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Attached files"))
        self.files.setMaximumHeight(90)
        self.attach = PushButton(self.tr("Attach file…"), self)
        self.attach.setAccessibleName(self.tr("Attach file"))
        self.save_copy = PushButton(self.tr("Save a copy…"), self)
        self.save_copy.setAccessibleName(self.tr("Save a copy of the attached file"))
        self.remove_file = PushButton(self.tr("Remove file"), self)
        self.remove_file.setAccessibleName(self.tr("Remove the attached file"))
        for push in (self.attach, self.save_copy, self.remove_file):
            push.setAutoDefault(False)
        self.attach.clicked.connect(lambda: self._emit_item(self.attach_requested))
        self.remove_file.clicked.connect(self._remove_file)
        self.save_copy.clicked.connect(self._save_copy)
        self.files.currentRowChanged.connect(lambda _row: self._update_file_buttons())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # One field a row: side by side, the organisation, tags and dates were cut at 1024
        # pixels wide. The two dates share a row that wraps when it is too narrow.
        form.addRow(self._label(self.tr("&Title"), self.title), self.title)
        form.addRow(self._label(self.tr("&Kind"), self.kind), self.kind)
        form.addRow(self._label(self.tr("&Organisation"), self.organisation), self.organisation)
        form.addRow(self._label(self.tr("O&wner"), self.owner), self.owner)
        form.addRow(self._label(self.tr("T&ags"), self.tags), self.tags)
        dates = [
            self._labelled(self.tr("&Review by"), self.review),
            self._labelled(self.tr("E&xpires on"), self.expires),
        ]
        form.addRow(QLabel(self.tr("Dates"), self), flow_row(self, dates))
        file_buttons = QVBoxLayout()
        for push in (self.attach, self.save_copy, self.remove_file):
            file_buttons.addWidget(push)
        file_buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addLayout(file_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(form)
        layout.addWidget(self.flag)
        layout.addLayout(toolbar)
        layout.addWidget(self.body, 1)
        files_label = QLabel(self.tr("Attached fi&les"), self)
        files_label.setBuddy(self.files)
        layout.addWidget(files_label)
        layout.addLayout(files_row)

        for widget in (self.title, self.owner, self.tags):
            widget.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._edited)
        self.organisation.currentIndexChanged.connect(self._edited)
        self.review.changed.connect(self._edited)
        self.expires.changed.connect(self._edited)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _labelled(self, text: str, field: DayEdit) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text, box)
        label.setBuddy(field.edit)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row.addWidget(label)
        row.addWidget(field, 1)
        field.setMinimumWidth(field.fontMetrics().averageCharWidth() * 16)
        return box

    def _tool(self, text: str, name: str, shortcut: str, slot: Any) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(name)
        button.setAccessibleName(name)
        button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(slot)
        return button

    # -- formatting ---------------------------------------------------------------------------
    def _wrap(self, marker: str) -> None:
        cursor = self.body.textCursor()
        selected = cursor.selectedText()
        if selected:
            stripped = selected.strip()
            cursor.insertText(selected.replace(stripped, f"{marker}{stripped}{marker}", 1))
        else:
            cursor.insertText(marker * 2)
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(marker))
            self.body.setTextCursor(cursor)
        self.body.setFocus()

    def make_bold(self) -> None:
        self._wrap("**")

    def make_italic(self) -> None:
        self._wrap("*")

    def make_bullets(self) -> None:
        """Start each selected line with "- " (or remove it when every line has it)."""
        cursor = self.body.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        cursor.setPosition(start)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        lines = cursor.selectedText().split("\u2029")
        if all(line.startswith("- ") for line in lines if line.strip()):
            lines = [line.removeprefix("- ") for line in lines]
        else:
            lines = [line if line.startswith("- ") or not line.strip() else f"- {line}"
                     for line in lines]  # fmt: skip
        cursor.insertText("\n".join(lines))
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    # -- values ---------------------------------------------------------------------------------
    def set_organisations(self, organisations: list[tuple[int, str]]) -> None:
        self._loading = True
        current = self.organisation.currentData()
        self.organisation.clear()
        self.organisation.addItem(self.tr("No organisation"), None)
        for org_id, name in organisations:
            self.organisation.addItem(name, org_id)
        index = self.organisation.findData(current)
        self.organisation.setCurrentIndex(max(0, index))
        self._loading = False

    def load(self, detail: Any) -> None:
        """Show an item (an `EvidenceDetail`), replacing whatever was being edited."""
        self._timer.stop()
        self._pending = False
        self._loading = True
        values = detail.fields
        same_item = self.item_id == detail.id
        self.item_id = detail.id
        # Text that already reads as the stored value is left alone (cursor, undo and all).
        _replace_line(self.title, values.title, same_item, lambda t: t.strip())
        self.kind.setCurrentIndex(max(0, self.kind.findData(values.kind)))
        self.organisation.setCurrentIndex(
            max(0, self.organisation.findData(values.organisation_id))
        )
        _replace_line(self.owner, values.owner, same_item, lambda t: t.strip())
        _replace_line(self.tags, ", ".join(values.tags), same_item, _normal_tags)
        self.review.set_value(values.review_on)
        self.expires.set_value(values.expires_on)
        self._kept_dates = {"review_on": values.review_on, "expires_on": values.expires_on}
        # The body is stored without the white space around it.
        body_shown = same_item and self.body.toPlainText().strip() == values.body
        if not body_shown and self.body.toPlainText() != values.body:
            self.body.setPlainText(values.body)
        self._loading = False
        self.show_status(detail)

    def show_status(self, detail: Any) -> None:
        """Refresh what a save changes besides the fields: version, flags, files."""
        self.version.setText(self.tr("Version {n}").format(n=detail.version))
        self.flag.setText(detail.flag)
        self.flag.setVisible(bool(detail.flag))
        self.files.clear()
        for attached in detail.files:
            size = (
                f"{attached.size / 1024:.0f} KB"
                if attached.size >= 1024
                else (f"{attached.size} bytes")
            )
            entry = QListWidgetItem(f"{attached.file_name} ({size})")
            entry.setData(FILE_ID_ROLE, attached.id)
            self.files.addItem(entry)
        if self.files.count():
            self.files.setCurrentRow(0)
        self._update_file_buttons()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "body": self.body.toPlainText(),
            "tags": tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            "owner": self.owner.text(),
            "review_on": self._day("review_on", self.review),
            "expires_on": self._day("expires_on", self.expires),
            "organisation_id": self.organisation.currentData(),
        }

    def _day(self, key: str, field: DayEdit) -> date | None:
        """The day typed; the one loaded while the field holds text it cannot use (the field
        says why under it, and saving the other fields does not clear the date)."""
        try:
            return field.value()
        except ValueError:
            return self._kept_dates[key]

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.title, self.owner, self.tags):
            widget.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        controls: tuple[QWidget, ...] = (self.kind, self.organisation, self.review, self.expires,
                                         self.bold, self.italic, self.bullets, self.attach,
                                         self.remove_file)  # fmt: skip
        for control in controls:
            control.setEnabled(not read_only)

    # -- saving ---------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._pending

    def _edited(self, *_args: object) -> None:
        if not self._loading and self.item_id is not None and not self.body.isReadOnly():
            self._pending = True
            self._timer.start()

    def flush(self) -> None:
        """Save now if an edit is waiting."""
        self._timer.stop()
        if not self._pending or self.item_id is None:
            return
        self._pending = False
        self.save_requested.emit(self.item_id, self.values())

    def _emit_item(self, signal: Any) -> None:
        if self.item_id is not None:
            signal.emit(self.item_id)

    def _current_file(self) -> QListWidgetItem | None:
        return self.files.currentItem()

    def _update_file_buttons(self) -> None:
        has_file = self._current_file() is not None
        self.save_copy.setEnabled(has_file)
        self.remove_file.setEnabled(has_file and not self.body.isReadOnly())

    def _remove_file(self) -> None:
        entry = self._current_file()
        if entry is not None:
            self.remove_file_requested.emit(int(entry.data(FILE_ID_ROLE)))

    def _save_copy(self) -> None:
        entry = self._current_file()
        if entry is not None:
            name = entry.text().rsplit(" (", 1)[0]
            self.save_file_requested.emit(int(entry.data(FILE_ID_ROLE)), name)


def _normal_tags(text: str) -> str:
    return ", ".join(t.strip() for t in text.split(",") if t.strip())


def _replace_line(edit: QLineEdit, text: str, same_item: bool, normal: Any) -> None:
    """Show `text`, unless the same item's field already reads as it once normalised."""
    if same_item and normal(edit.text()) == normal(text):
        return
    if edit.text() != text:
        edit.setText(text)
