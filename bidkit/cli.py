"""The `bidkit` command: opens the window, or runs one operation for scripts and tests.

Exit codes (see docs CLI.md): 0 success, 2 wrong usage, 3 input or data refused (one line on
stderr saying what to do), 1 a bug. Every data-producing command calls the same `bidkit.ops`
functions as the window.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bidkit import __version__, cli_safety
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

    forms = commands.add_parser("forms", help="the questionnaires BidKit knows")
    forms_commands = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    forms_list = forms_commands.add_parser("list", help="list the questionnaires")
    forms_list.add_argument("--json", action="store_true", help="print JSON")
    forms_import = forms_commands.add_parser(
        "import", help="read a buyer's own Word questionnaire, attach it to a bid and pre-fill it"
    )
    forms_import.add_argument("file", metavar="FILE.docx")
    forms_import.add_argument("--bid", type=int, required=True, metavar="BID_ID")
    forms_import.add_argument("--json", action="store_true", help="print JSON")

    bid = commands.add_parser("bid", help="bids")
    bid_commands = bid.add_subparsers(dest="bid_command", metavar="ACTION", required=True)
    bid_list = bid_commands.add_parser("list", help="list the bids, soonest deadline first")
    bid_list.add_argument("--json", action="store_true", help="print JSON")
    bid_new = bid_commands.add_parser("new", help="start a bid")
    bid_new.add_argument("--title", required=True, help="the contract's name")
    bid_new.add_argument("--buyer", required=True, help="the buying organisation")
    bid_new.add_argument(
        "--deadline",
        required=True,
        metavar="WHEN",
        help="submission deadline in UK time: 31/03/2026 12:00, 2026-03-31T12:00, or a date "
        "alone for the end of that day",
    )
    bid_new.add_argument("--org", type=int, metavar="ID", help="lead organisation (default: own)")
    bid_new.add_argument("--form", metavar="FORM_ID", help="attach and pre-fill a questionnaire")
    bid_new.add_argument("--reference", default="", help="the buyer's reference for the tender")
    bid_new.add_argument("--value", metavar="AMOUNT", help="estimated contract value, e.g. 450000")
    bid_new.add_argument("--currency", default="GBP", help="currency of --value (default GBP)")
    bid_new.add_argument("--json", action="store_true", help="print JSON")

    notice = commands.add_parser("notice", help="tender notices (OCDS JSON)")
    notice_commands = notice.add_subparsers(dest="notice_command", metavar="ACTION", required=True)
    notice_import = notice_commands.add_parser(
        "import", help="add or update bids from an OCDS release or record package"
    )
    notice_import.add_argument("file", metavar="FILE.json")
    notice_import.add_argument("--org", type=int, metavar="ID", help="lead organisation")
    notice_import.add_argument("--json", action="store_true", help="print JSON")

    deadlines = commands.add_parser("deadlines", help="dates coming up on open bids")
    deadlines.add_argument("--days", type=int, metavar="N", help="only the next N days")
    deadlines.add_argument("--json", action="store_true", help="print JSON")

    calendar = commands.add_parser("calendar", help="bid dates for your calendar")
    calendar_commands = calendar.add_subparsers(
        dest="calendar_command", metavar="ACTION", required=True
    )
    calendar_export = calendar_commands.add_parser(
        "export", help="write every open bid's dates, with reminders, to an .ics file"
    )
    calendar_export.add_argument("-o", "--output", required=True, metavar="FILE.ics")

    evidence = commands.add_parser("evidence", help="the evidence library")
    evidence_commands = evidence.add_subparsers(
        dest="evidence_command", metavar="ACTION", required=True
    )
    evidence_add = evidence_commands.add_parser("add", help="add one item from a text file")
    evidence_add.add_argument("--title", required=True, help="the item's title")
    evidence_add.add_argument(
        "--body-file", required=True, metavar="FILE", help="UTF-8 text file with the item's text"
    )
    evidence_add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag "
                              "(repeat for more)")  # fmt: skip
    evidence_add.add_argument("--expires", metavar="DATE", help="expiry date, e.g. 2027-03-31")
    evidence_add.add_argument("--json", action="store_true", help="print JSON")
    evidence_import = evidence_commands.add_parser(
        "import", help="split Word (.docx) files, or a folder of them, into items at headings"
    )
    evidence_import.add_argument("path", metavar="PATH", nargs="+")
    evidence_import.add_argument("--json", action="store_true", help="print JSON")
    evidence_search = evidence_commands.add_parser("search", help="full-text search, best first")
    evidence_search.add_argument("query", metavar="QUERY")
    evidence_search.add_argument("--limit", type=int, default=20, metavar="N")
    evidence_search.add_argument("--json", action="store_true", help="print JSON")

    prefill = commands.add_parser("prefill", help="pre-fill a bid's questionnaire, show coverage")
    prefill.add_argument("bid_id", type=int, metavar="BID_ID")
    prefill.add_argument("--json", action="store_true", help="print JSON")

    from bidkit.cli_packs import add_pack_commands
    from bidkit.cli_partners import add_partner_commands

    add_pack_commands(commands)
    add_partner_commands(commands)

    export = commands.add_parser("export", help="write a bid's completed questionnaire (Word/PDF)"
                                 " or its submission package")  # fmt: skip
    export.add_argument("bid_id", type=int, metavar="BID_ID")
    export.add_argument("--format", required=True, choices=["docx", "pdf", "package", "buyer"],
                        help="file format; package: the Word and PDF files with every "
                        "document the answers cite, named as appendices, in a new folder "
                        "or a .zip (-o DIR or -o FILE.zip); buyer: the buyer's own Word file, "
                        "filled in")  # fmt: skip
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument("--form", metavar="FORM_ID", help="which questionnaire (default: first)")
    export.add_argument(
        "--section", action="append", metavar="NUMBER", help="only this top-level section (repeat)"
    )
    export.add_argument(
        "--no-question-text", action="store_true", help="numbers only, without the questions"
    )
    export.add_argument("--allow-over-limit", action="store_true", help="send a final (not "
                        "draft) export even with answers over their word or character limit "
                        "(refused without it; drafts mark such answers)")  # fmt: skip
    export.add_argument("--report", metavar="FILE", help="also write the compliance report "
                        "(.json for JSON, anything else for text)")  # fmt: skip
    export.add_argument("--json", action="store_true", help="print JSON")
    cli_safety.add_commands(commands)
    return parser


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def _open_workspace(args: argparse.Namespace, *, write: bool) -> Any:
    from bidkit.store.workspace import Workspace

    root = resolve_workspace_dir(args.data_dir)
    if write:
        from bidkit.store.location import location_warning

        ws = Workspace.open(root, kind="command", start_checks=True)
        warning = location_warning(root)
        if warning:
            sys.stderr.write(f"bidkit: warning: {warning}\n")
        return ws
    try:
        return Workspace.open(root, kind="command")
    except BidKitError as exc:
        from bidkit.errors import DatabaseNotWritable, DiskFull, WorkspaceLocked

        if not isinstance(exc, WorkspaceLocked | DiskFull | DatabaseNotWritable):
            raise
        # Reading is safe while the window writes, on a full disk or in a folder that cannot
        # be written: fall back to a read-only view (it refuses plainly if it cannot read).
        try:
            return Workspace.open(root, read_only=True)
        except BidKitError:
            raise exc from None


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
            # A new profile takes part in no bid yet: adding it to one pre-fills its answers.
            result = profile_io.import_profile(ws, Path(args.file), own=args.own)
        if args.json:
            _print_json({"id": result.org_id, "name": result.name})
        else:
            print(f"Imported {result.name} (id {result.org_id}).")
        return EXIT_OK
    raise AssertionError(action)


def _run_forms(args: argparse.Namespace) -> int:
    from bidkit.forms.catalog import shipped_forms

    if args.forms_command == "import":
        from bidkit.ops.buyer_forms import import_buyer_form

        with _open_workspace(args, write=True) as ws:
            _, imported = import_buyer_form(ws, Path(args.file), args.bid)
        if args.json:
            _print_json(imported.as_json())
        else:
            print(
                f"{imported.form_id}: {imported.questions} questions, {imported.prefilled} "
                f"pre-filled ({imported.coverage:.0%} of {imported.reusable} reusable)"
            )
        return EXIT_OK

    forms = shipped_forms()
    data = [
        {
            "id": f.id,
            "title": f.title,
            "version": f.version,
            "sections": f.section_count(),
            "questions": sum(1 for _ in f.questions()),
        }
        for f in forms
    ]
    if args.json:
        _print_json(data)
    else:
        for row in data:
            print(f"{row['id']:<28} {row['title']} ({row['version']}), "
                  f"{row['questions']} questions")  # fmt: skip
    return EXIT_OK


def _run_bid(args: argparse.Namespace) -> int:
    from bidkit.bids.uktime import read_deadline, show_uk
    from bidkit.ops import bids

    if args.bid_command == "list":
        with _open_workspace(args, write=False) as ws:
            rows = bids.list_bids(ws)
        if args.json:
            _print_json(
                [
                    {
                        "id": b.id,
                        "title": b.title,
                        "buyer": b.buyer,
                        "status": b.status,
                        "deadline": b.deadline.isoformat() if b.deadline else None,
                        "lead_org_id": b.lead_org_id,
                    }
                    for b in rows
                ]
            )
        else:
            for b in rows:
                due = show_uk(b.deadline) if b.deadline else "no deadline"
                print(f"{b.id:>4}  {due:<16}  {b.title} ({b.buyer}), {b.status}")
        return EXIT_OK
    deadline = read_deadline(args.deadline)
    with _open_workspace(args, write=True) as ws:
        changes = bids.create_bid(
            ws, title=args.title, buyer=args.buyer, deadline=deadline.at, org_id=args.org,
            form_id=args.form, reference=args.reference, value=args.value,
            currency=args.currency, deadline_all_day=deadline.all_day,
        )  # fmt: skip
    if deadline.note:
        sys.stderr.write(f"bidkit: {deadline.note}\n")  # which of two 01:30s was taken
    if args.json:
        _print_json({"id": changes.created})
    else:
        print(f"Bid {changes.created} added.")
    return EXIT_OK


def _answers_follow_sources(ws: Any) -> None:
    """After a library change, pre-fill again so answers follow their sources.

    The same operation the window runs when such a change arrives; its own transaction.
    """
    from bidkit.ops.questionnaires import reapply_prefill

    reapply_prefill(ws)


def _run_prefill(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from bidkit.ops.questionnaires import coverage_report, reapply_prefill
    from bidkit.store.queries import get_bid

    with _open_workspace(args, write=True) as ws:
        with ws.session() as session:
            get_bid(session, args.bid_id)
        if not ws.read_only:
            reapply_prefill(ws, [args.bid_id])
        reports = coverage_report(ws, args.bid_id)
    if not reports:
        from bidkit.errors import InputRefused

        raise InputRefused(
            f"Bid {args.bid_id} has no questionnaire attached. Attach one in the window (the "
            "Questionnaires page), or a buyer's own Word questionnaire with 'bidkit forms "
            f"import FILE.docx --bid {args.bid_id}'."
        )
    data = [
        {
            "form": r.form_id,
            "questions": r.questions,
            "reusable": r.reusable,
            "prefilled": r.prefilled,
            "coverage": round(r.coverage, 4),
            "missing": [m.question_id for m in r.missing],
            "reasons": {m.question_id: m.reason for m in r.missing},
            "gaps": [asdict(m) for m in r.missing],
            "progress": [asdict(p) for p in r.progress],
        }
        for r in reports
    ]
    if args.json:
        _print_json(data[0] if len(data) == 1 else data)
    else:
        for r in reports:
            print(f"{r.title}: {r.prefilled} of {r.reusable} reusable answers pre-filled "
                  f"({r.coverage:.0%}); {r.questions} questions in all.")  # fmt: skip
            figures = " · ".join(f"{p.name} {p.answered}/{p.required}" for p in r.progress)
            if figures:
                print(f"Required answers given: {figures}")
            if r.missing:
                print(f"Missing ({len(r.missing)}):")
            for m in r.missing:
                print(f"  {m.describe()}")
    return EXIT_OK


def _run_notice(args: argparse.Namespace) -> int:
    from bidkit.bids.notices import notice_as_json
    from bidkit.ops.notice_import import import_notice_file

    with _open_workspace(args, write=True) as ws:
        result = import_notice_file(ws, Path(args.file), org_id=args.org)
    if args.json:
        _print_json([notice_as_json(n.preview, n.bid_id) for n in result.notices])
    else:
        for n in result.notices:
            action = "added" if n.created else "updated"
            if n.preview.record:
                action += f" as a record ({n.preview.notice_type} notice)"
            buyer = f" ({n.preview.buyer})" if n.preview.buyer else ""
            print(f"Bid {n.bid_id} {action}: {n.preview.title}{buyer}")
            for warning in n.preview.warnings:
                print(f"  check: {warning}")
    return EXIT_OK


def _run_deadlines(args: argparse.Namespace) -> int:
    from bidkit.ops.bid_overview import show_due, upcoming_deadlines

    if args.days is not None and args.days < 0:
        from bidkit.errors import InputRefused

        raise InputRefused("--days counts days ahead, so it is 0 or more.")
    with _open_workspace(args, write=False) as ws:
        dates = upcoming_deadlines(ws, days=args.days)
    if args.json:
        _print_json(
            [
                {
                    "bid_id": d.bid_id,
                    "kind": d.kind,
                    "due": d.due.isoformat(),
                    "title": d.title,
                    "label": d.label,
                    "all_day": d.all_day,
                }
                for d in dates
            ]
        )
    else:
        for d in dates:
            print(f"{show_due(d.due, d.all_day):<24}  {d.label}: {d.title} (bid {d.bid_id})")
    return EXIT_OK


def _run_calendar(args: argparse.Namespace) -> int:
    from bidkit.ops.bid_overview import export_calendar

    with _open_workspace(args, write=False) as ws:
        count = export_calendar(ws, Path(args.output))
    print(f"{count} dates written to {args.output}.")
    return EXIT_OK


def _run_export_buyer(args: argparse.Namespace) -> int:
    from bidkit.ops.buyer_forms import export_buyer_form

    with _open_workspace(args, write=False) as ws:
        result = export_buyer_form(ws, args.bid_id, Path(args.output), args.form)
    if args.json:
        skipped = [{"question": q, "reason": r} for q, r in result.skipped]
        _print_json(
            {
                "path": str(result.path),
                "format": "buyer",
                "form_id": result.form_id,
                "placed": result.placed,
                "answered": result.answered,
                "skipped": skipped,
            }
        )
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    from bidkit.export.build import ExportOptions
    from bidkit.export.compliance import check_compliance
    from bidkit.ops.export import export_bid, load_content
    from bidkit.store.atomic import write_text_atomic

    if args.format == "buyer":
        return _run_export_buyer(args)
    options = ExportOptions(
        sections=frozenset(args.section) if args.section else None,
        include_question_text=not args.no_question_text,
        allow_over_limit=args.allow_over_limit,
    )
    suffix = Path(args.output).suffix.lower()
    if args.format == "package" and suffix in (".docx", ".pdf"):
        from bidkit.errors import InputRefused

        raise InputRefused(f"A package is a folder or a .zip, not a {suffix} file: name it "
                           f"{Path(args.output).with_suffix('.zip').name}, or use --format "
                           f"{suffix.lstrip('.')}.")  # fmt: skip
    other = {"docx": ".pdf", "pdf": ".docx", "package": ""}[args.format]
    if other and suffix == other:
        from bidkit.errors import InputRefused

        raise InputRefused(
            f"The file name ends in {suffix} but the format is {args.format}: name it "
            f"{Path(args.output).with_suffix('.' + args.format).name}, or use --format "
            f"{other.lstrip('.')}."
        )
    # Exporting only reads, so it works while the window has the workspace open.
    with _open_workspace(args, write=False) as ws:
        if args.section:
            known = {s.number for s in load_content(ws, args.bid_id, args.form).form.sections}
            unknown = sorted(set(args.section) - known)
            if unknown:
                from bidkit.errors import InputRefused

                raise InputRefused(f"This questionnaire has no section {', '.join(unknown)}; "
                                   f"its sections are {', '.join(sorted(known))}.")  # fmt: skip
        result = export_bid(ws, args.bid_id, args.format, Path(args.output), options,
                            form_id=args.form)  # fmt: skip
        report = check_compliance(load_content(ws, args.bid_id, args.form), options)
    if args.report:
        text = report.as_json() if args.report.endswith(".json") else report.as_text()
        try:
            write_text_atomic(Path(args.report), text)
        except OSError as exc:
            from bidkit.errors import InputRefused

            raise InputRefused(f"Wrote {result.path}, but BidKit cannot write the report to "
                               f"{args.report}: {exc.strerror or exc}.") from exc  # fmt: skip
    if args.json:
        _print_json(
            {
                "path": str(result.path),
                "format": result.format.value,
                "draft": result.draft,
                "sections": result.sections,
                "questions": result.questions,
                "bytes": result.size,
                "problems": report.counts(),
                "files": list(result.files),
            }
        )
    else:
        state = "draft" if result.draft else "final"
        print(f"Wrote {result.path} ({state}, {result.questions} questions).")
        if report.problems:
            print(f"{len(report.problems)} compliance problems; see --report for the list.")
    return EXIT_OK


def _run_evidence(args: argparse.Namespace) -> int:
    from bidkit.ops import evidence

    action = args.evidence_command
    if action == "add":
        body = evidence.read_body_file(Path(args.body_file))
        expires = evidence.read_date(args.expires, "--expires") if args.expires else None
        with _open_workspace(args, write=True) as ws:
            changes = evidence.add_evidence_from_text(
                ws, args.title, body, tags=args.tag, expires_on=expires
            )
            _answers_follow_sources(ws)
        if args.json:
            _print_json({"id": changes.created})
        else:
            print(f"Evidence item {changes.created} added.")
        return EXIT_OK
    if action == "import":
        with _open_workspace(args, write=True) as ws:
            result = evidence.import_word_documents(ws, [Path(p) for p in args.path])
            _answers_follow_sources(ws)
        if args.json:
            _print_json({"imported": result.items, "skipped": len(result.skipped),
                         "files": result.files, "skipped_files": list(result.skipped)})  # fmt: skip
        else:
            skipped = len(result.skipped)
            extra = (
                f"; skipped {skipped} other file{'s' if skipped != 1 else ''}" if skipped else ""
            )
            items = f"{result.items} item{'s' if result.items != 1 else ''}"
            documents = f"{result.files} Word document{'s' if result.files != 1 else ''}"
            print(f"Imported {items} from {documents}{extra}.")
        return EXIT_OK
    if args.limit < 1:
        from bidkit.errors import InputRefused

        raise InputRefused("--limit must be 1 or more.")
    with _open_workspace(args, write=False) as ws:
        hits = evidence.search_library(ws, args.query, limit=args.limit, as_you_type=False)
    if args.json:
        _print_json([{"id": h.id, "title": h.title, "snippet": h.plain_snippet,
                      "score": round(-h.score, 4) + 0.0} for h in hits])  # fmt: skip
    else:
        for h in hits:
            print(f"{h.id:>5}  {h.title}\n       {h.plain_snippet}")
    return EXIT_OK


def _run_pack(args: argparse.Namespace) -> int:
    from bidkit.cli_packs import run_pack

    return run_pack(args, _open_workspace)


def _run_partner(args: argparse.Namespace) -> int:
    from bidkit.cli_partners import run_partner

    return run_partner(args, _open_workspace)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    **cli_safety.HANDLERS,
    "demo": _run_demo,
    "org": _run_org,
    "forms": _run_forms,
    "bid": _run_bid,
    "notice": _run_notice,
    "deadlines": _run_deadlines,
    "calendar": _run_calendar,
    "prefill": _run_prefill,
    "evidence": _run_evidence,
    "export": _run_export,
    "pack": _run_pack,
    "partner": _run_partner,
}


def _has_screen() -> bool:
    """Qt aborts the whole process when it finds no display, so look first (Linux and BSD)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def _window_options(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(workspace folder, read-only) when `argv` only opens the window, else None.

    Most starts just open the window: they are answered without building the parser of
    every command, which is a noticeable part of the time before the window shows. Anything
    else (a command, --help, an abbreviated option, a mistake) goes to the full parser.
    """
    data_dir: str | None = None
    read_only = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--read-only":
            read_only = True
        elif arg == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir="):
            data_dir = arg.partition("=")[2]
        else:
            return None
    return data_dir, read_only


def _pack_argument(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """A .bidpack file given to open in the window (a file manager opening a pack):
    (the other arguments, the file); else (argv, None)."""
    files = [a for a in argv if a.lower().endswith(".bidpack") and not a.startswith("-")]
    rest = [a for a in argv if a not in files]
    if len(files) != 1 or _window_options(rest) is None:
        return list(argv), None
    return rest, files[0]


def _open_window(data_dir: str | None, read_only: bool, pack: str | None = None) -> int:
    if not _has_screen():
        sys.stderr.write(
            "bidkit: there is no screen to open the window on (DISPLAY and WAYLAND_DISPLAY "
            "are not set). Run BidKit from a desktop session, or use a command such as "
            "'bidkit org list' (see 'bidkit --help').\n"
        )
        return EXIT_REFUSED
    from bidkit.ui.app import run_window

    return run_window(data_dir=data_dir, read_only=read_only, pack=pack)


def main(argv: Sequence[str] | None = None) -> int:
    given, pack = _pack_argument(sys.argv[1:] if argv is None else argv)
    window = _window_options(given)
    if window is not None:
        return _open_window(*window, pack=pack)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_window(args.data_dir, args.read_only)
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
    except BrokenPipeError:
        # The reader went away (`bidkit bid list | head`): not a fault. Point stdout at
        # /dev/null so Python's own flush at exit does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from bidkit.store.database_errors import explain

        plain = explain(exc, resolve_workspace_dir(args.data_dir))
        if plain is not None:
            # A database problem that reached here unexplained: still the environment's.
            log.warning("database problem in 'bidkit %s': %s", args.command, exc)
            sys.stderr.write(f"bidkit: {plain.message}\n")
            return plain.exit_code
        log.exception("unexpected error in 'bidkit %s'", args.command)
        sys.stderr.write(
            "bidkit: something went wrong inside BidKit (a fault, not your input). "
            "Details are in the workspace's logs folder.\n"
        )
        return EXIT_BUG
