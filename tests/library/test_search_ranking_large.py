"""On a large generated library, search keeps FTS5's full bm25 ranking for common queries.

A guard for any faster ranking (a bounded candidate set, a second index): for the queries the
library benchmark times, the best match and the top 5 (as a set) must stay what bm25 over every
match gives, wherever that ranking is not a tie.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from bidkit.library.query import match_expression, parse_query
from bidkit.library.search import WEIGHTS, SearchFilters, search
from bidkit.model.evidence import EvidenceItem
from bidkit.store.workspace import Workspace

ITEMS = 3000
DOMAIN = """safeguarding training volunteers outcomes reablement hospital discharge older people
carers befriending wellbeing mental health community partnership contract delivery quality
assurance policy procedure staff recruitment supervision equality diversity inclusion social
value environment carbon emissions local suppliers apprenticeships employment skills young
families children housing homelessness support advice debt benefits food bank nutrition
isolation loneliness transport referral assessment review monitoring evaluation impact data
protection confidentiality mobilisation transition organisation colour behaviour counselling
advocacy peer mentoring digital inclusion volunteering charity council residents sessions""".split()
#: The library benchmark's queries, typed as a user types them (the last word a prefix).
QUERIES = (
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
)
#: bm25 scores closer than this are a tie: either order is the same ranking.
TIE = 1e-9


@pytest.fixture(scope="module")
def large_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    rng = random.Random(9)
    filler = ["".join(rng.choices("bcdfglmnprstv", k=2) + rng.choices("aeiou", k=1)) * 2
              for _ in range(1500)]  # fmt: skip
    vocabulary = ["the", "and", "of", "to", "we", "our"] * 30 + DOMAIN * 2 + filler
    rows: list[dict[str, Any]] = []
    for n in range(ITEMS):
        rows.append(
            {
                "kind": ("answer", "case_study", "policy")[n % 3],
                "title": " ".join(rng.choices(DOMAIN, k=rng.randint(2, 5))).capitalize(),
                "body": " ".join(rng.choices(vocabulary, k=rng.randint(100, 160))) + ".",
                "tags": ", ".join(sorted(set(rng.choices(DOMAIN, k=3)))),
                "owner": "",
                "version": 1,
            }
        )
    ws = Workspace.open(Path(tmp_path_factory.mktemp("large-library")))
    with ws.engine.begin() as connection:
        connection.execute(insert(EvidenceItem), rows)
    yield ws
    ws.close()


def _full_ranking(ws: Workspace, text: str) -> list[tuple[int, float]]:
    """(id, bm25) of every match, best first: FTS5 scoring each one."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    with ws.engine.connect() as connection:
        db = connection.connection.driver_connection
        assert db is not None
        return [
            (int(r[0]), float(r[1]))
            for r in db.execute(
                f"SELECT rowid, bm25(evidence_fts, {weights}) AS r FROM evidence_fts "
                "WHERE evidence_fts MATCH ? ORDER BY r, rowid",
                (match_expression(parse_query(text)),),
            )
        ]


@pytest.mark.parametrize("text", QUERIES)
def test_best_match_and_top_five_are_the_full_rankings(large_library: Workspace, text: str) -> None:
    ranking = _full_ranking(large_library, text)
    with large_library.engine.connect() as connection:
        hits = search(connection, text, SearchFilters(), limit=20)
    assert ranking, f"{text!r} finds nothing in the generated library"
    found = [h.id for h in hits]
    assert len(found) == min(20, len(ranking))
    best = ranking[0][0]
    if len(ranking) == 1 or ranking[1][1] - ranking[0][1] > TIE:
        assert found[0] == best
    if len(ranking) <= 5 or ranking[5][1] - ranking[4][1] > TIE:
        assert set(found[:5]) == {i for i, _ in ranking[:5]}
