"""Answer editors for choices, a library item and a declaration (see answer_editor.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from bidkit.forms.schema import Question
from bidkit.profile.catalogue import FieldSpec
from bidkit.ui.questionnaire.answer_editor import AnswerEditor, AnswerLineField, Radios
from bidkit.ui.questionnaire.text_edits import replace_line


class SingleChoiceEditor(AnswerEditor):
    """Radio buttons, or a list to pick from when there are more than six options."""

    MAX_RADIOS = 6

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        options = [(o.id, o.text) for o in question.options]
        self.combo: QComboBox | None = None
        self.radios: Radios | None = None
        if len(options) > self.MAX_RADIOS:
            self.combo = QComboBox(self)
            self.named(self.combo, self.subject())
            self.combo.addItem(self.tr("Choose…"), None)
            for option_id, text in options:
                self.combo.addItem(text, option_id)
            self.combo.activated.connect(lambda _i: self.changed())
            self.layout_.addWidget(self.combo)
        else:
            self.radios = Radios(options, self.subject(), self, vertical=True)
            self.radios.clicked.connect(self.changed)
            self.layout_.addWidget(self.radios)

    def value(self) -> Any:
        if self.combo is not None:
            return self.combo.currentData()
        assert self.radios is not None
        return self.radios.value()

    def show_value(self, value: Any) -> None:
        if self.combo is not None:
            index = self.combo.findData(value)
            self.combo.setCurrentIndex(max(index, 0))
        elif self.radios is not None:
            self.radios.select(value)

    def focus_widget(self) -> QWidget:
        if self.combo is not None:
            return self.combo
        assert self.radios is not None
        return self.radios.first()


class MultipleChoiceEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.boxes: dict[str, QCheckBox] = {}
        for option in question.options:
            box = QCheckBox(option.text, self)
            self.named(box, f"{self.subject()}: {option.text}")
            box.toggled.connect(lambda _on: self.changed())
            self.boxes[option.id] = box
            self.layout_.addWidget(box)

    def value(self) -> Any:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def show_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self)


class EvidenceEditor(AnswerEditor):
    """A reference to a library item: its title, and "Choose…" to pick another."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        row = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose = QPushButton(self.tr("Choose…"), self)
        self.choose.setAutoDefault(True)  # Enter on the focused button chooses
        self.named(self.choose, self.tr("Choose a library item for {number}").format(
            number=question.number))  # fmt: skip
        self.choose.clicked.connect(self.evidence_requested)
        row.addWidget(self.title, 1)
        row.addWidget(self.choose)
        self.layout_.addLayout(row)
        self._value: Any = None

    def value(self) -> Any:
        return self._value

    def show_value(self, value: Any) -> None:
        self._value = value
        if isinstance(value, dict) and value.get("title"):
            self.title.setText(str(value["title"]))
        elif isinstance(value, str) and value.strip():
            self.title.setText(" ".join(value.split())[:200])
        else:
            self.title.setText(self.tr("No library item chosen yet."))
        self.title.setAccessibleName(self.title.text())

    def focus_widget(self) -> QWidget:
        return self.choose


class DeclarationEditor(AnswerEditor):
    """ "I agree", with the signatory's name, role and the date."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.agree = QCheckBox(self.tr("I agree"), self)
        self.named(self.agree, self.tr("I agree to declaration {number}").format(
            number=question.number))  # fmt: skip
        self.agree.toggled.connect(lambda _on: self.changed())
        self.name = QLineEdit(self)
        self.role = QLineEdit(self)
        self.date = AnswerLineField(FieldSpec(key="date", label="Date", kind="date"), self)
        form = QFormLayout()
        form.addRow(self.agree)
        for widget, label in ((self.name, self.tr("Name")), (self.role, self.tr("Role"))):
            self.named(widget, label)
            widget.textEdited.connect(lambda _t: self.typed())
            self.save_on_focus_out(widget)
            form.addRow(label, widget)
        self.date.set_accessible(self.tr("Date signed"))
        self.date.edited.connect(lambda _o, _n: self.changed())
        form.addRow(self.tr("Date"), self.date)
        self.layout_.addLayout(form)

    def value(self) -> Any:
        signed = self.date.value()
        return {
            "agreed": self.agree.isChecked(),
            "name": self.name.text().strip(),
            "role": self.role.text().strip(),
            "date": signed.isoformat() if isinstance(signed, date) else None,
        }

    def show_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        self.agree.setChecked(bool(value.get("agreed")))
        for line, key in ((self.name, "name"), (self.role, "role")):
            text = str(value.get(key) or "")
            if self._fresh:
                line.setText(text)
            elif line.text().strip() != text:
                replace_line(line, text)
        try:
            signed = date.fromisoformat(str(value["date"])) if value.get("date") else None
        except ValueError:
            signed = None
        self.date.set_value(signed, force=True)

    def is_dirty(self) -> bool:
        return self._dirty or self.date.is_dirty()

    def focus_widget(self) -> QWidget:
        return self.agree

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.date.set_read_only(read_only)
