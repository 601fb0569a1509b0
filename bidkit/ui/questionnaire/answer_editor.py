"""One editor per answer type, all saving the same way (choices, a library item and a
declaration are in choice_editors.py, tables in table_answer.py).

An editor shows a stored answer (the JSON value shapes of forms/README.md), turns what is on
screen back into that shape and emits `committed(value)` when it should be saved: text is saved
by a `SaveTimer` (after a short pause, and at least once a second while typing goes on) and at
once when focus leaves; choices save on every change.

Text is never taken from the writer: `load_value` starts showing another answer (a fresh
undo history); `set_value` brings a new value of the answer on screen (from its source, another
page) and leaves the editor alone when that value is what is on screen already, replaces the
text by one undoable edit when it differs, and skips an editor with typing not saved yet.
Each save ends an undo step, so Ctrl+Z takes back one burst of typing at a time, across saves.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bidkit.forms.schema import AnswerType, Question
from bidkit.profile.catalogue import FieldSpec
from bidkit.ui.profile.field_editors import FieldEditor, LineFieldEditor
from bidkit.ui.profile.field_text import display_text
from bidkit.ui.questionnaire.text_edits import (
    insert_at_cursor,
    insert_in_line,
    mark_undo_boundary,
    replace_line,
    replace_plain,
)
from bidkit.ui.save_timer import SaveTimer


class AnswerEditor(QWidget):
    """Base of the answer editors: a stored value in, `committed(value)` out."""

    #: Save this value.
    committed = Signal(object)
    #: The text on screen changed (for the live word count).
    text_changed = Signal()
    #: The writer asked to choose a library item (evidence answers).
    evidence_requested = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.saved: Any = None
        self._dirty = False
        self._showing = False
        #: True while `load_value` shows another answer: text may be reset, undo cleared.
        self._fresh = False
        #: The fields the writer types in (each save ends an undo step in them).
        self.typed_fields: list[QLineEdit | QPlainTextEdit] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.timer = SaveTimer(self)
        self.timer.timeout.connect(self.commit)

    # -- overridden by each type ----------------------------------------------------------------
    def value(self) -> Any:
        raise TypeError(f"{type(self).__name__} must define value()")

    def show_value(self, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} must define show_value()")

    def focus_widget(self) -> QWidget:
        return self

    def set_read_only(self, read_only: bool) -> None:
        for child in self.findChildren(QWidget):
            if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
                child.setEnabled(not read_only)

    # -- shared behaviour -----------------------------------------------------------------------
    def subject(self) -> str:
        """How controls name the question for screen readers: "Answer to 1.1(a)"."""
        return self.tr("Answer to {number}").format(number=self.question.number)

    def set_value(self, value: Any, *, force: bool = False) -> None:
        """A new stored value for the answer on screen (from its source, or another page).

        Typing not saved yet wins unless `force`; a value equal to what is on screen touches
        nothing; a different one replaces the text as one undoable edit.
        """
        if self.is_dirty() and not force:
            return
        if not force and self._on_screen_equals(value):
            self.saved = value
            return
        self._show(value, fresh=False)

    def load_value(self, value: Any) -> None:
        """Start showing another answer (another question or member): a fresh undo history."""
        self._show(value, fresh=True)

    def _show(self, value: Any, *, fresh: bool) -> None:
        self._dirty = False
        self.timer.stop()
        self.saved = value
        self._showing, self._fresh = True, fresh
        try:
            self.show_value(value)
        finally:
            self._showing = self._fresh = False
        self.text_changed.emit()

    def _on_screen_equals(self, value: Any) -> bool:
        try:
            return bool(self.value() == value)
        except ValueError:
            return False

    def mark_saved(self, value: Any) -> None:
        """What is on screen has been saved as `value` by another route (a library insert)."""
        self.timer.stop()
        self._dirty = False
        self.saved = value
        self._end_undo_step()

    def discard_pending(self) -> None:
        """Forget that typing waits to be saved: a value on its way will replace it (undoably)."""
        self.timer.stop()
        self._dirty = False

    def _end_undo_step(self) -> None:
        for field in self.typed_fields:
            mark_undo_boundary(field)

    # -- inserting library text -----------------------------------------------------------------
    def insert_target(self) -> QLineEdit | QPlainTextEdit | None:
        """The field a library text goes into at its cursor, or None for answers that cannot."""
        return None

    def insert_text(self, text: str) -> bool:
        """Insert `text` at the cursor (replacing the selection) as one undo step."""
        target = self.insert_target()
        if target is None or target.isReadOnly() or not target.isEnabled():
            return False
        if isinstance(target, QPlainTextEdit):
            insert_at_cursor(target, text)
        else:
            insert_in_line(target, text)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def has_selection(self) -> bool:
        """Whether text is selected where a library text would go (it would replace it)."""
        for field in self.typed_fields:
            if isinstance(field, QPlainTextEdit) and field.textCursor().hasSelection():
                return True
            if isinstance(field, QLineEdit) and field.hasSelectedText():
                return True
        return False

    def is_dirty(self) -> bool:
        return self._dirty

    def typed(self) -> None:
        """Text changed by the writer: save once typing pauses."""
        if self._showing:
            return
        self._dirty = True
        self.timer.start()
        self.text_changed.emit()

    def changed(self) -> None:
        """A choice changed: save now."""
        if self._showing:
            return
        self._dirty = True
        self.text_changed.emit()
        self.commit()

    def commit(self) -> None:
        self.timer.stop()
        if not self._dirty:
            return
        try:
            value = self.value()
        except ValueError:
            self.timer.hold()  # the field editor shows what is wrong; nothing unreadable is saved
            return
        self._dirty = False
        self._end_undo_step()
        if value != self.saved:
            self.saved = value
            self.committed.emit(value)

    def flush(self) -> None:
        self.commit()

    def save_on_focus_out(self, widget: QWidget) -> None:
        widget.installEventFilter(_CommitOnFocusOut(self))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            self.typed_fields.append(widget)

    def named(self, widget: QWidget, name: str) -> QWidget:
        widget.setAccessibleName(name)
        return widget


class _CommitOnFocusOut(QObject):
    def __init__(self, editor: AnswerEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.editor.commit()
        return False


class ShortTextEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.line = QLineEdit(self)
        self.named(self.line, self.subject())
        # textChanged, not textEdited: an undo (Ctrl+Z) is typing to save as well.
        self.line.textChanged.connect(lambda _text: self.typed())
        self.line.returnPressed.connect(self.commit)
        self.save_on_focus_out(self.line)
        self.layout_.addWidget(self.line)

    def value(self) -> Any:
        return self.line.text().strip()

    def show_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self._fresh:
            self.line.setText(text)
        else:
            replace_line(self.line, text)

    def focus_widget(self) -> QWidget:
        return self.line

    def insert_target(self) -> QLineEdit | QPlainTextEdit | None:
        return self.line


def _paragraph_box(editor: AnswerEditor, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(editor)
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.textChanged.connect(editor.typed)
    editor.save_on_focus_out(box)
    return box


def _show_paragraphs(box: QPlainTextEdit, text: str, *, fresh: bool) -> None:
    if fresh:
        box.setPlainText(text)
        box.document().setModified(False)
    elif box.toPlainText().rstrip() != text:
        replace_plain(box, text)


class LongTextEditor(AnswerEditor):
    """Paragraphs and bullet lines, kept exactly as typed."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.text = _paragraph_box(self, self.subject())
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        hint = QLabel(
            self.tr('Leave a blank line between paragraphs; start a line with "- " for a bullet.'),
            self,
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.text.setAccessibleDescription(hint.text())
        self.layout_.addWidget(self.text, 1)
        self.layout_.addWidget(hint)

    def value(self) -> Any:
        return self.text.toPlainText().rstrip()

    def show_value(self, value: Any) -> None:
        _show_paragraphs(self.text, "" if value is None else str(value), fresh=self._fresh)

    def focus_widget(self) -> QWidget:
        return self.text

    def insert_target(self) -> QLineEdit | QPlainTextEdit | None:
        return self.text


class Radios(QWidget):
    """A row (or column) of radio buttons that may also show "nothing chosen"."""

    clicked = Signal()

    def __init__(self, options: list[tuple[str, str]], group_name: str, parent: QWidget,
                 *, vertical: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        layout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for option_id, text in options:
            button = QRadioButton(text, self)
            button.setAccessibleName(f"{group_name}: {text}")
            self.group.addButton(button)
            self.buttons[option_id] = button
            layout.addWidget(button)
        if not vertical:
            layout.addStretch(1)
        self.group.buttonClicked.connect(lambda _b: self.clicked.emit())

    def value(self) -> str | None:
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)

    def select(self, value: Any) -> None:
        self.group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(key == value)
        self.group.setExclusive(True)

    def first(self) -> QWidget:
        return next(iter(self.buttons.values()))


def _yes_no(editor: AnswerEditor) -> list[tuple[str, str]]:
    return [("yes", editor.tr("Yes")), ("no", editor.tr("No"))]


class YesNoEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.radios = Radios(_yes_no(self), self.subject(), self)
        self.radios.clicked.connect(self.changed)
        self.layout_.addWidget(self.radios)

    def value(self) -> Any:
        return self.radios.value()

    def show_value(self, value: Any) -> None:
        self.radios.select(value)

    def focus_widget(self) -> QWidget:
        return self.radios.first()


class YesNoDetailsEditor(AnswerEditor):
    """Yes or no, and a details box when the answer is the form's `details_when`."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.radios = Radios(_yes_no(self), self.subject(), self)
        self.radios.clicked.connect(self._on_choice)
        self.details_label = QLabel(self.tr("Details"), self)
        self.details = _paragraph_box(self, self.tr("Details for {number}").format(
            number=question.number))  # fmt: skip
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.details_label.setBuddy(self.details)
        self.layout_.addWidget(self.radios)
        self.layout_.addWidget(self.details_label)
        self.layout_.addWidget(self.details, 1)
        self.layout_.addStretch(0)  # with the details hidden, the choice stays at the top
        self._update_details()

    def _on_choice(self) -> None:
        self._update_details()
        self.changed()

    def _update_details(self) -> None:
        shown = self.radios.value() == self.question.details_when or bool(
            self.details.toPlainText().strip()
        )
        self.details_label.setVisible(shown)
        self.details.setVisible(shown)

    def value(self) -> Any:
        answer = self.radios.value()
        details = self.details.toPlainText().rstrip()
        if answer is None and not details:
            return None
        return {"answer": answer, "details": details}

    def show_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        self.radios.select(value.get("answer"))
        _show_paragraphs(self.details, str(value.get("details") or ""), fresh=self._fresh)
        self._update_details()

    def focus_widget(self) -> QWidget:
        return self.radios.first()

    def insert_target(self) -> QLineEdit | QPlainTextEdit | None:
        self.details_label.show()
        self.details.show()
        return self.details


class AnswerLineField(LineFieldEditor):
    """The profile's date, money and count field; a new value from elsewhere is one undoable
    edit, and each save ends an undo step."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        # A pause saves what is typed and leaves the text as it is: tidying it into its usual
        # form (15/03/2020, £1,200.00) waits for Enter or for the writer to leave the field.
        self.timer.timeout.disconnect()
        self.timer.timeout.connect(self._save_after_pause)

    def _save_after_pause(self) -> None:
        FieldEditor.commit(self)
        if not self._dirty:
            mark_undo_boundary(self.line)

    def show_value(self, value: Any) -> None:
        self.line.blockSignals(True)  # not typing: nothing to save
        try:
            replace_line(self.line, display_text(self.spec, value))
        finally:
            self.line.blockSignals(False)


class TypedLineEditor(AnswerEditor):
    """Date (UK entry with a calendar), money and number, through the profile's line editor."""

    KINDS: ClassVar[dict[AnswerType, str]] = {
        AnswerType.DATE: "date",
        AnswerType.MONEY: "money",
        AnswerType.NUMBER: "count",
    }

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        spec = FieldSpec(key=question.id, label=question.text, kind=self.KINDS[question.type])
        self.field = AnswerLineField(spec, self)
        self.field.set_accessible(self.subject())
        self.field.edited.connect(self._on_edited)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.field.problem_changed.connect(self._show_problem)
        row = QHBoxLayout()
        row.addWidget(self.field)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.problem)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _on_edited(self, _old: Any, new: Any) -> None:
        stored = self._store(new)
        if stored != self.saved:
            self.saved = stored
            self.committed.emit(stored)

    def _store(self, typed: Any) -> Any:
        if typed is None:
            return None
        if isinstance(typed, date):
            return typed.isoformat()
        if isinstance(typed, Decimal):
            return f"{typed:.2f}"
        return str(typed)

    def _load(self, value: Any) -> Any:
        if value in (None, ""):
            return None
        try:
            if self.question.type is AnswerType.DATE:
                return date.fromisoformat(str(value))
            if self.question.type is AnswerType.MONEY:
                return Decimal(str(value))
            return int(Decimal(str(value)))
        except (ValueError, InvalidOperation):
            return str(value)

    def set_value(self, value: Any, *, force: bool = False) -> None:
        if self.field.is_dirty() and not force:
            return
        self.saved = value
        if not force and self._on_screen_equals(value):
            self.field.saved = self._load(value)
            return  # 15/3/2020 on screen is 2020-03-15: leave the text as typed
        self.field.set_value(self._load(value), force=True)

    def load_value(self, value: Any) -> None:
        self.saved = value
        self.field.set_value(self._load(value), force=True)
        self.field.line.setText(display_text(self.field.spec, self.field.saved))

    def mark_saved(self, value: Any) -> None:
        self.saved = value

    def discard_pending(self) -> None:
        self.field.timer.stop()
        self.field._dirty = False

    def value(self) -> Any:
        return self._store(self.field.value())

    def show_value(self, value: Any) -> None:
        self.field.set_value(self._load(value), force=True)

    def is_dirty(self) -> bool:
        return self.field.is_dirty()

    def commit(self) -> None:
        self.field.commit()

    def focus_widget(self) -> QWidget:
        return self.field.line

    def set_read_only(self, read_only: bool) -> None:
        self.field.set_read_only(read_only)


def make_answer_editor(question: Question, parent: QWidget | None = None) -> AnswerEditor:
    from bidkit.ui.questionnaire.choice_editors import (
        DeclarationEditor,
        EvidenceEditor,
        MultipleChoiceEditor,
        SingleChoiceEditor,
    )
    from bidkit.ui.questionnaire.table_answer import TableEditor

    kinds: dict[AnswerType, type[AnswerEditor]] = {
        AnswerType.SHORT_TEXT: ShortTextEditor,
        AnswerType.LONG_TEXT: LongTextEditor,
        AnswerType.YES_NO: YesNoEditor,
        AnswerType.YES_NO_DETAILS: YesNoDetailsEditor,
        AnswerType.DATE: TypedLineEditor,
        AnswerType.MONEY: TypedLineEditor,
        AnswerType.NUMBER: TypedLineEditor,
        AnswerType.SINGLE_CHOICE: SingleChoiceEditor,
        AnswerType.MULTIPLE_CHOICE: MultipleChoiceEditor,
        AnswerType.TABLE: TableEditor,
        AnswerType.EVIDENCE: EvidenceEditor,
        AnswerType.DECLARATION: DeclarationEditor,
    }
    return kinds[question.type](question, parent)
