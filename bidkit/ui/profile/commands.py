"""Undo commands for profile edits: each `redo` and `undo` runs one operation on the worker.

Commands carry the organisation id, so undoing works whichever organisation is on screen; the
page is told (`Reveal`) where the change happened and shows it. Rows removed and re-added by
undo come back with a new database id: `RowIds` maps the id a command was created with to the
row's id now, so older commands on the stack still find their row.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoCommand

from bidkit.ui.context import AppContext

#: Called after an undo or redo with (organisation id, section or field key to show).
Reveal = Callable[[int, str], None]
#: Row values that are not for the user to restore.
_ROW_KEYS_NOT_RESTORED = {"id", "organisation_id", "position"}
#: Edits of one field within this many seconds are undone together.
MERGE_SECONDS = 3.0


class RowIds:
    """The current id of rows that undo has removed and added back."""

    def __init__(self) -> None:
        self._current: dict[int, int] = {}
        self._lock = threading.Lock()

    def resolve(self, row_id: int) -> int:
        """Called inside jobs, so that it sees the ids of rows re-added by earlier jobs."""
        with self._lock:
            while row_id in self._current:
                row_id = self._current[row_id]
            return row_id

    def replace(self, old_id: int, new_id: int) -> None:
        if old_id != new_id:
            resolved = self.resolve(old_id)
            with self._lock:
                self._current[resolved] = new_id


class ProfileCommand(QUndoCommand):
    """Runs `apply(value)` on the worker for redo and `apply(old)` for undo."""

    def __init__(self, context: AppContext, org_id: int, target: str, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.org_id = org_id
        self.target = target
        self.reveal: Reveal | None = None
        #: The editor the change was made in: its first run is marked as made there, so the
        #: editor does not put back text it already shows. Undo and redo replays are not.
        self.initiator: object = None
        self._first = True

    def job(self, forward: bool) -> Callable[[Any], Any]:
        """The operation that applies (forward) or reverts the change; each command defines it."""
        raise TypeError(f"{type(self).__name__} must define job()")

    def on_result(self, forward: bool, result: Any) -> None:
        """Hook for commands that learn something from the operation (a new row's id)."""

    def _run(self, forward: bool) -> None:
        job = self.job(forward)

        def done(result: Any) -> None:
            self.on_result(forward, result)

        origin = self.initiator if self._first else None
        self.context.run_op(job, initiator=origin, done=done)
        if not self._first and self.reveal is not None:
            self.reveal(self.org_id, self.target)
        self._first = False

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)


class SetFieldCommand(ProfileCommand):
    ID = 1001

    def __init__(
        self, context: AppContext, org_id: int, *, key: str, label: str, old: Any, new: Any
    ) -> None:
        super().__init__(context, org_id, key, context_text("Edit {label}", label))
        self.key, self.old, self.new = key, old, new
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or (other.org_id, other.key) != (
            self.org_id,
            self.key,
        ):
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.new, self.stamp = other.new, other.stamp
        return True

    def job(self, forward: bool) -> Callable[[Any], Any]:
        org_id, key, value = self.org_id, self.key, self.new if forward else self.old

        def job(ws: Any) -> Any:
            from bidkit.ops.organisations import set_field

            return set_field(ws, org_id, key, value)

        return job


class SetOwnCommand(ProfileCommand):
    def __init__(self, context: AppContext, org_id: int, own: bool) -> None:
        text = context_text("Mark as my organisation" if own else "Mark as a partner")
        super().__init__(context, org_id, "", text)
        self.own = own

    def job(self, forward: bool) -> Callable[[Any], Any]:
        org_id, own = self.org_id, self.own if forward else not self.own

        def job(ws: Any) -> Any:
            from bidkit.ops.organisations import set_own

            return set_own(ws, org_id, own)

        return job


class SetExclusionCommand(ProfileCommand):
    def __init__(
        self, context: AppContext, org_id: int, *, ground: str, key: str, old: Any, new: Any
    ) -> None:
        super().__init__(context, org_id, "exclusions", context_text("Answer exclusion ground"))
        self.ground, self.key, self.old, self.new = ground, key, old, new

    def job(self, forward: bool) -> Callable[[Any], Any]:
        org_id, ground, key = self.org_id, self.ground, self.key
        value = self.new if forward else self.old

        def job(ws: Any) -> Any:
            from bidkit.ops.organisations import set_exclusion

            return set_exclusion(ws, org_id, ground, key, value)

        return job


class RowCommand(ProfileCommand):
    """A change to one row of a repeating table."""

    def __init__(
        self, context: AppContext, org_id: int, *, table: str, row_ids: RowIds, text: str
    ) -> None:
        super().__init__(context, org_id, table, text)
        self.table = table
        self.row_ids = row_ids


class UpdateRowCommand(RowCommand):
    def __init__(
        self,
        context: AppContext,
        org_id: int,
        *,
        table: str,
        row_ids: RowIds,
        row_id: int,
        key: str,
        label: str,
        old: Any,
        new: Any,
    ) -> None:
        super().__init__(
            context, org_id, table=table, row_ids=row_ids, text=context_text("Edit {label}", label)
        )
        self.row_id, self.key, self.old, self.new = row_id, key, old, new

    def job(self, forward: bool) -> Callable[[Any], Any]:
        table, key, value = self.table, self.key, self.new if forward else self.old
        row_ids, row_id = self.row_ids, self.row_id

        def job(ws: Any) -> Any:
            from bidkit.ops.organisations import update_row

            return update_row(ws, table, row_ids.resolve(row_id), key, value)

        return job


class AddRowCommand(RowCommand):
    """Adds an empty row (redo) and removes it (undo)."""

    def __init__(
        self,
        context: AppContext,
        org_id: int,
        *,
        table: str,
        row_ids: RowIds,
        position: int,
        row_name: str,
    ) -> None:
        text = context_text("Add {label}", row_name)
        super().__init__(context, org_id, table=table, row_ids=row_ids, text=text)
        self.position = position
        #: The id the row was first given; set on the worker by the first redo.
        self.row_id: int | None = None
        #: Called with the new row's id once it exists (the table selects it).
        self.on_created: Callable[[int], None] | None = None

    def job(self, forward: bool) -> Callable[[Any], Any]:
        org_id, table, position, row_ids = self.org_id, self.table, self.position, self.row_ids
        if forward:

            def add(ws: Any) -> Any:
                from bidkit.ops.organisations import add_row

                changes = add_row(ws, org_id, table, None, position)
                if self.row_id is None:
                    self.row_id = changes.created
                elif changes.created is not None:
                    row_ids.replace(self.row_id, changes.created)
                return changes

            return add

        def remove(ws: Any) -> Any:
            from bidkit.ops.organisations import remove_row

            return remove_row(ws, table, row_ids.resolve(self.row_id or 0))

        return remove

    def on_result(self, forward: bool, result: Any) -> None:
        created = getattr(result, "created", None)
        if forward and isinstance(created, int) and self.on_created is not None:
            self.on_created(created)


class RemoveRowCommand(RowCommand):
    """Removes a row (redo) and adds it back with all its values at its place (undo)."""

    def __init__(
        self,
        context: AppContext,
        org_id: int,
        *,
        table: str,
        row_ids: RowIds,
        row: Mapping[str, Any],
        position: int,
        row_name: str,
    ) -> None:
        super().__init__(
            context,
            org_id,
            table=table,
            row_ids=row_ids,
            text=context_text("Remove {label}", row_name),
        )
        self.row_id = int(row["id"])
        self.values = {k: v for k, v in row.items() if k not in _ROW_KEYS_NOT_RESTORED}
        self.position = position

    def job(self, forward: bool) -> Callable[[Any], Any]:
        org_id, table, values, position = self.org_id, self.table, self.values, self.position
        row_ids, row_id = self.row_ids, self.row_id
        if forward:

            def remove(ws: Any) -> Any:
                from bidkit.ops.organisations import remove_row

                return remove_row(ws, table, row_ids.resolve(row_id))

            return remove

        def add(ws: Any) -> Any:
            from bidkit.ops.organisations import add_row

            changes = add_row(ws, org_id, table, values, position)
            if changes.created is not None:
                row_ids.replace(row_id, changes.created)
            return changes

        return add


class MoveRowCommand(RowCommand):
    def __init__(
        self,
        context: AppContext,
        org_id: int,
        *,
        table: str,
        row_ids: RowIds,
        row_id: int,
        old_position: int,
        new_position: int,
        row_name: str,
    ) -> None:
        super().__init__(
            context,
            org_id,
            table=table,
            row_ids=row_ids,
            text=context_text("Move {label}", row_name),
        )
        self.row_id, self.old_position, self.new_position = row_id, old_position, new_position

    def job(self, forward: bool) -> Callable[[Any], Any]:
        table, row_ids, row_id = self.table, self.row_ids, self.row_id
        position = self.new_position if forward else self.old_position

        def job(ws: Any) -> Any:
            from bidkit.ops.organisations import move_row

            return move_row(ws, table, row_ids.resolve(row_id), position)

        return job


class AttachFileCommand(ProfileCommand):
    """Stores a logo (row_id None) or a policy document; undo puts back the previous file."""

    def __init__(
        self,
        context: AppContext,
        org_id: int,
        *,
        target: str,
        row_id: int | None,
        row_ids: RowIds,
        old: tuple[str, str],
        new_path: Path | None,
    ) -> None:
        text = context_text("Attach file" if new_path is not None else "Remove file")
        super().__init__(context, org_id, target, text)
        self.row_id, self.row_ids, self.old, self.new_path = row_id, row_ids, old, new_path

    def job(self, forward: bool) -> Callable[[Any], Any]:
        org_id, old_sha, old_name, path = self.org_id, *self.old, self.new_path
        row_ids, row_id = self.row_ids, self.row_id

        def job(ws: Any) -> Any:
            from bidkit.ops.organisations import set_logo, set_policy_file

            if forward:
                from bidkit.store.file_policy import read_user_file

                data = None if path is None else read_user_file(path)
                name = "" if path is None else path.name
            else:
                data = ws.files.read(old_sha) if old_sha else None
                name = old_name
            if row_id is None:
                return set_logo(ws, org_id, data, name)
            return set_policy_file(ws, row_ids.resolve(row_id), data, name)

        return job


def context_text(template: str, label: str = "") -> str:
    """Undo-menu text ("Undo Edit Legal name"), translated in the page's context."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ProfileCommand", template).format(label=label)
