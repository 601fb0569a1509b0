"""The library's search results: an item model over plain hits, and a delegate that draws them.

Each row holds a `SearchHit` (id, title, kind, snippet with highlight marks, flags, uses). The
delegate draws the title, a line of kind, flags and uses, and the snippet with the matched words
in bold; the snippet text is escaped first, so nothing in an item is ever read as markup.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
MARK_START, MARK_END = "\x02", "\x03"  # as bidkit.library.search marks highlights

ID_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 2
SELECTED_HTML_ROLE = Qt.ItemDataRole.UserRole + 3

KIND_LABELS = {
    "answer": "Answer text",
    "case_study": "Case study",
    "statistic": "Statistic or outcome figure",
    "testimonial": "Testimonial",
    "policy": "Policy document",
    "certificate": "Certificate",
    "other": "Other file",
}


def snippet_html(snippet: str) -> str:
    """The snippet escaped, with its highlight marks as bold."""
    escaped = html.escape(snippet)
    return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


class ResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Any] = []

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == ID_ROLE:
            return hit.id
        if role == HTML_ROLE:
            return self._html(hit, selected=False)
        if role == SELECTED_HTML_ROLE:
            return self._html(hit, selected=True)
        if role == FLAGGED_ROLE:
            return bool(hit.stale or hit.expiring)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.title}. {self.describe(hit)}. {plain(hit.snippet)}"
        return None

    def describe(self, hit: Any) -> str:
        parts = [self.tr(KIND_LABELS.get(hit.kind, hit.kind))]
        if hit.expired:
            parts.append(self.tr("Expired"))
        elif hit.expiring:
            parts.append(self.tr("Expiring soon"))
        if hit.stale:
            parts.append(self.tr("Review overdue"))
        if hit.uses == 1:
            parts.append(self.tr("used in 1 bid"))
        elif hit.uses:
            parts.append(self.tr("used in {n} bids").format(n=hit.uses))
        else:
            parts.append(self.tr("never used"))
        return " · ".join(parts)

    def _html(self, hit: Any, *, selected: bool) -> str:
        """Three lines; plain colours on the selection, which has its own text colour."""
        title, detail, flag_colour = ("", "", "") if selected else (
            "color:#1b2a4a;", "color:#4a5563;", "color:#8a5300;"
        )  # fmt: skip
        flag = ""
        if hit.expired or hit.expiring or hit.stale:
            flag = f' <span style="{flag_colour}font-weight:600">⚠</span>'
        return (
            f'<div style="font-weight:600;{title}">{html.escape(hit.title)}{flag}</div>'
            f'<div style="{detail}font-size:9pt">{html.escape(self.describe(hit))}</div>'
            f"<div>{snippet_html(hit.snippet)}</div>"
        )

    def set_hits(self, hits: list[Any]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def row_of(self, item_id: int) -> int:
        return next((i for i, hit in enumerate(self.hits) if hit.id == item_id), -1)


class SnippetDelegate(QStyledItemDelegate):
    """Draws a result as three lines of rich text: title, kind and flags, snippet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = QTextDocument(self)
        self._document.setDocumentMargin(6)

    def _layout(
        self, option: QStyleOptionViewItem, index: Index, *, selected: bool = False
    ) -> QTextDocument:
        self._document.setDefaultFont(option.font)
        role = SELECTED_HTML_ROLE if selected else HTML_ROLE
        self._document.setHtml(str(index.data(role) or ""))
        self._document.setTextWidth(max(120, option.rect.width()))
        return self._document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_free = QStyleOptionViewItem(option)
        text_free.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem,
                text_free,
                painter,
                option.widget,
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._layout(option, index, selected=selected)
        painter.save()
        rect = option.rect
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        colour = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(
            QPalette.ColorRole.Text,
            option.palette.color(colour),
        )
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        document = self._layout(option, index)
        return QSize(int(document.idealWidth()), int(min(document.size().height(), 120)) + 2)
