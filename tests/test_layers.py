"""Everything below the user interface stays free of Qt, so it runs and tests without a screen.

The import-linter contracts in pyproject.toml check the static imports; the subprocess test below
also catches Qt arriving indirectly, through a dependency or an import made at module load time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_ROOT / "bidkit"
QT_PREFIXES = ("PySide6", "shiboken6")
# The UI is the one package allowed Qt; `__main__` only hands over to the command line.
EXEMPT = {"ui", "_bundled", "__init__", "__main__"}


def _qt_free_units() -> list[str]:
    """Every package and top-level module under bidkit that must not load Qt."""
    units: list[str] = []
    for entry in sorted(PACKAGE_DIR.iterdir()):
        if entry.stem in EXEMPT:
            continue
        if (entry.is_dir() and (entry / "__init__.py").is_file()) or entry.suffix == ".py":
            units.append(f"bidkit.{entry.stem}")
    return units


_PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    QT_PREFIXES = ("PySide6", "shiboken6")

    def qt_loaded():
        return sorted(name for name in sys.modules if name.startswith(QT_PREFIXES))

    unit = importlib.import_module(sys.argv[1])
    names = [unit.__name__]
    if hasattr(unit, "__path__"):
        names += [info.name for info in pkgutil.walk_packages(unit.__path__, unit.__name__ + ".")]
    culprit = unit.__name__ if qt_loaded() else None
    for name in names:
        importlib.import_module(name)
        if culprit is None and qt_loaded():
            culprit = name
    print(json.dumps({"imported": names, "qt": qt_loaded(), "culprit": culprit}))
    """
)


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def test_discovery_finds_the_core_packages() -> None:
    units = _qt_free_units()
    assert {"bidkit.model", "bidkit.store", "bidkit.ops"} <= set(units)
    assert "bidkit.ui" not in units


@pytest.mark.parametrize("unit", _qt_free_units())
def test_module_imports_without_qt(unit: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, unit],
        cwd=tmp_path,
        env=_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["qt"] == [], f"importing {report['culprit']} loaded {report['qt']}"


def _module_exists(name: str) -> bool:
    relative = Path(*name.split("."))
    return (REPO_ROOT / relative.with_suffix(".py")).is_file() or (
        REPO_ROOT / relative / "__init__.py"
    ).is_file()


def _existing_layer(layer: str) -> str:
    """Keep the siblings of one layer (`a | b`) that exist; `(a)` marks an optional layer."""
    kept = [part for part in layer.split("|") if _module_exists(part.strip().strip("()"))]
    return " | ".join(part.strip() for part in kept)


def _contracts_for_existing_modules() -> str:
    """The pyproject contracts as an import-linter INI file, minus modules not written yet.

    import-linter refuses a contract naming a missing module; pyproject lists some modules ahead
    of their arrival, and this keeps the contracts enforced on everything that does exist.
    """
    settings = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linter = settings["tool"]["importlinter"]
    lines = ["[importlinter]"]
    lines += [f"{key} = {value}" for key, value in linter.items() if key != "contracts"]
    for number, contract in enumerate(linter["contracts"], start=1):
        lines.append(f"[importlinter:contract:{number}]")
        for key, setting in contract.items():
            value = setting
            if key == "source_modules":
                value = [name for name in setting if _module_exists(name)]
            elif key == "layers":
                value = [layer for layer in map(_existing_layer, setting) if layer]
            if isinstance(value, list):
                lines.append(f"{key} =" + "".join(f"\n    {item}" for item in value))
            else:
                lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def test_import_contracts_hold(tmp_path: Path) -> None:
    config = tmp_path / "importlinter.ini"
    config.write_text(_contracts_for_existing_modules(), encoding="utf-8")
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--config", str(config)],
        cwd=REPO_ROOT,
        env=_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
