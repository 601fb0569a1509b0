"""Hypothesis fuzzing of every parser of outside input: each either reads the input or refuses
it with a `BidKitError` (values: `ValueError`) — never another exception, never a hang."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bidkit.errors import BidKitError
from tests.hostile.corpus import sealed

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: JSON-ish values, nested a little, with the awkward scalars.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)

#: Keys OCDS and profile documents use, so the fuzzer reaches past the first check.
ocds_like = st.fixed_dictionaries(
    {
        "releases": st.lists(
            st.dictionaries(
                st.sampled_from(
                    ["ocid", "id", "date", "tag", "tender", "buyer", "parties", "awards"]
                ),
                json_values,
                max_size=6,
            ),
            max_size=3,
        )
    }
)


def _file(folder: Path, data: bytes, name: str) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.binary(max_size=2000) | ocds_like.map(lambda d: json.dumps(d).encode()))
def test_notice_reader(data: bytes) -> None:
    from bidkit.bids.notices import read_notices

    with tempfile.TemporaryDirectory() as folder:
        try:
            read_notices(_file(Path(folder), data, "notice.json"))
        except BidKitError:
            pass


@FUZZ
@given(data=st.binary(max_size=2000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_profile_document_parser(data: bytes) -> None:
    from bidkit.profile.document import parse_document

    try:
        parse_document(data)
    except BidKitError:
        pass


@FUZZ
@given(
    organisation=st.dictionaries(
        st.sampled_from(["legal_name", "trading_name", "legal_form", "logo", "insurance",
                         "people", "policies", "charity_number"]),
        json_values, max_size=6),
)  # fmt: skip
def test_profile_document_parser_past_the_schema(organisation: dict[str, object]) -> None:
    from bidkit.profile.document import parse_document

    raw = json.dumps({"schema": "bidkit.profile/1", "organisation": organisation, "files": {}})
    try:
        parse_document(raw.encode())
    except BidKitError:
        pass


@FUZZ
@given(data=st.binary(max_size=3000))
def test_backup_reader(data: bytes) -> None:
    from bidkit.store.backup_archive import read_info, verify_backup

    with tempfile.TemporaryDirectory() as folder:
        path = _file(Path(folder), b"PK\x03\x04" + data if data[:1] == b"\x00" else data, "b.zip")
        for reader in (read_info, verify_backup):
            try:
                reader(path)
            except BidKitError:
                pass


@FUZZ
@given(manifest=json_values)
def test_backup_manifest(manifest: object) -> None:
    import io
    import zipfile

    from bidkit.store.backup_archive import verify_backup

    with tempfile.TemporaryDirectory() as folder:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("manifest.json", json.dumps(manifest))
            zf.writestr("bidkit.sqlite3", b"SQLite format 3\x00")
        path = _file(Path(folder), sealed(buffer.getvalue()), "b.zip")
        try:
            verify_backup(path)
        except BidKitError:
            pass


@FUZZ
@given(text=st.text(max_size=400))
def test_settings_reader(text: str) -> None:
    from bidkit.config import Settings, load_settings

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_text(text, encoding="utf-8")
        assert isinstance(load_settings(path), Settings)


@FUZZ
@given(text=st.text(max_size=40))
def test_value_parsers(text: str) -> None:
    from bidkit.profile import values

    for parse in (values.parse_date, values.parse_datetime, values.parse_money):
        try:
            parse(text)  # type: ignore[operator]
        except ValueError:
            pass


@settings(max_examples=40, deadline=None)
@given(data=st.binary(min_size=1, max_size=3000))
def test_word_import_planner(data: bytes) -> None:
    from bidkit.library.docx_import import plan_import

    with tempfile.TemporaryDirectory() as folder:
        path = _file(Path(folder), data, "fuzz.docx")
        try:
            plan_import([path], None)
        except BidKitError:
            pass
