"""Work the export dialog runs on the database worker (never on the GUI thread)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BidChoice:
    id: int
    title: str
    buyer: str
    forms: tuple[tuple[str, str], ...]  # (form id, title)


def list_bid_choices(ws: Any) -> list[BidChoice]:
    from bidkit.forms.catalog import get_form
    from bidkit.ops.bids import list_bids
    from bidkit.ops.questionnaires import forms_of_bid

    return [
        BidChoice(b.id, b.title, b.buyer,
                  tuple((f, get_form(f).title) for f in forms_of_bid(ws, b.id)))
        for b in list_bids(ws)
    ]  # fmt: skip


def preview(ws: Any, bid_id: int, form_id: str | None, sections: frozenset[str] | None,
            include_text: bool) -> Any:  # fmt: skip
    from bidkit.export.build import ExportOptions
    from bidkit.ops.export import preview_export

    options = ExportOptions(sections=sections, include_question_text=include_text)
    return preview_export(ws, bid_id, form_id, options)


class SharedProgress:
    """Progress and the cancel flag, shared by the GUI (polling) and the worker (updating)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[float, str] = (0.0, "")
        self._cancel = threading.Event()

    def update(self, fraction: float, message: str) -> None:
        with self._lock:
            self._state = (fraction, message)

    def state(self) -> tuple[float, str]:
        with self._lock:
            return self._state

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


def export(ws: Any, bid_id: int, form_id: str | None, fmt: str, target: Path, *,
           sections: frozenset[str] | None, include_text: bool,
           progress: SharedProgress, allow_over_limit: bool = False) -> Any:  # fmt: skip
    """The ExportResult, or None when the person cancelled (nothing was written)."""
    from bidkit.export.build import ExportCancelled, ExportOptions
    from bidkit.ops.export import export_bid

    options = ExportOptions(sections=sections, include_question_text=include_text,
                            allow_over_limit=allow_over_limit)  # fmt: skip
    try:
        return export_bid(ws, bid_id, fmt, target, options, progress=progress.update,
                          cancelled=progress.cancelled, form_id=form_id)  # fmt: skip
    except ExportCancelled:
        return None


def save_report(ws: Any, report: Any, target: Path) -> Path:
    from bidkit.store.atomic import write_text_atomic

    text = report.as_json() if target.suffix.lower() == ".json" else report.as_text()
    write_text_atomic(target, text)
    return target
