"""The Export dialog: choose a bid, format and sections, read the compliance report, export.

All reading and writing runs on the database worker (see export_jobs); the dialog polls a
shared progress object with a timer, so the window stays responsive and Cancel works while a
long export runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bidkit.export.compliance import ProblemKind
from bidkit.ui.context import AppContext
from bidkit.ui.export import export_jobs
from bidkit.ui.widgets import push_button

_NUMBER_ROLE = Qt.ItemDataRole.UserRole


class ExportDialog(QDialog):
    def __init__(self, context: AppContext, bid_id: int | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.context = context
        self.wanted_bid = bid_id
        self.choices: list[export_jobs.BidChoice] = []
        self.preview: Any = None
        self.result: Any = None
        self.progress: export_jobs.SharedProgress | None = None
        self._serial = 0
        self._folder: Path | None = None
        self.setWindowTitle(self.tr("Export bid"))
        self.setMinimumSize(720, 640)
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)
        self._set_busy(False)
        self.context.runner.run(export_jobs.list_bid_choices, self._bids_loaded, self._failed)

    # -- layout ---------------------------------------------------------------------------------
    def _named(self, widget: Any, name: str) -> Any:
        widget.setAccessibleName(name)
        return widget

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.bid_combo = self._named(QComboBox(self), self.tr("Bid"))
        self.form_combo = self._named(QComboBox(self), self.tr("Questionnaire"))
        form.addRow(self.tr("&Bid:"), self.bid_combo)
        form.addRow(self.tr("&Questionnaire:"), self.form_combo)
        formats = QHBoxLayout()
        self.docx_radio = self._named(QRadioButton(self.tr("&Word document (.docx)"), self),
                                      self.tr("Word document"))  # fmt: skip
        self.pdf_radio = self._named(QRadioButton(self.tr("&PDF"), self), self.tr("PDF"))
        self.package_radio = self._named(
            QRadioButton(self.tr("Submission pac&kage (.zip)"), self),
            self.tr("Submission package: Word, PDF and every document the answers cite"),
        )
        self.package_radio.setToolTip(self.tr(
            "The Word and PDF files with every policy and certificate the answers refer to, "
            "named as appendices, in one .zip to upload."))  # fmt: skip
        self.docx_radio.setChecked(True)
        # Shown for a buyer's own questionnaire: their file, with the answers in place.
        buyer_text = self.tr("The b&uyer's own file (.docx)")
        self.buyer_radio = self._named(QRadioButton(buyer_text, self), self.tr("Buyer's own file"))
        self.buyer_radio.setVisible(False)
        self.form_combo.currentIndexChanged.connect(self._buyer_form_chosen)
        self.format_group = QButtonGroup(self)
        for button in (self.docx_radio, self.pdf_radio, self.package_radio, self.buyer_radio):
            self.format_group.addButton(button)
            formats.addWidget(button)
        formats.addStretch(1)
        form.addRow(self.tr("Format:"), formats)
        layout.addLayout(form)

        options = QGroupBox(self.tr("What to include"), self)
        box = QVBoxLayout(options)
        self.sections = self._named(QListWidget(options), self.tr("Sections to export"))
        # As tall as its few sections (up to five lines); the room goes to the report.
        self.sections.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_sections()
        box.addWidget(self.sections)
        self.question_text = self._named(
            QCheckBox(self.tr("Include the question &text"), options),
            self.tr("Include the question text"),
        )
        self.question_text.setChecked(True)
        box.addWidget(self.question_text)
        self.draft_label = self._named(QLabel(options), self.tr("Draft state"))
        self.draft_label.setWordWrap(True)
        box.addWidget(self.draft_label)
        layout.addWidget(options)

        report_box = QGroupBox(self.tr("Compliance check"), self)
        report_layout = QVBoxLayout(report_box)
        self.report = self._named(QPlainTextEdit(report_box), self.tr("Compliance report"))
        self.report.setReadOnly(True)
        report_layout.addWidget(self.report)
        self.save_report_button = self._button(self.tr("&Save report…"),
                                               self.tr("Save the compliance report"),
                                               self.save_report)  # fmt: skip
        report_layout.addWidget(self.save_report_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(report_box, 1)

        target = QHBoxLayout()
        self.path_edit = self._named(QLineEdit(self), self.tr("Export to file"))
        self.browse_button = self._button(self.tr("B&rowse…"), self.tr("Choose where to save"),
                                          self.browse)  # fmt: skip
        save_as = QLabel(self.tr("Sa&ve as:"), self)
        save_as.setBuddy(self.path_edit)
        target.addWidget(save_as)
        target.addWidget(self.path_edit, 1)
        target.addWidget(self.browse_button)
        layout.addLayout(target)

        progress_row = QHBoxLayout()
        self.progress_bar = self._named(QProgressBar(self), self.tr("Export progress"))
        self.progress_bar.setRange(0, 100)
        self.cancel_button = self._button(self.tr("&Cancel export"), self.tr("Cancel export"),
                                          self.cancel_export)  # fmt: skip
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self.status = self._named(QLabel(self), self.tr("Export status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.open_button = self._button(self.tr("&Open"), self.tr("Open the exported file"),
                                        self.open_file)  # fmt: skip
        self.folder_button = self._button(self.tr("Show in &folder"),
                                          self.tr("Show the exported file in its folder"),
                                          self.show_folder)  # fmt: skip
        self.export_button = self._button(self.tr("&Export"), self.tr("Export"), self.start)
        self.export_button.setDefault(True)
        self.close_button = self._button(self.tr("Close"), self.tr("Close"), self.reject)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.bid_combo.currentIndexChanged.connect(self._bid_changed)
        self.form_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview(True))
        self.sections.itemChanged.connect(lambda _item: self.refresh_preview())
        self.question_text.toggled.connect(lambda _on: self.refresh_preview())
        self.format_group.buttonToggled.connect(lambda *_a: self._format_changed())

    def _fit_sections(self) -> None:
        rows = min(max(self.sections.count(), 2), 5)
        line = max(self.sections.sizeHintForRow(0), self.fontMetrics().lineSpacing() + 4)
        self.sections.setFixedHeight(rows * line + 2 * self.sections.frameWidth() + 4)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        return push_button(self, text, slot, name)

    # -- choices and preview --------------------------------------------------------------------
    def fmt(self) -> str:
        if self.package_radio.isChecked():
            return "package"
        return "pdf" if self.pdf_radio.isChecked() else "docx"

    def suffix(self) -> str:
        return {"package": ".zip", "pdf": ".pdf"}.get(self.fmt(), ".docx")

    def bid_id(self) -> int | None:
        value = self.bid_combo.currentData()
        return int(value) if value is not None else None

    def chosen_sections(self) -> frozenset[str] | None:
        numbers = []
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                numbers.append(str(item.data(_NUMBER_ROLE)))
        if len(numbers) == self.sections.count():
            return None
        return frozenset(numbers)

    def _bids_loaded(self, choices: list[export_jobs.BidChoice]) -> None:
        self.choices = [c for c in choices if c.forms]
        self.bid_combo.blockSignals(True)
        self.bid_combo.clear()
        for choice in self.choices:
            label = f"{choice.title} ({choice.buyer})" if choice.buyer else choice.title
            self.bid_combo.addItem(label, choice.id)
        index = self.bid_combo.findData(self.wanted_bid) if self.wanted_bid else 0
        self.bid_combo.setCurrentIndex(max(index, 0) if self.choices else -1)
        self.bid_combo.blockSignals(False)
        if not self.choices:
            self.status.setText(self.tr("No bid has a questionnaire yet: attach one on the "
                                        "Questionnaires page first."))  # fmt: skip
            self.export_button.setEnabled(False)
            return
        self._bid_changed()

    def _bid_changed(self, _index: int = 0) -> None:
        choice = next((c for c in self.choices if c.id == self.bid_id()), None)
        self.form_combo.blockSignals(True)
        self.form_combo.clear()
        for form_id, title in choice.forms if choice else ():
            self.form_combo.addItem(title, form_id)
        self.form_combo.blockSignals(False)
        self.path_edit.clear()
        self.refresh_preview(new_form=True)

    def refresh_preview(self, new_form: bool = False) -> None:
        bid_id = self.bid_id()
        if bid_id is None:
            return
        form_id = self.form_combo.currentData()
        sections = None if new_form else self.chosen_sections()
        include = self.question_text.isChecked()
        self._serial += 1
        serial = self._serial

        def job(ws: Any) -> Any:
            return export_jobs.preview(ws, bid_id, form_id, sections, include)

        def done(preview: Any) -> None:
            if serial == self._serial:
                self._show_preview(preview, new_form)

        self.context.runner.run(job, done, self._failed, quiet=True)

    def _show_preview(self, preview: Any, new_form: bool) -> None:
        self.preview = preview
        if new_form:
            self.sections.blockSignals(True)
            self.sections.clear()
            for number, title in preview.sections:
                item = QListWidgetItem(f"{number} {title}")
                item.setData(_NUMBER_ROLE, number)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.sections.addItem(item)
            self.sections.blockSignals(False)
            self._fit_sections()
        if preview.draft:
            self.draft_label.setText(self.tr("Draft: some answers are not yet marked ready, so "
                                             "every page will be marked DRAFT."))  # fmt: skip
        else:
            self.draft_label.setText(self.tr("Final: every answer is marked ready."))
        self.report.setPlainText(preview.report.as_text())
        if not self.path_edit.text().strip():
            folder = self._folder or Path.home()
            self.path_edit.setText(str(folder / f"{preview.file_stem}{self.suffix()}"))

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.suffix())))

    # -- actions --------------------------------------------------------------------------------
    def browse(self) -> None:
        kind = {
            "pdf": self.tr("PDF (*.pdf)"),
            "package": self.tr("Submission package (*.zip)"),
        }.get(self.fmt(), self.tr("Word (*.docx)"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"),
                                              self.path_edit.text(), kind)  # fmt: skip
        if path:
            self.path_edit.setText(str(Path(path).with_suffix(self.suffix())))

    def start(self) -> None:
        bid_id, preview = self.bid_id(), self.preview
        text = self.path_edit.text().strip()
        if bid_id is None or preview is None or not text:
            self.status.setText(self.tr("Choose a bid and where to save the file."))
            return
        if self.chosen_sections() == frozenset():
            self.status.setText(self.tr("Choose at least one section to export."))
            return
        if not preview.draft and preview.report.problems and not self._confirm_final(preview):
            return
        # Confirming a final export with problems includes answers over their limit.
        allow_over_limit = not preview.draft and bool(preview.report.problems)
        target = Path(text).expanduser()
        self._folder = target.parent
        if self.buyer_radio.isChecked():
            self._start_buyer(bid_id, target)
            return
        fmt, form_id = self.fmt(), self.form_combo.currentData()
        sections, include = self.chosen_sections(), self.question_text.isChecked()
        progress = export_jobs.SharedProgress()
        self.progress = progress

        def job(ws: Any) -> Any:
            return export_jobs.export(ws, bid_id, form_id, fmt, target, sections=sections,
                                      include_text=include, progress=progress,
                                      allow_over_limit=allow_over_limit)  # fmt: skip

        self._set_busy(True)
        self.status.setText(self.tr("Exporting…"))
        self.timer.start()
        self.context.runner.run(job, self._finished, self._export_failed)

    def _buyer_form_chosen(self, _index: int = 0) -> None:
        buyer = str(self.form_combo.currentData() or "").startswith("buyer-")
        self.buyer_radio.setVisible(buyer)
        if buyer:
            self.buyer_radio.setChecked(True)
        elif self.buyer_radio.isChecked():
            self.docx_radio.setChecked(True)

    def _start_buyer(self, bid_id: int, target: Path) -> None:
        from bidkit.ops.buyer_forms import export_buyer_form

        form_id = self.form_combo.currentData()
        self._set_busy(True)
        self.status.setText(self.tr("Writing the answers into the buyer's file…"))

        def done(result: Any) -> None:
            self._set_busy(False)
            self.result = result
            self.progress_bar.setValue(100)
            self.status.setText(self.tr("Saved {path}: {placed} of {answered} answers placed in "
                                        "the buyer's file.").format(
                path=result.path, placed=result.placed, answered=result.answered))  # fmt: skip
            self.open_button.setEnabled(True)
            self.folder_button.setEnabled(True)

        self.context.runner.run(lambda ws: export_buyer_form(ws, bid_id, target, form_id), done,
                                self._export_failed)  # fmt: skip

    def _confirm_final(self, preview: Any) -> bool:
        count = len(preview.report.problems)
        text = ""
        over = preview.report.of_kind(ProblemKind.OVER_LIMIT)
        if over:
            numbers = ", ".join(dict.fromkeys(p.number for p in over))
            text = self.tr("Answers over the buyer's word or character limit ({numbers}) "
                           "will be sent in full, and a buyer may stop reading at the "
                           "limit.").format(numbers=numbers) + " "  # fmt: skip
        answer = QMessageBox.question(
            self,
            self.tr("Export with problems?"),
            text
            + self.tr("This final document has %n compliance problem(s) a buyer may reject "
                      "it for (see the report). Export it anyway?", "", count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def cancel_export(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _poll(self) -> None:
        if self.progress is None:
            return
        fraction, message = self.progress.state()
        self.progress_bar.setValue(round(fraction * 100))
        if message and not self.progress.cancelled():
            self.status.setText(message)

    def _finished(self, result: Any) -> None:
        self.timer.stop()
        self._set_busy(False)
        self.progress = None
        if result is None:
            self.progress_bar.setValue(0)
            self.status.setText(self.tr("Export cancelled; no file was written."))
            return
        self.result = result
        self.progress_bar.setValue(100)
        state = self.tr("draft") if result.draft else self.tr("final")
        self.status.setText(self.tr("Saved {path} ({state}, {count} questions).").format(
            path=result.path, state=state, count=result.questions))  # fmt: skip
        if result.files:
            appendices = len(result.files) - 2  # the Word and PDF files come first
            self.status.setText(self.status.text() + " " + self.tr(
                "It holds the Word and PDF files and {count} appendices.").format(
                count=appendices))  # fmt: skip
        self.open_button.setEnabled(True)
        self.folder_button.setEnabled(True)
        self.context.report(self.tr("Exported {name}").format(name=result.path.name))

    def _export_failed(self, error: BaseException) -> None:
        self.timer.stop()
        self._set_busy(False)
        self.progress = None
        self.progress_bar.setValue(0)
        self.status.setText(self.tr("The export failed; no file was written."))
        self.context.signals.error.emit(error)

    def _failed(self, error: BaseException) -> None:
        self.context.signals.error.emit(error)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.export_button, self.bid_combo, self.form_combo, self.sections,
                       self.question_text, self.docx_radio, self.pdf_radio,
                       self.package_radio, self.buyer_radio, self.path_edit,
                       self.browse_button, self.close_button):  # fmt: skip
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.open_button.setEnabled(False)
            self.folder_button.setEnabled(False)

    def open_file(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path)))

    def show_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    def save_report(self) -> None:
        if self.preview is None:
            return
        suggested = self.path_edit.text().strip() or str(Path.home() / "report.txt")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save compliance report"),
            str(Path(suggested).with_name(Path(suggested).stem + " - compliance.txt")),
            self.tr("Text (*.txt);;JSON (*.json)"),
        )  # fmt: skip
        if not path:
            return
        report = self.preview.report

        def job(ws: Any) -> Any:
            return export_jobs.save_report(ws, report, Path(path))

        self.context.runner.run(
            job,
            lambda saved: self.status.setText(self.tr("Report saved to {path}").format(
                path=saved)),
            self._failed,
        )  # fmt: skip

    def reject(self) -> None:
        if self.progress is not None:  # an export is running: cancel it first
            self.cancel_export()
            return
        super().reject()
