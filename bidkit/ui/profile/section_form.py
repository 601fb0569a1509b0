"""The form of one profile section, built from the catalogue.

Single-valued fields get a label, an editor, their help in small grey text and an inline
message when the value is not right. A repeating section adds its row table; the exclusion
grounds their fixed list; the brand section a logo with a preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bidkit.profile.catalogue import FieldSpec, SectionSpec
from bidkit.profile.completeness import ProfileData
from bidkit.ui.profile.exclusions import ExclusionsPanel
from bidkit.ui.profile.field_editors import (
    FieldEditor,
    error_label,
    help_label,
    make_editor,
    show_problem,
)
from bidkit.ui.profile.row_table import RowTable
from bidkit.ui.widgets import PushButton


def _trades_elsewhere(org: Any) -> bool:
    return not bool(org.get("trading_same_as_registered", True))


#: Fields that only apply in some cases: they are greyed out otherwise.
_APPLIES_WHEN: dict[str, Callable[[Any], bool]] = {
    "legal_form_other": lambda org: org.get("legal_form") == "other",
    "trading_address": _trades_elsewhere,
    "trading_postcode": _trades_elsewhere,
}
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.svg)"


class LogoEditor(QWidget):
    """The organisation's logo: a preview, its file name, Choose and Remove."""

    chosen = Signal(object)  # Path, or None to remove

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.preview = QLabel(self)
        self.preview.setFixedSize(160, 96)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px dashed #8a96a8; background: #ffffff;")
        self.preview.setAccessibleName(self.tr("Logo preview"))
        self.name = QLabel(self)
        self.name.setAccessibleName(self.tr("Logo file"))
        self.choose = PushButton(self.tr("Choose image…"), self)
        self.choose.setAccessibleName(self.tr("Choose logo image"))
        self.choose.setAutoDefault(False)
        self.remove = PushButton(self.tr("Remove logo"), self)
        self.remove.setAccessibleName(self.tr("Remove logo"))
        self.remove.setAutoDefault(False)
        self.choose.clicked.connect(self._choose)
        self.remove.clicked.connect(lambda: self.chosen.emit(None))
        buttons = QVBoxLayout()
        buttons.addWidget(self.name)
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.choose)
        self._read_only = False
        self._has_logo = False
        self.set_logo("", None)

    def set_logo(self, filename: str, data: bytes | None) -> None:
        self._has_logo = bool(filename)
        self.name.setText(filename or self.tr("No logo yet"))
        self.remove.setEnabled(self._has_logo and not self._read_only)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            ratio = self.devicePixelRatioF()
            size = self.preview.size() * ratio
            scaled = pixmap.scaled(
                size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            self.preview.setPixmap(scaled)
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No preview") if filename else "")

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.choose.setEnabled(not read_only)
        self.remove.setEnabled(not read_only and self._has_logo)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a logo"), "", self.tr(IMAGE_FILTER)
        )
        if path:
            self.chosen.emit(Path(path))


class SectionForm(QWidget):
    """Everything one section of the profile asks for."""

    field_edited = Signal(str, object, object)  # field key, old, new

    def __init__(self, section: SectionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.editors: dict[str, FieldEditor] = {}
        self.problems: dict[str, QLabel] = {}
        self.logo: LogoEditor | None = None
        self.table: RowTable | None = None
        self.exclusions: ExclusionsPanel | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 16)
        heading = QLabel(section.label, self)
        heading.setObjectName("sectionHeading")
        heading.setAccessibleName(section.label)
        layout.addWidget(heading)
        layout.addWidget(help_label(section.help, self))
        if section.fields:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            for spec in section.fields:
                self._add_field(form, spec)
            layout.addLayout(form)
        if section.table == "exclusions":
            self.exclusions = ExclusionsPanel(self)
            layout.addWidget(self.exclusions)
        elif section.table:
            self.table = RowTable(section, self)
            layout.addWidget(self.table, 1)
        if section.table is None or section.table == "exclusions":
            layout.addStretch(1)

    def _add_field(self, form: QFormLayout, spec: FieldSpec) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        if spec.key == "logo_filename":
            self.logo = LogoEditor(spec, self)
            box.addWidget(self.logo)
            widget_for_label: QWidget = self.logo
        else:
            editor = make_editor(spec, self)
            editor.edited.connect(
                lambda old, new, key=spec.key: self.field_edited.emit(key, old, new)
            )
            self.editors[spec.key] = editor
            box.addWidget(editor)
            widget_for_label = editor.focus_widget()
            problem = error_label(self)
            editor.problem_changed.connect(lambda text, p=problem: show_problem(p, text))
            self.problems[spec.key] = problem
        if spec.help:
            box.addWidget(help_label(spec.help, self))
        if spec.key in self.problems:
            box.addWidget(self.problems[spec.key])
        if spec.kind == "bool":
            form.addRow("", box)
            return
        label = QLabel(spec.label, self)
        label.setBuddy(widget_for_label)
        form.addRow(label, box)

    def load(self, data: ProfileData, *, force: bool = False, fields: bool = True) -> None:
        """Show `data`; `force` also replaces unsaved typing (another organisation is shown).

        `fields=False` leaves the single-valued fields and exclusion answers as they are (the
        change was typed here), refreshing only tables and what depends on the values.
        """
        if fields:
            for key, editor in self.editors.items():
                editor.set_value(data.org.get(key), force=force)
        for key, applies in _APPLIES_WHEN.items():
            if key in self.editors:
                self.editors[key].setEnabled(applies(data.org))
        if self.table is not None and self.section.table:
            self.table.set_rows([dict(r) for r in data.rows(self.section.table)])
        if self.exclusions is not None and fields:
            self.exclusions.set_rows(list(data.rows("exclusions")), force=force)

    def all_editors(self) -> list[FieldEditor]:
        editors = list(self.editors.values())
        if self.exclusions is not None:
            editors += self.exclusions.editors()
        return editors

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.set_read_only(read_only)
        if self.table is not None:
            self.table.set_read_only(read_only)
        if self.exclusions is not None:
            self.exclusions.set_read_only(read_only)
        if self.logo is not None:
            self.logo.set_read_only(read_only)

    def focus_target(self, target: str) -> QWidget | None:
        """Put the keyboard focus on a field or table; returns the widget focused."""
        if target in self.editors:
            self.editors[target].focus_editor()
            return self.editors[target]
        if self.table is not None and target == self.section.table:
            self.table.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return self.table
        if self.exclusions is not None and target == "exclusions":
            self.exclusions.focus_first()
            return self.exclusions
        if self.logo is not None and target == "logo_filename":
            self.logo.choose.setFocus()
            return self.logo
        return None

    def focus_first(self) -> None:
        widget = self.focus_target(next(iter(self.editors), self.section.table or ""))
        if widget is None and self.logo is not None:
            self.logo.choose.setFocus()

    def value_of(self, key: str) -> Any:
        return self.editors[key].saved if key in self.editors else None
