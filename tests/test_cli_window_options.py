"""Opening the window takes a short path past the command parser; it must read the same options."""

from __future__ import annotations

import pytest

from bidkit.cli import _window_options, build_parser


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "work"],
        ["--data-dir=work"],
        ["--data-dir="],
        ["--read-only"],
        ["--read-only", "--data-dir", "a folder"],
        ["--data-dir", "first", "--data-dir", "second"],
        ["--data-dir", "demo"],
    ],
)
def test_window_options_read_as_the_full_parser_reads_them(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command is None
    assert _window_options(argv) == (args.data_dir, args.read_only)


@pytest.mark.parametrize(
    "argv",
    [
        ["demo"],
        ["--help"],
        ["--version"],
        ["--data"],
        ["--data-dir"],
        ["--data-dir", "-x"],
        ["--read-only", "org", "list"],
        ["--data-dir", "work", "bid", "list"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _window_options(argv) is None


def test_a_pack_file_alone_opens_the_window_with_the_pack() -> None:
    from bidkit.cli import _pack_argument

    assert _pack_argument(["--data-dir", "/w", "Greenway.bidpack"]) == (
        ["--data-dir", "/w"],
        "Greenway.bidpack",
    )
    assert _pack_argument(["pack", "import", "x.bidpack"])[1] is None
    assert _pack_argument(["a.bidpack", "b.bidpack"])[1] is None
