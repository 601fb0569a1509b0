"""Attachments in a pack: the files one side sends the other, and what the content says of them.

A request carries documents the lead holds for the partner (a template letter of support, the
consortium's draft agreement); a reply carries the partner's policies and certificates that
their answers cite. Each travels as `attachments/<name>` with its SHA-256 in the manifest, and
`content.json` lists it: `{"name", "size", "cited_by": [question numbers], "what"}`.

Names are made safe for the pack here (the pack checks refuse anything else) and the same file
is sent once however many answers cite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bidkit.consortium.pack_format import sha256

#: The characters a name in `attachments/` may use (the pack checks hold the same rule).
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,119}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()-]")


@dataclass
class Outgoing:
    """One file to send: its name as the user knows it, bytes, and what cites it."""

    file_name: str
    data: bytes
    what: str = ""
    cited_by: list[str] = field(default_factory=list)


def pack_name(file_name: str) -> str:
    """A name the pack format allows, kept as close to the user's as possible."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    cleaned = cleaned.lstrip("._-() ")
    if not cleaned:
        cleaned = "document"
    if len(cleaned) > 120:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[: 119 - len(ext)] + dot + ext) if dot and len(ext) < 10 else cleaned[:120]
    return cleaned


def _unique(name: str, taken: set[str]) -> str:
    if name.casefold() not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    number = 2
    while True:
        candidate = f"{stem[:100]} ({number}){dot}{ext}"
        if candidate.casefold() not in taken:
            return candidate
        number += 1


def pack_attachments(files: Iterable[Outgoing]) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """(members by name, the content's list): one member per distinct file, names unique."""
    by_digest: dict[str, tuple[str, Outgoing]] = {}
    taken: set[str] = set()
    for item in files:
        digest = sha256(item.data)
        if digest in by_digest:
            known = by_digest[digest][1]
            known.cited_by += [n for n in item.cited_by if n not in known.cited_by]
            continue
        name = _unique(pack_name(item.file_name), taken)
        taken.add(name.casefold())
        copy = Outgoing(item.file_name, item.data, item.what, list(item.cited_by))
        by_digest[digest] = (name, copy)
    members = {name: item.data for name, item in by_digest.values()}
    listing = [
        {"name": name, "size": len(item.data), "what": item.what, "cited_by": item.cited_by}
        for name, item in by_digest.values()
    ]
    return members, listing


def listing_problem(listing: Any, present: Mapping[str, bytes]) -> str | None:
    """Why the content's list of attachments does not match the files in the pack, or None."""
    if listing is None:
        listing = []
    if not isinstance(listing, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("name"), str)
        and isinstance(e.get("cited_by", []), list)
        and all(isinstance(n, str) for n in e.get("cited_by", []))
        and isinstance(e.get("what", ""), str)
        for e in listing
    ):
        return "its list of attachments is not in the expected shape"
    named = [e["name"] for e in listing]
    if len(set(named)) != len(named) or set(named) != set(present):
        return "its list of attachments and the attached files do not match"
    return None


def human_size(size: int) -> str:
    """A file size for people: 812 bytes, 14 KB, 2.3 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1048576:.1f} MB"
