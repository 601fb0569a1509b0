"""The exclusion grounds: a fixed list, each answered Yes or No.

A "Yes" needs the date, what happened and the steps taken since (self-cleaning), so those
fields appear only under a "Yes".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS, ExclusionGround
from bidkit.profile.catalogue import TABLE_COLUMNS
from bidkit.ui.profile.field_editors import (
    FieldEditor,
    error_label,
    help_label,
    make_editor,
    show_problem,
)

_COLUMNS = TABLE_COLUMNS["exclusions"]


class GroundAnswer(QFrame):
    """One ground: its name and explanation, Yes/No, and the details a "Yes" needs."""

    answer_edited = Signal(str, str, object, object)  # ground, column key, old, new

    def __init__(self, ground: ExclusionGround, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ground = ground
        self.setObjectName("exclusionGround")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel(ground.label, self)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: 600;")
        kind = self.tr("Mandatory ground") if ground.mandatory else self.tr("Discretionary ground")
        layout.addWidget(title)
        layout.addWidget(help_label(f"{kind}. {ground.help}", self))
        self.editors: dict[str, FieldEditor] = {}
        self.applies = self._editor("applies")
        self.applies.set_accessible(ground.label, ground.help)
        layout.addWidget(self.applies)
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(16, 0, 0, 0)
        self.problems: dict[str, QLabel] = {}
        for key in ("occurred_on", "details", "self_cleaning"):
            spec = _COLUMNS[key]
            editor = self._editor(key)
            editor.set_accessible(
                self.tr("{field} ({ground})").format(field=spec.label, ground=ground.label)
            )
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            problem = error_label(self.details)
            editor.problem_changed.connect(lambda text, p=problem: show_problem(p, text))
            box.addWidget(problem)
            label = QLabel(spec.label, self.details)
            label.setBuddy(editor.focus_widget())
            form.addRow(label, box)
        layout.addWidget(self.details)
        self.details.hide()

    def _editor(self, key: str) -> FieldEditor:
        editor = make_editor(_COLUMNS[key], self)
        editor.edited.connect(
            lambda old, new, key=key: self.answer_edited.emit(self.ground.code, key, old, new)
        )
        self.editors[key] = editor
        return editor

    def set_answer(self, row: Mapping[str, Any], *, force: bool = False) -> None:
        for key, editor in self.editors.items():
            editor.set_value(row.get(key), force=force)
        self._reveal()

    def _reveal(self) -> None:
        try:
            applies = self.applies.value()
        except ValueError:
            applies = None
        self.details.setVisible(applies is True)

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.set_read_only(read_only)


class ExclusionsPanel(QWidget):
    """Every exclusion ground BidKit knows, in the order questionnaires list them."""

    answer_edited = Signal(str, str, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.answers: dict[str, GroundAnswer] = {}
        for ground in EXCLUSION_GROUNDS:
            answer = GroundAnswer(ground, self)
            answer.answer_edited.connect(self.answer_edited)
            answer.applies.edited.connect(lambda _o, _n, a=answer: a._reveal())
            self.answers[ground.code] = answer
            layout.addWidget(answer)

    def set_rows(self, rows: list[Mapping[str, Any]], *, force: bool = False) -> None:
        by_ground = {row.get("ground"): row for row in rows}
        for code, answer in self.answers.items():
            answer.set_answer(by_ground.get(code, {}), force=force)

    def set_read_only(self, read_only: bool) -> None:
        for answer in self.answers.values():
            answer.set_read_only(read_only)

    def editors(self) -> list[FieldEditor]:
        return [e for answer in self.answers.values() for e in answer.editors.values()]

    def focus_first(self) -> None:
        first = next(iter(self.answers.values()), None)
        if first is not None:
            first.applies.focus_editor()
