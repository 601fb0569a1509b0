"""Checking a `.bidpack` before anything in it is trusted or read into the workspace.

The container first (size, entry count, names, links, compression ratio, decompressed size
counted while streaming), then the manifest (format, version, kind, hashes of every member,
no member unlisted), then the signature, then the JSON content's shape. Every refusal is an
`InputRefused` naming the file and saying what to do; nothing is extracted to disk.
"""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bidkit.consortium.attachments import NAME_PATTERN, listing_problem
from bidkit.consortium.pack_format import (
    ATTACHMENTS,
    CONTENT,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    REPLY,
    REQUEST,
    SIGNATURE,
    sha256,
)
from bidkit.consortium.signing import Signature, verify
from bidkit.errors import InputRefused
from bidkit.store.file_policy import check_file

MAX_PACK_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 64
MAX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_JSON_BYTES = 8 * 1024 * 1024
MAX_RATIO = 200  # a JSON pack compresses ~10:1; a zip bomb reaches thousands
#: One attached file (a policy, a certificate, a template letter): well under the file store's
#: own 25 MB, so a pack of a few attachments stays within the pack's limits.
MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
_CHUNK = 64 * 1024
_ATTACHMENT_NAME = NAME_PATTERN
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ASK = "Ask the sender for a fresh pack."


def refuse(name: str, problem: str, advice: str = _ASK) -> InputRefused:
    return InputRefused(f"“{name}” was not imported: {problem}. {advice}")


@dataclass(frozen=True)
class CheckedPack:
    """A pack that passed every check: its manifest, content, attachments and signature."""

    file_name: str
    file_sha256: str
    size: int
    manifest: Mapping[str, Any]
    content: Mapping[str, Any]
    signature: Signature | None
    attachments: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def exchange_id(self) -> str:
        return str(self.manifest["exchange_id"])

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])


def _member_name_ok(name: str) -> bool:
    if name in (MANIFEST, SIGNATURE, CONTENT):
        return True
    if not name.startswith(ATTACHMENTS):
        return False
    return bool(_ATTACHMENT_NAME.fullmatch(name.removeprefix(ATTACHMENTS)))


def _check_entries(name: str, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise refuse(name, f"it holds {len(infos)} files, more than a pack ever does")
    seen: set[str] = set()
    for info in infos:
        entry = info.filename
        if (
            entry.startswith(("/", "\\"))
            or ".." in entry.split("/")
            or "\\" in entry
            or (len(entry) > 1 and entry[1] == ":")
        ):
            raise refuse(name, f"it holds a file named “{entry}” that points outside the pack")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise refuse(name, f"“{entry}” is a link, which packs never contain")
        if info.flag_bits & 0x1:
            raise refuse(name, "it is encrypted, which packs never are")
        if entry in seen:
            raise refuse(name, f"it holds “{entry}” twice")
        seen.add(entry)
        if not _member_name_ok(entry):
            raise refuse(name, f"it holds “{entry}”, which is not part of a BidKit pack")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise refuse(name, f"“{entry}” expands far more than real content does (a zip bomb)")
        if entry.startswith(ATTACHMENTS) and info.file_size > MAX_ATTACHMENT_BYTES:
            raise refuse(name, _too_big(entry))
    if MANIFEST not in seen or CONTENT not in seen:
        raise refuse(name, "it has no manifest or no content, so it is not a BidKit pack")
    return infos


def _read_all(
    name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> dict[str, bytes]:
    """Every member, decompressed with the total counted while streaming (headers can lie)."""
    data: dict[str, bytes] = {}
    total = 0
    for info in infos:
        chunks: list[bytes] = []
        limit = MAX_ATTACHMENT_BYTES if info.filename.startswith(ATTACHMENTS) else MAX_UNCOMPRESSED
        size = 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    size += len(chunk)
                    if total > MAX_UNCOMPRESSED:
                        raise refuse(name, "it expands to more data than a pack may hold")
                    if size > limit:
                        raise refuse(name, _too_big(info.filename))
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise refuse(name, f"“{info.filename}” is damaged ({exc})") from None
        data[info.filename] = b"".join(chunks)
    return data


def _too_big(entry: str) -> str:
    return (
        f"the attachment “{entry.removeprefix(ATTACHMENTS)}” is larger than a pack's "
        f"attachment may be ({MAX_ATTACHMENT_BYTES // 1048576} MB)"
    )


def _check_attachments(name: str, content: Any, attachments: Mapping[str, bytes]) -> None:
    """Every attached file passes the one file policy, and the content lists exactly them."""
    for attachment, data in attachments.items():
        try:
            check_file(attachment, data)
        except InputRefused as exc:
            reason = str(exc).split(": ", 1)[-1].split(". ", 1)[0]
            raise refuse(
                name, f"the attachment “{attachment}” is not a file BidKit keeps ({reason})"
            ) from None
    problem = listing_problem(content.get("attachments"), attachments)
    if problem is not None:
        raise refuse(name, problem)


def _json(name: str, member: str, raw: bytes) -> Any:
    if len(raw) > MAX_JSON_BYTES:
        raise refuse(name, f"“{member}” is larger than a pack's text ever is")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise refuse(name, f"“{member}” is not valid JSON") from None


def _need(name: str, mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise refuse(name, f"its {where} lacks a valid “{key}”")
    return value


def _check_manifest(name: str, manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(name, "its manifest is not a BidKit pack manifest")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise refuse(name, "its manifest has no format version")
    if version > FORMAT_VERSION:
        raise refuse(
            name,
            f"it was made by a newer BidKit (pack format {version})",
            "Update BidKit, then import it again.",
        )
    if manifest.get("kind") not in (REQUEST, REPLY):
        raise refuse(name, "its manifest says neither request nor reply")
    _need(name, manifest, "exchange_id", str, "manifest")
    sequence = _need(name, manifest, "sequence", int, "manifest")
    if sequence < 1:
        raise refuse(name, "its sequence number is not a positive number")
    _need(name, manifest, "bid", dict, "manifest")
    _need(name, manifest, "partner", dict, "manifest")
    members = _need(name, manifest, "members", dict, "manifest")
    if not all(isinstance(v, str) and _HEX64.fullmatch(v) for v in members.values()):
        raise refuse(name, "its manifest lists a member without a SHA-256")


def _check_hashes(name: str, manifest: Mapping[str, Any], data: Mapping[str, bytes]) -> None:
    listed = dict(manifest["members"])
    present = {k for k in data if k not in (MANIFEST, SIGNATURE)}
    if set(listed) != present:
        extra = sorted(present - set(listed)) or sorted(set(listed) - present)
        raise refuse(name, f"its manifest and its files do not match (“{extra[0]}”)")
    for member, digest in listed.items():
        if sha256(data[member]) != digest:
            raise refuse(name, f"“{member}” was changed or damaged after the pack was made")


def _check_signature(name: str, data: Mapping[str, bytes]) -> Signature | None:
    if SIGNATURE not in data:
        return None
    raw = _json(name, SIGNATURE, data[SIGNATURE])
    key = _need(name, raw, "public_key", str, "signature")
    value = _need(name, raw, "signature", str, "signature")
    signature = Signature(key, value)
    try:
        valid = verify(signature, data[MANIFEST])
    except Exception:  # a malformed key or signature is the same refusal as a wrong one
        valid = False
    if not valid:
        raise refuse(name, "its signature does not match its content (it was altered)")
    return signature


def _check_content(name: str, kind: str, content: Any) -> None:
    forms = _need(name, content, "forms", list, "content")
    for form in forms:
        _need(name, form, "form_id", str, "content")
        entries = "questions" if kind == REQUEST else "answers"
        for item in _need(name, form, entries, list, "content"):
            _need(name, item, "id" if kind == REQUEST else "question_id", str, "content")
    facts = content.get("profile_facts", []) if isinstance(content, dict) else []
    if not isinstance(facts, list) or not all(
        isinstance(f, dict) and isinstance(f.get("key"), str) for f in facts
    ):
        raise refuse(name, "its profile facts are not in the expected shape")


def check_pack(name: str, data: bytes) -> CheckedPack:
    """Check a whole pack held in memory; returns it or raises `InputRefused`."""
    if len(data) > MAX_PACK_BYTES:
        raise refuse(name, "it is larger than a pack may be (20 MB)")
    if not data.startswith(b"PK\x03\x04"):
        raise refuse(name, "it is not a BidKit pack (not a zip file)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse(name, "it is damaged (not a readable zip file)") from None
    with archive:
        infos = _check_entries(name, archive)
        members = _read_all(name, archive, infos)
    manifest = _json(name, MANIFEST, members[MANIFEST])
    _check_manifest(name, manifest)
    _check_hashes(name, manifest, members)
    signature = _check_signature(name, members)
    content = _json(name, CONTENT, members[CONTENT])
    _check_content(name, manifest["kind"], content)
    attachments = {
        k.removeprefix(ATTACHMENTS): v for k, v in members.items() if k.startswith(ATTACHMENTS)
    }
    _check_attachments(name, content, attachments)
    return CheckedPack(name, sha256(data), len(data), manifest, content, signature, attachments)
