"""Pick a library item: search as you type, read the whole item, insert it with Enter.

One picker serves every place that takes a library item (Insert from library…, Suggest…, an
evidence answer's Choose…). With the search box empty it lists the suggestions it was given
first (the items that fit the question best, ranked by the confidence pre-fill uses, each with
that confidence and its reason), then the rest of the library by title; typing
searches the whole library (full-text, on the database worker, a moment after typing stops).
The selected item is shown in full, wrapped, paragraph by paragraph. Up and Down move through
the list from the search box; Enter picks.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.runner import DatabaseRunner

#: Search once typing has paused this long (milliseconds).
SEARCH_DELAY_MS = 120
#: How many items a search lists.
SEARCH_LIMIT = 60

_ID_ROLE = Qt.ItemDataRole.UserRole
#: A row of the list: item id, title, how it fits the question (suggestions), opening, suggested.
_Entry = tuple[int, str, str, str, bool]
_NAVIGATION_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def _search_job(text: str) -> Callable[[Any], list[Any]]:
    def job(ws: Any) -> list[Any]:
        from bidkit.ops.evidence import search_library

        return [h for h in search_library(ws, text, limit=SEARCH_LIMIT) if not h.expired]

    return job


def _text_job(item_id: int) -> Callable[[Any], Any]:
    def job(ws: Any) -> Any:
        from bidkit.ops.evidence_use import library_text

        return library_text(ws, item_id)

    return job


def preview_html(title: str, body: str, flag: str = "") -> str:
    """An item as readable HTML: its title, any review flag, then its paragraphs and bullets."""
    parts = [f"<h3>{html.escape(title)}</h3>"]
    if flag:
        parts.append(f"<p><i>{html.escape(flag)}</i></p>")
    for paragraph in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith(("- ", "* ", "• ")) for line in lines):
            items = "".join(f"<li>{html.escape(line.lstrip()[2:].strip())}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    return "".join(parts)


class _ListKeys(QObject):
    """Up, Down, Page Up and Page Down typed in the search box move through the list."""

    def __init__(self, picker: LibraryPicker) -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _NAVIGATION_KEYS
            and self.picker.list.count()
        ):
            self.picker.move_selection(event.key())
            return True
        return False


class LibraryPicker(QDialog):
    """Search and choose one library item; `chosen` carries its whole text (LibraryText)."""

    chosen = Signal(object)
    #: The list shows new results (for tests and benchmarks to wait on).
    results_shown = Signal()
    #: The preview shows the selected item.
    preview_shown = Signal()

    def __init__(
        self,
        runner: DatabaseRunner,
        *,
        heading: str,
        suggest: Callable[[Any], Sequence[Any]] | None = None,
        action: str = "",
        report_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`suggest(workspace)` returns the items that fit best (evidence_id, title, snippet)."""
        super().__init__(parent)
        self.runner = runner
        self._suggest = suggest
        self._report_error = report_error
        self._searching = False
        self._pick_after_search = False
        self._suggested: list[Any] = []
        self._texts: dict[int, Any] = {}
        self._serial = 0
        self._preview_serial = 0
        self._picking = False
        self.setWindowTitle(self.tr("Evidence library"))
        self.setMinimumSize(720, 460)

        intro = QLabel(heading, self)
        intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr('Search the library: words, "a phrase", tag:name'))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(_ListKeys(self))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Library items"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(lambda _now, _before: self._on_current())
        self.list.itemActivated.connect(lambda _item: self.pick_current())
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(self.tr("The chosen item in full"))
        self.preview.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.insert = buttons.addButton(
            action or self.tr("Insert"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.insert.setAccessibleName(self.tr("Use the chosen item"))
        self.insert.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.pick_current)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.insert.setEnabled(False)
        self.search.setFocus()
        self._load_suggestions()

    # -- listing ------------------------------------------------------------------------------
    def _load_suggestions(self) -> None:
        suggest = self._suggest
        self._serial += 1
        self._searching = True
        serial = self._serial

        def job(ws: Any) -> tuple[list[Any], list[Any]]:
            from bidkit.ops.evidence import search_library

            suggested = list(suggest(ws)) if suggest is not None else []
            rest = [h for h in search_library(ws, "", limit=500) if not h.expired]
            return suggested, rest

        def done(result: tuple[list[Any], list[Any]]) -> None:
            self._suggested = result[0]
            if serial == self._serial:
                self._searching = False
                self._show_empty_search(result[1])

        self.runner.run(job, done, self._failed, quiet=True)

    def _show_empty_search(self, rest: Sequence[Any]) -> None:
        entries: list[_Entry] = [
            (int(s.evidence_id), str(s.title), self._fit(s), str(s.snippet), True)
            for s in self._suggested
        ]
        seen = {e[0] for e in entries}
        entries += [(h.id, h.title, "", h.plain_snippet, False) for h in rest if h.id not in seen]
        self._show(entries)

    def _fit(self, suggestion: Any) -> str:
        """How surely a suggestion fits the question and why: "92% match: asks about
        mobilisation" (the confidence and reason pre-fill decides with)."""
        confidence = getattr(suggestion, "confidence", None)
        if confidence is None:
            return ""
        return self.tr("{percent}% match: {why}").format(
            percent=round(float(confidence) * 100), why=suggestion.why
        )

    def run_search(self) -> None:
        text = self.search.text().strip()
        self._debounce.stop()
        if not text:
            self._load_suggestions()
            return
        self._serial += 1
        self._searching = True
        serial = self._serial

        def done(hits: list[Any]) -> None:
            if serial == self._serial:
                self._searching = False
                self._show([(h.id, h.title, "", h.plain_snippet, False) for h in hits])

        self.runner.run(_search_job(text), done, self._failed, quiet=True)

    def _show(self, entries: Sequence[_Entry]) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for item_id, title, fit, opening, suggested in entries:
            shown_title = self.tr("{title} (suggested)").format(title=title) if suggested else title
            snippet = " ".join(opening.split())
            if len(snippet) > 120:  # the whole item reads in the preview
                snippet = snippet[:120].rsplit(" ", 1)[0] + "…"
            if fit:
                snippet = f"{fit}\n{snippet}" if snippet else fit
            entry = QListWidgetItem(f"{shown_title}\n{snippet}" if snippet else shown_title)
            entry.setData(_ID_ROLE, item_id)
            entry.setToolTip(title)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"{shown_title}. {snippet}")
            self.list.addItem(entry)
        self.list.blockSignals(False)
        rows = [self.list.item(r).data(_ID_ROLE) for r in range(self.list.count())]
        self.list.setCurrentRow(rows.index(current) if current in rows else 0)
        has_items = self.list.count() > 0
        self.insert.setEnabled(has_items)
        if not has_items:
            self.empty.setText(
                self.tr("Nothing in the library matches “{text}”.").format(text=self.search.text())
                if self.search.text().strip()
                else self.tr(
                    "The evidence library is empty. Add items on the Evidence library page; "
                    "items that have expired are not offered."
                )
            )
            self.preview.clear()
        self.empty.setVisible(not has_items)
        self._on_current()
        self.results_shown.emit()
        if self._pick_after_search:
            self._pick_after_search = False
            self.pick_current()

    def move_selection(self, key: int) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8}.get(Qt.Key(key), 8)
        row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
        self.list.setCurrentRow(row)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID_ROLE))

    # -- preview and choosing -----------------------------------------------------------------
    def _on_current(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            return
        if item_id in self._texts:
            self._show_preview(self._texts[item_id])
            return
        self._preview_serial += 1
        serial = self._preview_serial

        def done(text: Any) -> None:
            self._texts[text.id] = text
            if serial == self._preview_serial and self.current_id() == text.id:
                self._show_preview(text)

        self.runner.run(_text_job(item_id), done, self._failed, quiet=True)

    def _show_preview(self, text: Any) -> None:
        self.preview.setHtml(preview_html(text.title, text.body, text.flag))
        self.preview_shown.emit()

    def pick_current(self) -> None:
        if self._debounce.isActive() or self._searching:
            # Enter typed straight after the search words: pick from their results.
            self._pick_after_search = True
            if self._debounce.isActive():
                self.run_search()
            return
        item_id = self.current_id()
        if item_id is None or self._picking:
            return
        if item_id in self._texts:
            self._pick(self._texts[item_id])
            return
        self._picking = True

        def done(text: Any) -> None:
            self._picking = False
            self._texts[text.id] = text
            self._pick(text)

        self.runner.run(_text_job(item_id), done, self._failed, quiet=True)

    def _pick(self, text: Any) -> None:
        self.accept()  # first: what `chosen` opens next (a question) is not closed with it
        self.chosen.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._picking = self._searching = self._pick_after_search = False
        if self._report_error is not None:
            self._report_error(error)
        else:
            self.empty.setText(str(error))
            self.empty.show()
