from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.consortium.exchange import Exchange, open_exchange


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[Exchange]:
    yield from open_exchange(tmp_path)
