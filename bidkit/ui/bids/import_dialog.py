"""Preview a tender notice before it becomes a bid (or updates the bid made from it before)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.bids.format import show_moment, show_money


def _yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")


class NoticePreviewDialog(QDialog):
    """Lists the notices found in a file; shows what each would put on its bid."""

    def __init__(
        self, previews: Sequence[Any], organisations: Sequence[Any], source_name: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.previews = list(previews)
        self.setWindowTitle(self.tr("Import tender notice"))
        self.resize(860, 620)
        layout = QVBoxLayout(self)
        updates = sum(p.existing_bid_id is not None for p in self.previews)
        summary = self.tr("{file}: %n notice(s); {new} new, {updates} already a bid.", "",
                          len(self.previews)).format(
            file=source_name, new=len(self.previews) - updates, updates=updates
        )  # fmt: skip
        heading = QLabel(summary, self)
        heading.setWordWrap(True)
        heading.setAccessibleName(summary)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Notices in the file"))
        for preview in self.previews:
            item = QListWidgetItem(preview.title)
            item.setToolTip(preview.ocid)
            self.list.addItem(item)
        self.details = QTextBrowser(self)
        self.details.setOpenExternalLinks(True)
        self.details.setAccessibleName(self.tr("What the notice will put on the bid"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setSizes([240, 620])
        if len(self.previews) == 1:
            self.list.hide()
        form = QFormLayout()
        self.lead = QComboBox(self)
        self.lead.setAccessibleName(self.tr("Lead organisation for new bids"))
        self.lead.addItem(self.tr("Our own organisation"), None)
        for org in organisations:
            self.lead.addItem(org.name, org.id)
        form.addRow(self.tr("Lead organisation for new bids"), self.lead)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if updates == len(self.previews):
            ok.setText(self.tr("Update the bid") if updates == 1 else self.tr("Update the bids"))
        elif all(getattr(p, "record", False) for p in self.previews):
            ok.setText(
                self.tr("Add as a record") if len(self.previews) == 1 else self.tr("Add as records")
            )
        else:
            ok.setText(self.tr("Add bid") if len(self.previews) == 1 else self.tr("Add bids"))
        ok.setAccessibleName(ok.text())
        self.ok_button = ok
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.setCurrentRow(0)
        self._show(0)

    def lead_id(self) -> int | None:
        value = self.lead.currentData()
        return int(value) if value is not None else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.previews):
            return
        self.details.setHtml(self.describe(self.previews[row]))

    def kind_label(self, kind: str) -> str:
        """How each kind of notice (`bidkit.bids.notice_kinds.NoticeType`) is named."""
        labels = {
            "planning": self.tr("Planning notice (a future opportunity)"),
            "tender": self.tr("Tender notice (open for bids)"),
            "award": self.tr("Award notice (the contract has been awarded)"),
            "contract": self.tr("Contract notice (the contract has been signed)"),
            "closed": self.tr("Closed tender"),
            "cancelled": self.tr("Cancelled procurement"),
        }
        return labels.get(kind, kind)

    def describe(self, p: Any) -> str:
        e = html.escape
        kind = self.kind_label(str(getattr(p, "notice_type", "tender")))
        interest = getattr(p, "expression_of_interest", None)
        others = getattr(p, "other_classifications", ())
        rows = [
            (self.tr("Kind of notice"), e(kind)),
            (self.tr("Buyer"), e(p.buyer) or self.tr("not stated")),
            (self.tr("Reference"), e(p.reference)),
            (self.tr("Submission deadline"),
             e(show_moment(p.deadline, p.deadline_all_day)) or self.tr("not stated")),
            (self.tr("Requests to participate close"),
             e(show_moment(interest, getattr(p, "expression_of_interest_all_day", False)))),
            (self.tr("Clarification questions close"),
             e(show_moment(p.clarification, p.clarification_all_day))),
            (self.tr("Award expected"), e(show_moment(p.award, p.award_all_day))),
            (self.tr("Contract start"),
             e(show_moment(p.contract_start, p.contract_start_all_day))),
            (self.tr("Value"), e(show_money(p.value, p.currency)) or self.tr("not stated")),
            (self.tr("CPV codes"), e(", ".join(p.cpv))),
            (self.tr("Other classifications"),
             e("; ".join(f"{c.scheme} {c.id}" for c in others))),
            (self.tr("Suitable for SMEs"), _yes_no(p.sme_suitable)),
            (self.tr("Suitable for VCSEs"), _yes_no(p.vcse_suitable)),
            (self.tr("Notice id (ocid)"), e(p.ocid)),
        ]  # fmt: skip
        parts = [f"<h2>{e(p.title)}</h2>"]
        if getattr(p, "record", False):
            parts.append(
                "<p><b>"
                + self.tr("Kept as a record, not a live bid: its dates stay out of the calendar.")
                + "</b></p>"
            )
        if p.existing_bid_id is not None:
            parts.append(
                "<p><b>"
                + self.tr("Already a bid: importing updates it; your notes, tasks and status stay.")
                + "</b></p>"
            )
        if p.warnings:
            parts.append(
                "<p><b>" + self.tr("Check by hand:") + "</b></p><ul>"
                + "".join(f"<li>{e(w)}</li>" for w in p.warnings) + "</ul>"
            )  # fmt: skip
        parts.append("<table cellpadding='3'>")
        parts += [f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows if v]
        parts.append("</table>")
        if p.lots:
            parts.append("<h3>" + self.tr("Lots") + "</h3><ul>")
            parts += [
                f"<li>{e(lot.title)} {e(show_money(lot.value, p.currency))}</li>" for lot in p.lots
            ]
            parts.append("</ul>")
        if p.documents:
            parts.append("<h3>" + self.tr("Documents") + "</h3><ul>")
            parts += [f"<li><a href='{e(d.url)}'>{e(d.title)}</a></li>" for d in p.documents]
            parts.append("</ul>")
        if p.description:
            parts.append("<h3>" + self.tr("Description") + "</h3>")
            parts.append("<p>" + e(p.description[:3000]).replace("\n", "<br>") + "</p>")
        return "".join(parts)
