"""Run the `bidkit` command in process, as the command-line tests do."""

from __future__ import annotations

import io
import sys

import pytest

from bidkit.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `bidkit ARGS`, reading `stdin` (empty unless given)."""
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err
