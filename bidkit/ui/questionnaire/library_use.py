"""Putting a library item into the answer on screen, for the Questionnaires page.

Suggest…, Insert from library… and an evidence answer's Choose… open one picker. A text answer
takes the item at the cursor (over the selection) as one undo step; an answer that cannot take
text inserted (an evidence answer) is replaced, after asking when it already has a value. The
answer is then saved with the item as its source and the use recorded (`use_library_item`),
and the focus goes back to the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from bidkit.forms.schema import AnsweredBy, AnswerType, Question
from bidkit.ui.questionnaire import local_answers, snapshot_jobs

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes
    from bidkit.ui.pages.questionnaires import QuestionnairesPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryUse", text)


class LibraryUse:
    """The library flow of one Questionnaires page (it reads the page's answers and panel)."""

    def __init__(self, page: QuestionnairesPage) -> None:
        self.page = page

    def open(self, question_id: str, member: int | None) -> None:
        """The picker for the answer on screen: suggestions first, search as you type."""
        from bidkit.ui.library.picker_dialog import LibraryPicker

        page = self.page
        if page.snapshot is None or page.form is None:
            return
        bid_form_id = page.snapshot.bid_form_id
        question = page.form.question(question_id)

        def suggest(ws: Any) -> Any:
            return snapshot_jobs.suggestions(ws, bid_form_id, question_id)

        evidence = question.type is AnswerType.EVIDENCE
        editor = page.panel.editor
        if evidence:
            heading = _tr("Choose the library item that answers {number}. Type to search the "
                          "library.")  # fmt: skip
        elif editor is not None and editor.has_selection():
            heading = _tr(
                "Insert a library item into the answer to {number}, replacing the selected "
                "text. Items that fit the question come first; type to search the whole library."
            )
        else:
            heading = _tr(
                "Insert a library item into the answer to {number}, where the cursor is. "
                "Items that fit the question come first; type to search the whole library."
            )
        heading = heading.format(number=question.number)
        dialog = LibraryPicker(
            page.context.runner,
            heading=heading,
            suggest=suggest,
            action=_tr("Choose") if evidence else _tr("Insert"),
            report_error=page.context.signals.error.emit,
            parent=page,
        )
        dialog.chosen.connect(lambda text: self.use(question_id, member, text))
        dialog.rejected.connect(page.panel.focus_editor)
        page.open_dialog(dialog)
        dialog.search.setFocus()

    def use(self, question_id: str, member: int | None, text: Any) -> None:
        """Put a library item (`LibraryText`) into the answer: at the cursor, or as the answer."""
        page = self.page
        if page.snapshot is None or page.read_only or page.form is None or page.lookup is None:
            return
        question = page.form.question(question_id)
        editor = page.panel.editor
        answering = member if question.answered_by is not AnsweredBy.LEAD else None
        if page.question_id != question_id or page.panel.editing_member != answering:
            editor = None
        if question.type is AnswerType.EVIDENCE:
            value: Any = {"evidence_id": int(text.id), "title": str(text.title)}
        elif editor is not None and editor.insert_text(text.body):
            self._save(question, member, editor.value(), text)
            return
        else:
            value = text.body
        current = page.lookup.value(question_id, member)
        if current in (None, "", {}, []) or current == value:
            self._replace(question, member, value, text)
            return
        self._ask_to_replace(question, member, value, text, current)

    def _ask_to_replace(self, question: Question, member: int | None, value: Any, text: Any,
                        current: Any) -> None:  # fmt: skip
        from bidkit.ui.questionnaire.provenance_badge import value_text
        from bidkit.ui.questionnaire.replace_dialog import ReplaceDialog

        page = self.page
        dialog = ReplaceDialog(question.number, str(text.title), value_text(question, current),
                               page)  # fmt: skip
        dialog.accepted.connect(lambda: self._replace(question, member, value, text))
        dialog.rejected.connect(page.panel.focus_editor)
        page.open_dialog(dialog)

    def _replace(self, question: Question, member: int | None, value: Any, text: Any) -> None:
        editor = self.page.panel.editor
        if editor is not None and self.page.question_id == question.id:
            editor.set_value(value, force=True)  # one undoable edit in a text answer
        self._save(question, member, value, text)

    def _save(self, question: Question, member: int | None, value: Any, text: Any) -> None:
        from bidkit.ops.evidence_use import use_library_item

        page = self.page
        snapshot = page.snapshot
        if snapshot is None or page.read_only:
            return
        if page.panel.editor is not None and page.question_id == question.id:
            page.panel.editor.mark_saved(value)
            page.panel.focus_editor()

        def saved(_changes: Changes) -> None:
            if page.snapshot is snapshot:
                local_answers.store_library_use(snapshot.answers, question, member, value, text)
                page.answers_changed()

        page.context.run_op(use_library_item, int(snapshot.bid_form_id), question.id, member,
                            int(text.id), value=value, initiator=page, done=saved)  # fmt: skip
