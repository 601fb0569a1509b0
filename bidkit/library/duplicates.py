"""Near-identical evidence items, and merging two into one.

Two items are near-identical when the sets of their three-word runs (shingles) overlap with a
Jaccard similarity of at least `THRESHOLD`. Candidate pairs come from prefix filtering (two sets
that similar must share one of their rarest few shingles), so the library is not compared pair
by pair. Merging keeps one item: the other's files and usage move to it, the other's text is
kept in its history as a version, and the other is deleted.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from bidkit.errors import InputRefused
from bidkit.library.items import get_item, merge_note, normalise_tags, snapshot, tags_text
from bidkit.model.evidence import EvidenceFile, EvidenceItem, EvidenceUsage
from bidkit.model.types import utc_now

THRESHOLD = 0.85
SHINGLE = 3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int
    first_title: str
    second_id: int
    second_title: str
    similarity: float


def shingles(text: str, size: int = SHINGLE) -> frozenset[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(
    texts: Iterable[tuple[int, str]], threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """(id, id, similarity) for every pair of texts at least `threshold` similar."""
    sets = {item_id: shingles(text) for item_id, text in texts}
    sets = {k: v for k, v in sets.items() if v}
    frequency: Counter[str] = Counter()
    for value in sets.values():
        frequency.update(value)
    index: dict[str, list[int]] = defaultdict(list)
    found: dict[tuple[int, int], float] = {}
    for item_id in sorted(sets, key=lambda k: len(sets[k])):
        value = sets[item_id]
        ordered = sorted(value, key=lambda s: (frequency[s], s))
        prefix = ordered[: len(value) - math.ceil(threshold * len(value)) + 1]
        candidates = {other for s in prefix for other in index[s]}
        for other in candidates:
            small, large = sorted((len(sets[other]), len(value)))
            if small < threshold * large:
                continue
            score = jaccard(value, sets[other])
            if score >= threshold:
                found[(min(item_id, other), max(item_id, other))] = score
        for s in prefix:
            index[s].append(item_id)
    return sorted(((a, b, s) for (a, b), s in found.items()), key=lambda t: (-t[2], t[0], t[1]))


def find_duplicates(session: Session, threshold: float = THRESHOLD) -> list[DuplicatePair]:
    rows = session.exec(select(EvidenceItem.id, EvidenceItem.title, EvidenceItem.body)).all()
    titles = {int(r[0] or 0): str(r[1]) for r in rows}
    pairs = near_duplicates(((int(r[0] or 0), f"{r[1]}\n{r[2]}") for r in rows), threshold)
    return [DuplicatePair(a, titles[a], b, titles[b], round(s, 3)) for a, b, s in pairs]


def merge_items(session: Session, keep_id: int, other_id: int) -> EvidenceItem:
    """Keep `keep_id`; move `other_id`'s files and usage to it, keep its text as a version."""
    if keep_id == other_id:
        raise InputRefused("Choose two different items to merge.")
    keep = get_item(session, keep_id)
    other = get_item(session, other_id)
    snapshot(session, keep)  # the kept item as it was
    snapshot(  # the other item's text, restorable from the kept item's history
        session,
        keep,
        title=merge_note(other.title, other_id),
        kind=other.kind,
        body=other.body,
        tags=other.tags,
        owner=other.owner,
        review_on=other.review_on,
        expires_on=other.expires_on,
    )
    keep.tags = tags_text(normalise_tags(f"{keep.tags},{other.tags}"))
    keep.review_on = keep.review_on or other.review_on
    keep.expires_on = keep.expires_on or other.expires_on
    keep.updated_at = utc_now()
    session.add(keep)
    held = set(
        session.exec(
            select(EvidenceFile.sha256).where(col(EvidenceFile.evidence_id) == keep_id)
        ).all()
    )
    for attached in session.exec(
        select(EvidenceFile).where(col(EvidenceFile.evidence_id) == other_id)
    ).all():
        if attached.sha256 in held:
            session.delete(attached)
        else:
            attached.evidence_id = keep_id
            session.add(attached)
    session.execute(
        update(EvidenceUsage)
        .where(col(EvidenceUsage.evidence_id) == other_id)
        .values(evidence_id=keep_id)
    )
    session.flush()
    session.delete(other)
    session.flush()
    return keep
