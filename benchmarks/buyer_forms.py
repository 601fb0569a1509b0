"""Buyer's Word questionnaires: time to import and to write back a 40-question form, plus the
detection, answering and matching figures.

Prints one JSON object:
- `import_40_ms`: median time to import a 40-question buyer form into a demo bid (safety
  checks, reading, profile and library matching, attaching and pre-filling, one transaction);
- `export_40_ms`: median time to write the buyer's file back with the answers in place;
- `baseline_roundtrip_ms`: python-docx opening and saving the same file untouched (the raw
  library work any write-back has to do), and the two ratios against it;
- `corpus`: questions found / present and answers placed / answerable over the test corpus;
- `matching`: precision and recall of library matching on the labelled set.

    .venv/bin/python benchmarks/buyer_forms.py
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx import Document

from bidkit.ops.buyer_forms import export_buyer_form, import_buyer_form
from bidkit.ops.demo import seed_demo
from bidkit.ops.questionnaires import evidence_candidates
from bidkit.store.workspace import Workspace
from tests.buyer_forms import make_corpus
from tests.buyer_forms.corpus_check import run_corpus
from tests.forms.test_matching_labels import figures, run_labelled_set

RUNS = 7
BID = 1


def forty_questions(path: Path) -> int:
    """A form of the corpus's shapes stacked up to 40 questions; returns the count."""
    spec = make_corpus.FormSpec("bench", "Arial")
    doc = make_corpus.new_document("Arial", "Supplier questionnaire")
    builder = make_corpus.Builder(spec, doc)
    for build in (
        make_corpus.council_sq,
        make_corpus.three_column_pqq,
        make_corpus.financial_grid,
        make_corpus.content_controls,
        make_corpus.insurance_and_accreditations,
        make_corpus.trust_numbered,
    ):
        build(builder)
    doc.save(str(path))
    return len(spec.expects)


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        form = root / "forty.docx"
        questions = forty_questions(form)
        ws = Workspace.open(root / "ws")
        seed_demo(ws, force=True)
        imports, exports, baseline = [], [], []
        form_id = ""
        for run in range(RUNS):
            start = time.perf_counter()
            _, imported = import_buyer_form(ws, form, BID)
            imports.append(time.perf_counter() - start)
            form_id = imported.form_id
            start = time.perf_counter()
            result = export_buyer_form(ws, BID, root / f"out{run}.docx", form_id)
            exports.append(time.perf_counter() - start)
            start = time.perf_counter()
            document = Document(str(form))
            document.save(io.BytesIO())
            baseline.append(time.perf_counter() - start)
        corpus = run_corpus(ws, BID, root).as_json()
        with ws.session() as session:
            library = evidence_candidates(session)
        ws.close()
    matching = figures(run_labelled_set(library, date.today()))
    base = median_ms(baseline)
    print(
        json.dumps(
            {
                "name": "buyer-forms",
                "questions": questions,
                "found": imported.questions,
                "prefilled": imported.prefilled,
                "placed": result.placed,
                "import_40_ms": median_ms(imports),
                "export_40_ms": median_ms(exports),
                "baseline_roundtrip_ms": base,
                "import_ratio": round(median_ms(imports) / base, 2),
                "export_ratio": round(median_ms(exports) / base, 2),
                "corpus": corpus,
                "matching": matching,
            }
        )
    )


if __name__ == "__main__":
    main()
