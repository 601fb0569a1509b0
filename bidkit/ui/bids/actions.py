"""How a bid's page and its tabs change the bid: typed operations through `AppContext.run_op`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bidkit.ui.context import AppContext

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes


class BidActions:
    """`run(bids.add_task, bid_id, "Write section 3")` runs the operation for the bid's page.

    Every change is marked as made by the bid's page (`initiator`), so the page refreshes its
    lists and summary but leaves the text a user is typing alone. A read-only workspace
    refuses quietly; errors and the status note are reported by `run_op`.
    """

    def __init__(self, context: AppContext, initiator: object) -> None:
        self.context = context
        self.initiator = initiator

    def run(
        self,
        op: Callable[..., Changes],
        *args: Any,
        done: Callable[[Changes], None] | None = None,
        **kwargs: Any,
    ) -> None:
        self.context.run_op(op, *args, initiator=self.initiator, done=done, **kwargs)
