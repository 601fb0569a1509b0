"""How many real public notices BidKit reads right, and how long reading them takes.

Usage: python benchmarks/notices.py FOLDER [FOLDER...]   (OCDS release or record packages)

Each notice (ocid) is read by `bidkit.bids.notices.parse_notices` as on the day its latest
release was published (so a tender still open then must come out live), and checked against
the raw JSON, field by field, with plain rules that do not share BidKit's code:

- kind: the latest release's tag, or an `awards` array (Contracts Finder tags its award
  notices "tender"), or the tender status planning/planned/complete/cancelled;
- live or record: only an active tender whose deadline is still to come is live;
- deadline: the same instant as `tender.tenderPeriod.endDate`;
- value: the same number as `tender.value.amount` (0 meaning "not stated");
- buyers: every party with the buyer role is named;
- CPV: exactly the codes whose scheme is CPV.

Prints one JSON object: notices tried, read right, by kind, the first few misreadings, and
the time to read them against `json.loads` of the same files (the raw-library baseline).
"""

from __future__ import annotations

import html
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from bidkit.bids.notices import NoticePreview, parse_notices


def _published(document: Any) -> datetime:
    dates = [r.get("date") for r in _releases(document) if isinstance(r.get("date"), str)]
    return datetime.fromisoformat(max(dates).replace("Z", "+00:00")) if dates else datetime.now(UTC)


def _releases(document: Any) -> list[dict[str, Any]]:
    if "releases" in document:
        return list(document["releases"])
    found = []
    for record in document.get("records", []):
        found += record.get("releases") or [record.get("compiledRelease") or {}]
    return found


def _expected_kind(latest: dict[str, Any], merged_awards: bool) -> str:
    tags = [t.lower() for t in latest.get("tag", [])]
    status = str((latest.get("tender") or {}).get("status") or "").lower()
    if any(t.startswith(("contract", "implementation")) for t in tags):
        return "contract"
    if merged_awards or any(t.startswith("award") for t in tags):
        return "award"
    if any(t.startswith("planning") for t in tags) or status in ("planning", "planned"):
        return "planning"
    if status in ("cancelled", "withdrawn", "unsuccessful"):
        return "cancelled"
    return "closed" if status == "complete" else "tender"


def _instant(raw: Any) -> datetime | None:
    if not isinstance(raw, str) or len(raw) < 10:
        return None
    if len(raw) == 10:
        return None  # a day: checked by the tests, not here
    value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return value if value.tzinfo else None


def _problems(preview: NoticePreview, releases: list[dict[str, Any]]) -> list[str]:
    latest = max(releases, key=lambda r: r.get("date") or "")
    now = datetime.fromisoformat(str(latest.get("date")).replace("Z", "+00:00"))
    tender = latest.get("tender") or {}
    problems = []
    kind = _expected_kind(latest, any(r.get("awards") for r in releases))
    if preview.notice_type != kind:
        problems.append(f"kind {preview.notice_type} (expected {kind})")
    end = _instant((tender.get("tenderPeriod") or {}).get("endDate"))
    live = kind == "tender" and (end is None or end > now)
    if preview.record == live:
        problems.append("shown as live" if live is False else "kept as a record")
    if end is not None and end.time() != datetime.min.time() and preview.deadline != end:
        problems.append(f"deadline {preview.deadline} (expected {end})")
    amount = (tender.get("value") or {}).get("amount")
    expected = Decimal(str(amount)) if isinstance(amount, int | float) and amount > 0 else None
    if (preview.value is None) != (expected is None) or (
        expected is not None and preview.value != expected
    ):
        problems.append(f"value {preview.value} (expected {expected})")
    buyers = {
        " ".join(html.unescape(str(p.get("name"))).split())
        for p in latest.get("parties", [])
        if "buyer" in p.get("roles", []) and p.get("name")
    }
    if not buyers <= set(preview.buyers):
        problems.append(f"buyers {preview.buyers} (expected {sorted(buyers)})")
    cpv = []
    sources = [tender.get("classification") or {}, *tender.get("additionalClassifications", [])]
    for item in tender.get("items", []):
        sources += [item.get("classification") or {}, *item.get("additionalClassifications", [])]
    for source in sources:
        if str(source.get("scheme", "")).upper() == "CPV" and source.get("id") not in cpv:
            cpv.append(source.get("id"))
    if set(preview.cpv) != set(cpv):
        problems.append(f"cpv {preview.cpv} (expected {cpv})")
    return problems


def main(folders: list[str]) -> int:
    files = sorted(p for folder in folders for p in Path(folder).glob("*.json"))
    raw = [p.read_bytes() for p in files]
    started = time.perf_counter()
    documents = [json.loads(data) for data in raw]
    baseline = time.perf_counter() - started
    # The releases of one notice may sit in several files (a tender, then its award): read
    # each notice from all of its releases, as one package.
    by_ocid: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        if isinstance(document, dict):
            for release in _releases(document):
                by_ocid.setdefault(str(release.get("ocid", "")), []).append(release)
    packages = [{"releases": releases} for releases in by_ocid.values()]
    started = time.perf_counter()
    previews = [parse_notices(package, _published(package))[0] for package in packages]
    reading = time.perf_counter() - started
    kinds = Counter(str(p.notice_type) for p in previews)
    wrong = []
    for preview in previews:
        problems = _problems(preview, by_ocid[preview.ocid])
        if problems:
            wrong.append({"ocid": preview.ocid, "problems": problems})
    print(json.dumps({
        "files": len(files),
        "releases": sum(len(v) for v in by_ocid.values()),
        "notices_tried": len(previews),
        "read_right": len(previews) - len(wrong),
        "kinds": dict(kinds),
        "kept_as_records": sum(p.record for p in previews),
        "several_releases": sum(len(v) > 1 for v in by_ocid.values()),
        "misread": wrong[:10],
        "read_s": round(reading, 4),
        "json_loads_baseline_s": round(baseline, 4),
        "ratio": round(reading / baseline, 2) if baseline else None,
    }, indent=2))  # fmt: skip
    return 0 if not wrong else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or ["tests/samples"]))
