"""The command line's general contract: version, help, usage errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bidkit import __version__
from bidkit.cli import main


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"BidKit {__version__}"


def test_help_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("demo", "org", "--data-dir"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["org"],
        ["org", "show"],
        ["org", "show", "not-a-number"],
        ["org", "export", "1"],
    ],
)
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bidkit:" in captured.err
    assert "Traceback" not in captured.err


def test_unwritable_workspace_is_refused_with_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["--data-dir", str(blocker / "workspace"), "org", "list", "--json"])
    captured = capsys.readouterr()
    assert code == 3
    assert captured.out == ""
    assert captured.err.startswith("bidkit: ")
    assert len(captured.err.strip().splitlines()) == 1


def test_version_does_not_load_qt_or_the_database_layer() -> None:
    """`bidkit --version` and friends stay quick: no Qt, no SQLAlchemy."""
    code = (
        "import sys\n"
        "from bidkit.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy', 'sqlmodel'))]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_window_without_a_screen_says_so_instead_of_aborting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Qt would abort the process ("could not connect to display"); BidKit explains instead."""
    if not sys.platform.startswith("linux"):
        pytest.skip("only X11/Wayland systems need a display variable")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no screen" in captured.err
