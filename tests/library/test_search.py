"""Searching the library: ranking, prefixes as you type, phrases, tags, spellings, filters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bidkit.library.items import ItemFields, create_item
from bidkit.library.query import match_expression, parse_query
from bidkit.library.search import MARK_END, MARK_START, SearchFilters, View, search
from bidkit.model.evidence import EvidenceUsage
from bidkit.store.workspace import Workspace

TODAY = date(2026, 6, 1)


def add(ws: Workspace, title: str, body: str, **values: object) -> int:
    with ws.write() as session:
        item = create_item(session, ItemFields(title=title, body=body, **values))  # type: ignore[arg-type]
        return item.id or 0


def find(ws: Workspace, text: str, **filters: object) -> list[int]:
    with ws.session() as session:
        hits = search(session.connection(), text, SearchFilters(today=TODAY, **filters))  # type: ignore[arg-type]
    return [h.id for h in hits]


@pytest.fixture
def library(workspace: Workspace) -> dict[str, int]:
    return {
        "policy": add(
            workspace,
            "Safeguarding policy",
            "Our organisation trains volunteers.",
            kind="policy",
            tags=("safeguarding", "policy"),
            review_on=TODAY - timedelta(days=1),
        ),
        "colour": add(
            workspace, "Brand guide", "The colour of our centre signage is green.", tags=("brand",)
        ),
        "us": add(
            workspace,
            "Programs",
            "Our organization runs a program with a color scheme.",
            expires_on=TODAY + timedelta(days=10),
            kind="certificate",
        ),
        "case": add(
            workspace,
            "Case study: Mr K",
            "Safeguarding concerns were raised by a "
            "volunteer and resolved within a day. Older people felt safe.",
            kind="case_study",
            tags=("older people", "outcomes"),
        ),
    }


def test_title_matches_rank_above_body_matches(
    workspace: Workspace, library: dict[str, int]
) -> None:
    assert find(workspace, "safeguarding ") == [library["policy"], library["case"]]


def test_plurals_and_word_forms_are_found(workspace: Workspace, library: dict[str, int]) -> None:
    assert library["case"] in find(workspace, "volunteering ")
    assert library["policy"] in find(workspace, "train ")


def test_british_and_american_spellings_find_each_other(
    workspace: Workspace, library: dict[str, int]
) -> None:
    both = {library["policy"], library["us"]}
    assert set(find(workspace, "organisation ")) == both
    assert set(find(workspace, "organization ")) == both
    assert set(find(workspace, "colour ")) == {library["colour"], library["us"]}
    assert set(find(workspace, "center ")) == {library["colour"]}
    assert set(find(workspace, "programme ")) == {library["us"]}


def test_the_last_word_is_a_prefix_while_typing(
    workspace: Workspace, library: dict[str, int]
) -> None:
    assert find(workspace, "safeguardi") == [library["policy"], library["case"]]
    assert find(workspace, "safeg") == [library["policy"], library["case"]]
    assert find(workspace, "resol") == [library["case"]]
    assert find(workspace, "resol ") == []  # a finished word is matched whole


def test_a_word_typed_in_full_is_found_while_typing(workspace: Workspace) -> None:
    certificate = add(workspace, "ISO 9001", "Our certificate is renewed each year.")
    organisations = add(workspace, "Partners", "Local organizations we work with.")
    for typed in ("certif", "certificat", "certificate", "certificates"):
        assert find(workspace, typed) == [certificate], typed
    for typed in ("organisation", "organization", "organizations"):
        assert find(workspace, typed) == [organisations], typed


def test_the_word_being_typed_finds_what_the_finished_word_finds(
    workspace: Workspace, library: dict[str, int]
) -> None:
    for word in ("volunteer", "safeguarding", "colour", "organisation", "people", "programme"):
        finished = set(find(workspace, word + " "))
        assert finished <= set(find(workspace, word)), word


def test_phrases_and_tags(workspace: Workspace, library: dict[str, int]) -> None:
    assert find(workspace, '"older people"') == [library["case"]]
    assert find(workspace, '"people older"') == []
    assert find(workspace, "tag:policy") == [library["policy"]]
    assert find(workspace, 'tag:"older people" safeguarding') == [library["case"]]


@pytest.mark.parametrize(
    "text", ['"', "e-mail", "AND", "OR NOT", "NEAR(a b)", "col:x", "*", "^start", "a'b", '""""']
)
def test_search_syntax_in_user_text_is_only_text(workspace: Workspace, text: str) -> None:
    find(workspace, text)  # never an FTS5 syntax error
    assert match_expression(parse_query(text)) is None or '"' in str(
        match_expression(parse_query(text))
    )


def test_filters(workspace: Workspace, library: dict[str, int]) -> None:
    assert find(workspace, "", kind="case_study") == [library["case"]]
    assert find(workspace, "", stale=True) == [library["policy"]]
    assert find(workspace, "", expiring=True) == [library["us"]]
    assert find(workspace, "", tag="Brand") == [library["colour"]]
    assert find(workspace, "our", kind="certificate") == [library["us"]]


def test_most_used_and_never_used(workspace: Workspace, library: dict[str, int]) -> None:
    from bidkit.model.bid import Bid

    with workspace.write() as session:
        bid = Bid(title="B")
        session.add(bid)
        session.flush()
        for item in (library["case"], library["case"], library["colour"]):
            session.add(EvidenceUsage(evidence_id=item, bid_id=bid.id or 0))
    assert find(workspace, "", view=View.MOST_USED) == [library["case"], library["colour"]]
    assert set(find(workspace, "", view=View.NEVER_USED)) == {library["policy"], library["us"]}


def test_snippets_mark_the_matched_words(workspace: Workspace, library: dict[str, int]) -> None:
    with workspace.session() as session:
        hit = search(session.connection(), "volunteer", SearchFilters(today=TODAY))[0]
    assert f"{MARK_START}volunteer" in hit.snippet and MARK_END in hit.snippet
    assert MARK_START not in hit.plain_snippet


def test_an_edit_is_found_at_once(workspace: Workspace, library: dict[str, int]) -> None:
    from bidkit.library.items import update_item

    with workspace.write() as session:
        update_item(session, library["colour"], ItemFields(title="Brand guide", body="Logo use."))
    assert find(workspace, "signage ") == []
    assert find(workspace, "logo ") == [library["colour"]]


@pytest.mark.parametrize("text", ["tag:", 'tag:""', "TAG:"])
def test_a_tag_filter_still_being_typed_filters_nothing(
    workspace: Workspace, library: dict[str, int], text: str
) -> None:
    assert parse_query(text).empty
    assert sorted(find(workspace, text)) == sorted(find(workspace, ""))
    assert find(workspace, "tag: policy") == find(workspace, "policy")
