"""What bounds library search as the library grows: the parts of an FTS5 search, timed alone.

`library.py` asks that search at 100,000 items take at most twice its time at 20,000. This
script measures, on the same generated libraries and the same 16 queries (as BidKit turns them
into a MATCH: spellings, the half-typed last word as a prefix), the parts any FTS5-based
search is made of, so the growth each part brings with it can be read directly:

- `bare_bm25`: the baseline of `library.py` (bm25 over every match, top 20);
- `all_matches`: finding every match, with no ranking (`count(*)`);
- `newest_match`: the newest single match (`ORDER BY rowid DESC LIMIT 1`), the cheapest
  lookup that still honours the prefix and every word;
- `newest_match_whole_words`: the same with the last word taken as typed in full (no
  prefix): the difference is FTS5 merging the index entries of every word the prefix starts;
- `newest_match_bm25`: the same one row with its bm25 score: the difference is bm25's own
  pass over every row of each phrase (it counts them for the idf) before it scores anything;
- `bounded_candidates`: a bounded candidate set as a faster search would collect it, with no
  scoring at all: the newest `CANDIDATES` matches of the full index plus the newest
  `CANDIDATES` of a title-and-tags index (built here, for this measurement only).

For the bounded set it also says how good it could be at best: the candidates ranked by FTS5's
exact bm25 (taken from the full ranking, so not timed), against the full ranking's top 20 —
how many of the 16 queries keep the exact top 20, the best match, and the top 5 as a set.

Prints one JSON object; `<part>_ms` (median over queries and rounds, 20,000 items),
`<part>_ms_100k`, and `<part>_growth` (100k / 20k). `BIDKIT_BENCH_ITEMS`,
`BIDKIT_BENCH_LARGE_ITEMS`, `BIDKIT_BENCH_RUNS` (default 7) and `BIDKIT_BENCH_CANDIDATES`
(default 200) change what is measured.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library import ITEMS, LARGE_ITEMS, QUERIES, _bare_match, generate_items

RUNS = int(os.environ.get("BIDKIT_BENCH_RUNS", "7"))
CANDIDATES = int(os.environ.get("BIDKIT_BENCH_CANDIDATES", "200"))
WEIGHTS = "10.0, 1.0, 4.0"
HEAD_INDEX = (
    "CREATE VIRTUAL TABLE bench_head_fts USING fts5(title, tags, content='evidence_item', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO bench_head_fts(bench_head_fts) VALUES ('rebuild')",
)
PARTS: dict[str, str] = {
    "bare_bm25": f"SELECT rowid, bm25(evidence_fts, {WEIGHTS}) AS r FROM evidence_fts "
    "WHERE evidence_fts MATCH :bare ORDER BY r LIMIT 20",
    "all_matches": "SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH :match",
    "newest_match": "SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :match "
    "ORDER BY rowid DESC LIMIT 1",
    "newest_match_whole_words": "SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :whole "
    "ORDER BY rowid DESC LIMIT 1",
    "newest_match_bm25": f"SELECT rowid, bm25(evidence_fts, {WEIGHTS}) FROM evidence_fts "
    "WHERE evidence_fts MATCH :match ORDER BY rowid DESC LIMIT 1",
    "bounded_candidates": "SELECT rowid FROM (SELECT rowid FROM evidence_fts "
    "WHERE evidence_fts MATCH :match ORDER BY rowid DESC LIMIT :n) UNION "
    "SELECT rowid FROM (SELECT rowid FROM bench_head_fts WHERE bench_head_fts MATCH :match "
    "ORDER BY rowid DESC LIMIT :n)",
}


def _expressions() -> dict[str, dict[str, Any]]:
    from bidkit.library.query import match_expression, parse_query

    return {
        text: {
            "match": match_expression(parse_query(text)),
            "whole": match_expression(parse_query(text, as_you_type=False)),
            "bare": _bare_match(text),
        }
        for text in QUERIES
    }


def _time_parts(db: Any, params: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Median ms of each part over all queries and `RUNS` rounds (parts interleaved)."""
    samples: dict[str, list[float]] = {name: [] for name in PARTS}
    clock = time.perf_counter
    for round_ in range(RUNS + 1):
        for text in QUERIES:
            values = params[text] | {"n": CANDIDATES}
            for name, sql in PARTS.items():
                start = clock()
                db.execute(sql, values).fetchall()
                if round_:  # the first round only warms the page cache
                    samples[name].append(clock() - start)
    return {name: round(statistics.median(s) * 1000, 3) for name, s in samples.items()}


def _candidate_quality(db: Any, params: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Queries whose top 20 / best match / top 5 survive ranking only the bounded set."""
    kept = {"exact_top20": 0, "best_match": 0, "top5_set": 0}
    for text in QUERIES:
        values = params[text] | {"n": CANDIDATES}
        ranking = [
            row[0]
            for row in db.execute(
                f"SELECT rowid, bm25(evidence_fts, {WEIGHTS}) AS r FROM evidence_fts "
                "WHERE evidence_fts MATCH :match ORDER BY r, rowid",
                values,
            )
        ]
        candidates = {row[0] for row in db.execute(PARTS["bounded_candidates"], values)}
        bounded = [item for item in ranking if item in candidates][:20]
        kept["exact_top20"] += bounded == ranking[:20]
        kept["best_match"] += bounded[:1] == ranking[:1]
        kept["top5_set"] += set(bounded[:5]) == set(ranking[:5])
    return kept


def _measure(ws: Any, suffix: str) -> dict[str, Any]:
    params = _expressions()
    with ws.engine.begin() as connection:
        db = connection.connection.driver_connection
        db.execute("DROP TABLE IF EXISTS bench_head_fts")
        for statement in HEAD_INDEX:
            db.execute(statement)
    with ws.engine.connect() as connection:
        db = connection.connection.driver_connection
        timed = _time_parts(db, params)
        quality = _candidate_quality(db, params)
    figures = {f"{name}_ms{suffix}": ms for name, ms in timed.items()}
    return figures | {f"bounded_{name}{suffix}": n for name, n in quality.items()}


def main() -> int:
    from bidkit.store.workspace import Workspace

    figures: dict[str, Any] = {
        "name": "library-search-bounds",
        "items": ITEMS,
        "large_items": LARGE_ITEMS,
        "queries": len(QUERIES),
        "runs": RUNS,
        "candidates_per_index": CANDIDATES,
    }
    suffix = f"_{LARGE_ITEMS // 1000}k"
    with (
        tempfile.TemporaryDirectory(prefix="bidkit-bench-") as tmp,
        Workspace.open(Path(tmp)) as ws,
    ):
        generate_items(ws, ITEMS)
        figures |= _measure(ws, "")
        start = time.perf_counter()
        generate_items(ws, LARGE_ITEMS - ITEMS, first=ITEMS)
        figures["large_generate_s"] = round(time.perf_counter() - start, 1)
        figures |= _measure(ws, suffix)
    for name in PARTS:
        small, large = figures[f"{name}_ms"], figures[f"{name}_ms{suffix}"]
        figures[f"{name}_growth"] = round(large / small, 2) if small else None
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
