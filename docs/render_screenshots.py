"""Render the screenshots in docs/screenshots/ from the real window, without a display.

    python docs/render_screenshots.py [--out docs/screenshots]

The demo is seeded into a temporary workspace and the window is built exactly as `bidkit`
builds it, offscreen, at 1024x700 (the smallest size every page is laid out for; `--size`
takes another). A second, empty workspace gives the welcome page. Nothing is written outside
the temporary folders and the output folder (window geometry included).
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_ACCESSIBILITY", "0")

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1024, 700)
TIMEOUT_S = 30.0
DEFAULT_OUT = Path(__file__).resolve().parent / "screenshots"
#: Run from a source checkout, the checkout's `bidkit` is the one shown.
REPOSITORY = Path(__file__).resolve().parent.parent
if str(REPOSITORY) not in sys.path:
    sys.path.insert(0, str(REPOSITORY))


def pump(seconds: float = 0.2) -> None:
    """Let the window process events for a moment (timers, queued results, repaints)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"Timed out waiting for {what}.")
        pump(0.05)
    pump(0.3)


def wait_idle(window: Any) -> None:
    wait_until(
        lambda: window.runner.workspace is not None and window.runner.pending == 0,
        "the workspace to open",
    )


def seed_demo_workspace(root: Path) -> tuple[int | None, int | None]:
    """Fill `root` with the demo; returns the ids of its own organisation and of a bid to show.

    The bid shown is the open bid with the most questionnaire work: a drafting one if any.
    """
    from bidkit.ops.bid_overview import bid_rows
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.organisations import list_organisations
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:
        seed_demo(ws, force=True)
        own = [summary.id for summary in list_organisations(ws) if summary.own]
        rows = bid_rows(ws)
    drafting = [row.id for row in rows if row.status == "drafting"]
    bid = drafting[0] if drafting else (rows[0].id if rows else None)
    return (own[0] if own else None), bid


def open_window(root: Path) -> Any:
    from bidkit.ui.app import build_window

    window: Any = build_window(root)
    window.resize(*SIZE)
    window.show()
    window.open_workspace()
    wait_idle(window)
    window.resize(*SIZE)
    pump()
    return window


def save(widget: Any, out: Path, name: str) -> None:
    path = out / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}.")
    print(f"wrote {path}")


def show_section(window: Any, key: str) -> bool:
    page = window.pages.get("organisations")
    show = getattr(page, "show_section", None) or getattr(
        getattr(page, "editor", None), "show_section", None
    )
    if show is None:
        return False
    show(key)
    wait_idle(window)
    return True


def render(out: Path, scratch: Path) -> list[str]:
    """Write every screenshot into `out`; returns what could not be rendered, and why."""
    from PySide6.QtCore import QSettings

    from bidkit.ui.app import create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    create_application()
    missing: list[str] = []

    empty = open_window(scratch / "empty")
    save(empty, out, "welcome.png")
    welcome = empty.pages["welcome"]
    welcome.start_setup()
    wait_until(lambda: welcome.wizard is not None and welcome.wizard.isVisible(), "the wizard")
    save(welcome.wizard, out, "setup-wizard.png")
    welcome.wizard.reject()
    pump()

    from bidkit.ui.about_dialog import AboutDialog

    about = AboutDialog(scratch / "empty", empty)
    about.show()
    pump()
    save(about, out, "about.png")
    about.close()
    empty.close()

    try:
        own_id, bid_id = seed_demo_workspace(scratch / "demo")
    except ImportError as exc:
        return [f"organisations.png, organisation-finance.png: the demo is missing ({exc})"]
    window = open_window(scratch / "demo")
    if "organisations" not in window.pages:
        window.close()
        return ["organisations.png, organisation-finance.png: no Organisations page"]
    window.navigate("organisations", own_id)
    wait_idle(window)
    if not show_section(window, "identity"):
        missing.append("sections: the Organisations page has no show_section(key)")
    save(window, out, "organisations.png")
    if show_section(window, "finance"):
        save(window, out, "organisation-finance.png")
    else:
        missing.append("organisation-finance.png: the finance section could not be chosen")
    # Every other main page, on the demo workspace (pages added later appear here too).
    for key in ("dashboard", "bids", "questionnaires", "library"):
        if key in window.pages:
            window.navigate(key, None)
            wait_idle(window)
            pump(0.5)
            save(window, out, f"{key}.png")
    if bid_id is None or "bids" not in window.pages:
        missing.append("bid.png, export.png: the demo has no bid")
    else:
        window.navigate("bids", bid_id)
        wait_idle(window)
        pump(0.5)
        save(window, out, "bid.png")
        missing += render_export_dialog(window, out)
    window.close()
    pump()
    return missing


def render_export_dialog(window: Any, out: Path) -> list[str]:
    """The Export dialog opened from the bid on screen, once its compliance report is shown."""
    from bidkit.ui.export.export_dialog import ExportDialog

    action = getattr(window, "action_export", None)
    if action is None:
        return ["export.png: the window has no Export bid action"]
    action.trigger()
    dialogs = window.findChildren(ExportDialog)
    if not dialogs:
        return ["export.png: the Export dialog did not open"]
    dialog = dialogs[-1]
    wait_until(lambda: bool(dialog.report.toPlainText()), "the compliance report")
    wait_idle(window)
    save(dialog, out, "export.png")
    dialog.reject()
    pump()
    return []


def main(argv: list[str] | None = None) -> int:
    global SIZE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument(
        "--size", nargs=2, type=int, metavar=("WIDTH", "HEIGHT"), default=SIZE,
        help="window size in pixels (default %(default)s)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    SIZE = (args.size[0], args.size[1])
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bidkit-screenshots-") as folder:
        missing = render(out, Path(folder))
    for problem in missing:
        print(f"not rendered: {problem}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
