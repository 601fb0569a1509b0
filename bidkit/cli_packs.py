"""The `bidkit pack ...` commands: partner packs out and in (see docs/bidpack-format.md).

Kept beside `bidkit.cli` so the pack commands are one small hunk there; they call the same
operations as the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_pack_commands(commands: Any) -> None:
    pack = commands.add_parser("pack", help="partner packs: requests out, replies in")
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="lead: write one partner's request")
    export.add_argument("bid_id", type=int, metavar="BID_ID")
    export.add_argument("--partner", type=int, required=True, metavar="ORG_ID")
    export.add_argument(
        "--format",
        choices=("bidpack", "docx"),
        default="bidpack",
        help="bidpack (for BidKit) or docx (a Word form any word processor fills in)",
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument("--json", action="store_true", help="print JSON")
    imp = actions.add_parser(
        "import", help="partner: open a request; lead: merge a reply (.bidpack or Word form)"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--bid", type=int, metavar="BID_ID", help="the bid it must be for")
    imp.add_argument("--partner", type=int, metavar="ORG_ID", help="the partner it must be from")
    imp.add_argument("--preview", action="store_true", help="say what would change; change nothing")
    imp.add_argument("--json", action="store_true", help="print JSON")
    reply = actions.add_parser("reply", help="partner: write the reply to a request opened earlier")
    reply.add_argument("bid_id", type=int, metavar="BID_ID")
    reply.add_argument("-o", "--output", required=True, metavar="FILE.bidpack")
    reply.add_argument(
        "--no-attachments",
        action="store_true",
        help="leave out the policy documents and library files your answers cite",
    )
    reply.add_argument("--json", action="store_true", help="print JSON")
    facts = actions.add_parser(
        "facts", help="lead: a reply's profile facts that differ from the partner's profile"
    )
    facts.add_argument("record", type=int, metavar="PACK_RECORD")
    facts.add_argument("--json", action="store_true", help="print JSON")
    accept = actions.add_parser("accept", help="lead: copy chosen profile facts from a reply")
    accept.add_argument("record", type=int, metavar="PACK_RECORD")
    accept.add_argument("keys", nargs="+", metavar="KEY", help="fact keys from 'pack facts'")
    accept.add_argument("--json", action="store_true", help="print JSON")
    undo = actions.add_parser("undo", help="lead: undo a whole imported reply")
    undo.add_argument("record", type=int, metavar="PACK_RECORD")
    undo.add_argument("--json", action="store_true", help="print JSON")


def _print(value: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        for key, item in value.items():
            print(f"{key}: {item}")


def _preview_json(preview: Any) -> dict[str, Any]:
    c = preview.counts
    return {
        "bid_id": preview.bid_id,
        "kind": "reply",
        "partner": preview.partner,
        "partner_id": preview.org_id,
        "answers_added": c["add"],
        "answers_changed": c["change"],
        "conflicts": c["conflict"],
        "unchanged": c["same"],
        "already_imported": preview.already_imported,
        "signed": preview.signed,
        "trust": preview.trust,
        "trust_text": preview.trust_text,
        "profile_changes": preview.profile_facts,
        "attachments": preview.attachments,
        "preview": True,
    }


def _import(ws: Any, args: argparse.Namespace) -> dict[str, Any]:
    from bidkit.consortium.pack_checks import check_pack
    from bidkit.consortium.pack_files import read_pack_file
    from bidkit.errors import InputRefused
    from bidkit.ops import pack_merge, packs, partner_packs

    path = Path(args.file)
    if path.suffix.lower() == ".docx":
        from bidkit.ops import word_forms

        if args.bid is None or args.partner is None:
            raise InputRefused(
                "A filled Word form needs the bid and the partner it answers: add "
                "--bid BID_ID --partner ORG_ID."
            )
        if args.preview:
            return _preview_json(word_forms.preview_word_form(ws, path, args.bid, args.partner))
        preview = word_forms.preview_word_form(ws, path, args.bid, args.partner)
        changes = pack_merge.store_reply(ws, preview)
        if changes.created is None:
            return {
                **_preview_json(preview),
                "preview": False,
                "answers_added": 0,
                "answers_changed": 0,
                "conflicts": 0,
                "note": changes.note,
            }
        summary = pack_merge.pack_summary(ws, changes.created)
        summary["note"] = changes.note
        return summary
    pack = check_pack(path.name, read_pack_file(path))
    if pack.kind == "request" and args.bid is None and args.partner is None:
        changes = partner_packs.open_request(ws, path)
        bid_id = changes.created
        return {
            "bid_id": bid_id,
            "kind": "request",
            "note": changes.note,
            "questions": _question_count(ws, bid_id or 0),
            "signed": pack.signature is not None,
            "attachments": [
                {"name": name, "size": len(data)} for name, data in sorted(pack.attachments.items())
            ],
        }
    with ws.session() as session:
        preview = packs.plan_reply(session, pack, args.bid, args.partner)
    if args.preview:
        return _preview_json(preview)
    changes = pack_merge.store_reply(ws, preview)
    if changes.created is None:  # already imported
        result = _preview_json(preview)
        result.update(
            {
                "preview": False,
                "answers_added": 0,
                "answers_changed": 0,
                "conflicts": 0,
                "note": changes.note,
            }
        )
        return result
    summary = pack_merge.pack_summary(ws, changes.created or 0)
    summary["note"] = changes.note
    return summary


def _question_count(ws: Any, bid_id: int) -> int:
    from bidkit.ops.consortium import requested_questions

    return requested_questions(ws, bid_id)


def run_pack(args: argparse.Namespace, open_workspace: Any) -> int:
    from bidkit.ops import pack_merge, packs, partner_packs

    with open_workspace(args, write=True) as ws:
        if args.pack_command == "export" and args.format == "docx":
            from bidkit.ops.word_forms import export_word_form

            changes = export_word_form(ws, args.bid_id, args.partner, Path(args.output))
            result = pack_merge.pack_summary(ws, changes.created or 0)
            result["note"] = changes.note
        elif args.pack_command == "export":
            changes = packs.export_request(ws, args.bid_id, args.partner, Path(args.output))
            result = pack_merge.pack_summary(ws, changes.created or 0)
            result["note"] = changes.note
        elif args.pack_command == "import":
            result = _import(ws, args)
        elif args.pack_command == "reply":
            changes = partner_packs.export_reply(
                ws, args.bid_id, Path(args.output), with_attachments=not args.no_attachments
            )
            result = pack_merge.pack_summary(ws, changes.created or 0)
            result["note"] = changes.note
        elif args.pack_command == "facts":
            from bidkit.ops.partner_profile_updates import offered_facts

            result = {"record": args.record, "facts": offered_facts(ws, args.record)}
        elif args.pack_command == "accept":
            from bidkit.ops.partner_profile_updates import accept_facts

            changes = accept_facts(ws, args.record, args.keys)
            result = {"record": args.record, "accepted": args.keys, "note": changes.note}
        else:
            changes = pack_merge.undo_import(ws, args.record)
            result = {"undone": args.record, "note": changes.note}
    is_pack = str(result.get("file", "")).endswith(".bidpack")
    if is_pack and "signed" in result and not result["signed"] and not args.json:
        sys.stderr.write("bidkit: warning: the pack is unsigned (no secure keyring).\n")
    _print(result, args.json)
    return 0
