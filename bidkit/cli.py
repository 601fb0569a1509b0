"""The `bidkit` command: opens the window, or runs one operation for scripts and tests.

Exit codes (see docs CLI.md): 0 success, 2 wrong usage, 3 input or data refused (one line on
stderr saying what to do), 1 a bug. Every data-producing command calls the same `bidkit.ops`
functions as the window.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bidkit import __version__
from bidkit.errors import BidKitError
from bidkit.paths import resolve_workspace_dir

log = logging.getLogger("bidkit.cli")

EXIT_OK, EXIT_BUG, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"bidkit: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bidkit",
        description="BidKit prepares bids for UK public-service contracts, offline. "
        "With no command it opens the window.",
        epilog="Exit codes: 0 done, 2 wrong usage, 3 input or data refused, 1 a fault in BidKit.",
    )
    parser.add_argument("--version", action="version", version=f"BidKit {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="workspace folder (default: $BIDKIT_HOME, else the user data folder)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the window without changing anything (for a workspace open elsewhere)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="fill the workspace with a realistic demo")
    demo.add_argument("--force", action="store_true", help="replace what the workspace holds")
    demo.add_argument("--json", action="store_true", help="print the result as JSON")

    org = commands.add_parser("org", help="organisation profiles")
    org_commands = org.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    org_list = org_commands.add_parser("list", help="list the organisations")
    org_list.add_argument("--json", action="store_true", help="print JSON")
    org_show = org_commands.add_parser("show", help="show one whole profile")
    org_show.add_argument("id", type=int, metavar="ID")
    org_show.add_argument("--json", action="store_true", help="print JSON")
    org_export = org_commands.add_parser("export", help="write a profile document (.json)")
    org_export.add_argument("id", type=int, metavar="ID")
    org_export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    org_import = org_commands.add_parser("import", help="add an organisation from a document")
    org_import.add_argument("file", metavar="FILE.json")
    org_import.add_argument(
        "--own", action="store_true", help="this is the workspace's own organisation"
    )
    org_import.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def _open_workspace(args: argparse.Namespace, *, write: bool) -> Any:
    from bidkit.store.workspace import Workspace

    root = resolve_workspace_dir(args.data_dir)
    if write:
        return Workspace.open(root, kind="command")
    try:
        return Workspace.open(root, kind="command")
    except BidKitError as exc:
        from bidkit.errors import WorkspaceLocked

        if not isinstance(exc, WorkspaceLocked):
            raise
        # Reading is safe while the window writes: fall back to a read-only view.
        return Workspace.open(root, read_only=True)


def _run_demo(args: argparse.Namespace) -> int:
    from bidkit.ops.demo import seed_demo

    with _open_workspace(args, write=True) as ws:
        changes = seed_demo(ws, force=args.force)
    if args.json:
        _print_json({"workspace": str(resolve_workspace_dir(args.data_dir)), "note": changes.note})
    else:
        print(changes.note or "Demo workspace ready.")
    return EXIT_OK


def _run_org(args: argparse.Namespace) -> int:
    from bidkit.ops import organisations, profile_io

    action = args.org_command
    if action == "list":
        with _open_workspace(args, write=False) as ws:
            rows = organisations.list_organisations(ws)
        data = [
            {
                "id": r.id,
                "name": r.name,
                "legal_form": r.legal_form,
                "completeness": round(r.completeness, 4),
                "own": r.own,
            }
            for r in rows
        ]
        if args.json:
            _print_json(data)
        else:
            for r in rows:
                mark = "own" if r.own else "partner"
                print(f"{r.id:>4}  {r.name}  ({mark}, {r.completeness:.0%} complete)")
        return EXIT_OK
    if action == "show":
        with _open_workspace(args, write=False) as ws:
            profile = profile_io.profile_as_dict(ws, args.id)
        if args.json:
            _print_json(profile)
        else:
            print(json.dumps(profile, indent=2, ensure_ascii=False))
        return EXIT_OK
    if action == "export":
        with _open_workspace(args, write=False) as ws:
            profile_io.export_profile(ws, args.id, Path(args.output))
        return EXIT_OK
    if action == "import":
        with _open_workspace(args, write=True) as ws:
            result = profile_io.import_profile(ws, Path(args.file), own=args.own)
        if args.json:
            _print_json({"id": result.org_id, "name": result.name})
        else:
            print(f"Imported {result.name} (id {result.org_id}).")
        return EXIT_OK
    raise AssertionError(action)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _run_demo,
    "org": _run_org,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from bidkit.ui.app import run_window

        return run_window(data_dir=args.data_dir, read_only=args.read_only)
    from bidkit.applog import setup_logging

    setup_logging(resolve_workspace_dir(args.data_dir), console=False)
    try:
        return COMMANDS[args.command](args)
    except BidKitError as exc:
        sys.stderr.write(f"bidkit: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("bidkit: interrupted; nothing was half-written.\n")
        return 130
    except Exception:
        log.exception("unexpected error in 'bidkit %s'", args.command)
        sys.stderr.write(
            "bidkit: something went wrong inside BidKit (a fault, not your input). "
            "Details are in the workspace's logs folder.\n"
        )
        return EXIT_BUG
