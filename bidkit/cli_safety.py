"""The `bidkit` commands for data safety: check, backup, backups, restore, login and person.

Kept apart from `bidkit.cli` so that module stays a list of commands; the work is in
`bidkit.ops` (health, backups, portal_logins, personal_data).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bidkit.paths import resolve_workspace_dir


def add_commands(commands: Any) -> None:
    """Add check, backup, backups, restore, login and person to the `bidkit` parser."""
    check = commands.add_parser(
        "check", help="check the database, the stored files and what open bids rely on"
    )
    check.add_argument("--quick", action="store_true", help="SQLite's quick check only")
    check.add_argument("--json", action="store_true", help="print JSON")
    backup = commands.add_parser("backup", help="take a verified backup (database and files)")
    backup.add_argument("-o", "--output", metavar="FILE.zip", help="where (default: backups/)")
    backup.add_argument("--json", action="store_true", help="print JSON")
    backups = commands.add_parser("backups", help="list the backups, newest first")
    backups.add_argument("--json", action="store_true", help="print JSON")
    restore = commands.add_parser(
        "restore", help="restore a backup (the current state is backed up first)"
    )
    restore.add_argument(
        "file", metavar="FILE.zip", help="a backup (or an older bidkit-*.sqlite3 one)"
    )
    restore.add_argument("--to", metavar="DIR", help="restore into a new, empty folder instead")
    restore.add_argument("--json", action="store_true", help="print JSON")
    login = commands.add_parser(
        "login", help="a bid's e-tendering portal login, kept in the system keyring only"
    )
    login_commands = login.add_subparsers(dest="login_command", metavar="ACTION", required=True)
    login_set = login_commands.add_parser(
        "set", help="keep a login (the password is read from standard input, never an option)"
    )
    login_set.add_argument("bid_id", type=int, metavar="BID_ID")
    login_set.add_argument("--site", required=True, help="the portal's address")
    login_set.add_argument("--user", required=True, help="your user name there")
    login_show = login_commands.add_parser("show", help="show a bid's login, password included")
    login_show.add_argument("bid_id", type=int, metavar="BID_ID")
    login_show.add_argument("--json", action="store_true", help="print JSON")
    login_forget = login_commands.add_parser("forget", help="remove a bid's login")
    login_forget.add_argument("bid_id", type=int, metavar="BID_ID")
    person = commands.add_parser("person", help="a person's data: export it, or erase them")
    person_commands = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    person_export = person_commands.add_parser(
        "export", help="everything about a person (subject access): FILE.json and FILE.txt"
    )
    person_erase = person_commands.add_parser(
        "erase", help="remove a person everywhere (profiles, answers, library, history)"
    )
    for sub in (person_export, person_erase):
        sub.add_argument("name", metavar="NAME", help="the person's full name")
        sub.add_argument("--email", default="", help="their e-mail address, also looked for")
    person_export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    person_erase.add_argument(
        "--backups", action="store_true", help="also delete the backups that still hold them"
    )
    person_erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def _run_person(args: argparse.Namespace) -> int:
    from bidkit import cli
    from bidkit.ops import personal_data

    if args.person_command == "export":
        with cli._open_workspace(args, write=False) as ws:
            report = personal_data.export_person(ws, args.name, Path(args.output), args.email)
        print(f"{len(report.mentions)} records about {report.name} written to {args.output} "
              f"and {Path(args.output).with_suffix('.txt')}.")  # fmt: skip
        return cli.EXIT_OK
    if not args.yes:
        from bidkit.errors import InputRefused

        raise InputRefused(
            "Erasing a person cannot be undone (no backup is kept of them). Run 'bidkit person "
            "export' first if they asked for their data, then add --yes."
        )
    with cli._open_workspace(args, write=True) as ws:
        changes = personal_data.erase_person(
            ws, args.name, args.email, erase_from_backups=args.backups
        )
    print(changes.note + ".")
    return cli.EXIT_OK


def _run_safety(args: argparse.Namespace) -> int:
    from bidkit import cli
    from bidkit.ops import backups, health

    root = resolve_workspace_dir(args.data_dir)
    if args.command == "check":
        report = health.check_workspace(root, full=not args.quick)
        if args.json:
            cli._print_json(report.as_json())
        else:
            print(health.describe(report))
        if not report.sound:
            sys.stderr.write(f"bidkit: {health.what_to_do(report, listed=not args.json)}\n")
            return cli.EXIT_REFUSED
        return cli.EXIT_OK
    if args.command == "backups":
        rows = backups.backups_of(root)
        if args.json:
            cli._print_json([{"file": str(b.path), "created": b.created.isoformat(),
                          "reason": b.reason, "size": b.size, "verified": b.verified,
                          "problem": b.problem or None, "format": backups.backup_format(b)}
                         for b in rows])  # fmt: skip
        else:
            for b in rows:
                state = "checked" if b.verified else b.problem or "not checked"
                if backups.backup_format(b) == "database" and b.verified:
                    state = "checked (older format: database only, no stored files)"
                print(f"{backups.show_created(b.created)}  {backups.describe_reason(b.reason)}"
                      f"  {backups.show_size(b.size)}  {state}\n    {b.path}")  # fmt: skip
        return cli.EXIT_OK
    if args.command == "backup":
        target = Path(args.output) if args.output else None
        taken = backups.back_up_workspace_at(root, target, read_only=args.read_only)
        if args.json:
            cli._print_json(taken.as_json())
        else:
            print(taken.note)
        return cli.EXIT_OK
    undo = None
    if args.to:
        info = backups.restore_backup_to(Path(args.file), Path(args.to))
        where = Path(args.to)
    else:
        restored = backups.restore_backup(root, Path(args.file))
        info, undo, where = restored, restored.undo_backup, root
    when = backups.show_created(info.created)
    if args.json:
        cli._print_json({"restored": str(args.file), "created": info.created.isoformat(),
                         "workspace": str(where),
                         "undo_backup": str(undo.path) if undo else None})  # fmt: skip
    else:
        print(f"Restored the backup taken {when} into {where}.")
        if undo is not None:
            print(f"To undo this restore, restore '{backups.name_backup(undo)}': "
                  f"bidkit restore {undo.path}")  # fmt: skip
    return cli.EXIT_OK


def _run_login(args: argparse.Namespace) -> int:
    from bidkit import cli
    from bidkit.ops import portal_logins

    if args.login_command == "set":
        if sys.stdin.isatty():
            import getpass

            password = getpass.getpass("Portal password: ")
        else:
            password = sys.stdin.readline().rstrip("\r\n")
        with cli._open_workspace(args, write=False) as ws:
            changes = portal_logins.save_portal_login(ws, args.bid_id, args.site, args.user,
                                                      password)  # fmt: skip
        print(changes.note)
        return cli.EXIT_OK
    with cli._open_workspace(args, write=False) as ws:
        if args.login_command == "forget":
            print(portal_logins.forget_portal_login(ws, args.bid_id).note)
            return cli.EXIT_OK
        login = portal_logins.portal_login(ws, args.bid_id)
    if login is None:
        from bidkit.errors import NotFound

        raise NotFound(f"Bid {args.bid_id} has no portal login kept. Add one with "
                       f"'bidkit login set {args.bid_id} --site URL --user NAME'.")  # fmt: skip
    if args.json:
        cli._print_json({"site": login.site, "user": login.user, "password": login.password})
    else:
        print(f"{login.site}\nUser: {login.user}\nPassword: {login.password}")
    return cli.EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _run_safety,
    "backup": _run_safety,
    "backups": _run_safety,
    "restore": _run_safety,
    "login": _run_login,
    "person": _run_person,
}
