"""The profile editor of one organisation: header, completeness, section list and forms.

Every change the user makes becomes an undo command (see `commands`) whose redo runs the
operation on the database worker. A change typed here comes back marked as made by this
editor: the page then refreshes the completeness, tables and list but leaves the fields as
typed. Undo, redo and changes from elsewhere reload the values, without disturbing a field the
user is typing in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from bidkit.profile.catalogue import (
    ORG_FIELDS,
    SECTION_OF_FIELD,
    SECTION_OF_TABLE,
    SECTIONS,
    SECTIONS_BY_KEY,
    SectionSpec,
)
from bidkit.profile.completeness import Completeness, ProfileData
from bidkit.ui.context import AppContext
from bidkit.ui.profile.commands import (
    AddRowCommand,
    AttachFileCommand,
    MoveRowCommand,
    ProfileCommand,
    RemoveRowCommand,
    RowIds,
    SetExclusionCommand,
    SetFieldCommand,
    SetOwnCommand,
    UpdateRowCommand,
)
from bidkit.ui.profile.completeness_meter import CompletenessMeter
from bidkit.ui.profile.field_editors import FieldEditor
from bidkit.ui.profile.row_table import RowTable
from bidkit.ui.profile.section_form import SectionForm

_SECTION_ROLE = Qt.ItemDataRole.UserRole


class ProfileEditor(QWidget):
    """Edits the profile of the organisation last given to `load`."""

    #: Undo or redo changed an organisation: (organisation id, field, table or section key).
    reveal_requested = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.row_ids = RowIds()
        self.org_id: int | None = None
        self.data: ProfileData | None = None
        self.read_only = False
        self._logo_sha = ""

        self.name = QLabel(self)
        self.name.setObjectName("pageTitle")
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own = QCheckBox(self.tr("This is my organisation"), self)
        self.own.setAccessibleName(self.tr("This is my organisation"))
        self.own.setToolTip(
            self.tr("Untick for a partner organisation (a consortium member or subcontractor).")
        )
        self.own.clicked.connect(self._own_clicked)
        self.meter = CompletenessMeter(self)
        self.meter.jump_requested.connect(self.jump_to)
        header = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.own, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addLayout(top)
        header.addWidget(self.meter)

        self.sections = QListWidget(self)
        self.sections.setAccessibleName(self.tr("Profile sections"))
        self.sections.setObjectName("profileSections")
        # A narrow list whose long section names wrap: the room goes to the form.
        self.sections.setMinimumWidth(120)
        self.sections.setMaximumWidth(self.fontMetrics().averageCharWidth() * 26)
        self.sections.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Expanding)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setWordWrap(True)
        self.sections.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.sections.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sections.setSpacing(1)
        self.sections.setIconSize(QSize(16, 16))
        self._done_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName(self.tr("Section"))
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stack.setMinimumWidth(260)
        # Section forms are built the first time they are shown: building all fifteen up
        # front would hold up the window's first appearance.
        self.forms: dict[str, SectionForm] = {}
        self.scrolls: dict[str, QScrollArea] = {}
        self._completeness: Completeness | None = None
        for section in SECTIONS:
            item = QListWidgetItem(section.label)
            item.setData(_SECTION_ROLE, section.key)
            self.sections.addItem(item)
            self.stack.addWidget(QWidget(self.stack))
        self.sections.currentRowChanged.connect(self._on_section_row)
        self.sections.setCurrentRow(0)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.stack, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        self.setTabOrder(self.own, self.meter.button)
        self.setTabOrder(self.meter.button, self.sections)

    def _on_section_row(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            self.ensure_section(SECTIONS[row].key)
            self.stack.setCurrentIndex(row)

    def ensure_section(self, key: str) -> SectionForm:
        """The form of section `key`, built (and filled with the current profile) on first use."""
        form = self.forms.get(key)
        if form is None:
            form = self._build_section(SECTIONS_BY_KEY[key])
            if self.data is not None:
                form.load(self.data, force=True)
            form.set_read_only(self.read_only)
            if key == "brand" and self.data is not None:
                self._logo_sha = ""
                self._show_logo(self.data)
        return form

    def _build_section(self, section: SectionSpec) -> SectionForm:
        index = [s.key for s in SECTIONS].index(section.key)
        form = SectionForm(section, self)
        form.field_edited.connect(self._field_edited)
        if form.table is not None:
            self._connect_table(section, form.table)
        if form.exclusions is not None:
            form.exclusions.answer_edited.connect(self._exclusion_edited)
        if form.logo is not None:
            form.logo.chosen.connect(self._logo_chosen)
        scroll = QScrollArea(self.stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
        scroll.setAccessibleName(section.label)
        scroll.setWidget(form)
        holder = self.stack.widget(index)
        self.stack.insertWidget(index, scroll)
        if holder is not None:
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.forms[section.key] = form
        self.scrolls[section.key] = scroll
        return form

    def _connect_table(self, section: SectionSpec, table: RowTable) -> None:
        assert section.table is not None
        name, row_name = section.table, section.row_name
        labels = {c.key: c.label for c in section.columns}
        table.add_requested.connect(lambda pos, s=section, t=table: self._add_row(s, t, pos))
        table.remove_requested.connect(
            lambda row, pos: self._push(
                RemoveRowCommand(
                    self.context,
                    self._org(),
                    table=name,
                    row_ids=self.row_ids,
                    row=row,
                    position=pos,
                    row_name=row_name,
                )
            )
        )
        table.move_requested.connect(
            lambda row_id, old, new: self._push(
                MoveRowCommand(
                    self.context,
                    self._org(),
                    table=name,
                    row_ids=self.row_ids,
                    row_id=row_id,
                    old_position=old,
                    new_position=new,
                    row_name=row_name,
                )
            )
        )
        table.model.value_edited.connect(
            lambda row_id, key, old, new: self._push(
                UpdateRowCommand(
                    self.context,
                    self._org(),
                    table=name,
                    row_ids=self.row_ids,
                    row_id=row_id,
                    key=key,
                    label=labels[key],
                    old=old,
                    new=new,
                )
            )
        )
        table.attach_requested.connect(lambda row_id, t=table: self._attach_document(t, row_id))
        table.detach_requested.connect(lambda row_id, t=table: self._file(t, row_id, None))

    # -- loading ------------------------------------------------------------------------------
    def load(
        self,
        org_id: int,
        own: bool,
        data: ProfileData,
        completeness: Completeness,
        *,
        fields: bool = True,
    ) -> None:
        """Show a profile; `fields=False` keeps the fields as typed (the change was made here)."""
        switched = org_id != self.org_id
        fields = fields or switched
        if switched:
            self.flush()
        self.org_id, self.data = org_id, data
        name = str(data.org.get("legal_name") or "")
        self.name.setText(name or self.tr("Untitled organisation"))
        self.own.setChecked(own)
        self.meter.set_completeness(completeness)
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            key = item.data(_SECTION_ROLE)
            score = completeness.section(key)
            done = score.fraction >= 1.0
            label = SECTIONS_BY_KEY[key].label
            item.setText(label if done else f"{label} ({len(score.missing)})")
            item.setIcon(self._done_icon if done else self._blank_icon)
            item.setToolTip(
                self.tr("Complete")
                if done
                else self.tr("%n item(s) missing", "", len(score.missing))
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {item.toolTip()}")
        for form in self.forms.values():
            form.load(data, force=switched, fields=fields)
        self._show_logo(data)

    def _show_logo(self, data: ProfileData) -> None:
        brand = self.forms.get("brand")
        logo = brand.logo if brand is not None else None
        sha = str(data.org.get("logo_sha256") or "")
        filename = str(data.org.get("logo_filename") or "")
        if logo is None or sha == self._logo_sha:
            return
        self._logo_sha = sha
        if not sha:
            logo.set_logo("", None)
            return

        def read(ws: Any) -> bytes | None:
            if ws is None or not ws.files.exists(sha):
                return None
            return bytes(ws.files.read(sha))

        self.context.runner.run(read, lambda data: logo.set_logo(filename, data))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.own.setEnabled(not read_only)
        for form in self.forms.values():
            form.set_read_only(read_only)

    def editors(self) -> list[FieldEditor]:
        return [e for form in self.forms.values() for e in form.all_editors()]

    def flush(self) -> None:
        for editor in self.editors():
            editor.flush()

    def has_typing(self) -> bool:
        return any(e.is_dirty() for e in self.editors())

    # -- navigation ---------------------------------------------------------------------------
    def current_section(self) -> str:
        item = self.sections.currentItem()
        return str(item.data(_SECTION_ROLE)) if item is not None else SECTIONS[0].key

    def show_section(self, key: str) -> None:
        for row in range(self.sections.count()):
            if self.sections.item(row).data(_SECTION_ROLE) == key:
                self.sections.setCurrentRow(row)

    def reveal(self, target: str) -> None:
        """Show the section holding `target` without moving the keyboard focus."""
        section = SECTION_OF_FIELD.get(target) or SECTION_OF_TABLE.get(target)
        if section is None and target in SECTIONS_BY_KEY:
            section = target
        if section is not None and section != self.current_section():
            self.show_section(section)

    def jump_to(self, section: str, target: str) -> None:
        """Show the section of `target` (a field, table or section key) and focus it."""
        section = SECTION_OF_FIELD.get(target) or SECTION_OF_TABLE.get(target) or section
        if section not in SECTIONS_BY_KEY:
            return
        self.show_section(section)
        self.ensure_section(section)
        widget = self.forms[section].focus_target(target)
        if widget is None:
            self.forms[section].focus_first()
        else:
            self.scrolls[section].ensureWidgetVisible(widget)

    # -- edits --------------------------------------------------------------------------------
    def _org(self) -> int:
        assert self.org_id is not None
        return self.org_id

    def _push(self, command: ProfileCommand) -> None:
        if self.read_only or self.org_id is None:
            return
        command.reveal = self.reveal_requested.emit
        command.initiator = self
        self.context.undo_stack.push(command)

    def _field_edited(self, key: str, old: Any, new: Any) -> None:
        label = ORG_FIELDS[key].label
        self._push(
            SetFieldCommand(self.context, self._org(), key=key, label=label, old=old, new=new)
        )

    def _exclusion_edited(self, ground: str, key: str, old: Any, new: Any) -> None:
        command = SetExclusionCommand(
            self.context, self._org(), ground=ground, key=key, old=old, new=new
        )
        self._push(command)

    def _own_clicked(self, checked: bool) -> None:
        self._push(SetOwnCommand(self.context, self._org(), checked))

    def _add_row(self, section: SectionSpec, table: RowTable, position: int) -> None:
        assert section.table is not None
        command = AddRowCommand(
            self.context,
            self._org(),
            table=section.table,
            row_ids=self.row_ids,
            position=position,
            row_name=section.row_name,
        )
        command.on_created = lambda row_id: self._select_new_row(table, row_id)
        self._push(command)

    def _select_new_row(self, table: RowTable, row_id: int) -> None:
        table.pending_selection = row_id
        table.select_row_id(row_id)

    def _logo_chosen(self, path: Path | None) -> None:
        org = self.data.org if self.data is not None else {}
        old = (str(org.get("logo_sha256") or ""), str(org.get("logo_filename") or ""))
        self._push(
            AttachFileCommand(
                self.context,
                self._org(),
                target="logo_filename",
                row_id=None,
                row_ids=self.row_ids,
                old=old,
                new_path=path,
            )
        )

    def _attach_document(self, table: RowTable, row_id: int) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach a policy document"),
            "",
            self.tr("Documents (*.pdf *.docx *.doc *.odt *.rtf *.txt);;All files (*)"),
        )
        if path:
            self._file(table, row_id, Path(path))

    def _file(self, table: RowTable, row_id: int, path: Path | None) -> None:
        row = table.model.rows[table.model.row_of(row_id)]
        old = (str(row.get("file_sha256") or ""), str(row.get("file_name") or ""))
        self._push(
            AttachFileCommand(
                self.context,
                self._org(),
                target="policies",
                row_id=row_id,
                row_ids=self.row_ids,
                old=old,
                new_path=path,
            )
        )
