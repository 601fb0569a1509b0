"""Portal logins live in the keyring only: canary strings seeded as a login are found in no
file BidKit writes (database and its log, settings, logs, backups, exports, calendars), PDFs
and zips unpacked (`tests/canary_scan.py`)."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend

from tests.canary_scan import canary_hits as find_canaries
from tests.cli_run import run

SITE = "https://canary-site-7f3a.example/portal"
USER = "canary-user-51bd"
PASSWORD = "canary-password-c0ffee-9d2e"
CANARIES = (SITE, USER, PASSWORD)


def canary_hits(*folders: Path) -> list[str]:
    """The login's canaries found anywhere under the folders (zips and PDFs unpacked)."""
    return find_canaries(CANARIES, *folders)


def test_a_login_is_kept_shown_on_demand_and_written_nowhere(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    memory_keyring: KeyringBackend,
) -> None:  # fmt: skip
    (workspace_dir.parent).mkdir(exist_ok=True)
    assert run(capsys, "demo")[0] == 0
    (workspace_dir / "settings.toml").write_text("version = 1\ndebug_logging = true\n")
    code, _out, err = run(capsys, "login", "set", "1", "--site", SITE, "--user", USER,
                          stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, err
    code, out, _err = run(capsys, "login", "show", "1", "--json")
    assert json.loads(out) == {"site": SITE, "user": USER, "password": PASSWORD}
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for args in (
        ("export", "1", "--format", "docx", "-o", str(out_dir / "bid.docx")),
        ("export", "1", "--format", "pdf", "-o", str(out_dir / "bid.pdf")),
        ("org", "export", "1", "-o", str(out_dir / "org.json")),
        ("calendar", "export", "-o", str(out_dir / "bids.ics")),
        ("backup", "-o", str(out_dir / "backup.zip")),
        ("backup",),
        ("check", "--json"),
        ("bid", "list", "--json"),
    ):
        assert run(capsys, *args)[0] == 0, args
    # A fault with the secret in hand still logs no secret.
    code, _out, err = run(capsys, "login", "show", "999")
    assert code == 3
    assert canary_hits(workspace_dir, out_dir) == []
    # Only the keyring has it.
    stored = [v for v in memory_keyring.store.values() if PASSWORD in v]  # type: ignore[attr-defined]
    assert len(stored) == 1
    assert run(capsys, "login", "forget", "1")[0] == 0
    assert run(capsys, "login", "show", "1")[0] == 3


def test_without_a_secure_keyring_nothing_is_kept_and_the_user_is_told(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "demo")[0] == 0
    keyring.set_keyring(keyring.backends.fail.Keyring())
    code, _out, err = run(capsys, "login", "set", "1", "--site", SITE, "--user", USER,
                          stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 3 and "secure keyring" in err and "plain files" in err
    assert canary_hits(workspace_dir) == []


def test_deleting_a_bid_forgets_its_login(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str], memory_keyring: KeyringBackend
) -> None:
    from bidkit.ops.bids import delete_bid
    from bidkit.ops.portal_logins import portal_login, save_portal_login
    from bidkit.store.workspace import Workspace

    assert run(capsys, "demo")[0] == 0
    with Workspace.open(workspace_dir) as ws:
        save_portal_login(ws, 2, SITE, USER, PASSWORD)
        assert portal_login(ws, 2) is not None
        delete_bid(ws, 2)
    assert not memory_keyring.store  # type: ignore[attr-defined]
