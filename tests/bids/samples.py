"""Where the shared sample notices live: ../shared/samples next to the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample notice {name} is not in {SAMPLES} (the shared samples folder)")
    return path
