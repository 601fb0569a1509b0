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
LARGE_ITEMS = int(os.environ.get("BIDKIT_BENCH_LARGE_ITEMS", "100000"))
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


def generate_items(ws: Any, count: int, seed: int = 20, first: int = 0) -> None:
    """`count` items of about 150 words, written with Core executemany (triggers index them).

    `first` items are already there: the new ones continue from them with the same
    vocabulary, so a larger library is the smaller one plus more items.
    """
    from sqlalchemy import insert

    from bidkit.model.evidence import EvidenceItem

    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    if first:
        rng = random.Random(f"{seed}-{first}")
    kinds = ["answer", "case_study", "statistic", "testimonial", "policy", "certificate"]
    with ws.engine.begin() as connection:
        for start in range(0, count, 5000):
            rows = []
            for n in range(first + start, first + min(count, start + 5000)):
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
            connection.execute(insert(EvidenceItem), rows)


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def _p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 3)


def _time_pairs(
    queries: list[str], ours: Callable[[str], object], bare: Callable[[str], object]
) -> tuple[list[float], list[float]]:
    """Each query timed through BidKit and bare, one right after the other, `RUNS` rounds.

    Interleaving (and swapping which goes first every round) gives both the same machine:
    on a shared, noisy machine two separate blocks of timings would not.
    """
    timed: tuple[list[float], list[float]] = ([], [])
    clock = time.perf_counter
    for round_ in range(RUNS):
        for text in queries:
            order = ((0, ours), (1, bare)) if round_ % 2 == 0 else ((1, bare), (0, ours))
            for slot, run in order:
                start = clock()
                run(text)
                timed[slot].append(clock() - start)
    return timed


def _bare_match(text: str) -> str:
    """What a bare FTS5 query of the same words looks like (last word as a prefix)."""
    from bidkit.library.query import parse_query, quote

    parsed = parse_query(text)
    parts = [quote(w) for w in parsed.words] + [quote(p) for p in parsed.phrases]
    parts += ["{tags} : " + quote(t) for t in parsed.tags]
    if parsed.partial:
        parts.append(quote(parsed.partial) + " *")
    return " AND ".join(parts)


def _search_figures(ws: Any, suffix: str) -> dict[str, Any]:
    """BidKit's search against the bare FTS5 query, on the library as it is now."""
    from bidkit.library.search import WEIGHTS, SearchFilters, search

    with ws.engine.connect() as connection:
        filters = SearchFilters()
        raw = connection.connection.driver_connection
        weights = ", ".join(str(w) for w in WEIGHTS)
        bare_sql = (
            f"SELECT rowid, bm25(evidence_fts, {weights}) AS r FROM evidence_fts "
            "WHERE evidence_fts MATCH ? ORDER BY r LIMIT 20"
        )
        bare_queries = {t: _bare_match(t) for t in QUERIES}

        def ours(text: str) -> object:
            hits = search(connection, text, filters, limit=20)
            return [hit.snippet for hit in hits]  # the rows as shown, snippets included

        def bare(text: str) -> object:
            return raw.execute(bare_sql, (bare_queries[text],)).fetchall()

        for text in QUERIES:  # warm the page cache for both
            ours(text)
            bare(text)
        mine, baseline = _time_pairs(QUERIES, ours, bare)
        hits = {t: len(search(connection, t, filters, limit=20)) for t in QUERIES}
    median, base = _median_ms(mine), _median_ms(baseline)
    per_query = [
        statistics.median(mine[i :: len(QUERIES)]) / statistics.median(baseline[i :: len(QUERIES)])
        for i in range(len(QUERIES))
        if statistics.median(baseline[i :: len(QUERIES)]) > 0
    ]
    return {
        f"median_ms{suffix}": median,
        f"p95_ms{suffix}": _p95_ms(mine),
        f"baseline_median_ms{suffix}": base,
        f"baseline_p95_ms{suffix}": _p95_ms(baseline),
        f"ratio{suffix}": round(median / base, 2) if base else None,
        f"ratio_per_query_median{suffix}": round(statistics.median(per_query), 2),
        f"queries_with_no_hits{suffix}": sorted(t for t, n in hits.items() if n == 0),
    }


def measure_search(root: Path) -> dict[str, Any]:
    """Search figures with `ITEMS` items in a fresh workspace at `root`."""
    from bidkit.store.workspace import Workspace

    with Workspace.open(root) as ws:
        generate_items(ws, ITEMS)
        return {"items": ITEMS, "queries": len(QUERIES), "runs": RUNS} | _search_figures(ws, "")


def measure_search_large(root: Path, small: dict[str, Any]) -> dict[str, Any]:
    """The same figures once the workspace at `root` has `LARGE_ITEMS` items.

    The larger library is the smaller one with more items added (generated once per run), so
    `growth_100k` compares the same search on a library five times the size.
    """
    from bidkit.store.workspace import Workspace

    if LARGE_ITEMS <= ITEMS:
        return {}
    suffix = f"_{LARGE_ITEMS // 1000}k"
    with Workspace.open(root) as ws:
        start = time.perf_counter()
        generate_items(ws, LARGE_ITEMS - ITEMS, first=ITEMS)
        figures: dict[str, Any] = {
            "large_items": LARGE_ITEMS,
            "large_generate_s": round(time.perf_counter() - start, 1),
        }
        figures |= _search_figures(ws, suffix)
    figures[f"growth{suffix}"] = round(figures[f"median_ms{suffix}"] / small["median_ms"], 2)
    return figures


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
    ui = os.environ.get("BIDKIT_BENCH_UI", "1") == "1"
    with tempfile.TemporaryDirectory(prefix="bidkit-bench-") as tmp:
        base = Path(tmp)
        figures |= measure_search(base / "search")
        if ui:
            figures |= measure_ui(base / "search")
        figures |= measure_search_large(base / "search", figures)
        (base / "docs").mkdir()
        figures |= measure_import(base / "import", base / "docs")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
