"""The `.bidpack` file: a zip with `manifest.json`, `signature.json`, `content.json` and
optional `attachments/`. See docs/bidpack-format.md.

The manifest names the exchange (one lead bid, one partner), the pack's kind and sequence
number, and the SHA-256 of every other member; the signature (Ed25519) covers the manifest's
exact bytes, so it covers every member through their hashes.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bidkit.consortium.signing import ALGORITHM, Signature

FORMAT = "bidkit-pack"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
CONTENT = "content.json"
ATTACHMENTS = "attachments/"
REQUEST, REPLY = "request", "reply"
#: A fixed timestamp for zip entries, so the same pack content gives the same bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True)
class PackContent:
    """What goes into a pack before it is written: the manifest fields and the members."""

    kind: str
    exchange_id: str
    sequence: int
    bid: Mapping[str, Any]
    partner: Mapping[str, Any]
    sender: str
    created_at: str
    content: Mapping[str, Any]
    attachments: Mapping[str, bytes] = field(default_factory=dict)

    def manifest(self, members: Mapping[str, bytes]) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kind": self.kind,
            "exchange_id": self.exchange_id,
            "sequence": self.sequence,
            "bid": dict(self.bid),
            "partner": dict(self.partner),
            "sender": self.sender,
            "created_at": self.created_at,
            "members": {name: sha256(data) for name, data in sorted(members.items())},
        }


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def build_pack(pack: PackContent, signature_for: Any) -> tuple[bytes, Signature | None]:
    """The pack's bytes and its signature (None: unsigned).

    `signature_for(manifest_bytes)` signs the manifest, returning None when it cannot.
    """
    members: dict[str, bytes] = {CONTENT: canonical_json(dict(pack.content))}
    for name, data in pack.attachments.items():
        members[ATTACHMENTS + name] = data
    manifest = canonical_json(pack.manifest(members))
    signature: Signature | None = signature_for(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry(MANIFEST), manifest)
        if signature is not None:
            archive.writestr(
                _entry(SIGNATURE),
                canonical_json(
                    {
                        "algorithm": ALGORITHM,
                        "public_key": signature.public_key,
                        "signature": signature.signature,
                    }
                ),
            )
        for name, data in members.items():
            archive.writestr(_entry(name), data)
    return buffer.getvalue(), signature
