"""What an operation changed, so each page refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Changes:
    """Kinds of record changed (e.g. "organisation", "bid", "evidence") and their ids.

    An empty id set for a kind means "possibly all of that kind" (e.g. after an import).
    `note` is a short message for the status bar ("Imported Riverside Care CIC").
    """

    ids: dict[str, frozenset[int]] = field(default_factory=dict)
    note: str = ""
    #: The id of the record the operation created, if it created one.
    created: int | None = None
    #: Who asked for the operation (set by the window's operation runner, never by an op), so
    #: the page that saved does not reload what it already shows.
    origin: object = field(default=None, compare=False, repr=False)

    def from_origin(self, origin: object) -> Changes:
        """The same changes, marked as made at the request of `origin`."""
        return replace(self, origin=origin)

    def made_by(self, origin: object) -> bool:
        return origin is not None and self.origin is origin

    @classmethod
    def of(cls, kind: str, *ids: int, note: str = "", created: int | None = None) -> Changes:
        return cls({kind: frozenset(ids)}, note, created)

    @classmethod
    def none(cls) -> Changes:
        return cls()

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.ids)

    def touches(self, kind: str, record_id: int | None = None) -> bool:
        if kind not in self.ids:
            return False
        changed = self.ids[kind]
        return record_id is None or not changed or record_id in changed

    def merge(self, *others: Changes) -> Changes:
        merged: dict[str, frozenset[int]] = dict(self.ids)
        notes = [self.note] if self.note else []
        for other in others:
            for kind, ids in other.ids.items():
                if kind in merged and (not merged[kind] or not ids):
                    merged[kind] = frozenset()  # "all of that kind" absorbs specific ids
                else:
                    merged[kind] = merged.get(kind, frozenset()) | ids
            if other.note:
                notes.append(other.note)
        created = next((c.created for c in (self, *others) if c.created is not None), None)
        return Changes(merged, "; ".join(notes), created)


def ids_of(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)
