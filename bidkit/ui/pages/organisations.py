"""The Organisations page: the organisations in the workspace and the profile editor.

Left, the list (own organisations first, then partners) with a filter and Add / Delete.
Right, the selected organisation's profile. Everything is saved as it is typed; there is no
Save button. The database is only touched through `context.runner`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.confirm import confirm_delete
from bidkit.ui.context import AppContext, Page, WorkspaceInfo
from bidkit.ui.pages import file_menus
from bidkit.ui.pages.file_menus import page_actions
from bidkit.ui.profile.editor import ProfileEditor
from bidkit.ui.profile.new_organisation_dialog import NewOrganisationDialog
from bidkit.ui.profile.org_list import ID_ROLE, OrganisationFilter, OrganisationListModel
from bidkit.ui.profile.profile_files import ask_export_target, ask_import
from bidkit.ui.widgets import push_button

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes

ORGANISATION = "organisation"


class OrganisationsPage(Page):
    key = "organisations"
    #: File menu actions, made from `file_menus` (the window shows them before the page).
    action_new: QAction
    action_import: QAction
    action_export: QAction

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Organisations")
        self.read_only = False
        self.current_id: int | None = None
        self._opened = False
        self._data_shown = True
        self._select_after: int | None = None
        self._reveal_after: str | None = None
        self._focus_after: str | None = None
        self._load_serial = 0
        #: A load asked for since the last one shown replaces the fields' values too.
        self._load_fields = False
        self._adding = False

        self.model = OrganisationListModel(self)
        self.proxy = OrganisationFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._build_actions()
        self._update_enabled()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 8, 8, 8)
        heading = QLabel(self.tr("Organisations"), left)
        heading.setObjectName("pageTitle")
        self.filter = QLineEdit(left)
        self.filter.setPlaceholderText(self.tr("Filter by name"))
        self.filter.setAccessibleName(self.tr("Filter organisations"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView(left)
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(self.tr("Organisations"))
        self.list.setAlternatingRowColors(True)
        # Long names wrap rather than being cut (a workspace holds tens of organisations).
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.selectionModel().selectionChanged.connect(self._on_selection)
        self.add_own = push_button(self, self.tr("Add my organisation"), lambda: self.add(own=True))
        self.add_partner = push_button(self, self.tr("Add partner"), lambda: self.add(own=False))
        self.delete_button = push_button(self, self.tr("Delete…"), self.confirm_delete)
        self.delete_button.setAccessibleName(self.tr("Delete organisation"))
        left_layout.addWidget(heading)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.add_own)
        left_layout.addWidget(self.add_partner)
        left_layout.addWidget(self.delete_button)
        # As narrow as its heading and buttons allow: the room goes to the profile.
        left.setMaximumWidth(self.fontMetrics().averageCharWidth() * 50)

        self.editor = ProfileEditor(self.context, self)
        self.editor.reveal_requested.connect(self._reveal)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(self.tr("No organisation selected"))
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty)
        self.right.addWidget(self.editor)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([left.minimumSizeHint().width(), 900])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.filter, self.list)
        self.setTabOrder(self.list, self.add_own)
        self.setTabOrder(self.add_own, self.add_partner)
        self.setTabOrder(self.add_partner, self.delete_button)
        self.setTabOrder(self.delete_button, self.editor.own)
        self._show_empty()

    def _build_actions(self) -> None:
        page_actions(self, file_menus.ORGANISATIONS)
        self.action_new.triggered.connect(self.new_organisation)
        self.action_import.triggered.connect(self.import_profile)
        self.action_export.triggered.connect(self.export_profile)

    def _update_enabled(self) -> None:
        writable = self._opened and not self.read_only
        selected = self.current_id is not None
        self.add_own.setEnabled(writable and not self._adding and not self.has_own())
        self.add_own.setToolTip(
            self.tr("Your organisation is already in the list.") if self.has_own() else ""
        )
        self.add_partner.setEnabled(writable and not self._adding)
        self.delete_button.setEnabled(writable and selected)
        self.action_new.setEnabled(writable)
        self.action_import.setEnabled(writable)
        self.action_export.setEnabled(writable and selected)

    def _show_empty(self) -> None:
        if not self._opened:
            text = self.tr("Opening workspace…")
        elif self.model.rowCount() == 0:
            text = self.tr(
                "No organisations yet.\n\nStart with “Add my organisation”: the profile you "
                "fill in once is reused in every bid."
            )
        else:
            text = self.tr("Select an organisation to see its profile.")
        self.empty.setText(text)
        self.right.setCurrentWidget(self.empty)

    # -- loading ------------------------------------------------------------------------------
    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self._opened = True
        self.read_only = info.read_only
        self.editor.set_read_only(info.read_only)
        self._data_shown = False
        self.current_id = None
        self.model.set_items([])
        self.refresh_list()

    def on_changes(self, changes: Changes) -> None:
        if not self._opened or not changes.touches(ORGANISATION):
            return
        self.refresh_list()
        if self.current_id is not None and changes.touches(ORGANISATION, self.current_id):
            # Typed here: the fields already show it; refresh what depends on them.
            self.load_current(fields=not changes.made_by(self.editor))

    def refresh_list(self) -> None:
        def job(ws: Any) -> Any:
            if ws is None:
                return None
            from bidkit.ops.organisations import list_organisations

            return list_organisations(ws)

        self.context.runner.run(job, self._list_loaded)

    def _list_loaded(self, items: list[Any] | None) -> None:
        if items is None:
            return
        self.model.set_items(items)
        self._update_enabled()
        wanted = self._select_after if self._select_after is not None else self.current_id
        self._select_after = None
        if wanted is None or self.model.row_of(wanted) < 0:
            wanted = self.model.items[0].id if self.model.items else None
        if wanted is None:
            self.current_id = None
            self._show_empty()
            self._update_enabled()
            self._emit_data_shown()
        elif wanted != self.current_id or not self._selected_ids():
            self.select(wanted)

    def _selected_ids(self) -> list[int]:
        return [int(i.data(ID_ROLE)) for i in self.list.selectionModel().selectedIndexes()]

    def select(self, org_id: int) -> None:
        row = self.model.row_of(org_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row))
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        if self.current_id != org_id:
            self.current_id = org_id
            self.load_current()
        self._update_enabled()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        org_id = int(indexes[0].data(ID_ROLE))
        if org_id != self.current_id:
            self.editor.flush()
            self.current_id = org_id
            self.load_current()
            self._update_enabled()

    def load_current(self, *, fields: bool = True) -> None:
        org_id = self.current_id
        if org_id is None:
            return
        self._load_serial += 1
        serial = self._load_serial

        def job(ws: Any) -> Any:
            if ws is None:
                return None
            from bidkit.errors import NotFound
            from bidkit.ops.organisations import load_profile

            try:
                return load_profile(ws, org_id)
            except NotFound:
                return None

        self._load_fields = fields or self._load_fields
        self.context.runner.run(job, lambda snapshot: self._profile_loaded(serial, snapshot))

    def _profile_loaded(self, serial: int, snapshot: Any) -> None:
        if serial != self._load_serial or snapshot is None or snapshot.id != self.current_id:
            return
        fields, self._load_fields = self._load_fields, False
        self.editor.load(
            snapshot.id, snapshot.own, snapshot.data, snapshot.completeness, fields=fields
        )
        self.right.setCurrentWidget(self.editor)
        if self._reveal_after is not None:
            self.editor.reveal(self._reveal_after)
            self._reveal_after = None
        if self._focus_after is not None:
            self.editor.jump_to("", self._focus_after)
            self._focus_after = None
        self._emit_data_shown()

    def _emit_data_shown(self) -> None:
        if not self._data_shown:
            self._data_shown = True
            self.context.signals.data_shown.emit()

    def show_record(self, record_id: object) -> None:
        """Show an organisation: its id, or (id, field or table key) to go to that fact."""
        if isinstance(record_id, tuple) and len(record_id) == 2:
            org_id, target = record_id
            if org_id == self.current_id and self.right.currentWidget() is self.editor:
                self.editor.jump_to("", str(target))
                return
            self._focus_after = str(target)
            record_id = org_id
        if isinstance(record_id, int):
            if self.model.row_of(record_id) >= 0:
                self.select(record_id)
            else:
                self._select_after = record_id

    def flush_edits(self) -> None:
        self.editor.flush()

    def _reveal(self, org_id: int, target: str) -> None:
        """Undo or redo changed `org_id`: show it, at the section that changed."""
        if org_id != self.current_id:
            self._reveal_after = target
            self.context.signals.navigate.emit(self.key, org_id)
        else:
            self.context.signals.navigate.emit(self.key, None)
            self.editor.reveal(target)

    # -- actions ------------------------------------------------------------------------------
    def add(self, *, own: bool, name: str = "") -> None:
        if self.read_only or self._adding:
            return  # a second press while the first is being created adds nothing
        if own and self.has_own():
            self._explain_own_exists()
            return
        from bidkit.ops.organisations import create_organisation

        def done(changes: Changes) -> None:
            self._adding = False
            self._select_after = changes.created
            self._focus_after = "legal_name"
            self._update_enabled()
            self.context.signals.navigate.emit(self.key, None)

        def failed(error: BaseException) -> None:
            self._adding = False
            self._update_enabled()
            self.context.signals.error.emit(error)

        self.editor.flush()
        self._adding = True
        self._update_enabled()
        self.context.run_op(
            create_organisation, name=name, own=own, initiator=self, done=done, failed=failed
        )

    def has_own(self) -> bool:
        return any(item.own for item in self.model.items)

    def _explain_own_exists(self) -> None:
        own = next((item for item in self.model.items if item.own), None)
        if own is not None:
            self.context.report(
                self.tr("{name} is already your organisation.").format(name=own.name)
            )
            self.select(own.id)

    def new_organisation(self) -> None:
        own_default = not self.has_own()
        dialog = NewOrganisationDialog(own_default, self, own_allowed=own_default)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            name, own = dialog.values()
            self.add(own=own, name=name)

    def confirm_delete(self) -> None:
        org_id = self.current_id
        row = self.model.row_of(org_id) if org_id is not None else -1
        if org_id is None or row < 0 or self.read_only:
            return
        name = self.model.items[row].name
        consequences = self.tr(
            "A backup of the workspace is taken first, so it can be recovered from the "
            "backups folder. Deleting cannot be undone with Undo."
        )
        if confirm_delete(
            self,
            self.tr("Delete organisation"),
            self.tr("Delete “{name}” and its whole profile?").format(name=name),
            consequences,
        ):
            self.delete(org_id)

    def delete(self, org_id: int) -> None:
        from bidkit.ops.organisations import delete_organisation

        def done(_changes: Changes) -> None:
            # Earlier edits of the deleted profile can no longer be undone.
            self.context.undo_stack.clear()
            if self.current_id == org_id:
                self.current_id = None

        self.editor.flush()
        self.context.run_op(delete_organisation, org_id, initiator=self, done=done)

    def import_profile(self) -> None:
        choice = ask_import(self)
        if choice is not None:
            self.run_import(*choice)

    def run_import(self, source: Path, own: bool) -> None:
        def done(changes: Changes) -> None:
            self._select_after = changes.created
            self.context.signals.navigate.emit(self.key, None)

        self.context.run_op(_import_profile, source, own, initiator=self, done=done)

    def export_profile(self) -> None:
        org_id = self.current_id
        row = self.model.row_of(org_id) if org_id is not None else -1
        if org_id is None or row < 0:
            return
        target = ask_export_target(self, self.model.items[row].name)
        if target is not None:
            self.run_export(org_id, target)

    def run_export(self, org_id: int, target: Path) -> None:
        self.editor.flush()

        def job(ws: Any) -> Any:
            from bidkit.ops.profile_io import export_profile

            export_profile(ws, org_id, target)
            return str(target)

        def done(written: str) -> None:
            self.context.report(self.tr("Profile exported to {path}").format(path=written))

        self.context.runner.run(job, done, self.context.signals.error.emit)


def _import_profile(ws: Any, source: Path, own: bool) -> Changes:
    """Import a profile document; the changes name the organisation it became."""
    from dataclasses import replace

    from bidkit.ops.profile_io import import_profile

    result = import_profile(ws, source, own=own)
    return replace(result.changes, created=result.org_id)
