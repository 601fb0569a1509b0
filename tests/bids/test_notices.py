"""OCDS notices: every shared sample gives its expected values; messy and hostile input."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bidkit.bids.notices import read_notices
from bidkit.bids.uktime import UK
from bidkit.errors import InputRefused
from tests.bids.samples import sample

SUNDERLAND = "cf_ocds-b5fd17raw-8a79c599-d165-4d72-a3d1-1dcb222a184f.json"
PETERBOROUGH = "cf_ocds-b5fd17raw-02d2b5b1-e148-4965-92bc-d72dd5f3f6f2.json"
BIRMINGHAM = "cf_ocds-b5fd17raw-e15aeca8-e49f-4ec6-82f0-d1392da45bec.json"
BFI = "cf_ocds-b5fd17raw-0054a4e6-0715-42c6-9109-e219fe9d3289.json"
PARAGUAY = "ocds_std_example_lots_paraguay_tender.json"


def _one(name: str):  # type: ignore[no-untyped-def]
    notices = read_notices(sample(name))
    assert len(notices) == 1
    return notices[0]


def _uk_day(moment: datetime | None) -> date:
    assert moment is not None
    return moment.astimezone(UK).date()


@pytest.mark.parametrize(
    ("name", "title", "buyer", "day", "value", "currency", "cpv"),
    [
        (
            SUNDERLAND,
            "First Tier Welfare Rights Advice Service",
            "Sunderland City Council",
            date(2020, 2, 17),
            Decimal(600000),
            "GBP",
            ["85312310"],
        ),
        (
            PETERBOROUGH,
            "All Age Carers Service",
            "Peterborough City Council",
            date(2019, 11, 15),
            Decimal(5800000),
            "GBP",
            ["85000000", "85100000", "85300000"],
        ),
        (
            BFI,
            "UK Film Presence at Cannes 2020 - AWARD",
            "BFI",
            date(2019, 9, 13),
            Decimal(755000),
            "GBP",
            ["79952000", "79952100"],
        ),
    ],
)
def test_contracts_finder_samples_give_their_expected_values(
    name: str, title: str, buyer: str, day: date, value: Decimal, currency: str, cpv: list[str]
) -> None:
    notice = _one(name)
    assert notice.title == title
    assert notice.buyer == buyer
    # Midnight UTC on Contracts Finder means "that day": the end of it in UK time.
    assert notice.deadline_all_day
    assert _uk_day(notice.deadline) == day
    assert notice.deadline is not None and notice.deadline.astimezone(UK).hour == 23
    assert notice.value == value and notice.currency == currency
    assert list(notice.cpv) == cpv
    assert notice.lots == ()
    # Contracts Finder tags its award notices "tender", with the status "complete" and the
    # awards: each of these is a record of a past opportunity, never a live bid.
    assert notice.notice_type == "award" and notice.record
    assert any(w.startswith("This is an award notice") for w in notice.warnings)


def test_birmingham_sample_decodes_entities_and_reads_value_zero_as_unknown() -> None:
    notice = _one(BIRMINGHAM)
    assert notice.title.startswith("QU328 - Wellbeing of Black & Minority Ethnic (BAME)")
    assert "&amp;" not in notice.title
    assert notice.buyer == "Birmingham City Council"
    assert _uk_day(notice.deadline) == date(2020, 4, 23)
    assert notice.value is None
    assert notice.currency == "GBP"
    assert len(notice.cpv) == 18
    assert notice.cpv[0] == "80561000" and notice.cpv[-1] == "85323000"
    assert notice.sme_suitable is True and notice.vcse_suitable is False
    # An award notice: a record, so a missing value is not something to chase.
    assert notice.record and not any("no value" in w for w in notice.warnings)


def test_sunderland_sample_is_vcse_suitable_and_has_contract_start() -> None:
    notice = _one(SUNDERLAND)
    assert notice.sme_suitable is True and notice.vcse_suitable is True
    assert _uk_day(notice.contract_start) == date(2020, 5, 1)
    assert notice.ocid == "ocds-b5fd17raw-8a79c599-d165-4d72-a3d1-1dcb222a184f"


def test_bfi_sample_warns_that_lots_are_only_in_the_text() -> None:
    notice = _one(BFI)
    assert "é" in notice.description or "Cannes" in notice.description
    assert "&eacute;" not in notice.description
    assert any("lots" in w for w in notice.warnings)


def test_paraguay_sample_has_real_lots_offsets_and_an_enquiry_period() -> None:
    notice = _one(PARAGUAY)
    assert notice.title == "SERVICIO DE RASTREO SATELITAL"
    assert notice.buyer == "Municipalidad de Loma Plata"
    assert notice.deadline == datetime(2017, 5, 11, 13, 30, tzinfo=UTC)  # 09:30 at -04:00
    assert not notice.deadline_all_day
    assert notice.clarification == datetime(2017, 5, 5, 15, 0, tzinfo=UTC)
    assert notice.value == Decimal(8100000) and notice.currency == "PYG"
    # Paraguay's own catalogue, not CPV: kept apart under its scheme's name.
    assert list(notice.cpv) == []
    assert [(c.scheme, c.id) for c in notice.other_classifications] == [
        ("catalogoNivel5DNCP", "92121701-002")
    ]
    assert [lot.id for lot in notice.lots] == ["+GmottIGrAE="]
    assert notice.lots[0].value == Decimal(8100000)


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_several_releases_of_one_notice_take_the_latest(tmp_path: Path) -> None:
    def release(day: str, title: str) -> dict[str, object]:
        return {
            "ocid": "ocds-h6vhtk-0001",
            "date": day,
            "tag": ["tender"],
            "tender": {"title": title, "tenderPeriod": {"endDate": "2026-07-01T12:00:00+01:00"}},
        }

    notices = read_notices(
        _write(
            tmp_path,
            {
                "releases": [
                    release("2026-05-02T09:00:00Z", "Amended title"),
                    release("2026-05-01T09:00:00Z", "First title"),
                ]
            },
        )
    )
    assert len(notices) == 1
    assert notices[0].title == "Amended title"
    assert notices[0].releases_seen == 2
    assert notices[0].deadline == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)


def test_record_package_with_compiled_release_and_fts_suitability(tmp_path: Path) -> None:
    record = {
        "ocid": "ocds-h6vhtk-0002",
        "compiledRelease": {
            "ocid": "ocds-h6vhtk-0002",
            "date": "2026-01-01T00:00:00Z",
            "buyer": {"name": "Leeds City Council"},
            "tender": {
                "title": 12345,
                "value": {"amount": "250000", "currency": "GBP"},
                "suitability": {"sme": True, "vcse": True},
                "tenderPeriod": {"endDate": "2026-03-31"},
                "lots": [{"id": 1, "title": "North", "value": {"amount": 0}}],
                "documents": [
                    {"title": "Specification", "url": "https://example.org/spec.pdf"},
                    {"title": "Bad", "url": "javascript:alert(1)"},
                ],
                "items": [{"id": 1, "classification": {"scheme": "CPV", "id": 85000000}}],
            },
        },
    }
    notice = read_notices(_write(tmp_path, {"records": [record]}))[0]
    assert notice.title == "12345"  # a number where a string belongs
    assert notice.buyer == "Leeds City Council"
    assert notice.value == Decimal(250000)
    assert notice.sme_suitable and notice.vcse_suitable
    assert notice.deadline_all_day and _uk_day(notice.deadline) == date(2026, 3, 31)
    assert [(lot.id, lot.title, lot.value) for lot in notice.lots] == [("1", "North", None)]
    assert [d.url for d in notice.documents] == ["https://example.org/spec.pdf"]
    assert notice.cpv == ("85000000",)


def test_nulls_everywhere_are_survived(tmp_path: Path) -> None:
    notice = read_notices(
        _write(
            tmp_path,
            {
                "releases": [
                    {
                        "ocid": "ocds-x-1",
                        "date": None,
                        "buyer": None,
                        "parties": None,
                        "tender": {
                            "title": None,
                            "tenderPeriod": {"endDate": None},
                            "value": None,
                            "items": [None, {"classification": None}],
                            "lots": None,
                        },
                    }
                ]
            },
        )
    )[0]
    assert notice.title == "Notice ocds-x-1"
    assert notice.deadline is None and notice.value is None
    assert any("no submission deadline" in w for w in notice.warnings)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2, 3]", "not an OCDS release package"),
        (b'{"name": "a profile"}', "no 'releases' or 'records'"),
        (b'{"releases": [{"tender": {}}]}', "no notice with an 'ocid'"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[" * 100 + b"]" * 100, "nested more than"),
        (b'{"releases": [], "releases": []}', "appears twice"),
        (b'{"releases": [{"ocid": "x", "tender": {"value": {"amount": NaN}}}]}', "NaN"),
    ],
)
def test_broken_or_hostile_json_is_refused_with_a_clear_message(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputRefused) as caught:
        read_notices(path)
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_an_xml_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match="not a tender notice in OCDS JSON"):
        read_notices(sample("espd_v4.1.0_ESPD-Request.xml"))


def test_hidden_characters_and_html_are_removed(tmp_path: Path) -> None:
    notice = read_notices(
        _write(
            tmp_path,
            {
                "releases": [
                    {
                        "ocid": "o-1",
                        "tender": {
                            "title": "Care\u202e &amp; support\u200f",
                            "description": "<p>One</p><p>Two<br/>lines</p>",
                        },
                    }
                ]
            },
        )
    )[0]
    assert notice.title == "Care & support"
    assert notice.description == "One\nTwo\nlines"


def test_placeholder_and_out_of_range_dates_are_no_dates(tmp_path: Path) -> None:
    # Year 1 with an offset overflowed when turned into UTC and stopped the import.
    source = tmp_path / "odd-dates.json"
    tender = {
        "title": "Odd dates",
        "tenderPeriod": {"endDate": "9999-12-31T23:59:59Z"},
        "enquiryPeriod": {"endDate": "0001-01-01T00:00:00+05:00"},
        "awardPeriod": {"startDate": "0001-01-01"},
    }
    source.write_text(json.dumps({"releases": [{"ocid": "ocds-x-1", "tender": tender}]}))
    [notice] = read_notices(source)
    assert notice.deadline is None and notice.clarification is None and notice.award is None
    assert any("no submission deadline" in w for w in notice.warnings)


def test_latest_release_wins_when_an_earlier_one_is_at_midnight(tmp_path: Path) -> None:
    # A midnight release date is that moment, not the end of its day.
    source = tmp_path / "two.json"
    releases = [
        {"ocid": "ocds-x-2", "date": "2024-03-01T00:00:00Z", "tender": {"title": "Old"}},
        {"ocid": "ocds-x-2", "date": "2024-03-01T10:00:00Z", "tender": {"title": "New"}},
    ]
    source.write_text(json.dumps({"releases": releases}))
    assert [n.title for n in read_notices(source)] == ["New"]
    source.write_text(json.dumps({"releases": list(reversed(releases))}))
    assert [n.title for n in read_notices(source)] == ["New"]
    same_time = [dict(r, date="2024-03-01T10:00:00Z") for r in releases]
    source.write_text(json.dumps({"releases": same_time}))
    assert [n.title for n in read_notices(source)] == ["New"]  # the one listed last


def test_an_espd_xml_file_is_refused_as_xml() -> None:
    with pytest.raises(InputRefused, match="XML"):
        read_notices(sample("espd_v4.1.0_ESPD-Request.xml"))
