"""User-facing errors.

A `BidKitError` carries a message the user can act on: the window shows it as it is and the
command line prints it on one line with exit code 3. Any other exception is a bug: it is logged
with its traceback and shown as "something went wrong" with the log's location.
"""

from __future__ import annotations


class BidKitError(Exception):
    """An error the user can do something about; `str(error)` is the whole message."""

    exit_code = 3

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: Optional extra text (for example a list of problems) shown below the message.
        self.detail = detail


class InputRefused(BidKitError):
    """A file or value supplied by the user (or another program) was refused."""


class NotFound(BidKitError):
    """The record the user asked for does not exist (any more)."""


class WorkspaceError(BidKitError):
    """The workspace folder cannot be used as it is."""


class WorkspaceLocked(WorkspaceError):
    """Another BidKit is writing to this workspace."""

    def __init__(self, message: str, *, holder_pid: int | None = None) -> None:
        super().__init__(message)
        self.holder_pid = holder_pid


class WorkspaceTooNew(WorkspaceError):
    """The workspace was written by a newer BidKit whose changes this version cannot read."""


class ReadOnlyWorkspace(WorkspaceError):
    """A change was attempted on a workspace opened read-only."""


class SecretsUnavailable(BidKitError):
    """No secure system keyring is available to keep a secret."""


class DatabaseProblem(WorkspaceError):
    """The workspace database could not be read or written for a reason outside BidKit
    (the disk, the drive, permissions, another program); the message names it."""


class DiskFull(DatabaseProblem):
    """The disk holding the workspace has no room left."""


class DatabaseBusy(DatabaseProblem):
    """Another program kept the workspace database locked."""


class DatabaseNotWritable(DatabaseProblem):
    """The workspace folder or database file cannot be written (permissions, read-only media)."""


class DriveFailed(DatabaseProblem):
    """Reading or writing the drive failed (a failing disk, or one removed or disconnected)."""


class DatabaseDamaged(DatabaseProblem):
    """The database file is damaged or is not a BidKit database."""
