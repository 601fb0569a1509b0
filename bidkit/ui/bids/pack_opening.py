"""File ▸ Open pack…: a request opens as a bid (partner side); a reply is previewed and merged
into the bid it answers (lead side)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from bidkit.consortium.pack_checks import check_pack
from bidkit.consortium.pack_files import read_pack_file
from bidkit.ops import pack_merge, packs, partner_packs
from bidkit.ui.bids.reply_dialogs import ReplyPreviewDialog
from bidkit.ui.context import AppContext


def open_pack(parent: QWidget, context: AppContext, path: str) -> None:
    file = Path(path)

    def job(ws: Any) -> Any:
        pack = check_pack(file.name, read_pack_file(file))
        if pack.kind == "request":
            return None
        return packs.preview_reply(ws, file)

    def opened(changes: Any) -> None:
        if changes.created is not None:
            context.signals.navigate.emit("bids", changes.created)

    def checked(preview: Any) -> None:
        if preview is None:
            context.run_op(partner_packs.open_request, file, done=opened)
            return
        dialog = ReplyPreviewDialog(preview, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            context.run_op(pack_merge.import_reply, file, preview.bid_id, preview.org_id)
            context.signals.navigate.emit("bids", preview.bid_id)

    context.runner.run(job, checked, context.signals.error.emit)
