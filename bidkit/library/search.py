"""Full-text search over the evidence library (SQLite FTS5, bm25 ranking, snippets).

The FTS5 match is ranked by bm25 with the title weighted above tags and body, joined to
`evidence_item` only when filters need it, and limited to the top rows; then those rows are read
and a snippet of the body around the matched words is cut. Highlights in snippets are marked
with `MARK_START` and `MARK_END` (control characters no item text contains), so the window can
escape the text and then turn the marks into bold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from bidkit.library.freshness import EXPIRING_DAYS, expiring_cutoff, freshness
from bidkit.library.highlight import MARK_END, MARK_START, Highlighter, opening
from bidkit.library.query import ParsedQuery, match_expression, parse_query

#: bm25 weights of the indexed columns: title, body, tags.
WEIGHTS = (10.0, 1.0, 4.0)


class View:
    """Which items to list (besides the search and filters)."""

    ALL = "all"
    MOST_USED = "most_used"
    NEVER_USED = "never_used"


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    tag: str | None = None
    organisation_id: int | None = None
    stale: bool = False
    expiring: bool = False
    view: str = View.ALL
    today: date | None = None
    expiring_days: int = EXPIRING_DAYS


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    kind: str
    snippet: str
    #: bm25 rank (lower is better; 0.0 when the list was not searched).
    score: float
    tags: tuple[str, ...]
    organisation_id: int | None
    review_on: date | None
    expires_on: date | None
    stale: bool
    expiring: bool
    expired: bool
    uses: int

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")


@lru_cache(maxsize=1024)
def split_tags(tags: str) -> tuple[str, ...]:
    return tuple(filter(None, map(str.strip, tags.split(","))))


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _filter_sql(filters: SearchFilters, today: date, params: dict[str, Any]) -> list[str]:
    where: list[str] = []
    if filters.kind:
        where.append("i.kind = :kind")
        params["kind"] = filters.kind
    if filters.organisation_id is not None:
        where.append("i.organisation_id = :org")
        params["org"] = filters.organisation_id
    if filters.tag:
        # Tags are stored "a, b, c": compare whole tags, ignoring case.
        where.append("(',' || replace(lower(i.tags), ', ', ',') || ',') LIKE :tag_like")
        params["tag_like"] = "%," + filters.tag.strip().casefold() + ",%"
    flags: list[str] = []
    if filters.stale:
        flags.append("(i.review_on IS NOT NULL AND i.review_on < :today)")
    if filters.expiring:
        flags.append("(i.expires_on IS NOT NULL AND i.expires_on <= :cutoff)")
    if flags:
        where.append("(" + " OR ".join(flags) + ")")
        params["today"] = today.isoformat()
        params["cutoff"] = expiring_cutoff(today, filters.expiring_days).isoformat()
    if filters.view == View.NEVER_USED:
        where.append("NOT EXISTS (SELECT 1 FROM evidence_usage u WHERE u.evidence_id = i.id)")
    elif filters.view == View.MOST_USED:
        where.append("EXISTS (SELECT 1 FROM evidence_usage u WHERE u.evidence_id = i.id)")
    return where


_USES = "(SELECT count(*) FROM evidence_usage u WHERE u.evidence_id = i.id)"
#: The shown rows' columns, read only for the rows the ranking picked (see `_search`).
_DETAILS = (
    "SELECT i.id, i.title, i.kind, i.tags, i.organisation_id, i.review_on, i.expires_on, i.body, "
    f"{_USES}, r.score FROM ({{ranked}}) AS r JOIN evidence_item i ON i.id = r.id "
    "ORDER BY {order}"
)
_SCORE = "bm25(evidence_fts, " + ", ".join(str(w) for w in WEIGHTS) + ")"


@dataclass(frozen=True)
class _Prepared:
    """What one search text needs, worked out once: the MATCH text and the highlighter."""

    query: ParsedQuery
    expression: str | None
    highlighter: Highlighter | None


@lru_cache(maxsize=256)
def _prepare_text(text: str, as_you_type: bool) -> _Prepared:
    return _prepare(parse_query(text, as_you_type=as_you_type))


@lru_cache(maxsize=256)
def _prepare(query: ParsedQuery) -> _Prepared:
    expression = match_expression(query)
    return _Prepared(query, expression, Highlighter(query) if expression is not None else None)


def search(
    connection: Connection,
    text: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 50,
    as_you_type: bool = True,
) -> list[SearchHit]:
    """The best `limit` items for `text` and `filters`, best first.

    With no search words, every item passing the filters is listed (most used first in the
    "most used" view, otherwise by title).
    """
    filters = filters or SearchFilters()
    today = filters.today or date.today()
    return _search(connection, _prepare_text(text, as_you_type), filters, today, limit)


def search_parsed(
    connection: Connection, query: ParsedQuery, filters: SearchFilters, today: date, limit: int
) -> list[SearchHit]:
    """`search` for a query already parsed."""
    return _search(connection, _prepare(query), filters, today, limit)


def _search(
    connection: Connection, prepared: _Prepared, filters: SearchFilters, today: date, limit: int
) -> list[SearchHit]:
    """Rank with FTS5 alone (ids and scores), then read and highlight only the rows shown.

    The ranking is an inner query with its LIMIT; only its rows are joined to the items and
    read. Computing snippets or joining before the top rows are picked would do that work for
    every match, which costs more than the search itself when a word is common.
    """
    params: dict[str, Any] = {"limit": max(1, limit)}
    where = _filter_sql(filters, today, params)
    expression = prepared.expression
    most_used = filters.view == View.MOST_USED
    db = connection.connection.driver_connection
    assert db is not None
    if expression is None:
        key = f"{_USES} AS uses, " if most_used else ""
        order = "uses DESC, " if most_used else ""
        ranked = (
            f"SELECT i.id AS id, 0.0 AS score, {key}i.title AS title FROM evidence_item i"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order}i.title COLLATE NOCASE, i.id LIMIT :limit"
        )
        outer = ("r.uses DESC, " if most_used else "") + "r.title COLLATE NOCASE, r.id"
    else:
        params["match"] = expression
        key = f", {_USES} AS uses" if most_used else ""
        order = "uses DESC, score, id" if most_used else "score, id"
        if where:
            ranked = (
                f"SELECT evidence_fts.rowid AS id, {_SCORE} AS score{key} FROM evidence_fts "
                "JOIN evidence_item i ON i.id = evidence_fts.rowid "
                "WHERE evidence_fts MATCH :match" + "".join(" AND " + w for w in where)
            )
        else:
            ranked = (
                f"SELECT rowid AS id, {_SCORE} AS score{key} FROM evidence_fts "
                "WHERE evidence_fts MATCH :match"
            )
            params = {"match": expression, "limit": params["limit"]}
        ranked += f" ORDER BY {order} LIMIT :limit"
        outer = "r.uses DESC, r.score, r.id" if most_used else "r.score, r.id"
    rows = db.execute(_DETAILS.format(ranked=ranked, order=outer), params).fetchall()
    return _hits(rows, today, filters.expiring_days, prepared.highlighter)


def _hits(
    rows: list[Any], today: date, days: int, highlighter: Highlighter | None
) -> list[SearchHit]:
    snippet = highlighter.snippet if highlighter is not None else opening
    hits: list[SearchHit] = []
    for item_id, title, kind, tags, org_id, review, expires, body, uses, score in rows:
        review_on, expires_on = _date(review), _date(expires)
        flags = freshness(review_on, expires_on, today, days)
        hits.append(
            SearchHit(
                id=item_id,
                title=title,
                kind=kind,
                snippet=snippet(body or ""),
                score=float(score),
                tags=split_tags(tags or ""),
                organisation_id=org_id,
                review_on=review_on,
                expires_on=expires_on,
                stale=flags.stale,
                expiring=flags.expiring,
                expired=flags.expired,
                uses=uses,
            )
        )
    return hits
