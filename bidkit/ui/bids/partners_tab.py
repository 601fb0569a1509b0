"""The consortium on a bid: partners with their roles, shares, contact, progress and sign-off,
what each still owes, the agreements the buyer asks for, and partner packs out and in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bidkit.ops import bids as ops
from bidkit.ops import (
    consortium,
    pack_merge,
    packs,
    partner_packs,
    partner_profile_updates,
    word_forms,
)
from bidkit.profile.values import format_count
from bidkit.ui.bids.actions import BidActions
from bidkit.ui.bids.agreements_panel import AgreementsPanel
from bidkit.ui.bids.documents_panel import DocumentsPanel
from bidkit.ui.bids.partner_dialog import ROLES, PartnerDialog
from bidkit.ui.bids.reply_dialogs import ConflictsDialog, ProfileFactsDialog, ReplyPreviewDialog
from bidkit.ui.context import AppContext
from bidkit.ui.widgets import push_button

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (
    "Organisation",
    "Role",
    "Work / value",
    "Contact",
    "Answered",
    "Signed off",
    "Last reply",
)


class PartnersTab(QWidget):
    def __init__(
        self, context: AppContext, actions: BidActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.bid_ops = actions
        self.bid: Any = None
        self.view: consortium.ConsortiumView | None = None
        layout = QVBoxLayout(self)
        self.lead = QLabel(self)
        self.lead.setAccessibleName(self.tr("Lead organisation"))
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("Partners"))
        self.list.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.list.setRootIsDecorated(False)
        self.list.setColumnWidth(0, 220)
        self.list.itemActivated.connect(lambda *_: self.edit_partner())
        self.list.currentItemChanged.connect(lambda *_: self._show_owed())
        self.owed = QLabel(self)
        self.owed.setWordWrap(True)
        self.owed.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.owed.setAccessibleName(self.tr("What the partner still owes"))
        buttons = QHBoxLayout()
        self.edit_button = push_button(self, self.tr("Edit &role and contact…"), self.edit_partner)
        self.export_button = push_button(self, self.tr("E&xport request pack…"), self.export_pack)
        self.import_button = push_button(self, self.tr("&Import reply…"), self.import_reply)
        self.conflicts_button = push_button(self, self.tr("Settle &conflicts…"), self.conflicts)
        self.undo_button = push_button(self, self.tr("Undo last i&mport"), self.undo_import)
        self.facts_button = push_button(self, self.tr("Profile cha&nges…"), self.profile_facts)
        self.open_button = push_button(self, self.tr("Open profile"), self.open_profile)
        self.remove_button = push_button(self, self.tr("Remove from bid"), self.remove)
        for button in (
            self.edit_button,
            self.export_button,
            self.import_button,
            self.conflicts_button,
            self.undo_button,
            self.facts_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        add_row = QHBoxLayout()
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Organisation to add"))
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Role of the organisation"))
        for value, label in ROLES:
            self.role.addItem(self.tr(label), value)
        self.add_button = push_button(self, self.tr("Add partner"), self.add)
        add_row.addWidget(QLabel(self.tr("Add"), self))
        add_row.addWidget(self.choice, 2)
        add_row.addWidget(self.role, 1)
        add_row.addWidget(self.add_button)
        add_row.addSpacing(12)
        add_row.addWidget(self.open_button)
        add_row.addWidget(self.remove_button)
        self.agreements_panel = AgreementsPanel(actions, self)
        self.documents_panel = DocumentsPanel(context, actions, self._partner_choice, self)
        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.addTab(self.agreements_panel, self.tr("Agreements"))
        self.lower_tabs.addTab(self.documents_panel, self.tr("Documents"))
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list, 3)
        top_layout.addWidget(self.owed, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.lower_tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.request_row = QWidget(self)
        request_layout = QHBoxLayout(self.request_row)
        request_layout.setContentsMargins(0, 0, 0, 0)
        self.request_note = QLabel(self.request_row)
        self.request_note.setWordWrap(True)
        self.reply_button = push_button(
            self.request_row, self.tr("Export repl&y pack…"), self.export_reply
        )
        request_layout.addWidget(self.request_note, 1)
        request_layout.addWidget(self.reply_button)
        self.request_row.hide()
        layout.addWidget(self.lead)
        layout.addWidget(self.request_row)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addLayout(add_row)

    # -- showing -----------------------------------------------------------------------------
    def show_bid(self, bid: Any) -> None:
        self.bid = bid
        self.lead.setText(
            self.tr("Lead: {name}").format(name=bid.lead_name or self.tr("not chosen yet"))
        )
        taken = {p.organisation_id for p in bid.partners} | {bid.lead_org_id}
        self.choice.clear()
        for org in bid.organisations:
            if org.id not in taken:
                self.choice.addItem(org.name, org.id)
        self.add_button.setEnabled(self.choice.count() > 0)
        bid_id = bid.id

        def job(ws: Any) -> Any:
            return consortium.consortium_view(ws, bid_id) if ws is not None else None

        self.context.runner.run(job, self._show_view, self.context.signals.error.emit, quiet=True)

    def _show_view(self, view: consortium.ConsortiumView | None) -> None:
        if view is None or self.bid is None or view.bid_id != self.bid.id:
            return
        self.view = view
        selected = self._selected()
        self.lead.setText(
            self.tr("Lead: {name} — {a} of {r} required answers").format(
                name=view.lead_name or self.tr("not chosen yet"),
                a=view.lead_answered,
                r=view.lead_required,
            )
        )
        self.list.clear()
        for p in view.partners:
            shares = "{} / {}".format(
                f"{p.work_share_pct}%" if p.work_share_pct is not None else "—",
                f"{p.value_share_pct}%" if p.value_share_pct is not None else "—",
            )
            signed = p.declaration_signed_by or self.tr("Not yet")
            reply = p.last_reply or (
                self.tr("Request sent {x}").format(x=p.last_request)
                if p.last_request
                else self.tr("—")
            )
            item = QTreeWidgetItem(
                [
                    p.name,
                    p.roles_text,
                    shares,
                    p.contact_name or "—",
                    f"{p.answered} / {p.required}",
                    signed,
                    reply,
                ]
            )
            item.setData(0, ID_ROLE, p.org_id)
            self.list.addTopLevelItem(item)
            if p.org_id == selected:
                self.list.setCurrentItem(item)
        first = self.list.topLevelItem(0)
        if self.list.currentItem() is None and first is not None:
            self.list.setCurrentItem(first)
        self.request_row.setVisible(bool(view.request_from))
        for button in (
            self.export_button,
            self.import_button,
            self.conflicts_button,
            self.undo_button,
            self.facts_button,
        ):
            button.setVisible(not view.request_from)
        self.request_note.setText(
            self.tr(
                "You opened this bid from {lead}'s request. Answer your questions on the "
                "Questionnaires page, then send {lead} your reply pack."
            ).format(lead=view.request_from)
        )
        self.agreements_panel.show_view(view)
        self.documents_panel.show_view(view)
        self.lower_tabs.setTabText(1, self.tr("Documents ({n})").format(n=len(view.documents)))
        self._show_owed()

    def _partner(self) -> consortium.PartnerStatus | None:
        org_id = self._selected()
        if self.view is None or org_id is None:
            return None
        return next((p for p in self.view.partners if p.org_id == org_id), None)

    def _show_owed(self) -> None:
        partner = self._partner()
        has = partner is not None
        for button in (self.edit_button, self.export_button, self.open_button, self.remove_button):
            button.setEnabled(has)
        self.undo_button.setEnabled(bool(partner and partner.last_import_id))
        self.facts_button.setEnabled(bool(partner and partner.last_import_id))
        self.conflicts_button.setEnabled(bool(partner and partner.open_conflicts))
        if partner is None:
            self.owed.setText(self.tr("Add a member or subcontractor below."))
            return
        lines = [self.tr("{name} still owes:").format(name=partner.name)]
        lines += [f"• {line}" for line in partner.owes[:8]] or [self.tr("Nothing: complete.")]
        if len(partner.owes) > 8:
            lines.append(self.tr("… and {n} more.").format(n=len(partner.owes) - 8))
        if partner.trust_text:
            lines.append(partner.trust_text)
        if partner.open_conflicts:
            lines.append(
                self.tr("{count} in conflict with your edits: settle them.").format(
                    count=format_count(partner.open_conflicts, "answer")
                )
            )
        self.owed.setText("\n".join(lines))

    def _partner_choice(self) -> tuple[int, str] | None:
        partner = self._partner()
        return (partner.org_id, partner.name) if partner is not None else None

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    # -- actions -----------------------------------------------------------------------------
    def add(self) -> None:
        if self.bid is not None and self.choice.currentData() is not None:
            self.bid_ops.run(
                ops.add_partner,
                self.bid.id,
                int(self.choice.currentData()),
                self.role.currentData(),
            )

    def remove(self) -> None:
        org_id = self._selected()
        if self.bid is not None and org_id is not None:
            self.bid_ops.run(ops.remove_partner, self.bid.id, org_id)

    def open_profile(self) -> None:
        org_id = self._selected()
        if org_id is not None:
            self.context.signals.navigate.emit("organisations", org_id)

    def edit_partner(self) -> None:
        partner = self._partner()
        if partner is None or self.bid is None:
            return
        dialog = PartnerDialog(partner, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.bid_ops.run(consortium.update_partner, self.bid.id, partner.org_id, dialog.values())
        signed_by, signed_on = dialog.sign_off()
        if signed_by != partner.declaration_signed_by or signed_on:
            self.bid_ops.run(consortium.sign_off, self.bid.id, partner.org_id, signed_by, signed_on)

    def export_pack(self) -> None:
        partner = self._partner()
        if partner is None or self.bid is None:
            return
        name = f"{partner.name.split()[0]}-request.bidpack"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export request pack"),
            name,
            self.tr("BidKit packs (*.bidpack);;Word form for partners without BidKit (*.docx)"),
        )
        if not path:
            return
        if path.lower().endswith(".docx"):
            self.bid_ops.run(word_forms.export_word_form, self.bid.id, partner.org_id, Path(path))
        else:
            self.bid_ops.run(packs.export_request, self.bid.id, partner.org_id, Path(path))

    def export_reply(self) -> None:
        """Partner side: the reply to the request this bid was opened from."""
        if self.bid is None:
            return
        name = f"reply-{self.bid.id}.bidpack"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export reply pack"), name, self.tr("BidKit packs (*.bidpack)")
        )
        if path:
            self.bid_ops.run(partner_packs.export_reply, self.bid.id, Path(path))

    def import_reply(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a partner's reply"),
            "",
            self.tr("Replies (*.bidpack *.docx);;BidKit packs (*.bidpack);;Word forms (*.docx)"),
        )
        if path:
            self.preview_and_import(Path(path))

    def preview_and_import(self, path: Path) -> None:
        """Preview a reply pack, or a filled Word form from the selected partner, then merge."""
        bid_id = self.bid.id if self.bid is not None else None
        partner = self._partner()
        word = path.suffix.lower() == ".docx"
        if word and (partner is None or bid_id is None):
            return

        def job(ws: Any) -> Any:
            if word:
                assert partner is not None and bid_id is not None
                return word_forms.preview_word_form(ws, path, bid_id, partner.org_id)
            return packs.preview_reply(ws, path, bid_id)

        def previewed(preview: Any) -> None:
            dialog = ReplyPreviewDialog(preview, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            if word:
                self.bid_ops.run(word_forms.import_word_form, path, preview.bid_id, preview.org_id)
            else:
                self.bid_ops.run(pack_merge.import_reply, path, preview.bid_id, preview.org_id)

        self.context.runner.run(job, previewed, self.context.signals.error.emit)

    def undo_import(self) -> None:
        partner = self._partner()
        if partner is None or partner.last_import_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo import"),
            self.tr(
                "Put back every answer {name}'s last reply changed? Answers you edited since are "
                "kept."
            ).format(name=partner.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.bid_ops.run(pack_merge.undo_import, partner.last_import_id)

    def conflicts(self) -> None:
        if self.bid is None:
            return
        bid_id = self.bid.id

        def job(ws: Any) -> Any:
            return pack_merge.open_conflicts(ws, bid_id)

        def settle(conflict_id: int, choice: str, value: Any) -> None:
            self.bid_ops.run(pack_merge.resolve_conflict, conflict_id, choice, value)

        def loaded(found: list[Any]) -> None:
            ConflictsDialog(found, settle, self).exec()

        self.context.runner.run(job, loaded, self.context.signals.error.emit)

    def profile_facts(self) -> None:
        partner = self._partner()
        if partner is None or partner.last_import_id is None:
            return
        record_id, name = partner.last_import_id, partner.name

        def job(ws: Any) -> Any:
            return partner_profile_updates.offered_facts(ws, record_id)

        def loaded(facts: list[dict[str, str]]) -> None:
            if not facts:
                self.context.report(
                    self.tr("{name}'s last reply matches their profile here.").format(name=name)
                )
                return
            dialog = ProfileFactsDialog(name, facts, self)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen():
                self.bid_ops.run(partner_profile_updates.accept_facts, record_id, dialog.chosen())

        self.context.runner.run(job, loaded, self.context.signals.error.emit)
