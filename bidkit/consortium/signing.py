"""The workspace's Ed25519 pack-signing key, kept only in the system keyring.

Each workspace has its own key, made the first time a pack is signed. Where the computer has
no secure keyring, packs go out unsigned (the caller warns); the hashes in the manifest still
catch damage. Verification needs no keyring: the public key travels in the pack and the lead
compares its fingerprint with the one first seen for that partner.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from dataclasses import dataclass

from bidkit.errors import SecretsUnavailable
from bidkit.store.secrets import get_secret, set_secret

log = logging.getLogger(__name__)
ALGORITHM = "Ed25519"


def _secret_name(workspace_id: str) -> str:
    return f"pack-signing-key:{workspace_id}"


@dataclass(frozen=True)
class Signature:
    public_key: str  # base64 of the 32-byte raw public key
    signature: str  # base64 of the 64-byte signature

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def fingerprint(public_key_b64: str) -> str:
    """A short, readable name for a public key: the first 16 hex digits of its SHA-256."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def sign(workspace_id: str, data: bytes) -> Signature | None:
    """Sign `data` with this workspace's key (made on first use); None without a keyring."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        stored = get_secret(_secret_name(workspace_id))
        if stored:
            key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
        else:
            key = Ed25519PrivateKey.generate()
            raw = key.private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
            set_secret(_secret_name(workspace_id), base64.b64encode(raw).decode("ascii"))
    except SecretsUnavailable:
        log.warning("no secure keyring: the pack goes out unsigned")
        return None
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return Signature(
        base64.b64encode(public).decode("ascii"), base64.b64encode(key.sign(data)).decode("ascii")
    )


def verify(signature: Signature, data: bytes) -> bool:
    """Whether `signature` is a valid Ed25519 signature of `data` by its public key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(signature.public_key))
        public.verify(base64.b64decode(signature.signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True
