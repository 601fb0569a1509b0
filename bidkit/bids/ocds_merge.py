"""Compiling the releases of one notice into one, by the OCDS merge rules.

A notice is published as several releases over time (tender, amendment, award...). OCDS says
how to combine them into a *compiled release*: releases in date order, each field taking its
latest value; objects merged field by field; arrays of objects with an `id` merged object by
object (the identifier merge); other arrays, and the arrays the schema marks `wholeListMerge`,
replaced whole; a `null` removes the field; empty objects and arrays change nothing.

This matches ocdsmerge (the reference implementation, 0.8) with the merge rules of the OCDS
release schema (open-contracting/standard, commit 0871878, October 2024); the tests compare
its results on real notices. BidKit carries its own copy because ocdsmerge downloads the
schema from the internet unless given one, and BidKit works offline.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: Top-level fields a compiled release leaves out (it sets its own id, date and tag).
OMIT_WHEN_MERGED = frozenset({("id",), ("date",), ("tag",), ("links",)})

#: Arrays of objects the schema replaces whole rather than merging by id, by path of keys.
_WHOLE_LIST = """
awards.amendment.changes awards.amendments.changes awards.documents.languages
awards.documents.relatedItems awards.items.additionalClassifications
awards.items.deliveryAddresses awards.items.deliveryLocations
awards.suppliers.additionalIdentifiers buyer.additionalIdentifiers
contracts.amendment.changes contracts.amendments.changes contracts.documents.languages
contracts.documents.relatedItems contracts.identifiers
contracts.implementation.documents.languages contracts.implementation.documents.relatedItems
contracts.implementation.milestones.documents.languages
contracts.implementation.milestones.documents.relatedItems
contracts.implementation.transactions.payee.additionalIdentifiers
contracts.implementation.transactions.payer.additionalIdentifiers
contracts.items.additionalClassifications contracts.items.deliveryAddresses
contracts.items.deliveryLocations contracts.milestones.documents.languages
contracts.milestones.documents.relatedItems contracts.relatedProcesses.relationship
parties.additionalIdentifiers parties.details.classifications parties.roles
planning.documents.languages planning.documents.relatedItems
planning.milestones.documents.languages planning.milestones.documents.relatedItems
planning.project.additionalClassifications planning.project.locations
relatedProcesses.relationship tender.additionalProcurementCategories tender.amendment.changes
tender.amendments.changes tender.deliveryAddresses tender.deliveryLocations
tender.documents.languages tender.documents.relatedItems tender.identifiers
tender.items.additionalClassifications tender.items.deliveryAddresses
tender.items.deliveryLocations tender.milestones.documents.languages
tender.milestones.documents.relatedItems tender.procuringEntity.additionalIdentifiers
tender.submissionMethod tender.tenderers.additionalIdentifiers
"""
WHOLE_LIST_MERGE = frozenset(tuple(path.split(".")) for path in _WHOLE_LIST.split())


class _Item(str):
    """A path step into an array: the object's `id` (as text), or a one-off key without one."""

    id_value: Any

    def __new__(cls, key: str, id_value: Any) -> _Item:
        item = super().__new__(cls, key)
        item.id_value = id_value
        return item


Path = tuple[str, ...]


def _flatten(
    node: Any, path: Path, rule_path: Path, out: dict[Path, Any], fresh: itertools.count[int]
) -> None:
    """Adds `node`'s values to `out`, keyed by their path; objects in arrays by their id."""
    if isinstance(node, list):
        entries: Iterable[tuple[str, Any]] = (
            (_Item(str(item["id"]) if "id" in item else f"\0{next(fresh)}", item.get("id")), item)
            for item in node
        )
    else:
        entries = node.items()
    for key, value in entries:
        rules_at = rule_path if isinstance(key, _Item) else (*rule_path, key)
        if not path and (key,) in OMIT_WHEN_MERGED:
            continue
        whole = rules_at in WHOLE_LIST_MERGE
        literal_list = isinstance(value, list) and any(not isinstance(v, dict) for v in value)
        if whole or not isinstance(value, dict | list) or literal_list:
            out[(*path, key)] = value
        elif value:
            _flatten(value, (*path, key), rules_at, out, fresh)


def _unflatten(flat: Mapping[Path, Any]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    objects: dict[Path, dict[str, Any]] = {}
    for key, value in flat.items():
        node: Any = root
        for end, part in enumerate(key, start=1):
            if isinstance(part, _Item):
                where = (*key[: end - 1], part)
                if where not in objects:
                    fresh: dict[str, Any] = {}
                    if part.id_value is not None:
                        fresh["id"] = part.id_value
                    objects[where] = fresh
                    node.append(fresh)
                node = objects[where]
            elif part in node:
                node = node[part]
            elif end < len(key):
                node[part] = [] if isinstance(key[end], _Item) else {}
                node = node[part]
            elif value is not None:
                node[part] = value
    return root


def release_date(release: Mapping[str, Any]) -> str:
    """The sort key OCDS uses: the release date as published (ISO text sorts in time order)."""
    value = release.get("date")
    return value if isinstance(value, str) else ""


def compile_releases(releases: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The compiled release of one notice's releases (all with the same ocid)."""
    counter = itertools.count()
    flat: dict[Path, Any] = {("tag",): ["compiled"]}
    for release in sorted(releases, key=release_date):
        ocid, date = release.get("ocid"), release.get("date")
        flat[("id",)] = f"{ocid}-{date}"
        flat[("date",)] = date
        flat[("ocid",)] = ocid
        # An object without an id is a new object in every release, as in ocdsmerge.
        _flatten(dict(release), (), (), flat, counter)
    return _unflatten(flat)
