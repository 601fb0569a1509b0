"""The versioned profile document: one organisation's whole profile as a JSON file.

Documents travel between organisations (a consortium lead collects partners' profiles), so
`parse_document` treats every byte as hostile: size, nesting, numbers, keys, text and embedded
files are all checked before anything reaches the database, and every refusal says in plain
English what is wrong. The field lists come from the table classes, so a new column appears in
documents without touching this module; the keys are the column names, which never change.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, NoReturn, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, create_model
from pydantic_core import PydanticCustomError
from sqlmodel import SQLModel

from bidkit import __version__
from bidkit.errors import InputRefused
from bidkit.model import enums
from bidkit.model.exclusion_grounds import GROUNDS_BY_CODE
from bidkit.model.organisation import (
    PROFILE_TABLES,
    Contact,
    ExclusionDeclaration,
    FinancialYear,
    InsurancePolicy,
    KeyPerson,
    Organisation,
    PolicyDocument,
)
from bidkit.model.types import to_money
from bidkit.profile.untrusted_json import (
    HIDDEN_CHARACTERS,
    UTF8_BOM,
    load_untrusted_json,
    not_json,
    quote,
    read_untrusted_file,
)
from bidkit.store.file_policy import MAX_FILE_BYTES, check_file, logo_problem

SCHEMA = "bidkit.profile/1"
_SCHEMA_FAMILY = "bidkit.profile/"
_SCHEMA_VERSION = 1

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_LIST_ITEMS = 10_000
MAX_FILE_NAME_CHARS = 255
MAX_WHOLE_NUMBER = 1_000_000_000
_PROBLEMS_SHOWN = 3
_WHAT = "BidKit profile document"

#: Organisation columns that belong to this workspace, not to the profile, or are carried as
#: the "logo" reference instead.
ORGANISATION_EXCLUDED = frozenset(
    {"id", "is_own", "created_at", "updated_at", "logo_sha256", "logo_filename"}
)
#: Child columns the document expresses by structure (the list it is in, its place in it).
ROW_EXCLUDED = frozenset({"id", "organisation_id", "position"})
#: Columns holding a stored file's SHA-256, and the document key that carries them.
FILE_COLUMNS: dict[type[SQLModel], dict[str, str]] = {PolicyDocument: {"file_sha256": "file"}}
#: Keys a document must spell out; everything else falls back to the column's default.
REQUIRED_KEYS: dict[type[SQLModel], frozenset[str]] = {
    Organisation: frozenset({"legal_name"}),
    ExclusionDeclaration: frozenset({"ground"}),
}


def _values(enum: type[enums.LabelledEnum]) -> frozenset[str]:
    return frozenset(member.value for member in enum)


#: Text columns restricted to a fixed vocabulary (see `bidkit.model.enums`).
ENUM_COLUMNS: dict[tuple[type[SQLModel], str], frozenset[str]] = {
    (Organisation, "legal_form"): _values(enums.LegalForm),
    (Organisation, "size_band"): _values(enums.SizeBand),
    (Contact, "role"): _values(enums.ContactRole),
    (KeyPerson, "category"): _values(enums.PersonCategory),
    (KeyPerson, "dbs_status"): _values(enums.DbsStatus),
    (KeyPerson, "dbs_level"): _values(enums.DbsLevel),
    (FinancialYear, "accounts_type"): _values(enums.AccountsType),
    (InsurancePolicy, "insurance_type"): _values(enums.InsuranceType),
    (PolicyDocument, "policy_type"): _values(enums.PolicyType),
    (ExclusionDeclaration, "ground"): frozenset(GROUNDS_BY_CODE),
}

_HIDDEN = HIDDEN_CHARACTERS
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONEY = re.compile(r"-?\d{1,13}\.\d{2}")
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9.+-]{0,62}/[a-z0-9][a-z0-9.+-]{0,62}")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_]{1,64}")


# --- Building -------------------------------------------------------------------------------


def document_keys(model: type[SQLModel]) -> list[tuple[str, str]]:
    """(column, document key) pairs for a profile table, in column order."""
    excluded = ORGANISATION_EXCLUDED if model is Organisation else ROW_EXCLUDED
    renamed = FILE_COLUMNS.get(model, {})
    return [(c, renamed.get(c, c)) for c in model.model_fields if c not in excluded]


def _to_json(value: object) -> object:
    if isinstance(value, Decimal):
        return format(to_money(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row_section(row: SQLModel) -> dict[str, object]:
    model = type(row)
    files = FILE_COLUMNS.get(model, {})
    section: dict[str, object] = {}
    for column, key in document_keys(model):
        value = getattr(row, column)
        section[key] = (value or None) if column in files else _to_json(value)
    return section


def organisation_section(
    org: Organisation, children: dict[str, list[SQLModel]]
) -> dict[str, object]:
    """The document's "organisation" object; files appear only as their SHA-256 keys."""
    section = _row_section(org)
    section["logo"] = {"file": org.logo_sha256} if org.logo_sha256 else None
    for key in PROFILE_TABLES:
        section[key] = [_row_section(row) for row in children.get(key, [])]
    return section


def sniff_media_type(name: str, data: bytes) -> str:
    """A media type from the file's first bytes, else from its name's extension."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if _looks_like_svg(data):
        return "image/svg+xml"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _MEDIA_TYPES_BY_EXTENSION.get(extension, "application/octet-stream")


_MEDIA_TYPES_BY_EXTENSION = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "rtf": "application/rtf",
    "txt": "text/plain",
}


def _looks_like_svg(data: bytes) -> bool:
    head = data[:4096].removeprefix(UTF8_BOM).lstrip()
    return head.startswith(b"<") and b"<svg" in head


def build_document(
    org: Organisation,
    children: dict[str, list[SQLModel]],
    files: dict[str, tuple[str, bytes]],
    *,
    exported_at: datetime | None = None,
) -> dict[str, object]:
    """The whole document for `org`; `files` maps SHA-256 to (file name, bytes) to embed."""
    moment = (exported_at or datetime.now(UTC)).astimezone(UTC)
    return {
        "schema": SCHEMA,
        "exported_at": moment.isoformat(timespec="seconds"),
        "generator": f"BidKit {__version__}",
        "organisation": organisation_section(org, children),
        "files": {
            sha256: {
                "name": name,
                "media_type": sniff_media_type(name, data),
                "data": base64.b64encode(data).decode("ascii"),
            }
            for sha256, (name, data) in files.items()
        },
    }


def read_document_bytes(source: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The document's bytes, refusing anything larger than `max_bytes` before reading it."""
    return read_untrusted_file(source, max_bytes=max_bytes, what=_WHAT)


# --- Field validators -----------------------------------------------------------------------


def _problem(reason: str) -> PydanticCustomError:
    return PydanticCustomError("bidkit", "{reason}", {"reason": reason})


def _text(value: object, limit: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise _problem("expected text")
    if len(value) > limit:
        raise _problem(f"text longer than {limit:,} characters")
    hidden = _HIDDEN.search(value)
    if hidden is not None:
        raise _problem(
            f"contains a hidden control character (U+{ord(hidden.group()):04X}) that can "
            "disguise text (remove it)"
        )
    return value


def _file_name(value: object) -> str:
    name = _text(value, MAX_FILE_NAME_CHARS)
    if "/" in name or "\\" in name or "\n" in name or "\t" in name:
        raise _problem("a file name cannot contain slashes, line breaks or tabs")
    return name


def _media_type(value: object) -> str:
    if not isinstance(value, str) or not _MEDIA_TYPE.fullmatch(value):
        raise _problem('expected a media type like "application/pdf"')
    return value


def _sha256(value: object) -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _problem('expected the SHA-256 key of an entry in "files"')
    return value


def _file_data(value: object) -> bytes:
    if not isinstance(value, str):
        raise _problem("expected the file's content as base64 text")
    too_big = _problem(
        f"the file is bigger than the {MAX_FILE_BYTES // 1048576} MB BidKit keeps "
        "(attach a smaller copy)"
    )
    if len(value) > (MAX_FILE_BYTES + 2) // 3 * 4:
        raise too_big
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _problem("is not valid base64, so the file cannot be read") from None
    if len(data) > MAX_FILE_BYTES:
        raise too_big
    return data


def _enum(allowed: frozenset[str]) -> Callable[[object], str]:
    def check(value: object) -> str:
        text = _text(value, 200)
        if text not in allowed:
            raise _problem(f"{quote(text)} is not a value BidKit knows for this field")
        return text

    return check


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _problem("expected true or false")
    return value


def _whole_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _problem("expected a whole number")
    if not 0 <= value <= MAX_WHOLE_NUMBER:
        raise _problem(f"expected a whole number from 0 to {MAX_WHOLE_NUMBER:,}")
    return value


def _date(value: object) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _problem('expected a date like "2024-03-31"')


def _money(value: object) -> Decimal:
    if not isinstance(value, str) or not _MONEY.fullmatch(value):
        raise _problem('expected an amount like "12345.67"')
    return Decimal(value)


def _timestamp(value: object) -> datetime:
    if isinstance(value, str) and len(value) <= 40:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _problem('expected a date and time like "2024-03-31T09:30:00+00:00"')


def _nullable(check: Callable[[object], Any]) -> Callable[[object], Any]:
    def nullable_check(value: object) -> Any:
        return None if value is None else check(value)

    return nullable_check


def _checked(check: Callable[[object], Any]) -> Any:
    return Annotated[Any, PlainValidator(check)]


_CHECKS_BY_TYPE: dict[type, Callable[[object], Any]] = {
    str: _text,
    bool: _bool,
    int: _whole_number,
    date: _date,
    Decimal: _money,
}


def _column_check(model: type[SQLModel], column: str) -> Callable[[object], Any]:
    annotation = model.model_fields[column].annotation
    options = [annotation]
    if get_origin(annotation) in (Union, UnionType):
        options = list(get_args(annotation))
    base: list[Any] = [t for t in options if t is not NoneType]
    if len(base) != 1 or base[0] not in _CHECKS_BY_TYPE:
        raise TypeError(f"{model.__name__}.{column}: no document type for {annotation!r}")
    allowed = ENUM_COLUMNS.get((model, column))
    check = _enum(allowed) if allowed is not None else _CHECKS_BY_TYPE[base[0]]
    return _nullable(check) if len(options) > 1 else check


# --- Document models ------------------------------------------------------------------------

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class _FileEntry(BaseModel):
    model_config = _STRICT

    name: Annotated[str, PlainValidator(_file_name)]
    media_type: Annotated[str, PlainValidator(_media_type)]
    data: Annotated[bytes, PlainValidator(_file_data)]


def _file_key(value: object) -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _problem("not a file key (the file's SHA-256 in lowercase hex)")
    return value


class _FileRef(BaseModel):
    model_config = _STRICT

    file: Annotated[str, PlainValidator(_sha256)]


def _row_model(model: type[SQLModel], extra: dict[str, Any] | None = None) -> type[BaseModel]:
    required = REQUIRED_KEYS.get(model, frozenset())
    files = FILE_COLUMNS.get(model, {})
    fields: dict[str, Any] = {}
    for column, key in document_keys(model):
        if column in files:
            fields[key] = (_checked(_nullable(_sha256)), None)
        else:
            default = ... if key in required else model.model_fields[column].default
            fields[key] = (_checked(_column_check(model, column)), default)
    fields.update(extra or {})
    return create_model(f"{model.__name__}Document", __config__=_STRICT, **fields)


def _list_of(model: type[BaseModel]) -> tuple[Any, Any]:
    return (list[model], Field(default_factory=list, max_length=MAX_LIST_ITEMS))  # type: ignore[valid-type]


_OrganisationDocument = _row_model(
    Organisation,
    {
        "logo": (_FileRef | None, None),
        **{key: _list_of(_row_model(model)) for key, model in PROFILE_TABLES.items()},
    },
)
_ProfileDocument = create_model(
    "ProfileDocument",
    __config__=_STRICT,
    exported_at=(_checked(_nullable(_timestamp)), None),
    generator=(_checked(_nullable(_text)), None),
    organisation=(_OrganisationDocument, ...),
    files=(
        dict[Annotated[str, PlainValidator(_file_key)], _FileEntry],
        Field(default_factory=dict, max_length=MAX_LIST_ITEMS),
    ),
)


# --- Parsing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedFile:
    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedProfile:
    """Checked values, keyed by column, ready for `Organisation(**organisation)` and its rows.

    `children` maps each PROFILE_TABLES key to its rows in order; `files` holds only files a
    row refers to, keyed by their (verified) SHA-256.
    """

    organisation: dict[str, Any]
    children: dict[str, list[dict[str, Any]]]
    files: dict[str, ParsedFile]
    exported_at: datetime | None
    generator: str | None

    @property
    def name(self) -> str:
        return str(self.organisation["legal_name"])


def _path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{quote(part)}]"
    return text or "the document"


_REASONS = {
    "missing": "missing (a profile document must have it)",
    "extra_forbidden": "not a field BidKit knows here (remove it)",
    "model_type": "expected an object ({...})",
    "model_attributes_type": "expected an object ({...})",
    "dict_type": "expected an object ({...})",
    "list_type": "expected a list ([...])",
    "string_type": "expected text",
    "too_long": f"more than {MAX_LIST_ITEMS:,} entries",
}


def _refuse_problems(problems: list[str]) -> NoReturn:
    shown = "; ".join(problems[:_PROBLEMS_SHOWN])
    more = len(problems) - _PROBLEMS_SHOWN
    if more > 0:
        shown += f" (and {more} more problem{'s' if more > 1 else ''})"
    raise InputRefused(
        f"This profile document cannot be imported: {shown}. Correct it, or export the profile "
        "again from BidKit.",
        detail="\n".join(problems[:200]),
    )


def _check_schema(data: object) -> dict[str, Any]:
    schema = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(schema, str) or not schema.startswith(_SCHEMA_FAMILY):
        not_json('it has no "schema": "bidkit.profile/1" entry', _WHAT)
    version = schema.removeprefix(_SCHEMA_FAMILY)
    if version.isdigit() and len(version) < 6 and int(version) > _SCHEMA_VERSION:
        raise InputRefused(
            f"This profile document was made by a newer BidKit ({quote(schema)}); update "
            "BidKit to import it."
        )
    if schema != SCHEMA:
        not_json(f"its schema {quote(schema)} is not one this BidKit reads", _WHAT)
    assert isinstance(data, dict)
    return data


def _file_policy_problems(files: dict[str, dict[str, Any]], logo: str | None) -> list[str]:
    """The same file policy as files added in the window: no programs or macros; a logo is a
    PNG or JPEG that decodes, within the pixel limit."""
    problems = []
    for key, entry in sorted(files.items()):
        try:
            check_file(str(entry.get("name") or key), entry["data"])
        except InputRefused as exc:
            problems.append(f"files.{key}: {exc.message}")
    if logo in files:
        why = logo_problem(files[logo]["data"])
        if why is not None:
            problems.append(f"organisation.logo: the logo cannot be used: {why}")
    return problems


def _cross_check(org: dict[str, Any], files: dict[str, dict[str, Any]]) -> list[str]:
    """Problems with embedded files: content, references, logo format, repeated grounds."""
    problems = [
        f"files.{key}.data: the content does not match its SHA-256 key (altered or damaged)"
        for key, entry in files.items()
        if hashlib.sha256(entry["data"]).hexdigest() != key
    ]
    used: set[str] = set()
    refs: list[tuple[str, str]] = []
    if org["logo"] is not None:
        refs.append(("organisation.logo.file", org["logo"]["file"]))
    for section, model in PROFILE_TABLES.items():
        for key in FILE_COLUMNS.get(model, {}).values():
            for index, row in enumerate(org[section]):
                if row[key] is not None:
                    refs.append((f"organisation.{section}[{index}].{key}", row[key]))
    for where, sha256 in refs:
        used.add(sha256)
        if sha256 not in files:
            problems.append(f'{where}: refers to a file that is not in "files"')
    logo = org["logo"]["file"] if org["logo"] is not None else None
    problems += _file_policy_problems(files, logo)
    problems += [
        f"files.{key}: no part of the profile uses it" for key in sorted(files.keys() - used)
    ]
    if not org["legal_name"].strip():
        problems.append("organisation.legal_name: an organisation needs a name")
    seen: set[str] = set()
    for index, row in enumerate(org["exclusions"]):
        if row["ground"] in seen:
            problems.append(
                f"organisation.exclusions[{index}].ground: {quote(row['ground'])} is listed twice"
            )
        seen.add(row["ground"])
    return problems


def _columns(model: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
    files = FILE_COLUMNS.get(model, {})
    return {
        column: (values[key] or "") if column in files else values[key]
        for column, key in document_keys(model)
    }


def parse_document(raw: bytes, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> ParsedProfile:
    """Check a profile document from anywhere; raise InputRefused saying what is wrong."""
    data = _check_schema(load_untrusted_json(raw, max_bytes=max_bytes, what=_WHAT))
    try:
        body = {key: value for key, value in data.items() if key != "schema"}
        document = _ProfileDocument.model_validate(body).model_dump()
    except ValidationError as exc:
        _refuse_problems(
            [
                f"{_path(error['loc'])}: {_REASONS.get(error['type'], error['msg'])}"
                for error in exc.errors(include_url=False, include_input=False)
            ]
        )
    org: dict[str, Any] = document["organisation"]
    files: dict[str, dict[str, Any]] = document["files"]
    problems = _cross_check(org, files)
    if problems:
        _refuse_problems(problems)
    organisation = _columns(Organisation, org)
    logo = org["logo"]["file"] if org["logo"] is not None else ""
    organisation["logo_sha256"] = logo
    organisation["logo_filename"] = files[logo]["name"] if logo else ""
    return ParsedProfile(
        organisation=organisation,
        children={
            key: [_columns(model, row) for row in org[key]] for key, model in PROFILE_TABLES.items()
        },
        files={key: ParsedFile(**entry) for key, entry in files.items()},
        exported_at=document["exported_at"],
        generator=document["generator"],
    )
