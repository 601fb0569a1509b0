"""A bid's details: what the notice says and what the team notes. Saved as it is typed.

The title, buyer, reference and notes save through a `SaveTimer`: after a short pause, and at
least once a second while typing goes on. The portal link, value, currency and deadline save
when the field is left (half-typed, they would be refused: "https:/", "GB").
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from bidkit.ops import bids as ops
from bidkit.profile.values import format_amount, parse_money
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.bids.format import show_money
from bidkit.ui.bids.moment_edit import MomentEdit
from bidkit.ui.save_timer import SaveTimer

#: The text fields saved while they are typed in (the others when they are left).
_SAVED_AS_TYPED = ("title", "buyer", "reference")


def _yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")


class DetailsTab(QScrollArea):
    def __init__(self, actions: BidActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bid_ops = actions
        self.bid: Any = None
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.lines: dict[str, QLineEdit] = {}
        self._lines_timer = SaveTimer(self)
        self._lines_timer.timeout.connect(self._save_lines)
        for key, label in (
            ("title", self.tr("Title")),
            ("buyer", self.tr("Buyer")),
            ("reference", self.tr("Buyer's reference")),
            ("portal_url", self.tr("Portal link")),
        ):
            edit = QLineEdit(body)
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda key=key: self._save_line(key))
            if key in _SAVED_AS_TYPED:
                edit.textEdited.connect(lambda _text: self._lines_timer.start())
            self.lines[key] = edit
            form.addRow(label, edit)
        self.deadline = MomentEdit(self.tr("Submission deadline"), body)
        self.deadline.changed.connect(self._save_deadline)
        form.addRow(self.tr("Submission deadline (UK time)"), self.deadline)
        self.value = QLineEdit(body)
        self.value.setAccessibleName(self.tr("Estimated value"))
        self.value.editingFinished.connect(self._save_value)
        self.currency = QLineEdit(body)
        self.currency.setAccessibleName(self.tr("Currency"))
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(70)
        self.currency.editingFinished.connect(self._save_currency)
        form.addRow(self.tr("Estimated value"), self.value)
        form.addRow(self.tr("Currency"), self.currency)
        self.lead = QComboBox(body)
        self.lead.setAccessibleName(self.tr("Lead organisation"))
        self.lead.activated.connect(self._save_lead)
        form.addRow(self.tr("Lead organisation"), self.lead)
        self.notes = QPlainTextEdit(body)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        self._notes_timer = SaveTimer(self)
        self._notes_timer.timeout.connect(self._save_notes)
        self.notes.textChanged.connect(self._notes_timer.start)
        form.addRow(self.tr("Notes"), self.notes)
        self.notice = QLabel(body)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setOpenExternalLinks(True)
        self.notice.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.notice.setAccessibleName(self.tr("From the tender notice"))
        form.addRow(self.tr("From the notice"), self.notice)
        self.setWidget(body)

    def show_bid(self, bid: Any, *, own: bool = False) -> None:
        """Show `bid`; `own` when the change was made on this page (the text already shows it).

        Text is only replaced when the stored value differs from what the field reads and the
        field is not being typed in: replacing it would move the cursor and clear its undo.
        """
        previous = self.bid
        same = previous is not None and previous.id == bid.id
        # Notes typed but not saved yet stay when the same bid is shown again; `flush` saves them.
        typed = same and self.notes.toPlainText() != previous.notes
        self.bid = bid
        keep = same and own
        for key, edit in self.lines.items():
            _replace(edit, getattr(bid, key), keep or (same and edit.hasFocus()))
        self.deadline.set_value(bid.deadline, bid.deadline_all_day)
        value_text = format_amount(bid.value) if bid.value is not None else ""
        _replace(self.value, value_text, keep or (same and self.value.hasFocus()))
        _replace(self.currency, bid.currency, keep or (same and self.currency.hasFocus()))
        self.lead.clear()
        self.lead.addItem(self.tr("No lead organisation yet"), None)
        for org in bid.organisations:
            self.lead.addItem(org.name, org.id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(bid.lead_org_id)))
        replace_notes = not same or not (own or typed or self.notes.hasFocus())
        if replace_notes and self.notes.toPlainText() != bid.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(bid.notes)
            self.notes.blockSignals(False)
        self.notice.setText(self._notice_html(bid))

    def _notice_html(self, bid: Any) -> str:
        e = html.escape
        parts = []
        if getattr(bid, "notice_record", False):
            parts.append(
                "<b>"
                + e(self.tr("Kept as a record ({kind} notice), not a live bid: its dates stay "
                            "out of the calendar.").format(kind=bid.notice_type or "past"))
                + "</b>"
            )  # fmt: skip
        if bid.cpv_codes:
            parts.append(f"<b>{self.tr('CPV codes')}:</b> {e(', '.join(bid.cpv_codes))}")
        if bid.ocid:
            parts.append(f"<b>{self.tr('Notice id (ocid)')}:</b> {e(bid.ocid)}")
        if bid.sme_suitable is not None or bid.vcse_suitable is not None:
            parts.append(
                f"<b>{self.tr('Suitable for SMEs')}:</b> {_yes_no(bid.sme_suitable)}; "
                f"<b>{self.tr('for VCSEs')}:</b> {_yes_no(bid.vcse_suitable)}"
            )
        if bid.lots:
            lots = "; ".join(
                e(f"{lot.get('title', '')} {show_money(_decimal(lot.get('value')), bid.currency)}")
                for lot in bid.lots
            )
            parts.append(f"<b>{self.tr('Lots')}:</b> {lots}")
        for doc in bid.documents:
            url = str(doc.get("url", ""))
            if url.startswith(("https://", "http://")):
                parts.append(f"<a href='{e(url)}'>{e(str(doc.get('title') or url))}</a>")
        if bid.description:
            parts.append(e(bid.description[:2000]).replace("\n", "<br>"))
        return "<br>".join(parts) or self.tr("Nothing imported from a notice.")

    def _save_lines(self) -> None:
        """Save the text fields typed in (the pause or the maximum wait has come)."""
        self._lines_timer.stop()
        for key in _SAVED_AS_TYPED:
            if key != "title" or self.lines[key].text().strip():  # blank: said when left
                self._save_line(key)

    def _save_line(self, key: str) -> None:
        if self.bid is None:
            return
        value = self.lines[key].text().strip()
        if value != getattr(self.bid, key):
            values: dict[str, Any] = {key: value}
            self.bid_ops.run(ops.update_bid, self.bid.id, **values)

    def _save_deadline(self) -> None:
        if self.bid is None:
            return
        if self.bid.deadline is None and not self.deadline.touched():
            return  # no deadline yet: passing through the field must not set one
        moment, all_day = self.deadline.value()
        if moment != self.bid.deadline or all_day != self.bid.deadline_all_day:
            self.bid_ops.run(ops.update_bid, self.bid.id, deadline=moment, deadline_all_day=all_day)

    def _save_value(self) -> None:
        if self.bid is not None and self._value_changed():
            value = self.value.text().strip() or None
            self.bid_ops.run(ops.update_bid, self.bid.id, value=value)

    def _value_changed(self) -> bool:
        typed = self.value.text().strip()
        if not typed:
            return self.bid.value is not None
        try:
            number = parse_money(typed)
        except ValueError:
            return True  # saving it explains what is wrong
        return self.bid.value is None or number != self.bid.value

    def _save_currency(self) -> None:
        if self.bid is not None and self.currency.text().strip().upper() != self.bid.currency:
            self.bid_ops.run(ops.update_bid, self.bid.id, currency=self.currency.text())

    def _save_lead(self, _index: int) -> None:
        if self.bid is not None and self.lead.currentData() != self.bid.lead_org_id:
            self.bid_ops.run(ops.update_bid, self.bid.id, lead_org_id=self.lead.currentData())

    def flush(self) -> None:
        """Save what is typed but not saved yet (leaving the bid, closing the window)."""
        self._lines_timer.stop()
        if self.bid is not None:
            for key in self.lines:
                self._save_line(key)
            self._save_value()
            self._save_currency()
        self._save_notes()

    def _save_notes(self) -> None:
        self._notes_timer.stop()
        if self.bid is not None and self.notes.toPlainText() != self.bid.notes:
            self.bid_ops.run(ops.update_bid, self.bid.id, notes=self.notes.toPlainText())


def _replace(edit: QLineEdit, text: str, keep: bool) -> None:
    """Show `text` in `edit` unless told to keep what is there (or it already reads so)."""
    if not keep and edit.text().strip() != text.strip():
        edit.setText(text)


def _decimal(value: Any) -> Any:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None
