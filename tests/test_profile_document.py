"""Profile documents: a complete round trip, the document's shape, and hostile input refused."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_factory import POLICY_PDF, make_full_profile, tiny_png
from sqlmodel import SQLModel, select

from bidkit import cli
from bidkit.errors import InputRefused, NotFound
from bidkit.model.organisation import PROFILE_TABLES, Organisation
from bidkit.ops.profile_io import export_profile, import_profile, profile_as_dict
from bidkit.profile.document import (
    ORGANISATION_EXCLUDED,
    ROW_EXCLUDED,
    SCHEMA,
    parse_document,
)
from bidkit.store.workspace import Workspace

NOT_COMPARED = frozenset({"id", "organisation_id", "created_at", "updated_at"})


def _rows(ws: Workspace, org_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every column of the organisation and its child rows, in order, without ids/timestamps."""
    with ws.session() as session:
        org = session.get(Organisation, org_id)
        assert org is not None
        found = {"organisation": [org.model_dump(exclude=set(NOT_COMPARED))]}
        for key, model in PROFILE_TABLES.items():
            table = model.__table__.c  # type: ignore[attr-defined]
            rows = session.exec(
                select(model).where(table.organisation_id == org_id).order_by(table.position)
            ).all()
            found[key] = [row.model_dump(exclude=set(NOT_COMPARED)) for row in rows]
    return found


def test_factory_sets_every_field_to_a_non_default_value(workspace: Workspace) -> None:
    rows = _rows(workspace, make_full_profile(workspace))
    models: dict[str, type[SQLModel]] = {"organisation": Organisation, **PROFILE_TABLES}
    for key, model in models.items():
        assert rows[key], f"no {key} rows"
        for row in rows[key]:
            for column, value in row.items():
                if column == "position":
                    continue
                default = model.model_fields[column].default
                assert value != default, f"{key}.{column} is left at its default"


def test_round_trip_keeps_every_field(workspace: Workspace, tmp_path: Path) -> None:
    org_id = make_full_profile(workspace)
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    export_profile(workspace, org_id, first)
    result = import_profile(workspace, first, own=True)
    export_profile(workspace, result.org_id, second)

    assert result.org_id != org_id
    assert result.name == "Riverside Community Care CIC"
    assert result.changes.touches("organisation", result.org_id)
    assert result.changes.note == "Imported Riverside Community Care CIC"
    one, two = json.loads(first.read_bytes()), json.loads(second.read_bytes())
    assert one.pop("exported_at") and two.pop("exported_at")
    assert one == two
    assert _rows(workspace, result.org_id) == _rows(workspace, org_id)


def test_document_shape_and_value_formats(workspace: Workspace, tmp_path: Path) -> None:
    org_id = make_full_profile(workspace)
    target = tmp_path / "profile.json"
    export_profile(workspace, org_id, target)
    text = target.read_text(encoding="utf-8")
    doc = json.loads(text)

    assert "\n  " in text  # indented for people who open it
    assert set(doc) == {"schema", "exported_at", "generator", "organisation", "files"}
    assert doc["schema"] == SCHEMA and doc["generator"].startswith("BidKit ")
    assert doc["exported_at"].endswith("+00:00")
    org = doc["organisation"]
    columns = [c for c in Organisation.model_fields if c not in ORGANISATION_EXCLUDED]
    assert list(org) == [*columns, "logo", *PROFILE_TABLES]
    policy = org["policies"][0]
    assert "file_sha256" not in policy and policy["file_name"] == "edi-policy-2025.pdf"
    for key, model in PROFILE_TABLES.items():
        expected = [c for c in model.model_fields if c not in ROW_EXCLUDED]
        assert [k.replace("file", "file_sha256", 1) if k == "file" else k for k in org[key][0]] == (
            expected
        )
    assert org["financial_years"][0]["turnover"] == "1234567.89"
    assert org["financial_years"][0]["surplus"] == "-4500.10"
    assert org["insurance"][0]["cover"] == "10000000.00"
    assert org["registration_date"] == "2014-05-12"
    assert org["is_vcse"] is True and org["trading_same_as_registered"] is False
    assert org["employees"] == 48 and org["legal_form"] == "cic"
    logo_sha = hashlib.sha256(tiny_png()).hexdigest()
    pdf_sha = hashlib.sha256(POLICY_PDF).hexdigest()
    assert org["logo"] == {"file": logo_sha}
    assert policy["file"] == pdf_sha
    assert doc["files"][logo_sha]["media_type"] == "image/png"
    assert doc["files"][logo_sha]["name"] == "riverside-logo.png"
    assert doc["files"][pdf_sha]["media_type"] == "application/pdf"
    assert base64.b64decode(doc["files"][pdf_sha]["data"]) == POLICY_PDF


def _minimal(**organisation: Any) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "exported_at": "2025-03-01T09:00:00+00:00",
        "generator": "BidKit 0.1.0",
        "organisation": {"legal_name": "Hostile Test Ltd", **organisation},
        "files": {},
    }


def test_minimal_document_with_bom_fills_defaults() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(_minimal()).encode()
    parsed = parse_document(raw)
    assert parsed.name == "Hostile Test Ltd"
    assert parsed.organisation["registered_country"] == "United Kingdom"
    assert parsed.organisation["logo_sha256"] == ""
    assert all(rows == [] for rows in parsed.children.values())


def test_profile_as_dict_names_files_without_their_content(workspace: Workspace) -> None:
    org_id = make_full_profile(workspace)
    profile = profile_as_dict(workspace, org_id)
    assert profile["id"] == org_id and profile["own"] is True
    assert profile["logo"]["name"] == "riverside-logo.png"
    assert len(profile["logo"]["file"]) == 64
    assert "files" not in profile and "data" not in json.dumps(profile)
    with pytest.raises(NotFound, match="no organisation with id 999"):
        profile_as_dict(workspace, 999)


def test_export_refuses_a_missing_folder(workspace: Workspace, tmp_path: Path) -> None:
    org_id = make_full_profile(workspace)
    with pytest.raises(InputRefused, match="does not exist"):
        export_profile(workspace, org_id, tmp_path / "nowhere" / "profile.json")
    assert not (tmp_path / "nowhere").exists()


def test_failed_import_leaves_the_workspace_unchanged(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org_id = make_full_profile(workspace)
    source = tmp_path / "profile.json"
    export_profile(workspace, org_id, source)
    before = _dump(workspace.paths.database)

    def disk_full(self: object, data: bytes) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bidkit.store.files.FileStore.add_bytes", disk_full)
    with pytest.raises(OSError, match="No space"):
        import_profile(workspace, source, own=False)
    assert _dump(workspace.paths.database) == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=20,
    )
)
def test_any_json_organisation_is_parsed_or_refused_plainly(value: object) -> None:
    doc = _minimal()
    doc["organisation"] = value
    try:
        parse_document(json.dumps(doc).encode())
    except InputRefused as exc:
        assert "\n" not in exc.message
        exc.message.encode("utf-8")  # printable on any console


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_parsed_or_refused_plainly(raw: bytes) -> None:
    try:
        parse_document(raw)
    except InputRefused as exc:
        assert "\n" not in exc.message


# --- Hostile corpus, through the command line -----------------------------------------------

Builder = Callable[[Path], Path]


def _json_file(doc: object) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / "profile.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return build


def _raw_file(raw: bytes) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / "profile.json"
        path.write_bytes(raw)
        return path

    return build


def _sparse_70mb(folder: Path) -> Path:
    path = folder / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(70 * 1024 * 1024)
    return path


def _folder(folder: Path) -> Path:
    (folder / "a-folder.json").mkdir()
    return folder / "a-folder.json"


def _with_files(entries: dict[str, dict[str, str]], **organisation: Any) -> dict[str, Any]:
    doc = _minimal(**organisation)
    doc["files"] = entries
    return doc


def _entry(data: bytes, name: str = "policy.pdf") -> dict[str, str]:
    return {"name": name, "media_type": "application/pdf", "data": base64.b64encode(data).decode()}


_PDF_SHA = hashlib.sha256(POLICY_PDF).hexdigest()
_PREFIX = b'{"schema": "bidkit.profile/1", "organisation": {"legal_name": "Hostile", '
_BIG = b"\0" * (25 * 1024 * 1024 + 1)
_BIG_SHA = hashlib.sha256(_BIG).hexdigest()

HOSTILE: list[tuple[str, Builder, str]] = [
    (
        "sparse-70mb",
        _sparse_70mb,
        "That file is 70.0 MB; a BidKit profile document is at most 64 MB",
    ),
    ("missing-file", lambda folder: folder / "absent.json", "cannot find"),
    ("folder", _folder, "is a folder"),
    ("empty", _raw_file(b""), "not a BidKit profile document: line 1 column 1"),
    ("invalid-utf8", _raw_file(_PREFIX + b'"description": "Caf\xe9"}}'), "not UTF-8 text"),
    (
        "not-json",
        _raw_file(b"name,turnover\nRiverside,100\n"),
        "not a BidKit profile document: line 1 column 1",
    ),
    (
        "truncated",
        _raw_file(_PREFIX + b'"description": "unfinished'),
        "not a BidKit profile document: line 1 column",
    ),
    ("depth-10000", _raw_file(b"[" * 10_000 + b"]" * 10_000), "nested more than 32 levels"),
    (
        "depth-in-field",
        _raw_file(_PREFIX + b'"description": ' + b'{"a": ' * 40 + b"1" + b"}" * 42),
        "nested more than 32 levels",
    ),
    (
        "int-4301-digits",
        _raw_file(_PREFIX + b'"employees": ' + b"9" * 4301 + b"}}"),
        "more than 30 digits",
    ),
    ("nan", _raw_file(_PREFIX + b'"employees": NaN}}'), "NaN"),
    ("infinity", _raw_file(_PREFIX + b'"employees": -Infinity}}'), "-Infinity"),
    (
        "duplicate-key",
        _raw_file(_PREFIX + b'"legal_name": "Twice"}}'),
        'the key "legal_name" appears twice',
    ),
    ("root-list", _json_file([1, 2]), "not a BidKit profile document"),
    (
        "schema-missing",
        _json_file({"organisation": {"legal_name": "x"}}),
        "not a BidKit profile document",
    ),
    (
        "schema-other",
        _json_file({**_minimal(), "schema": "bidkit.pack/1"}),
        "not a BidKit profile document",
    ),
    (
        "schema-newer",
        _json_file({**_minimal(), "schema": "bidkit.profile/2", "new": 1}),
        "made by a newer BidKit",
    ),
    (
        "money-as-number",
        _json_file(_minimal(financial_years=[{}, {"turnover": 12345.67}])),
        'organisation.financial_years[1].turnover: expected an amount like "12345.67"',
    ),
    (
        "money-3-decimals",
        _json_file(_minimal(financial_years=[{"turnover": "1.005"}])),
        "expected an amount",
    ),
    (
        "bool-as-text",
        _json_file(_minimal(is_vcse="yes")),
        "organisation.is_vcse: expected true or false",
    ),
    (
        "bad-date",
        _json_file(_minimal(registration_date="12/05/2014")),
        'organisation.registration_date: expected a date like "2024-03-31"',
    ),
    (
        "negative-count",
        _json_file(_minimal(employees=-3)),
        "organisation.employees: expected a whole number from 0",
    ),
    (
        "missing-name",
        _json_file({**_minimal(), "organisation": {"website": "x"}}),
        "organisation.legal_name: missing",
    ),
    (
        "blank-name",
        _json_file(_minimal(legal_name="   ")),
        "organisation.legal_name: an organisation needs a name",
    ),
    ("missing-organisation", _json_file({"schema": SCHEMA}), "organisation: missing"),
    (
        "unknown-field",
        _json_file(_minimal(favourite_colour="teal")),
        "organisation.favourite_colour: not a field BidKit knows",
    ),
    (
        "unknown-top-field",
        _json_file({**_minimal(), "signature": "abc"}),
        "signature: not a field BidKit knows",
    ),
    (
        "contacts-not-list",
        _json_file(_minimal(contacts={"name": "x"})),
        "organisation.contacts: expected a list",
    ),
    (
        "bad-enum",
        _json_file(_minimal(legal_form="plc")),
        'organisation.legal_form: "plc" is not a value BidKit knows',
    ),
    (
        "bad-ground",
        _json_file(_minimal(exclusions=[{"ground": "jaywalking"}])),
        "organisation.exclusions[0].ground",
    ),
    (
        "repeated-ground",
        _json_file(_minimal(exclusions=[{"ground": "fraud"}, {"ground": "fraud"}])),
        'organisation.exclusions[1].ground: "fraud" is listed twice',
    ),
    (
        "string-100001",
        _json_file(_minimal(description="x" * 100_001)),
        "organisation.description: text longer than 100,000 characters",
    ),
    (
        "list-10001",
        _json_file(_minimal(contacts=[{}] * 10_001)),
        "organisation.contacts: more than 10,000 entries",
    ),
    (
        "bidi-override",
        _json_file(_minimal(legal_name="Riverside \u202eCIC")),
        "organisation.legal_name: contains a hidden control character (U+202E)",
    ),
    (
        "control-char",
        _json_file(_minimal(description="bell\x07")),
        "organisation.description: contains a hidden control character (U+0007)",
    ),
    ("lone-surrogate", _raw_file(_PREFIX + b'"description": "\\ud800"}}'), "(U+D800)"),
    (
        "bad-base64",
        _json_file(
            _with_files(
                {_PDF_SHA: {**_entry(POLICY_PDF), "data": "not base64!"}},
                policies=[{"file": _PDF_SHA}],
            )
        ),
        "is not valid base64",
    ),
    (
        "sha-mismatch",
        _json_file(
            _with_files(
                {_PDF_SHA: _entry(b"%PDF-1.4 something else")}, policies=[{"file": _PDF_SHA}]
            )
        ),
        "does not match its SHA-256 key",
    ),
    (
        "bad-file-key",
        _json_file(_with_files({"../../etc/passwd": _entry(POLICY_PDF)})),
        "not a file key",
    ),
    (
        "file-not-embedded",
        _json_file(_minimal(policies=[{"file": _PDF_SHA}])),
        'organisation.policies[0].file: refers to a file that is not in "files"',
    ),
    (
        "file-unused",
        _json_file(_with_files({_PDF_SHA: _entry(POLICY_PDF)})),
        "no part of the profile uses it",
    ),
    (
        "file-name-path",
        _json_file(
            _with_files(
                {_PDF_SHA: _entry(POLICY_PDF, "../../evil.pdf")}, policies=[{"file": _PDF_SHA}]
            )
        ),
        "cannot contain slashes",
    ),
    (
        "file-over-store-limit",
        _json_file(_with_files({_BIG_SHA: _entry(_BIG)}, policies=[{"file": _BIG_SHA}])),
        "bigger than the 25 MB BidKit keeps",
    ),
    (
        "logo-not-image",
        _json_file(_with_files({_PDF_SHA: _entry(POLICY_PDF)}, logo={"file": _PDF_SHA})),
        "the logo cannot be used: it is not a PNG or JPEG image",
    ),
]


def _dump(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for comparing a workspace before and after."""
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        dump = {t: sorted(connection.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    connection.close()
    return dump


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def populated_dir(workspace_dir: Path) -> Path:
    with Workspace.open(workspace_dir) as ws:
        make_full_profile(ws)
    return workspace_dir


@pytest.mark.parametrize(
    ("build", "expected"), [(b, e) for _, b, e in HOSTILE], ids=[i for i, _, _ in HOSTILE]
)
def test_hostile_document_is_refused_and_changes_nothing(
    build: Builder,
    expected: str,
    populated_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source_dir = tmp_path / "incoming"
    source_dir.mkdir()
    source = build(source_dir)
    database, files = populated_dir / "bidkit.sqlite3", populated_dir / "files"
    before, before_files = _dump(database), _listing(files)
    capsys.readouterr()

    code = cli.main(["--data-dir", str(populated_dir), "org", "import", str(source), "--json"])

    out, err = capsys.readouterr()
    assert code == 3
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("bidkit: ")
    assert expected in err
    assert "Traceback" not in err
    assert _dump(database) == before
    assert _listing(files) == before_files


def test_hostile_corpus_is_large_enough() -> None:
    assert len(HOSTILE) >= 18
