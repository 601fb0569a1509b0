"""The question being answered: wording, help, who answers, the editor, count, provenance.

The panel does no database work: it asks the page through signals (save, ready, suggest,
update from source) and is told about new answers with `show_answers`, which never
overwrites typing that has not been saved yet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from bidkit.forms.schema import AnsweredBy, AnswerType, LibraryBinding, Question
from bidkit.ui.questionnaire.answer_editor import AnswerEditor, make_answer_editor
from bidkit.ui.questionnaire.answer_status import (
    AnswerLookup,
    answer_text,
    is_empty,
    limit_check,
    members_for,
)
from bidkit.ui.questionnaire.provenance_badge import ProvenanceBadge
from bidkit.ui.widgets import push_button

_TEXT_ANSWERS = (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT, AnswerType.YES_NO_DETAILS)


class QuestionPanel(QWidget):
    #: More organisations than this answer in a list instead of tabs.
    MAX_TABS = 4

    save_requested = Signal(str, object, object)  # question id, member org id, value
    ready_requested = Signal(str, object, bool)
    library_requested = Signal(str, object, bool)  # question id, member, every item
    update_requested = Signal(str, object)  # take the source's value again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: Question | None = None
        self.lookup: AnswerLookup | None = None
        self.editor: AnswerEditor | None = None
        self.members: list[int | None] = [None]
        #: The member whose answer the editor holds: typing is saved for them, even when the
        #: tab has already moved to another member.
        self.editing_member: int | None = None
        self.read_only = False
        self._build()

    # -- layout -------------------------------------------------------------------------------
    def _label(self, name: str, *, role: str = "", object_name: str = "") -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        if role:
            label.setProperty("role", role)
        if object_name:
            label.setObjectName(object_name)
        return label

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.number = self._label(self.tr("Question number"), object_name="sectionHeading")
        self.number.setWordWrap(False)
        self.mandatory = self._label(self.tr("Required or optional"), role="badge")
        self.status = self._label(self.tr("Answer status"), role="badge")
        top.addWidget(self.number)
        top.addStretch(1)
        top.addWidget(self.mandatory)
        top.addWidget(self.status)
        self.text = self._label(self.tr("Question"), object_name="questionText")
        self.help = self._label(self.tr("Help"), role="hint")
        self.who = self._label(self.tr("Who answers"), role="warning")
        self.not_asked = self._label(self.tr("Not asked"), role="warning")
        self.members_bar = QTabBar(self)
        self.members_bar.setAccessibleName(self.tr("Organisation answering"))
        self.members_bar.setExpanding(False)
        self.members_bar.setDrawBase(True)
        self.members_bar.currentChanged.connect(self._on_member)
        # Past a few organisations, tabs overflow: a list to choose from takes their place.
        self.members_combo = QComboBox(self)
        self.members_combo.setAccessibleName(self.tr("Organisation answering"))
        # Wide enough for a short name; a longer one is cut short in the closed list (each
        # shows in full when it opens), so the panel never needs to scroll sideways.
        self.members_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.members_combo.setMinimumContentsLength(12)
        self.members_combo.activated.connect(self.members_bar.setCurrentIndex)
        self.members_label = QLabel(self.tr("&Answering for:"), self)
        self.members_label.setBuddy(self.members_combo)
        self.members_row = QWidget(self)
        members_row = QHBoxLayout(self.members_row)
        members_row.setContentsMargins(0, 0, 0, 0)
        members_row.addWidget(self.members_label)
        members_row.addWidget(self.members_combo, 1)
        self.members_row.hide()
        self.editor_slot = QVBoxLayout()
        self.editor_slot.setContentsMargins(0, 0, 0, 0)

        count_row = QHBoxLayout()
        self.count = self._label(self.tr("Length"))
        self.count.setWordWrap(False)
        self.badge = ProvenanceBadge(self)
        count_row.addWidget(self.badge)
        count_row.addStretch(1)
        count_row.addWidget(self.count)

        self.changed_box = QFrame(self)
        self.changed_box.setObjectName("sourceChanged")
        changed_row = QHBoxLayout(self.changed_box)
        changed_row.setContentsMargins(8, 4, 8, 4)
        self.changed_note = QLabel(self.changed_box)
        self.changed_note.setWordWrap(True)
        self.changed_note.setProperty("role", "warning")
        self.update_button = QPushButton(self.tr("Update from profile"), self.changed_box)
        self.update_button.setAccessibleName(self.update_button.text())
        self.update_button.setAutoDefault(True)
        self.update_button.clicked.connect(self._update_from_source)
        changed_row.addWidget(self.changed_note, 1)
        changed_row.addWidget(self.update_button)

        buttons = QHBoxLayout()
        self.suggest = self._button(self.tr("Suggest…"), self.tr("Suggest library items"))
        self.suggest.clicked.connect(lambda: self._library(every=False))
        self.insert = self._button(
            self.tr("Insert from library…"), self.tr("Insert from the library")
        )
        self.insert.clicked.connect(lambda: self._library(every=True))
        self.ready = QCheckBox(self.tr("Ready"), self)
        self.ready.setAccessibleName(self.tr("Answer ready"))
        self.ready.setToolTip(self.tr("Mark the answer as checked and ready (Ctrl+Return)"))
        self.ready.clicked.connect(self._on_ready)
        buttons.addWidget(self.suggest)
        buttons.addWidget(self.insert)
        buttons.addStretch(1)
        buttons.addWidget(self.ready)

        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.help)
        layout.addWidget(self.who)
        layout.addWidget(self.not_asked)
        layout.addWidget(self.members_bar)
        layout.addWidget(self.members_row)
        layout.addLayout(self.editor_slot, 1)
        layout.addLayout(count_row)
        layout.addWidget(self.changed_box)
        layout.addLayout(buttons)
        layout.addStretch(0)  # takes the room a one-line editor leaves
        self.main_layout = layout

    def _button(self, text: str, name: str) -> QPushButton:
        button = push_button(self, text, name=name)
        button.setAutoDefault(True)  # Enter presses the focused button
        return button

    # -- showing ------------------------------------------------------------------------------
    def show_question(self, question: Question, lookup: AnswerLookup,
                      member: int | None = None) -> None:  # fmt: skip
        """Show another question (or the same one with new answers, keeping typing)."""
        same = self.question is not None and self.question.id == question.id
        if not same:
            self.flush()
        self.question, self.lookup = question, lookup
        self.members = members_for(question, lookup.participants)
        if member not in self.members:
            member = self.current_member() if same else None
            member = member if member in self.members else self.members[0]
        if same and member != self.editing_member:
            self.flush()
        if not same:
            self._build_editor(question)
            self._show_wording(question)
        self._show_members(member)
        self._show_answer(force=not same)

    def show_answers(self, lookup: AnswerLookup) -> None:
        if self.question is not None:
            self.show_question(self.question, lookup, self.current_member())

    def _build_editor(self, question: Question) -> None:
        if self.editor is not None:
            self.editor_slot.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
        editor = make_answer_editor(question, self)
        editor.committed.connect(self._on_committed)
        editor.text_changed.connect(self._update_count)
        editor.evidence_requested.connect(lambda: self._library(every=False))
        self.editor = editor
        self.editor_slot.addWidget(editor)
        grows = question.type in (AnswerType.LONG_TEXT, AnswerType.TABLE) or (
            question.type is AnswerType.YES_NO_DETAILS
        )
        self.main_layout.setStretchFactor(self.editor_slot, 1 if grows else 0)
        self.main_layout.setStretch(self.main_layout.count() - 1, 0 if grows else 1)
        self.setTabOrder(self.members_bar, self.members_combo)
        self.setTabOrder(self.members_combo, editor.focus_widget())

    def _show_wording(self, question: Question) -> None:
        self.number.setText(question.number)
        self.number.setAccessibleName(self.tr("Question {number}").format(number=question.number))
        self.text.setText(question.text)
        self.help.setText(question.help)
        self.help.setVisible(bool(question.help))
        if question.mandatory:
            self.mandatory.setText(self.tr("Required"))
        else:
            self.mandatory.setText(self.tr("Optional"))
        self.mandatory.setAccessibleName(self.mandatory.text())
        if question.answered_by is AnsweredBy.EVERY_MEMBER:
            self.who.setText(self.tr("Answered by each member of the bid, for itself."))
        elif question.answered_by is AnsweredBy.EVERY_MEMBER_AND_SUBCONTRACTOR:
            self.who.setText(
                self.tr("Answered by each member of the bid and each subcontractor it relies on.")
            )
        self.who.setVisible(question.answered_by is not AnsweredBy.LEAD)
        library = isinstance(question.bind, LibraryBinding) or question.type in (
            AnswerType.LONG_TEXT,
            AnswerType.YES_NO_DETAILS,
            AnswerType.EVIDENCE,
        )
        self.suggest.setVisible(library)
        self.insert.setVisible(library)

    def _show_members(self, member: int | None) -> None:
        """One tab per organisation answering (a list beyond `MAX_TABS`), each with its status."""
        from bidkit.ui.questionnaire.tree_model import status_icon, status_text

        assert self.lookup is not None and self.question is not None
        names = {p.org_id: p.name for p in self.lookup.participants}
        self.members_bar.blockSignals(True)
        self.members_combo.blockSignals(True)
        while self.members_bar.count():
            self.members_bar.removeTab(0)
        self.members_combo.clear()
        for row, key in enumerate(self.members):
            name = names.get(key or 0, self.tr("The bid"))
            status = self.lookup.member_status(self.question, key)
            tip = self.tr("{name}: {status}").format(name=name, status=status_text(status))
            self.members_bar.addTab(status_icon(status), name)
            self.members_bar.setTabToolTip(row, tip)
            self.members_combo.addItem(status_icon(status), name)
            self.members_combo.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
            self.members_combo.setItemData(row, tip, Qt.ItemDataRole.AccessibleTextRole)
        self.members_bar.setCurrentIndex(self.members.index(member))
        self.members_combo.setCurrentIndex(self.members.index(member))
        self.members_bar.blockSignals(False)
        self.members_combo.blockSignals(False)
        self._choose_switcher()

    def _choose_switcher(self) -> None:
        """Tabs while they fit (and there are at most `MAX_TABS`), else the list."""
        shown = len(self.members) > 1 or self.members != [None]
        room = self.width() - self.main_layout.contentsMargins().left() * 2
        many = len(self.members) > self.MAX_TABS or (
            room > 0 and self.members_bar.sizeHint().width() > room
        )
        self.members_bar.setVisible(shown and not many)
        self.members_row.setVisible(shown and many)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.question is not None:
            self._choose_switcher()

    def show_member(self, member: int | None) -> None:
        """Switch to `member`'s answer (saving typing for the one shown)."""
        if member in self.members:
            self.members_bar.setCurrentIndex(self.members.index(member))
            self.members_combo.setCurrentIndex(self.members.index(member))

    def member_switcher(self) -> QWidget:
        return self.members_combo if self.members_row.isVisible() else self.members_bar

    def current_member(self) -> int | None:
        row = self.members_bar.currentIndex()
        return self.members[row] if 0 <= row < len(self.members) else self.members[0]

    def current_view(self) -> Any:
        if self.question is None or self.lookup is None:
            return None
        return self.lookup.get(self.question.id, self.current_member())

    def _show_answer(self, *, force: bool) -> None:
        assert self.question is not None and self.lookup is not None and self.editor is not None
        question, view = self.question, self.current_view()
        member = self.current_member()
        self.editing_member = member
        value = None if view is None else view.value
        if force:
            self.editor.load_value(value)
        else:
            self.editor.set_value(value)
        asked = self.lookup.visible(question, member)
        if asked:
            self.not_asked.hide()
        else:
            condition = question.show_when
            other = self.lookup.form.question(condition.question) if condition else None
            self.not_asked.setText(
                self.tr("Not asked with the current answers: it depends on {number}.").format(
                    number=other.number if other else ""
                )
            )
            self.not_asked.show()
        self.badge.show_answer(question, view)
        changed = view is not None and view.source_changed
        kind = "" if view is None else view.source_kind
        self.changed_note.setText(
            self.tr("The profile has changed since this was filled in.")
            if kind == "profile"
            else self.tr("The library item has changed since this was filled in.")
        )
        self.update_button.setText(
            self.tr("Update from profile") if kind == "profile" else self.tr("Update from library")
        )
        self.update_button.setAccessibleName(self.update_button.text())
        self.changed_box.setVisible(changed)
        self.ready.setChecked(view is not None and view.ready)
        from bidkit.ui.questionnaire.tree_model import status_text

        status = self.lookup.member_status(question, member)
        self.status.setText(status_text(status))
        self.status.setAccessibleName(self.tr("Status: {status}").format(status=self.status.text()))
        self._update_count()
        self._update_enabled()

    def _update_count(self) -> None:
        question, editor = self.question, self.editor
        if question is None or editor is None or question.limit is None:
            self.count.hide()
            return
        try:
            value = editor.value()
        except ValueError:
            value = None
        check = limit_check(question, value)
        if check is None or (answer_text(question, value) is None and value is not None):
            self.count.hide()
            return
        text = check.describe()
        if check.over:
            text = self.tr("{count} – over the limit, please shorten").format(count=text)
        self.count.setText(text)
        self.count.setAccessibleName(self.tr("Length: {count}").format(count=text))
        self.count.setProperty("role", "error" if check.over else "")
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        self.count.show()

    def over_limit(self) -> bool:
        return self.count.isVisible() and self.count.property("role") == "error"

    def _update_enabled(self) -> None:
        writable = not self.read_only
        if self.editor is not None:
            self.editor.set_read_only(self.read_only)
        for widget in (self.suggest, self.insert, self.update_button):
            widget.setEnabled(writable)
        value = None if self.current_view() is None else self.current_view().value
        empty = self.question is None or is_empty(self.question, value)
        self.ready.setEnabled(writable and not (empty and not self.ready.isChecked()))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        if self.question is not None:
            self._update_enabled()

    # -- requests -----------------------------------------------------------------------------
    def _on_member(self, row: int) -> None:
        self.members_combo.setCurrentIndex(row)
        if self.editor is not None:
            self.editor.flush()
        if self.question is not None:
            self._show_answer(force=True)

    def _on_committed(self, value: Any) -> None:
        if self.question is not None and not self.read_only:
            self.save_requested.emit(self.question.id, self.editing_member, value)
            self.ready.setEnabled(not is_empty(self.question, value) or self.ready.isChecked())

    def _on_ready(self, checked: bool) -> None:
        if self.question is not None:
            self.flush()
            self.ready_requested.emit(self.question.id, self.current_member(), checked)

    def _library(self, *, every: bool) -> None:
        if self.question is not None and not self.read_only:
            self.flush()
            self.library_requested.emit(self.question.id, self.current_member(), every)

    def _update_from_source(self) -> None:
        if self.question is not None:
            if self.editor is not None:
                # The source's value will replace what is on screen, typing included, as one
                # undoable edit (Ctrl+Z brings the writer's words back).
                self.editor.discard_pending()
            self.update_requested.emit(self.question.id, self.current_member())

    def flush(self) -> None:
        if self.editor is not None:
            self.editor.flush()

    def focus_editor(self) -> None:
        if self.editor is not None:
            self.editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.flush()
        if self.editor is not None:
            self.editor_slot.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
            self.editor = None
        self.question = None
