"""The Evidence library page: search as you type, filters, results, and the item editor.

Left: the search box (results follow the typing after a short pause; the search runs on the
database worker), filters, and the results with highlighted snippets. Right: the chosen item,
its history and its usage. Files dropped on the page become items (Word documents are split at
their headings). The database is only touched through `context.runner`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QElapsedTimer, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.confirm import confirm_delete
from bidkit.ui.context import AppContext, Page, WorkspaceInfo
from bidkit.ui.library.duplicates_dialog import DuplicatesDialog
from bidkit.ui.library.history_panel import HistoryPanel, UsagePanel
from bidkit.ui.library.import_flow import ImportFlow
from bidkit.ui.library.item_editor import ItemEditor
from bidkit.ui.library.results_model import ID_ROLE, KIND_LABELS, ResultsModel, SnippetDelegate
from bidkit.ui.pages import file_menus
from bidkit.ui.pages.file_menus import page_actions
from bidkit.ui.widgets import push_button

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes

EVIDENCE = "evidence"
SEARCH_DELAY_MS = 120
RESULT_LIMIT = 100


class LibraryPage(Page):
    key = "library"
    #: File menu actions, made from `file_menus` (the window shows them before the page).
    action_new: QAction
    action_import: QAction
    action_import_folder: QAction

    #: Results are on screen; argument: milliseconds from the search starting to this moment.
    results_shown = Signal(float)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Evidence library")
        self.read_only = False
        self.current_id: int | None = None
        self._opened = False
        self._search_serial = 0
        self._search_running = False
        self._search_again = False
        self._select_after: int | None = None
        self._clock = QElapsedTimer()
        self._flow: ImportFlow | None = None
        self._duplicates: DuplicatesDialog | None = None
        self.model = ResultsModel(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_search)
        self._build()
        self._build_actions()
        self.setAcceptDrops(True)
        self._update_enabled()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 8, 8, 8)
        heading = QLabel(self.tr("Evidence library"), left)
        heading.setObjectName("pageTitle")
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(self.tr('Search: words, "a phrase", tag:name'))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)

        self.view = self._combo(self.tr("Show"))
        for text, value in ((self.tr("All items"), "all"), (self.tr("Most used"), "most_used"),
                            (self.tr("Never used"), "never_used")):  # fmt: skip
            self.view.addItem(text, value)
        self.kind = self._combo(self.tr("Kind"))
        self.kind.addItem(self.tr("Any kind"), None)
        for value, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), value)
        self.tag = self._combo(self.tr("Tag"))
        self.organisation = self._combo(self.tr("Organisation"))
        self.stale = QCheckBox(self.tr("Review overdue"), left)
        self.stale.setAccessibleName(self.tr("Only items whose review is overdue"))
        self.expiring = QCheckBox(self.tr("Expiring"), left)
        self.expiring.setAccessibleName(self.tr("Only items expired or expiring soon"))
        for box in (self.stale, self.expiring):
            box.toggled.connect(lambda _on: self._search_now())
        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        filters.addWidget(self.view, 0, 0)
        filters.addWidget(self.kind, 0, 1)
        filters.addWidget(self.tag, 1, 0)
        filters.addWidget(self.organisation, 1, 1)
        flags = QHBoxLayout()
        flags.addWidget(self.stale)
        flags.addWidget(self.expiring)
        flags.addStretch(1)

        self.results = QListView(left)
        self.results.setModel(self.model)
        self.results.setItemDelegate(SnippetDelegate(self.results))
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.selectionModel().selectionChanged.connect(self._on_selection)
        self.count = QLabel(left)
        self.count.setAccessibleName(self.tr("Number of results"))

        self.new_button = push_button(self, self.tr("New item"), self.new_item)
        self.import_button = push_button(self, self.tr("Import Word documents…"), self.import_word)
        self.duplicates_button = push_button(self, self.tr("Duplicates…"), self.show_duplicates)
        self.delete_button = push_button(self, self.tr("Delete…"), self.confirm_delete)
        self.delete_button.setAccessibleName(self.tr("Delete item"))
        buttons = QGridLayout()
        buttons.addWidget(self.new_button, 0, 0)
        buttons.addWidget(self.delete_button, 0, 1)
        buttons.addWidget(self.import_button, 1, 0)
        buttons.addWidget(self.duplicates_button, 1, 1)

        left_layout.addWidget(heading)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addLayout(flags)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.count)
        left_layout.addLayout(buttons)
        # At least as wide as its filters and buttons need, so no button text is cut.
        left.setMinimumWidth(max(300, left.minimumSizeHint().width()))
        left.setMaximumWidth(520)

        self.editor = ItemEditor(self)
        self.editor.save_requested.connect(self.save_item)
        self.editor.attach_requested.connect(self.attach_file)
        self.editor.remove_file_requested.connect(self.remove_file)
        self.editor.save_file_requested.connect(self.save_file_copy)
        self.history = HistoryPanel(self)
        self.history.version_chosen.connect(self.show_version)
        self.history.restore_requested.connect(self.restore_version)
        self.usage = UsagePanel(self)
        self.usage.open_bid.connect(
            lambda bid_id: self.context.signals.navigate.emit("questionnaires", bid_id)
        )
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Item"))
        self.tabs.tabBar().setAccessibleName(self.tr("Item, history and usage"))
        self.tabs.addTab(self.editor, self.tr("&Item"))
        self.tabs.addTab(self.history, self.tr("Hi&story"))
        self.tabs.addTab(self.usage, self.tr("&Usage"))
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(self.tr("No item selected"))
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty)
        self.right.addWidget(self.tabs)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([left.minimumWidth(), 800])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        order = [self.search, self.view, self.kind, self.tag, self.organisation, self.stale,
                 self.expiring, self.results, self.new_button, self.delete_button,
                 self.import_button, self.duplicates_button, self.tabs]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self._show_empty()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.currentIndexChanged.connect(lambda _i: self._search_now())
        return combo

    def _build_actions(self) -> None:
        page_actions(self, file_menus.LIBRARY)
        self.action_new.triggered.connect(self.new_item)
        self.action_import.triggered.connect(self.import_word)
        self.action_import_folder.triggered.connect(self.import_folder)
        self.action_find = QAction(self.tr("Search the library"), self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_find.triggered.connect(self.search.setFocus)
        self.addAction(self.action_find)

    def _update_enabled(self) -> None:
        writable = self._opened and not self.read_only
        for widget in (self.new_button, self.import_button):
            widget.setEnabled(writable)
        for action in (self.action_new, self.action_import, self.action_import_folder):
            action.setEnabled(writable)
        self.duplicates_button.setEnabled(self._opened)
        self.delete_button.setEnabled(writable and self.current_id is not None)

    def _show_empty(self) -> None:
        if not self._opened:
            text = self.tr("Opening workspace…")
        elif self.model.rowCount() == 0 and not self._searching_anything():
            text = self.tr(
                "The library is empty.\n\nAdd an item, import Word documents, or drop files "
                "here: each heading of a Word document becomes an item."
            )
        else:
            text = self.tr("Choose an item to see and edit it.")
        self.empty.setText(text)
        self.right.setCurrentWidget(self.empty)

    def _searching_anything(self) -> bool:
        return bool(self.search.text().strip()) or self.kind.currentIndex() > 0 or (
            self.tag.currentIndex() > 0 or self.organisation.currentIndex() > 0
            or self.stale.isChecked() or self.expiring.isChecked()
            or self.view.currentIndex() > 0
        )  # fmt: skip

    # -- loading --------------------------------------------------------------------------------
    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self._opened = True
        self.read_only = info.read_only
        self.editor.set_read_only(info.read_only)
        self.history.read_only = info.read_only
        self.current_id = None
        self.model.set_hits([])
        self.refresh_choices()
        self.run_search()
        self._update_enabled()

    def on_changes(self, changes: Changes) -> None:
        if not self._opened:
            return
        if changes.touches("organisation"):
            self.refresh_choices()
        if not changes.touches(EVIDENCE):
            return
        if not changes.ids.get(EVIDENCE):
            self.refresh_choices()
        self.run_search()
        if self.current_id is not None and changes.touches(EVIDENCE, self.current_id):
            # Typed here: the editor already shows it; refresh the version, flags and history.
            self.load_current(fields=not changes.made_by(self))

    def refresh_choices(self) -> None:
        def job(ws: Any) -> Any:
            if ws is None:
                return None
            from bidkit.ops.evidence import filter_choices

            return filter_choices(ws)

        self.context.runner.run(job, self._choices_loaded, quiet=True)

    def _choices_loaded(self, choices: Any) -> None:
        if choices is None:
            return
        self._refill(self.tag, self.tr("Any tag"), [(t, t) for t in choices.tags])
        orgs = [(name, org_id) for org_id, name in choices.organisations]
        self._refill(self.organisation, self.tr("Any organisation"), orgs)
        self.editor.set_organisations(list(choices.organisations))

    def _refill(self, combo: QComboBox, first: str, entries: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(first, None)
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)

    # -- searching ------------------------------------------------------------------------------
    def _search_now(self) -> None:
        self._debounce.stop()
        self.run_search()

    def _filters(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(),
            "tag": self.tag.currentData(),
            "organisation_id": self.organisation.currentData(),
            "stale": self.stale.isChecked(),
            "expiring": self.expiring.isChecked(),
            "view": self.view.currentData() or "all",
        }

    def run_search(self) -> None:
        """Search with the current text and filters; one search at a time, the latest wins."""
        if not self._opened:
            return
        if self._search_running:
            self._search_again = True
            return
        self._search_running = True
        self._search_serial += 1
        serial = self._search_serial
        text, filters = self.search.text(), self._filters()
        self._clock.start()

        def job(ws: Any) -> Any:
            if ws is None:
                return None
            from bidkit.library.search import SearchFilters
            from bidkit.ops.evidence import search_library

            return search_library(ws, text, SearchFilters(**filters), RESULT_LIMIT)

        self.context.runner.run(
            job, lambda hits: self._results(serial, hits), self._search_failed, quiet=True
        )

    def _search_failed(self, error: BaseException) -> None:
        self._search_running = False
        self.context.signals.error.emit(error)

    def _results(self, serial: int, hits: list[Any] | None) -> None:
        self._search_running = False
        if self._search_again:
            self._search_again = False
            self.run_search()
            return
        if hits is None or serial != self._search_serial:
            return
        self.model.set_hits(hits)
        if len(hits) >= RESULT_LIMIT:
            self.count.setText(self.tr("The best {n} items; narrow the search to see others.")
                               .format(n=RESULT_LIMIT))  # fmt: skip
        else:
            self.count.setText(
                self.tr("1 item") if len(hits) == 1 else self.tr("{n} items").format(n=len(hits))
            )
        wanted = self._select_after if self._select_after is not None else self.current_id
        self._select_after = None
        if wanted is not None and self.model.row_of(wanted) >= 0:
            self.select(wanted)
        elif wanted is not None and self.current_id == wanted:
            pass  # the item being edited stays open even when the search no longer lists it
        elif self.current_id is None:
            self._show_empty()
        self._update_enabled()
        self.results_shown.emit(self._clock.nsecsElapsed() / 1e6)

    # -- choosing and editing -----------------------------------------------------------------
    def select(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.model.index(row)
        self.results.selectionModel().blockSignals(True)
        self.results.setCurrentIndex(index)
        self.results.selectionModel().blockSignals(False)
        self.results.scrollTo(index)
        if self.current_id != item_id:
            self.editor.flush()
            self.current_id = item_id
            self.load_current()
        self._update_enabled()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        item_id = int(indexes[0].data(ID_ROLE))
        if item_id != self.current_id:
            self.editor.flush()
            self.current_id = item_id
            self.load_current()
            self._update_enabled()

    def load_current(self, *, fields: bool = True) -> None:
        item_id = self.current_id
        if item_id is None:
            return

        def job(ws: Any) -> Any:
            if ws is None:
                return None
            from bidkit.errors import NotFound
            from bidkit.ops.evidence import load_evidence

            try:
                return load_evidence(ws, item_id)
            except NotFound:
                return None

        self.context.runner.run(job, lambda d: self._loaded(d, fields), quiet=True)

    def _loaded(self, detail: Any, fields: bool) -> None:
        if detail is None:
            if self.current_id is not None:
                self.current_id = None
                self._show_empty()
                self._update_enabled()
            return
        if detail.id != self.current_id:
            return
        if fields and not self.editor.dirty:
            self.editor.load(detail)
        else:
            self.editor.show_status(detail)
        self.history.load(detail.id, detail.versions)
        self.usage.load(detail.usage)
        self.right.setCurrentWidget(self.tabs)

    def save_item(self, item_id: int, values: dict[str, Any]) -> None:
        from bidkit.ops.evidence import ItemFields, update_evidence

        self.context.run_op(update_evidence, item_id, ItemFields(**values), initiator=self)

    def flush_edits(self) -> None:
        self.editor.flush()

    def show_record(self, record_id: object) -> None:
        if isinstance(record_id, int):
            if self.model.row_of(record_id) >= 0:
                self.select(record_id)
            else:
                self.editor.flush()
                self.current_id = record_id
                self.load_current()

    # -- actions --------------------------------------------------------------------------------
    def _write(
        self, op: Callable[..., Changes], *args: Any, done: Any = None, **kwargs: Any
    ) -> None:
        """Save typing still waiting, then run the operation `op(ws, *args, **kwargs)`."""
        self.editor.flush()
        self.context.run_op(op, *args, initiator=self, done=done, **kwargs)

    def new_item(self) -> None:
        if self.read_only:
            return
        org_id = self.organisation.currentData()
        kind = self.kind.currentData() or "answer"
        title = self.tr("New evidence item")

        from bidkit.ops.evidence import ItemFields, create_evidence

        def done(changes: Any) -> None:
            self._select_after = changes.created
            self.current_id = changes.created
            self.load_current()
            self.tabs.setCurrentWidget(self.editor)
            self.editor.title.setFocus()
            self.editor.title.selectAll()

        self._write(
            create_evidence, ItemFields(title=title, kind=kind, organisation_id=org_id), done=done
        )

    def confirm_delete(self) -> None:
        item_id = self.current_id
        if item_id is None or self.read_only:
            return
        consequences = self.tr(
            "Its history and its record of use in bids go with it. Answers already "
            "written from it keep their text."
        )
        if confirm_delete(
            self,
            self.tr("Delete evidence item"),
            self.tr("Delete “{title}” from the library?").format(title=self.editor.title.text()),
            consequences,
        ):
            self.delete(item_id)

    def delete(self, item_id: int) -> None:
        from bidkit.ops.evidence import delete_evidence

        def done(_changes: Any) -> None:
            if self.current_id == item_id:
                self.current_id = None
                self.editor.item_id = None
                self._show_empty()

        self._write(delete_evidence, item_id, done=done)

    def show_version(self, item_id: int, version: int) -> None:
        def job(ws: Any) -> Any:
            from bidkit.ops.evidence import evidence_version

            return evidence_version(ws, item_id, version)

        self.context.runner.run(job, self.history.show_version, self.context.signals.error.emit,
                                quiet=True)  # fmt: skip

    def restore_version(self, item_id: int, version: int) -> None:
        from bidkit.ops.evidence import restore_evidence_version

        # Not marked as typed here: the restored text must replace what the editor shows.
        self.editor.flush()
        self.context.run_op(
            restore_evidence_version,
            item_id,
            version,
            done=lambda _c: self.tabs.setCurrentWidget(self.editor),
        )

    def attach_file(self, item_id: int) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file to this item"))
        if name:
            self.attach_path(item_id, Path(name))

    def attach_path(self, item_id: int, path: Path) -> None:
        from bidkit.ops.evidence import attach_evidence_file

        self._write(attach_evidence_file, item_id, path)

    def remove_file(self, file_id: int) -> None:
        from bidkit.ops.evidence import remove_evidence_file

        self._write(remove_evidence_file, file_id)

    def save_file_copy(self, file_id: int, name: str) -> None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the file"), name)
        if not target:
            return

        def job(ws: Any) -> Any:
            from bidkit.ops.evidence import save_attachment_copy

            return str(save_attachment_copy(ws, file_id, Path(target)))

        self.context.runner.run(
            job,
            lambda path: self.context.report(self.tr("Saved {path}").format(path=path)),
            self.context.signals.error.emit,
        )

    # -- importing ------------------------------------------------------------------------------
    def import_word(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import Word documents"), "", self.tr("Word documents (*.docx)")
        )
        if names:
            self.import_paths([Path(n) for n in names], word=True)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder of Word documents")
        )
        if folder:
            self.import_paths([Path(folder)], word=True)

    def import_paths(self, paths: list[Path], *, word: bool) -> ImportFlow | None:
        if self.read_only or not self._opened:
            return None
        self.editor.flush()
        flow = ImportFlow(self.context, self)
        self._flow = flow
        flow.start(paths, word=word)
        return flow

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData() is not None else []
        if not self.read_only and urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths, word=False)

    # -- duplicates -----------------------------------------------------------------------------
    def show_duplicates(self) -> None:
        dialog = self._duplicates
        if dialog is None:
            dialog = self._duplicates = DuplicatesDialog(self)
            dialog.merge_requested.connect(self.merge)
        self.refresh_duplicates()
        dialog.open()

    def refresh_duplicates(self) -> None:
        def job(ws: Any) -> Any:
            from bidkit.ops.evidence import find_duplicates

            return find_duplicates(ws)

        dialog = self._duplicates
        if dialog is not None:
            self.context.runner.run(job, dialog.set_pairs, self.context.signals.error.emit)

    def merge(self, keep_id: int, other_id: int) -> None:
        from bidkit.ops.evidence import merge_evidence

        def done(_changes: Any) -> None:
            if self.current_id == other_id:
                self.current_id = keep_id
                self.load_current()
            self.refresh_duplicates()

        self._write(merge_evidence, keep_id, other_id, done=done)
