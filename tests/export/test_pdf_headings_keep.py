"""No heading is left alone at the foot of a PDF page: a section's heading starts the same page
as its first question, for every demo bid (each on a different form)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from bidkit.ops.demo import seed_demo
from bidkit.ops.export import export_bid
from bidkit.store.workspace import Workspace
from tests.export.sample import NOW


def _strays(reader: PdfReader, items: list[Any]) -> list[str]:
    """Bookmarks with children whose first child starts on a later page."""
    found: list[str] = []
    for index, item in enumerate(items):
        children = items[index + 1] if index + 1 < len(items) else None
        if isinstance(item, list) or not isinstance(children, list) or not children:
            if isinstance(item, list):
                found += _strays(reader, item)
            continue
        first = next(c for c in children if not isinstance(c, list))
        if reader.get_destination_page_number(first) != reader.get_destination_page_number(item):
            found.append(str(item.title))
    return found


@pytest.mark.parametrize("bid_id", [1, 2, 3])
def test_a_section_heading_starts_the_page_of_its_first_question(
    workspace: Workspace, tmp_path: Path, bid_id: int
) -> None:
    seed_demo(workspace, force=False)
    target = tmp_path / f"bid{bid_id}.pdf"
    export_bid(workspace, bid_id, "pdf", target, now=NOW)
    reader = PdfReader(target)
    assert reader.outline  # the bookmarks this test walks
    assert _strays(reader, reader.outline) == []
