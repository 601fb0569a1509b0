"""The questionnaire's sections and questions as a tree, with each question's status.

`QuestionTreeModel` is a real item model over the form's structure: nodes hold the section or
question and are addressed by their position in a flat list (the index's internal id), so
indexes never carry Python objects. Statuses come from an `AnswerLookup` and are refreshed in
place when answers change, so the selection and scroll position survive every save.
`QuestionFilter` shows only the questions a filter asks for, keeping their sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from bidkit.forms.schema import Form, Question, Section
from bidkit.ui.questionnaire.answer_status import AnswerLookup, Status

QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Status colours (dark enough for 4.5:1 against white) and their order of urgency.
STATUS_COLOURS = {
    Status.EMPTY: "#8a96a8",
    Status.PREFILLED: "#1a5fb4",
    Status.EDITED: "#6a3d9a",
    Status.ANSWERED: "#0f6e6b",
    Status.OVER_LIMIT: "#b00020",
    Status.READY: "#2e7d32",
    Status.SOURCE_CHANGED: "#8a5300",
    Status.NOT_ASKED: "#c9d1dc",
}


def status_text(status: Status) -> str:
    texts = {
        Status.EMPTY: "Empty",
        Status.PREFILLED: "Pre-filled",
        Status.EDITED: "Edited",
        Status.ANSWERED: "Answered",
        Status.OVER_LIMIT: "Over limit",
        Status.READY: "Ready",
        Status.SOURCE_CHANGED: "Source changed",
        Status.NOT_ASKED: "Not asked",
    }
    return QCoreApplication.translate("QuestionTreeModel", texts[status])


_ICONS: dict[Status, QIcon] = {}


def status_icon(status: Status) -> QIcon:
    """A filled circle in the status colour (a hollow one for a question not asked)."""
    if status not in _ICONS:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(STATUS_COLOURS[status])
        painter.setPen(colour)
        if status is not Status.NOT_ASKED:
            painter.setBrush(colour)
        painter.drawEllipse(3, 3, 10, 10)
        painter.end()
        _ICONS[status] = QIcon(pixmap)
    return _ICONS[status]


@dataclass
class _Node:
    parent: int  # position of the parent node; -1 for top-level sections
    row: int
    section: Section | None = None
    question: Question | None = None
    children: list[int] = field(default_factory=list)


class QuestionTreeModel(QAbstractItemModel):
    """Sections (numbered as the buyer numbers them) holding their questions."""

    COLUMNS = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form: Form | None = None
        self.lookup: AnswerLookup | None = None
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._by_question: dict[str, int] = {}
        self._status: dict[str, Status] = {}
        #: Question id -> the organisations that still owe an answer (questions each member
        #: answers), so the list says who.
        self._owing: dict[str, tuple[str, ...]] = {}

    # -- loading ------------------------------------------------------------------------------
    def set_form(self, form: Form | None, lookup: AnswerLookup | None) -> None:
        """Show another form (rebuilds the tree) or the same form's new answers (in place)."""
        if form is not None and self.form is not None and form.id == self.form.id:
            self.set_answers(lookup)
            return
        self.beginResetModel()
        self.form, self.lookup = form, lookup
        self._nodes, self._top, self._by_question = [], [], {}
        if form is not None:
            for row, section in enumerate(form.sections):
                self._top.append(self._add_section(section, -1, row))
        self._compute()
        self.endResetModel()

    def _add_section(self, section: Section, parent: int, row: int) -> int:
        position = len(self._nodes)
        node = _Node(parent, row, section=section)
        self._nodes.append(node)
        for question in section.questions:
            child = len(self._nodes)
            self._nodes.append(_Node(position, len(node.children), question=question))
            self._by_question[question.id] = child
            node.children.append(child)
        for sub in section.sections:
            node.children.append(self._add_section(sub, position, len(node.children)))
        return position

    def set_answers(self, lookup: AnswerLookup | None) -> None:
        """New answers for the same form: only the rows whose status changed are repainted,
        with the sections holding them (their summaries), so a save costs a few rows."""
        self.lookup = lookup
        before = dict(self._status)
        self._compute()
        changed = [qid for qid, status in self._status.items() if before.get(qid) != status]
        sections: dict[int, None] = {}
        for question_id in changed:
            index = self.index_of(question_id)
            self.dataChanged.emit(index, index.siblingAtColumn(self.COLUMNS - 1))
            position = self._nodes[index.internalId()].parent
            while position >= 0:
                sections[position] = None
                position = self._nodes[position].parent
        for position in sections:
            node = self._nodes[position]
            index = self.createIndex(node.row, 0, position)
            self.dataChanged.emit(index, index.siblingAtColumn(self.COLUMNS - 1))

    def set_owing(self, owing: dict[str, tuple[str, ...]]) -> None:
        before, self._owing = self._owing, dict(owing)
        for question_id in set(before) | set(owing):
            if before.get(question_id) != owing.get(question_id):
                index = self.index_of(question_id)
                if index.isValid():
                    cell = index.siblingAtColumn(self.COLUMNS - 1)
                    self.dataChanged.emit(cell, cell)

    def owing(self, question_id: str) -> tuple[str, ...]:
        return self._owing.get(question_id, ())

    def _status_label(self, question_id: str, status: Status) -> str:
        """ "Empty", or "Empty – Greenway" / "Empty – Greenway +1" when members still owe it."""
        names = self._owing.get(question_id, ())
        if not names or status is Status.NOT_ASKED:
            return status_text(status)
        who = names[0] if len(names) == 1 else f"{names[0]} +{len(names) - 1}"
        return f"{status_text(status)} – {who}"

    def _compute(self) -> None:
        self._status = {}
        if self.form is None or self.lookup is None:
            return
        for question in self.form.questions():
            self._status[question.id] = self.lookup.status(question)

    # -- lookups ------------------------------------------------------------------------------
    def status(self, question_id: str) -> Status:
        return self._status.get(question_id, Status.EMPTY)

    def question(self, index: ModelIndex) -> Question | None:
        node = self._node(index)
        return None if node is None else node.question

    def index_of(self, question_id: str) -> QModelIndex:
        position = self._by_question.get(question_id)
        if position is None:
            return QModelIndex()
        return self.createIndex(self._nodes[position].row, 0, position)

    def question_ids(self) -> list[str]:
        """Every question id in the form's order."""
        return [q.id for q in self.form.questions()] if self.form is not None else []

    def _node(self, index: ModelIndex) -> _Node | None:
        if not index.isValid():
            return None
        position = index.internalId()
        return self._nodes[position] if 0 <= position < len(self._nodes) else None

    def _children(self, parent: ModelIndex) -> list[int]:
        if not parent.isValid():
            return self._top
        node = self._node(parent)
        return [] if node is None or parent.column() != 0 else node.children

    # -- QAbstractItemModel ---------------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return len(self._children(parent))

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return self.COLUMNS

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = ("Question", "Status")
            if 0 <= section < len(titles):
                return QCoreApplication.translate("QuestionTreeModel", titles[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if node.section is not None:
            return self._section_data(node.section, index.column(), role)
        assert node.question is not None
        return self._question_data(node.question, index.column(), role)

    def _section_data(self, section: Section, column: int, role: int) -> Any:
        label = f"{section.number} {section.title}".strip()
        if role in (Qt.ItemDataRole.DisplayRole, ACCESSIBLE_ROLE):
            if column == 0:
                return label
            if column == 1:
                return self._section_summary(section)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return section.help or label
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _section_summary(self, section: Section) -> str:
        statuses = [self.status(q.id) for q in section.all_questions()]
        asked = [s for s in statuses if s is not Status.NOT_ASKED]
        done = sum(1 for s in asked if s is not Status.EMPTY)
        return QCoreApplication.translate("QuestionTreeModel", "{done} of {total}").format(
            done=done, total=len(asked)
        )

    def _question_data(self, question: Question, column: int, role: int) -> Any:
        status = self.status(question.id)
        label = f"{question.number} {question.text}".strip()
        if role == Qt.ItemDataRole.DisplayRole:
            return label if column == 0 else self._status_label(question.id, status)
        if role == ACCESSIBLE_ROLE:
            names = ", ".join(self.owing(question.id))
            shown = f"{status_text(status)}, {names}" if names else status_text(status)
            if column == 0:
                return QCoreApplication.translate("QuestionTreeModel", "{label}, {status}").format(
                    label=label, status=shown
                )
            return shown
        if role == Qt.ItemDataRole.ToolTipRole:
            if status is Status.NOT_ASKED:
                return QCoreApplication.translate(
                    "QuestionTreeModel", "Not asked because of an earlier answer"
                )
            if self.owing(question.id):
                return QCoreApplication.translate(
                    "QuestionTreeModel", "{label}\nStill to answer: {names}"
                ).format(label=label, names=", ".join(self.owing(question.id)))
            return label
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return status_icon(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            if status is Status.NOT_ASKED:
                return QBrush(QColor("#6b7280"))
            if column == 1:
                return QBrush(QColor(STATUS_COLOURS[status]))
            return None
        if role == Qt.ItemDataRole.FontRole and status is Status.NOT_ASKED:
            font = QFont()
            font.setItalic(True)
            return font
        if role == QUESTION_ID_ROLE:
            return question.id
        if role == STATUS_ROLE:
            return str(status)
        return None


class Filter(StrEnum):
    ALL = "all"
    MISSING = "missing"
    EDITED = "edited"
    FROM_PROFILE = "from_profile"
    OVER_LIMIT = "over_limit"
    NOT_READY = "not_ready"


def filter_text(kind: Filter) -> str:
    texts = {
        Filter.ALL: "All questions",
        Filter.MISSING: "Missing answers",
        Filter.EDITED: "Edited",
        Filter.FROM_PROFILE: "From profile",
        Filter.OVER_LIMIT: "Over limit",
        Filter.NOT_READY: "Not ready",
    }
    return QCoreApplication.translate("QuestionFilter", texts[kind])


class QuestionFilter(QSortFilterProxyModel):
    """Keeps the questions a filter asks for; their sections stay (recursive filtering)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = Filter.ALL
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)

    def set_kind(self, kind: Filter) -> None:
        self.beginFilterChange()
        self.kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def tree(self) -> QuestionTreeModel:
        model = self.sourceModel()
        assert isinstance(model, QuestionTreeModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if self.kind is Filter.ALL:
            return True
        tree = self.tree()
        question = tree.question(tree.index(source_row, 0, source_parent))
        if question is None or tree.lookup is None:
            return False  # a section shows when one of its questions does
        return accepts(self.kind, question, tree.status(question.id), tree.lookup)


def accepts(kind: Filter, question: Question, status: Status, lookup: AnswerLookup) -> bool:
    if status is Status.NOT_ASKED:
        return kind is Filter.ALL
    if kind is Filter.MISSING:
        return status is Status.EMPTY
    if kind is Filter.EDITED:
        return status in (Status.EDITED, Status.SOURCE_CHANGED)
    if kind is Filter.FROM_PROFILE:
        return lookup.from_profile(question)
    if kind is Filter.OVER_LIMIT:
        return status is Status.OVER_LIMIT
    if kind is Filter.NOT_READY:
        return lookup.not_ready(question)
    return True
