"""Whose key signed a reply, said the way the lead reads it.

The first key seen signing a partner's reply is that partner's key; a later reply signed by
another key is flagged, because it may come from someone else.
"""

from __future__ import annotations

from enum import StrEnum


class KeyTrust(StrEnum):
    SAME_KEY = "same_key"
    FIRST_KEY = "first_key"
    NEW_KEY = "new_key"
    UNSIGNED = "unsigned"


def assess(fingerprint: str, known: list[str]) -> KeyTrust:
    """`known`: fingerprints of earlier signed replies from this partner, oldest first."""
    if not fingerprint:
        return KeyTrust.UNSIGNED
    if not known:
        return KeyTrust.FIRST_KEY
    return KeyTrust.SAME_KEY if fingerprint == known[0] else KeyTrust.NEW_KEY


def describe(trust: KeyTrust, partner: str, fingerprint: str = "") -> str:
    if trust is KeyTrust.SAME_KEY:
        return f"Signed by {partner}, same key as their last reply."
    if trust is KeyTrust.FIRST_KEY:
        return f"Signed by {partner}: a new key, the first seen from them (key {fingerprint})."
    if trust is KeyTrust.NEW_KEY:
        return (
            f"Signed with a new key, not the one {partner} used before (key {fingerprint}). "
            "Check with them that they sent it."
        )
    return f"Unsigned: nothing shows it came from {partner}; the hashes only show it is intact."


WORD_FORM = "word_form"


def describe_word_reply(partner: str, contact_email: str) -> str:
    """A filled Word form cannot be signed (the partner has no BidKit): say so, and whom to
    check it with."""
    who = f"{contact_email} ({partner}'s contact)" if contact_email else partner
    return (
        f"Unsigned Word reply — check it came from {who}: a Word form cannot be signed, so "
        "nothing in the file shows who filled it in."
    )
