"""Typed, versioned settings kept in the workspace's `settings.toml`.

One schema (`Settings`), a `version` key, and an upgrade step per old version. A settings file
that cannot be read is set aside as `settings.toml.unreadable` (never deleted) and defaults
are used, so a damaged file can cost a preference but never stop BidKit from opening.
Window geometry is not kept here: Qt keeps it with QSettings.
"""

from __future__ import annotations

import contextlib
import logging
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from bidkit.store.atomic import write_text_atomic

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Settings:
    version: int = SETTINGS_VERSION
    #: Write DEBUG lines to the log (still never secrets or profile contents at INFO).
    debug_logging: bool = False
    #: Days before a deadline on which BidKit warns (largest first).
    reminder_days: tuple[int, ...] = (7, 1)


#: Upgrade steps: version N -> N + 1, applied in order to the raw table read from disk.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_TYPES: dict[str, type] = {
    "version": int,
    "debug_logging": bool,
    "reminder_days": tuple,
}


def _validated(raw: dict[str, Any]) -> Settings:
    values: dict[str, Any] = {}
    for field in fields(Settings):
        if field.name not in raw:
            continue
        value = raw[field.name]
        expected = _TYPES[field.name]
        if expected is tuple:
            if not isinstance(value, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 < v <= 365 for v in value
            ):
                raise ValueError(f"{field.name} must be a list of days from 1 to 365")
            value = tuple(sorted(set(value), reverse=True))
        elif expected is int:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{field.name} must be a whole number")
        elif not isinstance(value, expected):
            raise ValueError(f"{field.name} must be {expected.__name__}")
        values[field.name] = value
    return Settings(**values)


#: What `read_settings` raises for a settings file it cannot use.
SETTINGS_UNREADABLE = (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, KeyError)


def load_settings(path: Path) -> Settings:
    try:
        return read_settings(path)
    except SETTINGS_UNREADABLE as exc:
        log.warning("settings file unreadable (%s); using defaults", exc)
        with contextlib.suppress(OSError):
            path.replace(path.with_name(path.name + ".unreadable"))
        return Settings()


def read_settings(path: Path) -> Settings:
    """The settings in `path` (defaults when there is none), changing nothing; raises one of
    `SETTINGS_UNREADABLE` for a file it cannot use (`load_settings` then sets it aside)."""
    if not path.exists():
        return Settings()
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"settings version {version!r} is not a number")
    if version > SETTINGS_VERSION:
        raise ValueError(f"settings version {version} is newer than this BidKit")
    while version < SETTINGS_VERSION:
        raw = UPGRADES[version](raw)
        version += 1
        raw["version"] = version
    return _validated(raw)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to settings")


def save_settings(path: Path, settings: Settings) -> None:
    lines = ["# BidKit settings. Edit while BidKit is closed.", ""]
    lines += [f"{key} = {_toml_value(value)}" for key, value in asdict(settings).items()]
    write_text_atomic(path, "\n".join(lines) + "\n")
