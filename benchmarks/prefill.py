"""Pre-fill time for each shipped questionnaire, with the demo organisation's profile.

Prints one JSON object: `forms` (form id -> median milliseconds for a whole pre-fill pass:
read the profiles and library, compute every bound answer, store what changed) and `max_ms`.
`compute_ms` gives the pure computation alone, for comparison, and `read_ms` a whole read of
the questionnaire (answers, coverage, progress and gaps; it never writes). Goal: under 50 ms.

Large library (`large`): the demo grown to `BIDKIT_BENCH_ITEMS` (20,000) evidence items, then,
in a fresh Python process each time (`LARGE_RUNS` of them), so that nothing is remembered
from an earlier pass: `first_s`, the first `reapply_prefill` of the session over every bid
(read the library, index it, match every library question of the three questionnaires,
store); `later_s`, the second. The forms are loaded before timing (the window has them from
opening the Questionnaires page). `index_s`/`score_s` split the first pass's matching.
`baseline_s`: raw rapidfuzz `process.extract` (its default scorer, top 5) of each of the same
questions over the same 20,000 titles, in the same process. Goal: `first_s` under 1 s.

    .venv/bin/python benchmarks/prefill.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bidkit.forms.catalog import get_form, shipped_forms
from bidkit.forms.prefill import prefill_form
from bidkit.ops.bids import create_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.questionnaires import (
    evidence_candidates,
    participants_of_bid,
    profiles_of,
    read_questionnaire,
    reapply_prefill,
)
from bidkit.store.queries import get_bid
from bidkit.store.workspace import Workspace

RUNS = 21
ITEMS = int(os.environ.get("BIDKIT_BENCH_ITEMS", "20000"))
LARGE_RUNS = int(os.environ.get("BIDKIT_BENCH_LARGE_RUNS", "3"))


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder) / "ws") as ws:
        seed_demo(ws, force=False)
        whole: dict[str, float] = {}
        compute: dict[str, float] = {}
        read: dict[str, float] = {}
        for form in shipped_forms():
            bid_id = create_bid(ws, title=form.title, buyer="Benchmark Council", deadline=None,
                                form_id=form.id).created  # fmt: skip
            assert bid_id is not None
            samples = []
            for _ in range(RUNS):
                start = time.perf_counter()
                reapply_prefill(ws, [bid_id])
                samples.append(time.perf_counter() - start)
            whole[form.id] = median_ms(samples)
            reads = []
            for _ in range(RUNS):
                start = time.perf_counter()
                read_questionnaire(ws, bid_id)
                reads.append(time.perf_counter() - start)
            read[form.id] = median_ms(reads)
            with ws.session() as session:
                participants = participants_of_bid(session, get_bid(session, bid_id))
                profiles = profiles_of(session, participants)
                evidence = evidence_candidates(session)
            pure = []
            for _ in range(RUNS):
                start = time.perf_counter()
                prefill_form(get_form(form.id), participants, profiles, evidence)
                pure.append(time.perf_counter() - start)
            compute[form.id] = median_ms(pure)
    result = {"name": "prefill", "runs": RUNS, "forms": whole, "max_ms": max(whole.values())}
    print(json.dumps({**result, "compute_ms": compute, "read_ms": read, "large": large_library()}))


def large_library() -> dict[str, object]:
    """The first pre-fill of a session over a 20,000-item library, each run in a new process."""
    from benchmarks.library import generate_items
    from bidkit.model.evidence import EvidenceItem

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        with Workspace.open(root) as ws:
            seed_demo(ws, force=False)
            with ws.session() as session:
                present = len(session.exec(select(EvidenceItem.id)).all())
            generate_items(ws, ITEMS - present)
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--first-prefill", str(root)],
                    check=True, capture_output=True, text=True,
                ).stdout
            )
            for _ in range(LARGE_RUNS)
        ]  # fmt: skip
    figures: dict[str, object] = {"items": ITEMS, "runs": LARGE_RUNS}
    for key in ("first_s", "later_s", "index_s", "score_s", "baseline_s", "questions"):
        values = sorted(run[key] for run in runs)
        figures[key] = values if key != "questions" else values[0]
    figures["first_to_baseline"] = [round(r["first_s"] / r["baseline_s"], 2) for r in runs]
    return figures


def first_prefill(root: Path) -> None:
    """One session's first and second pre-fill (run in a process of its own), then the
    split of matching and the raw rapidfuzz baseline over the same titles."""
    from rapidfuzz import process

    from bidkit.forms import matching
    from bidkit.forms.schema import AnswerType, LibraryBinding

    forms = [get_form(f.id) for f in shipped_forms()]  # loaded, as in the window
    with Workspace.open(root) as ws:
        start = time.perf_counter()
        reapply_prefill(ws)
        first = time.perf_counter() - start
        start = time.perf_counter()
        reapply_prefill(ws)
        later = time.perf_counter() - start
        with ws.session() as session:
            evidence = evidence_candidates(session)
    questions = [
        (form, q, matching.question_context(form, q))
        for form in forms
        for q in form.questions()
        if isinstance(q.bind, LibraryBinding) or (q.bind is None and q.type is AnswerType.LONG_TEXT)
    ]
    # Matching alone, cold: forget what the first pass kept (what exists of it: the script
    # also runs against older versions of matching.py for before/after figures).
    for name, empty in (
        ("_LAST_LAYOUT", ((), [], {}, [])),
        ("_WORDS_NOW", {}),
        ("_WORDS_BEFORE", {}),
    ):
        if hasattr(matching, name):
            setattr(matching, name, empty)
    matching._RESULTS.clear()
    for cached in (matching.subjects_in, matching.content_stems, matching._phrases_of):
        cached.cache_clear()
    start = time.perf_counter()
    index = matching.LibraryIndex(evidence)
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    for _form, question, context in questions:
        matching.match_library(question, context, index, date.today())
    score_s = time.perf_counter() - start
    titles = [item.title for item in evidence]
    start = time.perf_counter()
    for _form, _question, context in questions:
        process.extract(context, titles, limit=5)
    baseline = time.perf_counter() - start
    print(json.dumps({
        "first_s": round(first, 3), "later_s": round(later, 3), "index_s": round(index_s, 3),
        "score_s": round(score_s, 3), "baseline_s": round(baseline, 3),
        "questions": len(questions),
    }))  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--first-prefill"]:
        first_prefill(Path(sys.argv[2]))
    else:
        main()
