"""Where an answer came from: "From profile: Legal name", "From library: …", "Typed"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from bidkit.forms.schema import Question
from bidkit.forms.table_cells import cell_text
from bidkit.ops.library_credit import holds_library_text


def value_text(question: Question, value: Any) -> str:
    """A stored answer as one short line of text, for tooltips."""
    if value is None or value == "":
        return ""
    if isinstance(value, dict):
        if "title" in value:
            return str(value["title"])
        if "answer" in value:
            details = str(value.get("details") or "")
            return f"{str(value.get('answer') or '').capitalize()} {details}".strip()
        parts = [str(value.get(k) or "") for k in ("name", "role", "date")]
        return ", ".join(p for p in parts if p)
    if isinstance(value, list):
        if question.columns:
            rows = [
                "; ".join(cell_text(c.type, row.get(c.id)) for c in question.columns)
                for row in value
                if isinstance(row, dict)
            ]
            return " | ".join(rows)
        return ", ".join(question.option_text(str(v)) for v in value)
    if question.options:
        return question.option_text(str(value))
    if value in ("yes", "no"):
        return str(value).capitalize()
    return str(value)


class ProvenanceBadge(QLabel):
    """A small badge saying where the answer on screen came from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "badge")
        # A long source ("Includes library text: Safeguarding adults: summary of our approach
        # (97% match…)") wraps onto a second line: unwrapped it widened the answer panel past
        # the window at 1024 pixels and put a sideways scroll bar under it.
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.show_answer(None, None)

    def sizeHint(self) -> QSize:
        """One line when there is room for it (a wrapping label asks for less by default)."""
        hint = super().sizeHint()
        frame = self.width() - self.contentsRect().width() if self.width() else 24
        line = self.fontMetrics().horizontalAdvance(self.text()) + frame + 2
        return QSize(max(hint.width(), line), hint.height())

    def show_answer(self, question: Question | None, view: Any) -> None:
        """`view` is the stored AnswerView, or None when nothing is stored yet."""
        text, tip = self.describe(question, view)
        self.setText(text)
        self.setToolTip(tip)
        self.setAccessibleName(text)
        self.setAccessibleDescription(tip)
        self.setVisible(bool(text))

    def describe(self, question: Question | None, view: Any) -> tuple[str, str]:
        if question is None or view is None:
            return self.tr("Not answered yet"), ""
        label = str(view.source_label or "")
        kind = str(view.source_kind or "")
        source = label.split(": ", 1)[1] if ": " in label else label
        used = value_text(question, view.source_value)
        if len(used) > 300:
            used = used[:300] + "…"
        tip = self.tr("Pre-fill used: {value}").format(value=used) if used else ""
        if kind == "profile":
            if view.edited:
                return self.tr("Edited (was from profile: {source})").format(source=source), tip
            return self.tr("From profile: {source}").format(source=source), tip
        if kind == "evidence":
            flag = str(getattr(view, "evidence_flag", "") or "")
            warning = f" ⚠ {flag}" if flag else ""
            if view.edited and holds_library_text(view.value, view.source_value):
                # Library text inserted into the writer's own words.
                text = self.tr("Includes library text: {source}").format(source=source)
                return text + warning, tip
            if view.edited:
                text = self.tr("Edited (was from library: {source})").format(source=source)
                return text + warning, tip
            return self.tr("From library: {source}").format(source=source) + warning, tip
        return self.tr("Typed"), ""
