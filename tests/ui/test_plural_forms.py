"""Counted messages read as English: "1 item missing", "3 items missing"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from bidkit.resources import resource_path
from bidkit.ui.plural_forms import install_plural_forms

REPO = Path(__file__).resolve().parents[2]
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)


def test_counted_messages_take_the_singular_and_the_plural(qapp: QApplication) -> None:
    translator = install_plural_forms(qapp)
    assert translator is not None
    try:
        tr = QCoreApplication.translate
        assert tr("ProfileEditor", "%n item(s) missing", "", 1) == "1 item missing"
        assert tr("ProfileEditor", "%n item(s) missing", "", 3) == "3 items missing"
        assert tr("ReminderWatcher", "%n bid date(s) coming up", "", 1) == "1 bid date coming up"
        assert (
            tr("DuplicatesDialog", "%n pair(s) of items say nearly the same thing.", "", 1)
            == "1 pair of items says nearly the same thing."
        )
    finally:
        qapp.removeTranslator(translator)


def test_every_counted_message_has_its_english_forms(tmp_path: Path) -> None:
    """lupdate finds the `%n` messages in the window's code; each is in bidkit_en.ts."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = [
        str(p) for p in (REPO / "bidkit" / "ui").rglob("*.py") if "%n" in p.read_text("utf-8")
    ]
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate), "-pluralonly", "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shipped = resource_path("translations", "bidkit_en.ts").read_text("utf-8")
    wanted = set(_SOURCE.findall(fresh.read_text("utf-8")))
    assert wanted, "lupdate found the counted messages"
    assert wanted <= set(_SOURCE.findall(shipped))
    assert 'type="unfinished"' not in shipped
    assert "(s)" not in "".join(re.findall(r"<numerusform>(.*?)</numerusform>", shipped))
