"""The Word file's contents page numbers agree with LibreOffice's pages.

`word_contents_libreoffice.json` holds the page LibreOffice starts each contents heading on,
for the documents of `demo_documents` (recorded with `tests/tools/word_contents.py --record`,
which renders them with LibreOffice; CI has none). The estimate BidKit prints in the Word
file (`bidkit.export.word_pagination`) must give the same page for every heading.
"""

from __future__ import annotations

import json
from pathlib import Path

from bidkit.export.pdf_writer import contents_pages
from tests.export.demo_documents import DEMO_DAY, pagination_documents

GOLDEN = Path(__file__).with_name("word_contents_libreoffice.json")
RECORD = "PYTHONPATH=$PWD .venv/bin/python tests/tools/word_contents.py --record " + str(
    GOLDEN.relative_to(GOLDEN.parents[2])
)
#: Headings whose estimated page may differ from LibreOffice's (by one page at most).
TOLERANCE = 0


def test_the_estimate_gives_libreoffices_page_for_every_contents_heading(
    tmp_path: Path,
) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert golden["demo_day"] == DEMO_DAY.isoformat()
    recorded = {entry["document"]: entry for entry in golden["documents"]}
    checked = misses = 0
    for name, document in pagination_documents(tmp_path / "workspace"):
        entry = recorded.get(name)
        headings = [text for text, _level in document.contents()]
        assert entry is not None and entry["headings"] == headings, (
            f"{name}: the document's contents changed since LibreOffice's pages were recorded; "
            f"record them again with LibreOffice installed: {RECORD}"
        )
        estimate = contents_pages(document)
        assert len(estimate) == len(headings)
        for heading, ours, theirs in zip(headings, estimate, entry["pages"], strict=True):
            checked += 1
            if ours != theirs:
                misses += 1
                assert abs(ours - theirs) <= 1, (name, heading, ours, theirs)
    assert checked == sum(len(e["headings"]) for e in golden["documents"])
    assert misses <= TOLERANCE, f"{misses} of {checked} contents entries off by a page"
