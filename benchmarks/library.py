"""Evidence library figures: search at 20,000 items, and importing 100 Word documents.

Prints one JSON object. Search: 20,000 items of about 150 words are written with Core
`executemany` into a fresh workspace (the FTS5 index is filled by the schema's triggers), then a
set of realistic queries, typed as a user would, run through `bidkit.library.search.search`
in process. The baseline is a bare FTS5 `MATCH` of the same words with bm25, top 20, on the same
data and connection (the last word as a prefix, as the search box treats it). Import: 100
generated .docx files (four headed sections each) through
`bidkit.ops.evidence.import_word_documents`.
With `BIDKIT_BENCH_UI=1` (default) it also measures keystroke-to-results in the Library page,
offscreen.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ITEMS = int(os.environ.get("BIDKIT_BENCH_ITEMS", "20000"))
RUNS = int(os.environ.get("BIDKIT_BENCH_RUNS", "20"))
DOMAIN = """safeguarding training volunteers outcomes reablement hospital discharge older people
carers befriending wellbeing mental health community partnership contract delivery quality
assurance policy procedure staff recruitment supervision equality diversity inclusion
accessibility social value environment carbon emissions local suppliers apprenticeships
employment skills young people families children schools housing homelessness tenancy
support advice debt benefits welfare food bank nutrition isolation loneliness transport
referral assessment review monitoring evaluation impact evidence feedback complaints
governance trustees board finance budget accounts audit insurance risk management data
protection confidentiality information security business continuity mobilisation
transition TUPE workforce retention leadership organisation colour centre programme
behaviour analyse licence prioritise personalised recognised specialised coordinated
neighbourhood practitioners counselling advocacy peer mentoring digital inclusion
volunteering charity cooperative enterprise council commissioners service users residents
clients participants sessions workshops activities group individual home visits outreach
""".split()
QUERIES = [
    "safeguarding training",
    "hospital discharge",
    "organization",
    "volunteer",
    "mental health support",
    '"older people" isolation',
    "social value local suppliers",
    "tag:outcomes reablement",
    "colour",
    "data protection",
    "counselling young people",
    "behavior",
    "mobilisation transition",
    "food bank",
    "quality assurance monitoring",
    "apprenticeships",
]


def _vocabulary(rng: random.Random) -> list[str]:
    syllables = "ba be bi bo bu ca co cu da de di do fa fe fi fo ga ge go la le li lo ma me mi mo "
    syllables += "na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi wa we wi"
    parts = syllables.split()
    filler = {"".join(rng.choice(parts) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
    common = "the and of to a in for with our we is are that on by as at this from have".split()
    return common * 40 + DOMAIN * 3 + sorted(filler)


def generate_items(ws: Any, count: int, seed: int = 20) -> None:
    """`count` items of about 150 words, written with Core executemany (triggers index them)."""
    from sqlalchemy import insert

    from bidkit.model.evidence import EvidenceItem

    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    kinds = ["answer", "case_study", "statistic", "testimonial", "policy", "certificate"]
    rows = []
    for n in range(count):
        words = rng.choices(vocab, k=rng.randint(130, 170))
        title = " ".join(rng.choices(DOMAIN, k=rng.randint(2, 5))).capitalize()
        rows.append(
            {
                "kind": kinds[n % len(kinds)],
                "title": title,
                "body": " ".join(words).capitalize() + ".",
                "tags": ", ".join(sorted(set(rng.choices(DOMAIN, k=3)))),
                "owner": "",
                "version": 1,
            }
        )
    with ws.engine.begin() as connection:
        for start in range(0, len(rows), 2000):
            connection.execute(insert(EvidenceItem), rows[start : start + 2000])


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def _p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 3)


def _time_each(queries: list[str], run: Callable[[str], object]) -> list[float]:
    samples: list[float] = []
    for _ in range(RUNS):
        for text in queries:
            start = time.perf_counter()
            run(text)
            samples.append(time.perf_counter() - start)
    return samples


def _bare_match(text: str) -> str:
    """What a bare FTS5 query of the same words looks like (last word as a prefix)."""
    from bidkit.library.query import parse_query, quote

    parsed = parse_query(text)
    parts = [quote(w) for w in parsed.words] + [quote(p) for p in parsed.phrases]
    parts += ["{tags} : " + quote(t) for t in parsed.tags]
    if parsed.partial:
        parts.append(quote(parsed.partial) + " *")
    return " AND ".join(parts)


def measure_search(root: Path) -> dict[str, Any]:
    from bidkit.library.search import SearchFilters, search
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:
        generate_items(ws, ITEMS)
        with ws.engine.connect() as connection:
            filters = SearchFilters()
            for text in QUERIES:  # warm the page cache for both
                search(connection, text, filters, limit=20)
            ours = _time_each(QUERIES, lambda t: search(connection, t, filters, limit=20))
            raw = connection.connection.driver_connection
            bare_sql = (
                "SELECT rowid, bm25(evidence_fts) AS r FROM evidence_fts "
                "WHERE evidence_fts MATCH ? ORDER BY r LIMIT 20"
            )
            bare_queries = {t: _bare_match(t) for t in QUERIES}
            baseline = _time_each(
                QUERIES, lambda t: raw.execute(bare_sql, (bare_queries[t],)).fetchall()
            )
            hits = {t: len(search(connection, t, filters, limit=20)) for t in QUERIES}
    median, base = _median_ms(ours), _median_ms(baseline)
    return {
        "items": ITEMS,
        "queries": len(QUERIES),
        "runs": RUNS,
        "median_ms": median,
        "p95_ms": _p95_ms(ours),
        "baseline_median_ms": base,
        "baseline_p95_ms": _p95_ms(baseline),
        "ratio": round(median / base, 2) if base else None,
        "queries_with_no_hits": sorted(t for t, n in hits.items() if n == 0),
    }


def write_documents(folder: Path, count: int, seed: int = 30) -> None:
    from docx import Document

    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    for n in range(count):
        document = Document()
        document.add_heading(f"Evidence pack {n}", level=0)
        for section in range(4):
            document.add_heading(" ".join(rng.choices(DOMAIN, k=3)).capitalize(), level=1)
            for _ in range(3):
                paragraph = document.add_paragraph(" ".join(rng.choices(vocab, k=40)) + ". ")
                paragraph.add_run("Key figure: 82% improved.").bold = True
            for _ in range(2):
                document.add_paragraph(" ".join(rng.choices(DOMAIN, k=6)), style="List Bullet")
            if section == 1:
                document.add_heading("Outcomes", level=2)
                document.add_paragraph(" ".join(rng.choices(vocab, k=30)))
        document.save(str(folder / f"evidence-{n:03}.docx"))


def measure_import(root: Path, docs: Path) -> dict[str, Any]:
    from bidkit.ops.evidence import import_word_documents
    from bidkit.store.workspace import Workspace

    write_documents(docs, 100)
    with Workspace.open(root) as ws:
        start = time.perf_counter()
        result = import_word_documents(ws, [docs])
        elapsed = time.perf_counter() - start
    return {"import_100_docx_s": round(elapsed, 3), "items_created": result.items}


def measure_ui(root: Path) -> dict[str, Any]:
    """Keystroke to results shown in the Library page (the debounce excluded), offscreen."""
    from PySide6.QtWidgets import QApplication

    from bidkit.ui.app import build_window
    from bidkit.ui.library.timing import keystroke_to_results_ms

    app = QApplication.instance() or QApplication([])
    window: Any = build_window(root)
    window.resize(1200, 800)
    window.show()
    try:
        samples = keystroke_to_results_ms(app, window, ["safeguarding", "hospital dis", "colour"])
    finally:
        window.close()
        window.runner.wait_for_done()
    return {
        "ui_results_ms": round(statistics.median(samples), 1) if samples else None,
        "ui_results_p95_ms": _p95_ms([s / 1000 for s in samples]) if samples else None,
    }


def main() -> int:
    figures: dict[str, Any] = {"name": "library-search"}
    with tempfile.TemporaryDirectory(prefix="bidkit-bench-") as tmp:
        base = Path(tmp)
        figures |= measure_search(base / "search")
        if os.environ.get("BIDKIT_BENCH_UI", "1") == "1":
            figures |= measure_ui(base / "search")
        (base / "docs").mkdir()
        figures |= measure_import(base / "import", base / "docs")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
