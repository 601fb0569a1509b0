"""Find the `forms/` and `resources/` folders however BidKit was installed.

They live at the top of the source tree, so their place depends on how BidKit is run:

- PyInstaller build: unpacked beside the program, in `sys._MEIPASS` (`build.spec` puts them there);
- installed wheel: inside the package as `bidkit/_bundled/` (pyproject force-includes them);
- source checkout or editable install: the repository root, the parent of the `bidkit` folder.

Every caller goes through this module, so no other code needs to know which case applies. Qt-free:
the UI turns these paths into icons and stylesheets itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

FORMS = "forms"
RESOURCES = "resources"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_roots() -> list[Path]:
    """Folders that may hold `forms/` and `resources/`, most specific first."""
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        roots.append(Path(bundle))
    roots.append(_PACKAGE_DIR / "_bundled")
    checkout = _PACKAGE_DIR.parent
    # An installed package's parent is site-packages, where an unrelated `forms` package could
    # sit; only a folder with our pyproject.toml is a checkout.
    if (checkout / "pyproject.toml").is_file():
        roots.append(checkout)
    return roots


def _find(name: str) -> Path:
    roots = _candidate_roots()
    for root in roots:
        folder = root / name
        if folder.is_dir():
            return folder
    searched = ", ".join(str(root / name) for root in roots)
    raise RuntimeError(
        f"BidKit cannot find its '{name}' folder (looked in: {searched}). "
        "The installation is incomplete; reinstall BidKit."
    )


def forms_dir() -> Path:
    """The folder of questionnaire data files."""
    return _find(FORMS)


def resources_dir() -> Path:
    """The folder of icons, the stylesheet and other files the application ships."""
    return _find(RESOURCES)


def resource_path(*parts: str) -> Path:
    """A path inside `resources/`, e.g. `resource_path("icons", "bidkit.svg")`.

    The file itself is not checked: callers decide whether a missing optional file matters.
    """
    return resources_dir().joinpath(*parts)
