"""Secrets only in the system keyring, never in files or logs (reliability plan S2)."""

from __future__ import annotations

import logging
import secrets as random_tokens
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from conftest import MemoryKeyring
from keyring.backend import KeyringBackend

from bidkit import applog
from bidkit.errors import SecretsUnavailable
from bidkit.store.secrets import (
    SERVICE,
    UNAVAILABLE_MESSAGE,
    delete_secret,
    get_secret,
    secrets_available,
    set_secret,
)
from bidkit.store.workspace import Workspace


def _tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def logging_to(workspace_dir: Path) -> Iterator[Path]:
    """BidKit's logging set up on the test's workspace; the root logger is restored after."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    registered = set(applog._secrets)
    log_path = applog.setup_logging(workspace_dir)
    assert log_path is not None
    yield log_path
    with applog._secrets_lock:
        applog._secrets.intersection_update(registered)
    installed = applog._installed_handler
    if installed is not None:
        root.removeHandler(installed)
        installed.close()
        applog._installed_handler = None
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


# --- keyring ------------------------------------------------------------------------------


def test_set_get_delete(memory_keyring: KeyringBackend) -> None:
    assert get_secret("backup-key") is None
    set_secret("backup-key", "correct horse battery staple")
    assert get_secret("backup-key") == "correct horse battery staple"
    assert memory_keyring.store == {(SERVICE, "backup-key"): "correct horse battery staple"}
    set_secret("backup-key", "replaced value")
    assert get_secret("backup-key") == "replaced value"
    delete_secret("backup-key")
    assert get_secret("backup-key") is None
    delete_secret("backup-key")  # deleting what is not there is fine
    assert secrets_available()


def test_failing_keyring_is_unavailable_and_nothing_is_written(workspace: Workspace) -> None:
    root = workspace.root
    before = _tree(root)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert not secrets_available()
    for call in (
        lambda: set_secret("backup-key", "s3cret-value"),
        lambda: get_secret("backup-key"),
        lambda: delete_secret("backup-key"),
    ):
        with pytest.raises(SecretsUnavailable) as caught:
            call()
        assert str(caught.value) == UNAVAILABLE_MESSAGE
        assert "secure keyring" in str(caught.value)
        assert "does not store keys in plain files" in str(caught.value)
    assert _tree(root) == before


class _PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's file backends, which keep secrets base64-encoded on disk."""


_PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_plaintext_keyring_is_refused() -> None:
    backend = _PlaintextKeyring()
    keyring.set_keyring(backend)
    assert not secrets_available()
    with pytest.raises(SecretsUnavailable, match="secure keyring"):
        set_secret("backup-key", "would-be-base64-on-disk")
    with pytest.raises(SecretsUnavailable):
        get_secret("backup-key")
    assert backend.store == {}


class _BrokenKeyring(KeyringBackend):
    """A secure-looking backend whose every call fails, as a locked Secret Service does."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("no")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("no")


def test_keyring_errors_become_secrets_unavailable(logging_to: Path) -> None:
    keyring.set_keyring(_BrokenKeyring())
    with pytest.raises(SecretsUnavailable, match="secure keyring"):
        set_secret("backup-key", "never-logged-9f8e7d")
    with pytest.raises(SecretsUnavailable):
        get_secret("backup-key")
    with pytest.raises(SecretsUnavailable):
        delete_secret("backup-key")
    _flush()
    text = logging_to.read_text(encoding="utf-8")
    assert "keyring set failed for backup-key" in text
    assert "never-logged-9f8e7d" not in text


# --- log redaction ------------------------------------------------------------------------


def test_secret_never_reaches_the_log_file(logging_to: Path) -> None:
    secret = "canary-" + random_tokens.token_hex(12)
    set_secret("signing-key", secret)
    log = logging.getLogger("bidkit.test")
    log.info("token=%s" % secret)  # noqa: UP031 - a careless message, formatted in advance
    log.info("token=%s", secret)
    log.warning("two at once: %s / %r", secret, {"key": secret})
    try:
        raise ValueError(f"the portal refused token {secret}")
    except ValueError:
        log.exception("upload failed with %s", secret)
    try:
        try:
            raise KeyError(secret)
        except KeyError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError:
        log.error("chained failure", exc_info=True)
    _flush()
    text = logging_to.read_text(encoding="utf-8")
    assert secret not in text
    assert text.count("[secret]") >= 7
    assert "token=[secret]" in text
    assert "ValueError: the portal refused token [secret]" in text
    assert "Traceback (most recent call last)" in text


def test_secret_read_from_the_keyring_is_masked_too(
    logging_to: Path, memory_keyring: KeyringBackend
) -> None:
    secret = "stored-earlier-" + random_tokens.token_hex(8)
    memory_keyring.set_password(SERVICE, "backup-key", secret)  # from a previous session
    assert get_secret("backup-key") == secret
    logging.getLogger("bidkit.test").info("key is %s", secret)
    _flush()
    text = logging_to.read_text(encoding="utf-8")
    assert secret not in text
    assert "key is [secret]" in text


def test_secret_containing_another_secret_is_masked_whole(logging_to: Path) -> None:
    # Each secret extends the previous one; whichever order they are masked in, no tail of a
    # longer secret may be left behind in the log.
    base = "nested-" + random_tokens.token_hex(4)
    nested = [base + "-x" * i for i in range(12)]
    for i, value in enumerate(nested):
        set_secret(f"key-{i}", value)
    logging.getLogger("bidkit.test").info("longest: <%s>", nested[-1])
    _flush()
    text = logging_to.read_text(encoding="utf-8")
    assert "longest: <[secret]>" in text
    assert base not in text


def test_badly_formatted_log_call_does_not_break_the_caller(logging_to: Path) -> None:
    secret = "canary-" + random_tokens.token_hex(8)
    set_secret("signing-key", secret)
    log = logging.getLogger("bidkit.test")
    log.info("two placeholders %s %s but one value", secret)  # noqa: PLE1206 - on purpose
    log.info("after the mistake")
    _flush()
    text = logging_to.read_text(encoding="utf-8")
    assert "after the mistake" in text
    assert secret not in text


def test_short_values_are_not_masked(logging_to: Path) -> None:
    applog.register_secret("abc")  # too short to mask without wrecking ordinary text
    logging.getLogger("bidkit.test").info("abcdef")
    _flush()
    assert "abcdef" in logging_to.read_text(encoding="utf-8")


def test_log_rotates_past_max_bytes(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(applog, "MAX_BYTES", 2000)
    monkeypatch.setattr(applog, "BACKUP_COUNT", 3)
    root = logging.getLogger()
    level = root.level
    log_path = applog.setup_logging(workspace_dir)
    try:
        assert log_path == workspace_dir / "logs" / "bidkit.log"
        log = logging.getLogger("bidkit.test")
        for i in range(400):
            log.info("line %04d %s", i, "." * 60)
        _flush()
        names = sorted(p.name for p in log_path.parent.iterdir())
        assert names == ["bidkit.log", "bidkit.log.1", "bidkit.log.2", "bidkit.log.3"]
        for path in log_path.parent.iterdir():
            assert path.stat().st_size <= 2000
        assert "line 0399" in log_path.read_text(encoding="utf-8")
    finally:
        installed = applog._installed_handler
        if installed is not None:
            root.removeHandler(installed)
            installed.close()
            applog._installed_handler = None
        root.setLevel(level)


def test_setup_logging_again_replaces_the_file_handler(workspace_dir: Path, tmp_path: Path) -> None:
    root = logging.getLogger()
    level, count = root.level, len(root.handlers)
    try:
        first = applog.setup_logging(workspace_dir)
        second = applog.setup_logging(tmp_path / "other")
        assert first != second
        assert len(root.handlers) == count + 1
    finally:
        installed = applog._installed_handler
        if installed is not None:
            root.removeHandler(installed)
            installed.close()
            applog._installed_handler = None
        root.setLevel(level)
