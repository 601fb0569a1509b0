"""Tender notices in OCDS (Open Contracting Data Standard) as UK portals publish them.

Contracts Finder and Find a Tender publish release packages (`{"releases": [...]}`) and record
packages (`{"records": [...]}`). Real notices are messy: HTML entities inside strings, numbers
where strings belong, nulls, a value of 0 meaning "not stated", midnight-UTC deadlines that
mean a day rather than a time, and several releases for one notice. `read_notices` turns a
file into one `NoticePreview` per notice (ocid), compiling its releases by the OCDS merge
rules (`bidkit.bids.ocds_merge`), and refuses anything that is not OCDS with a message saying
what is wrong.

Not every notice is an opportunity to bid for: planning notices announce a future tender,
award and contract notices report a finished one, and a tender's deadline may have passed.
`notice_type` says which (`bidkit.bids.notice_kinds`), and such a notice is previewed as a
*record* with a plain-English warning, so it never becomes a live bid silently.

Pure: nothing here touches the database; `bidkit.ops.notice_import` stores the previews.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from bidkit.bids.notice_kinds import NoticeType, classify, record_warning
from bidkit.bids.ocds_merge import compile_releases, release_date
from bidkit.bids.uktime import END_OF_DAY, UK
from bidkit.errors import InputRefused
from bidkit.profile.untrusted_json import (
    HIDDEN_CHARACTERS,
    load_untrusted_json,
    read_untrusted_file,
)
from bidkit.profile.values import FIRST_YEAR, LAST_YEAR, round_to_pence

WHAT = "tender notice in OCDS JSON"
MAX_BYTES = 25 * 1024 * 1024
MAX_NOTICES = 2000
MAX_TEXT = 20000
_TAGS = re.compile(r"<[^>]{0,400}>")
_BREAKS = re.compile(r"<\s*(br|/p|/li|/div)\s*/?\s*>", re.IGNORECASE)
#: Dates outside FIRST_YEAR..LAST_YEAR (from the values module, the one rule for every date)
#: are stand-ins for "unknown" ("0001-01-01", "9999-12-31").
_LOTS_IN_TEXT = re.compile(r"\blot\s*(\d+|one|two|three)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NoticeLot:
    id: str
    title: str
    value: Decimal | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "value": float(self.value) if self.value is not None else None,
        }


@dataclass(frozen=True)
class Classification:
    """A code from a scheme other than CPV (CPV codes are kept in `NoticePreview.cpv`)."""

    scheme: str
    id: str
    description: str = ""

    def as_json(self) -> dict[str, str]:
        return {"scheme": self.scheme, "id": self.id, "description": self.description}


@dataclass(frozen=True)
class NoticeDocument:
    title: str
    url: str

    def as_json(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class NoticePreview:
    """What one notice would put on a bid, shown to the user before anything is stored."""

    ocid: str
    title: str
    #: Every buyer named, joined with "; " (a joint procurement has several).
    buyer: str = ""
    buyers: tuple[str, ...] = ()
    notice_type: NoticeType = NoticeType.TENDER
    #: Imported as a record of a past or future opportunity, not a live bid: its dates stay
    #: out of the calendar and reminders.
    record: bool = False
    description: str = ""
    reference: str = ""
    release_date: datetime | None = None
    #: Submission deadline in UTC; with `deadline_all_day`, the end of that UK day.
    deadline: datetime | None = None
    deadline_all_day: bool = False
    #: The deadline had no time zone and was read as UK time.
    deadline_zone_assumed: bool = False
    #: Requests to participate close (the first stage of a two-stage procedure).
    expression_of_interest: datetime | None = None
    expression_of_interest_all_day: bool = False
    clarification: datetime | None = None
    clarification_all_day: bool = False
    award: datetime | None = None
    award_all_day: bool = False
    contract_start: datetime | None = None
    contract_start_all_day: bool = False
    value: Decimal | None = None
    currency: str = "GBP"
    cpv: tuple[str, ...] = ()
    other_classifications: tuple[Classification, ...] = ()
    lots: tuple[NoticeLot, ...] = ()
    documents: tuple[NoticeDocument, ...] = ()
    sme_suitable: bool | None = None
    vcse_suitable: bool | None = None
    portal_url: str = ""
    #: Things the user should check by hand ("the deadline has no time").
    warnings: tuple[str, ...] = ()
    #: The bid this notice would update, filled in by the import operation.
    existing_bid_id: int | None = None
    releases_seen: int = 1

    def with_existing(self, bid_id: int | None) -> NoticePreview:
        return replace(self, existing_bid_id=bid_id)


# -- reading messy values -------------------------------------------------------------------
def text(value: Any, limit: int = MAX_TEXT) -> str:
    """A display string from whatever the publisher put there (None, numbers, entities)."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    raw = str(value)
    if "<" in raw:
        raw = _TAGS.sub("", _BREAKS.sub("\n", raw))
    raw = html.unescape(html.unescape(raw)) if "&" in raw else raw
    raw = HIDDEN_CHARACTERS.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = raw.replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return cleaned[:limit]


def one_line(value: Any, limit: int = 500) -> str:
    return " ".join(text(value, limit * 2).split())[:limit]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def amount(value: Any) -> Decimal | None:
    """A positive amount, or None when missing, zero (the portals' "not stated") or garbage."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number <= 0 or number >= Decimal(10) ** 15:
        return None
    return round_to_pence(number)


def flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "1"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "no", "0"}:
        return False
    return None


def moment(value: Any) -> tuple[datetime | None, bool]:
    """An OCDS date as (UTC datetime, all day).

    A date alone, or midnight exactly (Contracts Finder's way of giving a day), is the end of
    that day in UK time, flagged all-day. Without an offset a time is taken as UK time.
    """
    raw = one_line(value, 64)
    if not raw:
        return None, False
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            found, all_day = datetime.combine(day, END_OF_DAY, tzinfo=UK).astimezone(UTC), True
        else:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UK)
            all_day = parsed.time() == time(0, 0) and parsed.utcoffset() == timedelta(0)
            if all_day:
                parsed = datetime.combine(parsed.date(), END_OF_DAY, tzinfo=UK)
            found = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None, False
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        # Year 1 or 9999 stands for "unknown", not a date (and breaks every calendar).
        return None, False
    return found, all_day


def zone_missing(value: Any) -> bool:
    """Whether an OCDS date-time gives a time but no time zone (BidKit then assumes UK time)."""
    raw = one_line(value, 64)
    if len(raw) <= 10:
        return False
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).tzinfo is None
    except (ValueError, OverflowError):
        return False


# -- the document ---------------------------------------------------------------------------
def _releases_of(document: Any) -> list[Mapping[str, Any]]:
    """Every release in a release package, record package or single release."""
    if not isinstance(document, dict):
        raise InputRefused(
            f"This is not a {WHAT}: it is a JSON list or value, not an OCDS release package. "
            "Download the notice's JSON (release package) from Contracts Finder or Find a Tender."
        )
    if isinstance(document.get("releases"), list):
        releases = _items(document["releases"])
    elif isinstance(document.get("records"), list):
        releases = []
        for record in _items(document["records"]):
            compiled = _mapping(record.get("compiledRelease"))
            if compiled:
                merged = dict(compiled)
                merged.setdefault("ocid", record.get("ocid"))
                # The compiled release is tagged "compiled"; the kind of notice is in the tags
                # of the releases it was built from, when the record lists them.
                listed = [t for r in _items(record.get("releases")) for t in _tags(r)]
                if listed:
                    merged["tag"] = listed
                releases.append(merged)
            else:
                for release in _items(record.get("releases")):
                    merged = dict(release)
                    merged.setdefault("ocid", record.get("ocid"))
                    releases.append(merged)
    elif "ocid" in document and ("tender" in document or "tag" in document):
        releases = [document]
    else:
        raise InputRefused(
            f"This is not a {WHAT}: it has no 'releases' or 'records'. Download the notice's "
            "JSON (release package) from Contracts Finder or Find a Tender."
        )
    with_ocid = [r for r in releases if one_line(r.get("ocid"), 200)]
    if not with_ocid:
        raise InputRefused(
            f"This {WHAT} holds no notice with an 'ocid', so there is nothing to import. "
            "Check that the file is the notice's full JSON."
        )
    return with_ocid


def _release_date(release: Mapping[str, Any]) -> datetime:
    """When the release was published, as given: a midnight release date is that moment, not
    the end of the day (which would put it after a release later that day)."""
    when, all_day = moment(release.get("date"))
    if when is not None and all_day:
        when = datetime.combine(when.astimezone(UK).date(), time(0, 0), tzinfo=UK)
        if len(one_line(release.get("date"), 64)) != 10:
            when = when.replace(tzinfo=UTC)  # midnight UTC as published
        when = when.astimezone(UTC)
    return when or datetime.min.replace(tzinfo=UTC)


def _buyers(release: Mapping[str, Any], tender: Mapping[str, Any]) -> tuple[str, ...]:
    """Every buyer the notice names: the `buyer`, then parties with the buyer role.

    A joint procurement has several; the procuring entity stands in only when none is named.
    """
    names: list[str] = []
    declared = one_line(_mapping(release.get("buyer")).get("name"))
    if declared:
        names.append(declared)
    for party in _items(release.get("parties")):
        roles = party.get("roles")
        if isinstance(roles, list) and "buyer" in roles:
            name = one_line(party.get("name"))
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    if not names:
        entity = one_line(_mapping(tender.get("procuringEntity")).get("name"))
        if entity:
            names.append(entity)
    return tuple(names)


def _suppliers(release: Mapping[str, Any]) -> tuple[str, ...]:
    names: list[str] = []
    for award in _items(release.get("awards")):
        for supplier in _items(award.get("suppliers")):
            name = one_line(supplier.get("name"))
            if name and name not in names:
                names.append(name)
    return tuple(names)


_CPV_CODE = re.compile(r"^\d{8}(-\d)?$")


def _codes(tender: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[Classification, ...]]:
    """Classification codes, the tender's own then its items', with CPV kept apart.

    A code counts as CPV when its scheme says so, or when no scheme is given and it has the
    shape of one (eight digits); any other scheme is listed under its own name.
    """
    cpv: list[str] = []
    others: list[Classification] = []
    sources: list[Mapping[str, Any]] = [_mapping(tender.get("classification"))]
    sources += _items(tender.get("additionalClassifications"))
    for item in _items(tender.get("items")):
        sources.append(_mapping(item.get("classification")))
        sources += _items(item.get("additionalClassifications"))
    for source in sources:
        code = one_line(source.get("id"), 40)
        if not code:
            continue
        scheme = one_line(source.get("scheme"), 40)
        if scheme.upper() == "CPV" or (not scheme and _CPV_CODE.match(code)):
            if code not in cpv:
                cpv.append(code)
            continue
        found = Classification(
            scheme or "unnamed scheme", code, one_line(source.get("description"), 300)
        )
        if all((c.scheme, c.id) != (found.scheme, found.id) for c in others):
            others.append(found)
    return tuple(cpv), tuple(others)


def _lots(tender: Mapping[str, Any]) -> tuple[NoticeLot, ...]:
    lots = []
    for position, lot in enumerate(_items(tender.get("lots")), start=1):
        lot_id = one_line(lot.get("id"), 100) or str(position)
        title = one_line(lot.get("title"), 300) or one_line(lot.get("description"), 300)
        value = amount(_mapping(lot.get("value")).get("amount"))
        lots.append(NoticeLot(lot_id, title or f"Lot {position}", value))
    return tuple(lots)


def _documents(release: Mapping[str, Any], tender: Mapping[str, Any]) -> tuple[NoticeDocument, ...]:
    found: list[NoticeDocument] = []
    for doc in _items(tender.get("documents")) + _items(release.get("documents")):
        url = one_line(doc.get("url"), 2000)
        if not url.lower().startswith(("https://", "http://")):
            continue
        title = one_line(doc.get("title"), 300) or one_line(doc.get("documentType"), 100) or url
        if all(d.url != url for d in found):
            found.append(NoticeDocument(title, url))
    return tuple(found)


def _suitability(
    release: Mapping[str, Any], tender: Mapping[str, Any]
) -> tuple[bool | None, bool | None]:
    suitability = _mapping(tender.get("suitability"))
    older = _mapping(tender.get("xClassifications"))
    sme = flag(suitability.get("sme"))
    vcse = flag(suitability.get("vcse"))
    if sme is None:
        sme = flag(older.get("isSuitableForSme"))
    if vcse is None:
        vcse = flag(older.get("isSuitableForVco"))
    if vcse is None:
        # Older notices only flag the suppliers: a voluntary organisation among them shows
        # the contract suited one.
        suppliers = [
            p for p in _items(release.get("parties")) if "supplier" in (p.get("roles") or [])
        ]
        if any(
            flag(p.get("vco")) or flag(_mapping(p.get("details")).get("vcse")) for p in suppliers
        ):
            vcse = True
    return sme, vcse


def _when(moment_: datetime, all_day: bool) -> str:
    local = moment_.astimezone(UK)
    day = f"{local.day} {local:%B %Y}"
    return day if all_day else f"{day}, {local:%H:%M}"


def preview_release(
    release: Mapping[str, Any],
    releases_seen: int = 1,
    *,
    tags: Iterable[str] | None = None,
    now: datetime | None = None,
) -> NoticePreview:
    """One (compiled) release as the bid it would become, or the record it would be kept as.

    `tags` are the latest release's tags (a compiled release has only "compiled"); `now` is
    when the notice is read, to tell a passed deadline.
    """
    now = now or datetime.now(UTC)
    tender = _mapping(release.get("tender"))
    ocid = one_line(release.get("ocid"), 200)
    raw_tags = release.get("tag") if tags is None else list(tags)
    tag_list = [t for t in raw_tags if isinstance(t, str)] if isinstance(raw_tags, list) else []
    kind = classify(tag_list, release)
    warnings: list[str] = []
    reason = record_warning(kind, _suppliers(release))
    record = bool(reason)
    if reason:
        warnings.append(reason)
    title = one_line(tender.get("title"), 300) or one_line(release.get("title"), 300)
    if not title:
        title = f"Notice {ocid}"
        warnings.append("The notice has no title; BidKit used its id. Give the bid a name.")
    raw_deadline = _mapping(tender.get("tenderPeriod")).get("endDate")
    deadline, deadline_all_day = moment(raw_deadline)
    zone_assumed = deadline is not None and not deadline_all_day and zone_missing(raw_deadline)
    interest, interest_all_day = moment(tender.get("expressionOfInterestDeadline"))
    if deadline is None and interest is None and kind is NoticeType.TENDER:
        warnings.append("The notice gives no submission deadline. Add it from the documents.")
    elif deadline is not None and deadline_all_day and not record:
        warnings.append(
            "The deadline is a date without a time, so BidKit treats it as the end of that day. "
            "Check the time in the tender documents."
        )
    if zone_assumed:
        warnings.append(
            "The deadline has a time but no time zone, so BidKit read it as UK time. Check it "
            "in the tender documents."
        )
    if not record and deadline is not None and deadline <= now:
        record = True
        warnings.append(
            f"The submission deadline ({_when(deadline, deadline_all_day)}) has passed. "
            "BidKit keeps the notice as a record of a past opportunity, not a live bid, and "
            "leaves its dates out of your calendar."
        )
    elif not record and interest is not None and interest <= now:
        warnings.append(
            f"Requests to participate closed on {_when(interest, interest_all_day)}: "
            "check with the buyer that you can still take part."
        )
    clarification, clarification_all_day = moment(
        _mapping(tender.get("enquiryPeriod")).get("endDate")
    )
    award, award_all_day = moment(_mapping(tender.get("awardPeriod")).get("startDate"))
    contract = _mapping(tender.get("contractPeriod"))
    start, start_all_day = moment(contract.get("startDate"))
    value_block = _mapping(tender.get("value"))
    value = amount(value_block.get("amount"))
    currency = one_line(value_block.get("currency"), 3).upper() or "GBP"
    if value is None and not record:
        warnings.append("The notice states no value (0 means not stated). Add it if you know it.")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        currency = "GBP"
    buyers = _buyers(release, tender)
    if len(buyers) > 1:
        warnings.append(
            f"The notice names {len(buyers)} buyers (a joint procurement): "
            f"{'; '.join(buyers)}. BidKit keeps them all as the bid's buyer."
        )
    lots = _lots(tender)
    description = text(tender.get("description"))
    if not lots and len(set(_LOTS_IN_TEXT.findall(description))) > 1:
        warnings.append(
            "The description mentions lots but the notice does not list them. "
            "Check the lots in the tender documents."
        )
    sme, vcse = _suitability(release, tender)
    documents = _documents(release, tender)
    cpv, other_codes = _codes(tender)
    return NoticePreview(
        ocid=ocid,
        title=title,
        buyer="; ".join(buyers),
        buyers=buyers,
        notice_type=kind,
        record=record,
        description=description,
        reference=one_line(tender.get("id"), 200) or one_line(release.get("id"), 200),
        release_date=moment(release.get("date"))[0],
        deadline=deadline,
        deadline_all_day=deadline_all_day,
        deadline_zone_assumed=zone_assumed,
        expression_of_interest=interest,
        expression_of_interest_all_day=interest_all_day,
        clarification=clarification,
        clarification_all_day=clarification_all_day,
        award=award,
        award_all_day=award_all_day,
        contract_start=start,
        contract_start_all_day=start_all_day,
        value=value,
        currency=currency,
        cpv=cpv,
        other_classifications=other_codes,
        lots=lots,
        documents=documents,
        sme_suitable=sme,
        vcse_suitable=vcse,
        portal_url=_portal_url(tender, documents),
        warnings=tuple(warnings),
        releases_seen=releases_seen,
    )


def _portal_url(tender: Mapping[str, Any], documents: Iterable[NoticeDocument]) -> str:
    for key in ("submissionMethodDetails", "enquiriesAddress"):
        found = re.search(r"https?://[^\s\"'<>|]+", one_line(tender.get(key), 2000))
        if found:
            return found.group(0).rstrip(".,;)")
    return next((d.url for d in documents), "")


def _tags(release: Mapping[str, Any]) -> list[str]:
    tags = release.get("tag")
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def parse_notices(document: Any, now: datetime | None = None) -> list[NoticePreview]:
    """One preview per notice (ocid) in a decoded OCDS document.

    Several releases of one notice are compiled by the OCDS merge rules, so a field the
    latest release leaves out keeps its earlier value; the notice's kind comes from the
    latest release's tags.
    """
    by_ocid: dict[str, list[Mapping[str, Any]]] = {}
    for release in _releases_of(document):
        by_ocid.setdefault(one_line(release.get("ocid"), 200), []).append(release)
    if len(by_ocid) > MAX_NOTICES:
        raise InputRefused(
            f"This file holds {len(by_ocid)} notices; BidKit imports at most {MAX_NOTICES} "
            "at a time. Split the file, or download only the notices you want to bid for."
        )
    previews = []
    for releases in by_ocid.values():
        # The latest by date; of releases with the same date, the one listed last.
        latest = max(reversed(releases), key=_release_date)
        tags = _tags(latest)
        if len(releases) == 1:
            compiled: Mapping[str, Any] = latest
        else:
            dated = [r for r in releases if release_date(r)]
            compiled = compile_releases(dated) if dated else latest
        if tags == ["compiled"]:
            tags = []  # a record's compiled release: the kind comes from its content
        previews.append(preview_release(compiled, len(releases), tags=tags, now=now))
    return previews


def read_notices(source: Path, now: datetime | None = None) -> list[NoticePreview]:
    """Read an OCDS file as previews; refuses files that are not OCDS or not JSON."""
    raw = read_untrusted_file(source, max_bytes=MAX_BYTES, what=WHAT)
    if raw[:200].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise InputRefused(
            f"This is an XML or web page file (an ESPD, for example), not a {WHAT}. "
            "Download the notice's JSON (release package) from Contracts Finder or Find a Tender."
        )
    try:
        document = load_untrusted_json(raw, max_bytes=MAX_BYTES, what=WHAT)
    except InputRefused as exc:
        message = exc.message.replace(
            "Choose one exported from BidKit (.json).",
            "Download the notice's JSON again from Contracts Finder or Find a Tender.",
        )
        raise InputRefused(message) from None
    return parse_notices(document, now)


def notice_as_json(preview: NoticePreview, bid_id: int | None = None) -> dict[str, Any]:
    """The CLI's JSON for one imported notice: amounts are numbers, dates ISO 8601 in UTC."""

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "bid_id": bid_id if bid_id is not None else preview.existing_bid_id,
        "ocid": preview.ocid,
        "title": preview.title,
        "notice_type": str(preview.notice_type),
        "record": preview.record,
        "buyer": preview.buyer,
        "buyers": list(preview.buyers),
        "deadline": iso(preview.deadline),
        "deadline_all_day": preview.deadline_all_day,
        "deadline_time_zone_assumed": preview.deadline_zone_assumed,
        "expression_of_interest_deadline": iso(preview.expression_of_interest),
        "value": float(preview.value) if preview.value is not None else None,
        "currency": preview.currency,
        "cpv": list(preview.cpv),
        "other_classifications": [c.as_json() for c in preview.other_classifications],
        "lots": [lot.as_json() for lot in preview.lots],
        "sme_suitable": preview.sme_suitable,
        "vcse_suitable": preview.vcse_suitable,
        "warnings": list(preview.warnings),
    }
