"""Keeping what the window builds once out of Python's full garbage collections.

The window, its pages, the database libraries, their compiled statements and the loaded
questionnaires are a few hundred thousand objects that live as long as the window. Python's
cyclic collector walks all of them on every full (generation 2) collection, holding the one
interpreter lock throughout: a collection started by a save on the database worker froze the
window for 80 to 200 ms in the middle of typing. `gc.freeze()` moves every object alive at
that moment into a generation the collector never walks, so later full collections only look
at what was made since.

BidKit freezes when the database worker goes idle after something long-lived was built: the
workspace opened, a page built, a questionnaire form loaded. Freezing without collecting first
keeps the garbage of that moment too (it is never freed), which is small and happens a
handful of times a session; collecting first would itself stall the window.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject

from bidkit.ui.runner import DatabaseRunner


class LongLivedObjects(QObject):
    """Freezes the objects alive when the worker next goes idle after `grown()`."""

    def __init__(self, runner: DatabaseRunner) -> None:
        super().__init__(runner)
        self._due = True  # the window and its shell are built before the first job
        self.freezes = 0
        runner.idle.connect(self._on_idle)

    def grown(self) -> None:
        """Something that stays for the session was just built (a page, an opened workspace)."""
        self._due = True

    def _on_idle(self) -> None:
        if self._due:
            self._due = False
            self.freezes += 1
            gc.freeze()
