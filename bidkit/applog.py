"""Logging to a rotating file in the workspace.

What is logged: operations by name and record ids, timings, warnings and tracebacks of faults.
What never is: secrets (the redaction filter masks any value the secrets module has handled)
and profile contents at INFO or above (code logs ids, not names or answers).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import threading
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

_secrets_lock = threading.Lock()
_secrets: set[str] = set()
_installed_handler: logging.Handler | None = None


def register_secret(value: str) -> None:
    """Mask `value` wherever it would appear in a log line."""
    if len(value) >= 4:
        with _secrets_lock:
            _secrets.add(value)


class RedactSecrets(logging.Filter):
    """Replace registered secret values in log records with a mask."""

    MASK = "[secret]"

    def filter(self, record: logging.LogRecord) -> bool:
        with _secrets_lock:
            # Longest first, so a secret that contains another is masked whole.
            secrets = tuple(sorted(_secrets, key=len, reverse=True))
        if not secrets:
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A mistake in a log call must not break the caller (logging itself only reports it).
            message = f"{record.msg} {record.args!r}"
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        exc_text = record.exc_text or ""
        for secret in secrets:
            message = message.replace(secret, self.MASK)
            exc_text = exc_text.replace(secret, self.MASK)
        record.msg, record.args = message, None
        record.exc_text = exc_text or None
        return True


class _WorkspaceLogFile(logging.handlers.RotatingFileHandler):
    """The log file; a disk that is full (or gone) costs log lines, not the user's command."""

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # logging would print a traceback to the terminal for every line
        super().handleError(record)


def log_file_for(workspace_root: Path) -> Path:
    return workspace_root / "logs" / "bidkit.log"


def setup_logging(
    workspace_root: Path, *, console: bool = False, debug: bool = False
) -> Path | None:
    """Send BidKit's log to `<workspace>/logs/bidkit.log` (rotating). Returns the file used.

    Safe to call again (for example when the window switches workspace): the previous file
    handler is replaced.
    """
    global _installed_handler
    root_logger = logging.getLogger()
    root_logger.setLevel(logging.DEBUG if debug else logging.INFO)
    if _installed_handler is not None:
        root_logger.removeHandler(_installed_handler)
        with contextlib.suppress(OSError):  # flushing the last lines onto a full disk
            _installed_handler.close()
        _installed_handler = None
    log_path = log_file_for(workspace_root)
    handler: logging.Handler
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        handler = _WorkspaceLogFile(
            log_path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        # No log file (the folder cannot be written; the caller will explain that).
        handler, log_path = logging.NullHandler(), None  # type: ignore[assignment]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactSecrets())
    root_logger.addHandler(handler)
    _installed_handler = handler
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.addFilter(RedactSecrets())
        root_logger.addHandler(stream)
    logging.getLogger("bidkit").debug("logging to %s", log_path)
    return log_path
