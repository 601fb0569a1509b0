"""The real public notices the tests read, kept in tests/samples (open data, see SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        raise FileNotFoundError(f"sample notice {name} is missing from {SAMPLES}")
    return path
