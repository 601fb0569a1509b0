"""Secrets (keys for encrypted backups, pack-signing keys) live only in the system keyring.

When the system has no secure keyring (a headless Linux session without a Secret Service, for
example) BidKit says so and stops; it never falls back to a plain-text store. Backends that
store secrets in files (keyrings.alt) or that always fail are treated as "no secure keyring".
"""

from __future__ import annotations

import logging

from bidkit.applog import register_secret
from bidkit.errors import SecretsUnavailable

SERVICE = "BidKit"
log = logging.getLogger(__name__)

_NOT_SECURE_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")

UNAVAILABLE_MESSAGE = (
    "BidKit keeps keys in your system's secure keyring, and none is available. On Windows "
    "and macOS it is built in; on Linux, sign in to a desktop session with GNOME Keyring or "
    "KWallet running, then try again. BidKit does not store keys in plain files."
)


def _secure_backend() -> object:
    import keyring

    backend = keyring.get_keyring()
    candidates = list(getattr(backend, "backends", None) or [backend])
    secure = [
        b for b in candidates if not type(b).__module__.startswith(_NOT_SECURE_MODULE_PREFIXES)
    ]
    if not secure:
        raise SecretsUnavailable(UNAVAILABLE_MESSAGE)
    return backend


def _keyring_call(action: str, *args: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    _secure_backend()
    try:
        if action == "get":
            return keyring.get_password(SERVICE, args[0])
        if action == "set":
            keyring.set_password(SERVICE, args[0], args[1])
            return None
        try:
            keyring.delete_password(SERVICE, args[0])
        except keyring.errors.PasswordDeleteError:
            pass
        return None
    except KeyringError as exc:
        log.warning("keyring %s failed for %s: %s", action, args[0], type(exc).__name__)
        raise SecretsUnavailable(UNAVAILABLE_MESSAGE) from exc


def get_secret(name: str) -> str | None:
    """The secret stored under `name`, or None if there is none yet."""
    value = _keyring_call("get", name)
    if value:
        register_secret(value)
    return value


def set_secret(name: str, value: str) -> None:
    register_secret(value)
    _keyring_call("set", name, value)


def delete_secret(name: str) -> None:
    _keyring_call("delete", name)


def secrets_available() -> bool:
    try:
        _secure_backend()
    except SecretsUnavailable:
        return False
    return True
