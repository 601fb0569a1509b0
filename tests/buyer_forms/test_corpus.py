"""Detection and answering measured over the corpus of buyers' Word questionnaires.

Targets: every question found, no wrong answer placed (a CIC gets no charity number, a
signature box stays empty, TUPE does not get the mobilisation plan), and nearly every answer
the demo organisation can give placed where the buyer asked for it.
`python -m tests.buyer_forms.test_corpus` prints the figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bidkit.ops.demo import seed_demo
from bidkit.store.workspace import Workspace
from tests.buyer_forms.corpus_check import EXPECTED, Figures, run_corpus

BID = 1  # the demo's drafting bid, led by Riverside Community Care CIC


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Figures]:
    folder = tmp_path_factory.mktemp("corpus")
    ws = Workspace.open(folder / "ws")
    try:
        seed_demo(ws, force=True)
        yield run_corpus(ws, BID, folder)
    finally:
        ws.close()


def test_the_corpus_has_at_least_twelve_forms() -> None:
    assert len(EXPECTED) >= 12
    assert sum(len(v) for v in EXPECTED.values()) >= 60


def test_every_question_is_found(figures: Figures) -> None:
    assert figures.not_found == []
    assert figures.found == figures.present
    assert figures.extra == 0


def test_no_wrong_answer_is_placed(figures: Figures) -> None:
    assert figures.wrong == []


def test_the_answers_the_profile_and_library_hold_are_placed(figures: Figures) -> None:
    assert figures.missed == []
    assert figures.placed_right == figures.answerable


if __name__ == "__main__":
    import tempfile

    from bidkit.ops.demo import seed_demo as seed

    with tempfile.TemporaryDirectory() as temp:
        workspace = Workspace.open(Path(temp) / "ws")
        seed(workspace, force=True)
        result = run_corpus(workspace, BID, Path(temp))
        workspace.close()
    print(json.dumps(result.as_json()))
    for line in result.not_found + result.wrong + result.missed:
        print(line)
