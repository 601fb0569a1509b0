"""Every id, name or input file a `bidkit` command takes, given one that is not there.

The cases are found by walking the command's argparse parser, so a new command is covered as
soon as it is added: an integer argument is an id (unless its metavar is N, a count), a metavar
ending in _ID is a named id (a questionnaire), NAME is a person, and a positional FILE/PATH (or
--body-file) is an input file. Each must exit 3 with one line on stderr that names what was not
found and how to find the valid ones (a `bidkit` command to run; for a file, its name) — never a
traceback, an IntegrityError, KeyError or exit 1.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from bidkit.cli import build_parser, main
from tests.conftest import MemoryKeyring

MISSING_ID = "999999"
MISSING_FORM = "no-such-form"
MISSING_PERSON = "Nobody Of That Name"
BID = "2"  # the demo's consortium bid
PARTNER = "2"  # a partner in it
ORG = "1"
NOTICE = "cf_ocds-b5fd17raw-e15aeca8-e49f-4ec6-82f0-d1392da45bec.json"
#: Flags a command needs to get as far as looking its id up (it asks for confirmation first).
EXTRA = {("person", "erase"): ["--yes"]}
#: Arguments whose value is a file BidKit writes, not one it reads.
OUTPUTS = {"output", "report", "to"}


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
    tuple[tuple[str, ...], argparse.ArgumentParser]
]:  # fmt: skip
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaves(sub, (*path, name))
            return
    yield path, parser


def id_kind(action: argparse.Action) -> str | None:
    """What kind of identifier the argument takes, or None for anything else."""
    metavar = str(action.metavar or "")
    if action.dest in OUTPUTS or isinstance(action, argparse._HelpAction):
        return None
    if action.type is int and metavar != "N":
        return "id"
    if metavar.endswith("_ID"):
        return "named id"
    if metavar == "NAME":
        return "person"
    if (not action.option_strings and action.dest in ("file", "path")) or (
        action.dest == "body_file"
    ):
        return "file"
    return None


def _cases() -> list[tuple[tuple[str, ...], str]]:
    cases = []
    for path, parser in _leaves(build_parser()):
        for action in parser._actions:
            if id_kind(action) is not None:
                cases.append((path, action.dest))
    return cases


CASES = _cases()


def test_the_walk_finds_every_kind_of_id() -> None:
    found = {(" ".join(path), dest) for path, dest in CASES}
    for expected in [
        ("org show", "id"), ("bid new", "org"), ("bid new", "form"), ("prefill", "bid_id"),
        ("pack export", "partner"), ("pack undo", "record"), ("restore", "file"),
        ("pack import", "file"), ("person erase", "name"), ("login forget", "bid_id"),
        ("export", "form"), ("notice import", "org"),
    ]:  # fmt: skip
        assert expected in found
    assert ("deadlines", "days") not in found and ("evidence search", "limit") not in found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A demo workspace, with one of each file a command reads, made by BidKit itself."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    folder = tmp_path_factory.mktemp("missing-ids")
    root = folder / "workspace"
    samples = Path(__file__).parent
    files = {
        "root": root,
        "profile": folder / "profile.json",
        "word_form": folder / "partner-form.docx",
        "backup": folder / "backup.zip",
        "body": folder / "body.txt",
        "buyer_form": samples / "buyer_forms" / "corpus" / "01-council-sq.docx",
        "notice": samples / "samples" / NOTICE,
        "outputs": folder / "out",
    }  # fmt: skip
    files["outputs"].mkdir()
    files["body"].write_text("How we keep people safe.", encoding="utf-8")
    for argv in (
        ["demo"],
        ["org", "export", ORG, "-o", str(files["profile"])],
        ["pack", "export", BID, "--partner", PARTNER, "--format", "docx",
         "-o", str(files["word_form"])],
        ["backup", "-o", str(files["backup"])],
    ):  # fmt: skip
        assert main(["--data-dir", str(root), *argv]) == 0
    yield files
    keyring.set_keyring(previous)


def _input_file(path: tuple[str, ...], files: dict[str, Path]) -> Path:
    """A real file of the kind the command reads (for the cases that test another id)."""
    by_command = {
        ("forms", "import"): files["buyer_form"],
        ("notice", "import"): files["notice"],
        ("pack", "import"): files["word_form"],
        ("org", "import"): files["profile"],
        ("restore",): files["backup"],
        ("evidence", "import"): files["buyer_form"],
        ("partner", "agreement", "attach"): files["buyer_form"],
        ("partner", "document", "add"): files["buyer_form"],
    }
    if path not in by_command:
        raise AssertionError(f"tell this test which file 'bidkit {' '.join(path)}' reads")
    return by_command[path]


def _value(
    path: tuple[str, ...], action: argparse.Action, files: dict[str, Path], missing: bool
) -> list[str]:
    """The argument's value: the missing one under test, or a valid one."""
    kind = id_kind(action)
    metavar = str(action.metavar or "")
    if kind == "id":
        if missing:
            return [MISSING_ID]
        return [PARTNER if action.dest == "partner" else ORG if "ORG" in metavar or
                action.dest in ("id", "org") else BID]  # fmt: skip
    if kind == "named id":
        return [MISSING_FORM] if missing else ["uk-sq-ppn-03-23"]
    if kind == "person":
        return [MISSING_PERSON]
    if kind == "file":
        if not missing:
            return [str(files["body"] if action.dest == "body_file" else _input_file(path, files))]
        suffix = Path(metavar).suffix if "." in metavar else ".bidpack" if metavar == "FILE" else ""
        return [str(files["outputs"] / f"missing-{action.dest}{suffix}")]
    if action.dest == "output":
        suffix = Path(metavar).suffix if "." in metavar else ".docx"
        return [str(files["outputs"] / f"{'-'.join(path)}{suffix}")]
    if action.choices:
        return [str(next(iter(action.choices)))]
    plain = {"title": "A title", "buyer": "A council", "deadline": "2031-01-10T12:00",
             "site": "https://portal.example", "user": "bids@example.org", "query": "care",
             "keys": "legal_name"}  # fmt: skip
    if action.dest not in plain:
        raise AssertionError(f"tell this test a value for {action.dest} of 'bidkit {path}'")
    return [plain[action.dest]]


def _argv(path: tuple[str, ...], dest: str, files: dict[str, Path]) -> list[str]:
    parser = dict(_leaves(build_parser()))[path]
    positional: list[str] = []
    options: list[str] = []
    for action in parser._actions:
        under_test = action.dest == dest
        needed = action.required or under_test or id_kind(action) in ("id", "named id")
        if isinstance(action, argparse._HelpAction) or not needed:
            continue
        values = _value(path, action, files, missing=under_test)
        if action.option_strings:
            options += [action.option_strings[-1], *values]
        else:
            positional += values
    return [*path, *positional, *options, *EXTRA.get(path, [])]


@pytest.mark.parametrize(
    ("path", "dest"), CASES, ids=[f"{' '.join(p)}:{d}" for p, d in CASES]
)  # fmt: skip
def test_a_missing_id_is_named_with_a_way_to_find_the_right_one(
    path: tuple[str, ...],
    dest: str,
    demo: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a portal password\n"))
    argv = _argv(path, dest, demo)
    capsys.readouterr()
    code = main(["--data-dir", str(demo["root"]), *argv])
    out, err = capsys.readouterr()
    assert code == 3, (argv, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bidkit: "), err
    line = lines[0]
    assert "Traceback" not in err and "went wrong" not in line
    parser = dict(_leaves(build_parser()))[path]
    action = next(a for a in parser._actions if a.dest == dest)
    kind = id_kind(action)
    if kind == "file":
        missing = _value(path, action, demo, missing=True)[0]
        assert Path(missing).name in line
    else:
        missing = {"id": MISSING_ID, "named id": MISSING_FORM, "person": MISSING_PERSON}[kind or ""]
        assert missing in line
        assert "'bidkit " in line  # the command that lists (or finds) the valid ones
