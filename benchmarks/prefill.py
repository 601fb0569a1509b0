"""Pre-fill time for each shipped questionnaire, with the demo organisation's profile.

Prints one JSON object: `forms` (form id -> median milliseconds for a whole pre-fill pass:
read the profiles and library, compute every bound answer, store what changed) and `max_ms`.
`compute_ms` gives the pure computation alone, for comparison, and `read_ms` a whole read of
the questionnaire (answers, coverage, progress and gaps; it never writes). Goal: under 50 ms.

    .venv/bin/python benchmarks/prefill.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
    print(json.dumps({**result, "compute_ms": compute, "read_ms": read}))


if __name__ == "__main__":
    main()
