"""Finding and erasing a person everywhere in the database, for data-protection requests.

A person is looked for by name (and e-mail address, if given) in every text column of every
table (profiles, stored answers, library items and their versions, tasks, notes), not in a
hand-kept list that a new column would escape. Erasing deletes the person's own rows (key
people, contacts), replaces the name everywhere else, rebuilds the search index, and then
rewrites the file (`secure_delete`, `VACUUM`) so no old copy survives in free pages or the log.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

#: Tables whose rows *are* a person: deleted whole when their name column matches.
PERSON_TABLES: Final = {"key_person": "name", "contact": "name"}
#: Never scanned: bookkeeping and the search index's own tables (rebuilt instead).
SKIPPED_TABLES: Final = ("alembic_version", "sqlite_", "evidence_fts")
REPLACEMENT: Final = "[name removed]"
MIN_NAME: Final = 3


@dataclass(frozen=True)
class Mention:
    table: str
    row_id: int
    column: str
    value: str


def _text_columns(con: sqlite3.Connection) -> Iterator[tuple[str, list[str]]]:
    tables = [
        str(r[0])
        for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    for table in tables:
        if table.startswith(SKIPPED_TABLES):
            continue
        columns = [
            str(c[1])
            for c in con.execute(f'PRAGMA table_info("{table}")')
            if str(c[2]).upper() in ("", "TEXT", "VARCHAR", "JSON", "CLOB")
            or "CHAR" in str(c[2]).upper()
        ]
        if columns:
            yield table, columns


def _needles(terms: list[str]) -> list[str]:
    """Each term as written and as it appears inside stored JSON (escaped)."""
    found: list[str] = []
    for term in terms:
        for form in (term, json.dumps(term)[1:-1]):
            if form and form not in found:
                found.append(form)
    return found


def find_mentions(con: sqlite3.Connection, terms: list[str]) -> list[Mention]:
    """Every text value that contains one of `terms` (case-insensitive)."""
    needles = [n.casefold() for n in _needles(terms)]
    mentions: list[Mention] = []
    for table, columns in _text_columns(con):
        for column in columns:
            where = " OR ".join(f'instr(lower("{column}"), ?) > 0' for _ in needles)
            rows = con.execute(
                f'SELECT rowid, "{column}" FROM "{table}" WHERE {where}',
                [n.lower() for n in needles],
            )
            for row_id, value in rows:
                text = str(value)
                if any(n in text.casefold() for n in needles):
                    mentions.append(Mention(table, int(row_id), column, text))
    return mentions


def _scrubbed(text: str, terms: list[str]) -> str:
    for needle in sorted(_needles(terms), key=len, reverse=True):
        text = re.sub(re.escape(needle), REPLACEMENT, text, flags=re.IGNORECASE)
    return text


def erase_mentions(con: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    """Delete the person's own rows and scrub every other mention; inside the caller's
    transaction. Returns how many rows were deleted and values changed, per table."""
    counts: dict[str, int] = {}
    person = terms[0].casefold()
    for table, column in PERSON_TABLES.items():
        doomed = [
            int(r[0])
            for r in con.execute(f'SELECT rowid, "{column}" FROM "{table}"')
            if str(r[1]).strip().casefold() == person
        ]
        for row_id in doomed:
            con.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (row_id,))
        if doomed:
            counts[f"{table} (deleted)"] = len(doomed)
    for mention in find_mentions(con, terms):
        new = _scrubbed(mention.value, terms)
        if new != mention.value:
            con.execute(
                f'UPDATE "{mention.table}" SET "{mention.column}" = ? WHERE rowid = ?',
                (new, mention.row_id),
            )
            counts[mention.table] = counts.get(mention.table, 0) + 1
    return counts


def rewrite_without_old_pages(database: Any) -> None:
    """Rebuild the search index, then rewrite the file so erased text leaves no trace in free
    pages, the write-ahead log or the index's old segments."""
    con = sqlite3.connect(database, isolation_level=None)
    try:
        con.execute("PRAGMA secure_delete = ON")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "evidence_fts" in tables:
            con.execute("INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')")
        con.execute("VACUUM")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
