"""Runs bid operations on the database worker for the bid's page and its tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bidkit.ui.context import AppContext


class BidActions:
    """`call("add_task", bid_id, "Write section 3")` runs `bidkit.ops.bids.add_task(ws, ...)`.

    Errors go to the window's error report; the runner's change signal refreshes the pages.
    """

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.read_only = False

    def call(
        self, name: str, *args: Any, done: Callable[[Any], None] | None = None, **kwargs: Any
    ) -> None:
        if self.read_only:
            return

        def job(ws: Any) -> Any:
            from bidkit.ops import bids

            return getattr(bids, name)(ws, *args, **kwargs)

        def finished(changes: Any) -> None:
            if getattr(changes, "note", ""):
                self.context.report(changes.note)
            if done is not None:
                done(changes)

        self.context.runner.run(job, finished, self.context.signals.error.emit)
