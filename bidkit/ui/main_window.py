"""The main window: a shell of navigation, menus and status bar that hosts the pages.

The shell opens the workspace on the database worker after the window is on screen, then tells
the pages. Pages never reach into each other; they ask the shell to navigate through
`AppSignals.navigate`.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bidkit import APP_NAME
from bidkit.errors import BidKitError, DatabaseDamaged
from bidkit.ops.changes import Changes
from bidkit.ui.context import AppContext, AppSignals, Page, WorkspaceInfo
from bidkit.ui.edit_history import EditHistory
from bidkit.ui.long_lived import LongLivedObjects
from bidkit.ui.pages.file_menus import FileEntry, entry_action
from bidkit.ui.runner import DatabaseRunner
from bidkit.ui.save_timer import SaveState, pending_saves

log = logging.getLogger(__name__)

#: The size of a first window when the screen has room; otherwise what the screen allows.
PREFERRED_SIZE = QSize(1200, 780)
MINIMUM_SIZE = QSize(760, 520)
#: Room for the title bar and frame, which the window's own size leaves out.
FRAME_ALLOWANCE = QSize(16, 40)


def default_size(available: QSize) -> QSize:
    """The window's size before it has a saved one: the whole window, frame included, fits
    the screen's free area (a 1024x700 laptop screen as much as a large one)."""
    return PREFERRED_SIZE.boundedTo(available - FRAME_ALLOWANCE).expandedTo(MINIMUM_SIZE)


class LazyPages(dict[str, Page]):
    """The window's pages by key; a page registered with a factory is built on first use."""

    def __init__(self, build: Callable[[str], Page]) -> None:
        super().__init__()
        self.factories: dict[str, Callable[[], Page]] = {}
        self._build = build

    def __missing__(self, key: str) -> Page:
        if key not in self.factories:
            raise KeyError(key)
        page = self._build(key)
        self[key] = page
        return page

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.factories

    def get(self, key: str, default: Page | None = None) -> Page | None:  # type: ignore[override]
        return self[key] if key in self else default  # noqa: SIM401 - builds lazy pages


def _follow_enabled(proxy: QAction, real: QAction) -> None:
    proxy.setEnabled(real.isEnabled())


def _writer_lock(root: Path, lock: object) -> object:
    """The writer lock, taken here when the window was started without it (tests, a folder
    the start could not lock), so what the last BidKit left in it can be read before the
    start checks clear it. None when the folder cannot be locked: opening says why."""
    from bidkit.paths import WorkspacePaths
    from bidkit.store.lock import WorkspaceLock

    if lock is not None:
        return lock
    taken = WorkspaceLock(WorkspacePaths(root).lock, kind="window")
    try:
        taken.acquire()  # WorkspaceLocked (another BidKit has it) is reported as opening fails
    except OSError:
        return None
    return taken


def _unclean_last_time(root: Path, lock: object) -> bool:
    """Whether the last BidKit on this workspace ended without closing (the store's note)."""
    from bidkit.paths import WorkspacePaths
    from bidkit.store.lock import WorkspaceLock
    from bidkit.store.start_checks import full_check_due

    held = lock if isinstance(lock, WorkspaceLock) else None
    return full_check_due(WorkspacePaths(root), held)


class MainWindow(QMainWindow):
    def __init__(
        self, workspace_root: Path, *, read_only: bool = False, lock: object = None
    ) -> None:
        super().__init__()
        self.workspace_root = workspace_root
        self.read_only = read_only
        self._lock = lock
        self.info: WorkspaceInfo | None = None
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(default_size(self.screen().availableGeometry().size()))

        self.runner = DatabaseRunner(self)
        self.undo_stack = QUndoStack(self)
        self.signals = AppSignals(self)
        self.context = AppContext(self.runner, self.undo_stack, self.signals)
        self.pages = LazyPages(self._build_page)
        #: Per lazy page, its File menu entries as shown before it is built (see add_lazy_page).
        self._file_proxies: dict[str, list[tuple[str, QAction]]] = {}
        self.long_lived = LongLivedObjects(self.runner)

        self._build_body()
        self._build_status_bar()
        self._build_menus()
        self.runner.failed.connect(self.show_error)
        self.runner.busy_changed.connect(self._on_busy)
        self._busy = False
        pending_saves().changed.connect(self._show_save_state)
        # Answers follow their sources: once a burst of profile or library edits settles,
        # pre-fill is re-applied (one operation; reading a questionnaire never pre-fills).
        self.prefill_timer = QTimer(self)
        self.prefill_timer.setSingleShot(True)
        self.prefill_timer.setInterval(800)
        self.prefill_timer.timeout.connect(self._reapply_prefill)
        #: The profiles changed since pre-fill last ran (None: the library or any profile).
        self._prefill_orgs: frozenset[int] | None = frozenset()
        self.runner.changed.connect(self._on_source_changes)
        self.signals.error.connect(self.show_error)
        self.signals.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.signals.navigate.connect(self.navigate)
        self._restore_geometry()

    # -- layout -----------------------------------------------------------------------------
    def _build_body(self) -> None:
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel(body)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Workspace notice"))
        self.banner.hide()
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        row.setSpacing(0)
        self.navigation = QListWidget(body)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setFixedWidth(150)
        self.navigation.currentRowChanged.connect(self._on_nav_row)
        self.stack = QStackedWidget(body)
        self.stack.setAccessibleName(self.tr("Page"))
        self.loading = QLabel(self.tr("Opening workspace…"), self.stack)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setAccessibleName(self.tr("Opening workspace"))
        self.stack.addWidget(self.loading)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(body)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.save_state = QLabel(self.tr("All changes saved"))
        self.save_state.setAccessibleName(self.tr("Save state"))
        self.workspace_label = QLabel(str(self.workspace_root))
        self.workspace_label.setAccessibleName(self.tr("Workspace folder"))
        self.workspace_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.save_state)
        bar.addPermanentWidget(self.workspace_label)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu(self.tr("&File"))
        self._page_file_actions_anchor = self.file_menu.addSeparator()
        self.action_open_workspace = self._action(
            self.tr("Open &workspace folder…"), self.choose_workspace, QKeySequence.StandardKey.Open
        )
        self.action_show_folder = self._action(
            self.tr("Show workspace in file manager"),
            lambda: self._open_url(self.workspace_root),
        )
        self.action_demo = self._action(
            self.tr("Explore the &demo workspace"), self.signals.open_demo.emit
        )
        self.action_open_pack = self._action(self.tr("Open pac&k…"), self.choose_pack)
        self.file_menu.addActions(
            [self.action_open_workspace, self.action_show_folder, self.action_demo,
             self.action_open_pack]
        )  # fmt: skip
        self.file_menu.addSeparator()
        from bidkit.ui.backup_actions import BackupActions

        self.backup_actions = backups = BackupActions(self)
        self.action_back_up = self._action(self.tr("&Back up now"), backups.back_up_now)
        self.action_restore = self._action(self.tr("&Restore…"), backups.restore)
        self.action_move = self._action(
            self.tr("&Move workspace to a safe folder…"), backups.move_to_safe_folder
        )
        self.action_personal_data = self._action(
            self.tr("&Personal data…"), self.show_personal_data
        )
        self.file_menu.addActions([self.action_back_up, self.action_restore, self.action_move,
                                   self.action_personal_data])  # fmt: skip
        self.file_menu.addSeparator()
        self.file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )

        edit = menu_bar.addMenu(self.tr("&Edit"))
        # Undo/Redo act on the focused field's typing first, then on the undo stack.
        self.edit_history = EditHistory(self, self.undo_stack)
        self.edit_history.watch_menu(edit)
        self.action_undo = self.edit_history.undo_action
        self.action_redo = self.edit_history.redo_action
        edit.addActions([self.action_undo, self.action_redo])

        self.view_menu = menu_bar.addMenu(self.tr("&View"))

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Open &log folder"), self.open_log_folder))
        help_menu.addAction(self._action(self.tr("&About BidKit"), self.show_about))

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    # -- pages ------------------------------------------------------------------------------
    def add_page(
        self, page: Page, *, in_navigation: bool = True, shortcut: str | None = None
    ) -> None:
        dict.__setitem__(self.pages, page.key, page)
        self._place_page(page)
        if in_navigation:
            self._add_navigation(page.key, page.title, shortcut)

    def add_lazy_page(
        self,
        key: str,
        title: str,
        factory: Callable[[], Page],
        *,
        shortcut: str | None = None,
        file_entries: tuple[FileEntry, ...] = (),
    ) -> None:
        """A page built the first time it is shown (keeps the window's start quick). Its File
        menu entries are in the menu, shortcuts working, from the start: using one builds the
        page and triggers the page's own action."""
        self.pages.factories[key] = factory
        self._add_navigation(key, title, shortcut)
        for entry in file_entries:
            proxy = entry_action(entry, self)
            proxy.triggered.connect(partial(self._trigger_page_action, key, entry.attribute))
            self.file_menu.insertAction(self._page_file_actions_anchor, proxy)
            self._file_proxies.setdefault(key, []).append((entry.attribute, proxy))

    def _trigger_page_action(self, key: str, attribute: str) -> None:
        real: QAction = getattr(self.pages[key], attribute)
        if real.isEnabled():
            real.trigger()

    def _add_navigation(self, key: str, title: str, shortcut: str | None) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)
        self._fit_navigation()
        action = self._action(title, partial(self.navigate, key, None))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self.view_menu.addAction(action)

    def _fit_navigation(self) -> None:
        """Make the sidebar as wide as its longest page name, at any font size or scale."""
        nav = self.navigation
        nav.ensurePolished()
        width = (
            nav.sizeHintForColumn(0) + 2 * nav.frameWidth() + nav.fontMetrics().averageCharWidth()
        )
        nav.setFixedWidth(max(width, 100))

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_navigation()  # the style sheet's padding is known once the window is polished
        self._order_shell_tabs()
        super().showEvent(event)

    def _order_shell_tabs(self) -> None:
        """Tab reads the window top down: the bars above the pages, the sidebar, the page."""
        body = self.centralWidget()
        layout = body.layout() if body is not None else None
        if layout is None:
            return
        last: QWidget | None = None
        for index in range(layout.count()):
            item = layout.itemAt(index)
            bar = item.widget() if item is not None else None
            if bar is None:  # the row of sidebar and pages is a layout, not a bar
                continue
            stops = [
                child
                for child in bar.findChildren(QWidget)
                if child.focusPolicy() & Qt.FocusPolicy.TabFocus
            ]
            last = stops[-1] if stops else last
        if last is not None:
            QWidget.setTabOrder(last, self.navigation)

    def _place_page(self, page: Page) -> None:
        self.stack.addWidget(page)
        for attribute, proxy in self._file_proxies.get(page.key, []):
            real: QAction = getattr(page, attribute)
            proxy.setEnabled(real.isEnabled())
            real.changed.connect(partial(_follow_enabled, proxy, real))

    def _build_page(self, key: str) -> Page:
        page = self.pages.factories[key]()
        self._place_page(page)
        self._order_shell_tabs()
        if self.info is not None:
            page.on_workspace_opened(self.info)
        self.long_lived.grown()
        return page

    @Slot(str, object)
    def navigate(self, key: str, record_id: object = None) -> None:
        page = self.pages.get(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        self._highlight(key)
        self.setWindowTitle(f"{page.title} – {APP_NAME}")
        if record_id is not None:
            page.show_record(record_id)

    def _highlight(self, key: str) -> None:
        """Mark the page shown in the sidebar, however it was reached (a page with no entry
        in the sidebar, like the welcome page, leaves nothing marked)."""
        rows = [
            row
            for row in range(self.navigation.count())
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == key
        ]
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(rows[0] if rows else -1)
        if not rows:
            self.navigation.clearSelection()
        self.navigation.blockSignals(False)

    def current_page_key(self) -> str:
        page = self.stack.currentWidget()
        return page.key if isinstance(page, Page) else ""

    def _on_nav_row(self, row: int) -> None:
        item = self.navigation.item(row)
        if item is not None:
            self.navigate(item.data(Qt.ItemDataRole.UserRole))

    # -- workspace --------------------------------------------------------------------------
    def look_first(self) -> None:
        """Show the dashboard from a plain read of the database, queued before the database
        libraries are imported and the workspace opened (those take longer than the read).
        The dashboard is read again, the usual way, once the workspace is open."""
        from bidkit.paths import WorkspacePaths

        paths = WorkspacePaths(self.workspace_root)

        def job(_: object) -> object:
            from bidkit.ops.dashboard import first_look

            return first_look(paths)

        self.runner.run(job, self._show_first_look, self._first_look_failed, quiet=True)

    def _show_first_look(self, look: object) -> None:
        from bidkit.ops.dashboard import FirstLook
        from bidkit.ui.pages.dashboard import DashboardPage

        if not isinstance(look, FirstLook) or self.info is not None or not look.organisation_count:
            return  # nothing to show yet, or the workspace has opened already
        page = self.pages.get("dashboard")
        if isinstance(page, DashboardPage):
            self.navigate("dashboard")
            page.show_data(look.dashboard)

    def _first_look_failed(self, error: BaseException) -> None:
        # Opening the workspace, queued next, shows the dashboard or reports the problem.
        log.warning("first look at the workspace failed", exc_info=error)

    def open_workspace(self) -> None:
        """Open the workspace on the worker thread, then hand it to the pages."""
        root, read_only, lock = self.workspace_root, self.read_only, self._lock

        def job(_: object) -> tuple[object, WorkspaceInfo]:
            from bidkit.ops.organisations import organisation_count
            from bidkit.store.workspace import Workspace

            kind = "window"
            held = lock if read_only else _writer_lock(root, lock)
            after_crash = held is not None and _unclean_last_time(root, held)
            try:
                checks = not read_only
                ws = Workspace.open(root, read_only=read_only, kind=kind, lock=held,  # type: ignore[arg-type]
                                    start_checks=checks, daily_backup=False)  # fmt: skip
            except DatabaseDamaged as damage:
                # Refused for writing, but the user can still look (and restore a backup).
                try:
                    ws = Workspace.open(root, read_only=True)
                except BidKitError:
                    raise damage from None
                info = WorkspaceInfo(root, True, organisation_count(ws), damaged=damage.message)
                return ws, info
            from bidkit.store.location import location_warning

            info = WorkspaceInfo(root, read_only, organisation_count(ws), ws.upgrade_backup,
                                 location_warning=location_warning(root) or "",
                                 after_crash=after_crash)  # fmt: skip
            return ws, info

        self.runner.run(job, self._on_workspace_opened, self._on_workspace_failed)

    def _on_workspace_opened(self, result: tuple[object, WorkspaceInfo]) -> None:
        ws, info = result
        self.runner.workspace = ws
        self.info = info
        self.long_lived.grown()
        self.context.read_only = info.read_only
        self.undo_stack.clear()
        self.workspace_label.setText(str(info.root))
        if info.damaged:
            self.show_banner(info.damaged)
        elif info.after_crash:  # the full check passed (damage would be `info.damaged`)
            self.show_banner(
                self.tr(
                    "BidKit closed unexpectedly last time. Your work up to the last save is "
                    "kept; the workspace was checked and is sound."
                )
            )
        elif info.location_warning:
            self.backup_actions.show_location_warning(info.location_warning)
        elif info.read_only:
            self.show_banner(
                self.tr(
                    "Read-only: this workspace is open in another BidKit window. You can look, "
                    "but changes are off until you close the other window and reopen."
                )
            )
        elif info.upgrade_backup:
            self.show_banner(
                self.tr(
                    "This workspace was upgraded for this version of BidKit. A copy of it "
                    "as it was is kept at {path}."
                ).format(path=info.upgrade_backup)
            )
        else:
            self.banner.hide()
        self.signals.workspace_opened.emit(info)
        home = "dashboard" if "dashboard" in self.pages else "organisations"
        self.navigate(home if info.organisation_count else "welcome")
        if not info.read_only:  # queued behind the first page's data
            self.backup_actions.take_daily_backup()

    def _on_workspace_failed(self, error: BaseException) -> None:
        self.loading.setText(self.tr("This workspace could not be opened."))
        self.show_error(error)

    def show_banner(self, text: str, rich: bool = False) -> None:
        """A notice about the workspace above the pages (`rich`: it holds a link)."""
        self.banner.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.banner.setText(text)
        self.banner.show()

    def switch_workspace(self, root: Path, *, read_only: bool = False) -> None:
        """Close the current workspace (releasing its lock) and open another."""
        self._flush_pages()
        self.runner.wait_for_done()
        current = self.runner.workspace
        if current is not None:
            current.close()
        self.runner.workspace = None
        if self._lock is not None:
            self._lock.release()  # type: ignore[attr-defined]
            self._lock = None
        self.workspace_root, self.read_only = root, read_only
        self.stack.setCurrentWidget(self.loading)
        self.open_workspace()

    def choose_pack(self) -> None:
        """File ▸ Open pack…: a partner opens a lead's request; a lead imports a reply."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a partner pack"), "", self.tr("BidKit packs (*.bidpack)")
        )
        if path:
            self.open_pack(path)

    def open_pack(self, path: str) -> None:
        from bidkit.ui.bids.pack_opening import open_pack

        open_pack(self, self.context, path)

    def flush_edits(self) -> None:
        """Save what is being typed before the workspace is replaced or closed."""
        self._flush_pages()

    def held_lock(self) -> object:
        """The workspace lock the window took before showing, if it still holds it."""
        return self._lock

    def choose_workspace(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open a workspace folder"), str(self.workspace_root.parent)
        )
        if folder:
            self.switch_workspace(Path(folder))

    # -- reporting --------------------------------------------------------------------------
    @Slot(object)
    def show_error(self, error: BaseException) -> None:
        """A user's error as it is; a disk, drive or database problem as what it is; a bug as
        "something went wrong" with the log's location."""
        from bidkit.store.database_errors import explain

        plain = explain(error, self.workspace_root)
        if plain is not None and plain is not error:
            log.warning("database problem: %s", error)
            error = plain
        if isinstance(error, DatabaseDamaged) and self.info is not None and self.info.damaged:
            # The banner already says so and what to do; a box per page read would only nag.
            self.statusBar().showMessage(
                self.tr("Part of this page could not be read: the database is damaged."), 10000
            )
            return
        if isinstance(error, BidKitError):
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, error.message, parent=self)
            if error.detail:
                box.setDetailedText(error.detail)
            box.open()
            return
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        log_path = self.workspace_root / "logs" / "bidkit.log"
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            APP_NAME,
            self.tr(
                "Something went wrong inside BidKit. Your saved work is safe. The details "
                "are in the log file: {path}"
            ).format(path=log_path),
            parent=self,
        )
        box.setDetailedText("".join(traceback.format_exception(error)))
        box.open()

    def _on_source_changes(self, changes: Changes) -> None:
        if changes.made_by(self.prefill_timer):
            return
        if changes.touches("evidence") or changes.ids.get("organisation") == frozenset():
            self._prefill_orgs = None  # the library, or possibly any profile: every bid
        elif changes.touches("organisation"):
            if self._prefill_orgs is not None:
                self._prefill_orgs |= changes.ids["organisation"]
        else:
            return
        self.prefill_timer.start()

    def _reapply_prefill(self) -> None:
        from bidkit.ops.questionnaires import reapply_prefill

        orgs, self._prefill_orgs = self._prefill_orgs, frozenset()
        if self.runner.workspace is not None:
            self.context.run_op(reapply_prefill, org_ids=orgs, initiator=self.prefill_timer)

    def _on_busy(self, busy: bool) -> None:
        self._busy = busy
        self._show_save_state()

    def _show_save_state(self) -> None:
        """Say "All changes saved" only when no job runs and no field has typing waiting."""
        state = pending_saves().state()
        if state is SaveState.HELD:
            text = self.tr("Unsaved changes")
            tip = self.tr("A field holds text BidKit cannot save as it stands. Correct it (the "
                          "message under the field says how) and it is saved.")  # fmt: skip
        elif state is SaveState.WAITING or self._busy:
            text, tip = self.tr("Saving…"), self.tr("Your latest typing is being saved.")
        else:
            text, tip = self.tr("All changes saved"), ""
        self.save_state.setText(text)
        self.save_state.setToolTip(tip)
        self.save_state.setAccessibleDescription(tip)

    def open_log_folder(self) -> None:
        self._open_url(self.workspace_root / "logs")

    def _open_url(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def show_personal_data(self) -> None:
        from bidkit.ui.personal_data_dialog import PersonalDataDialog

        PersonalDataDialog(self.context, self).open()

    def show_about(self) -> None:
        from bidkit.ui.about_dialog import AboutDialog

        AboutDialog(self.workspace_root, self).exec()

    # -- geometry and closing ---------------------------------------------------------------
    def _flush_pages(self) -> None:
        for page in self.pages.values():
            page.flush_edits()

    def instance_server_close(self) -> None:
        server = getattr(self, "instance_server", None)
        if server is not None:
            server.close()

    def bring_forward(self) -> None:
        """Another BidKit asked for this window (it found the workspace open here)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        self._flush_pages()
        self.runner.wait_for_done()
        self.edit_history.detach()
        self.instance_server_close()
        workspace = self.runner.workspace
        if workspace is not None:
            workspace.close()
            self.runner.workspace = None
        if self._lock is not None:
            self._lock.release()  # type: ignore[attr-defined]
        super().closeEvent(event)
