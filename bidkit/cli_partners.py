"""The `bidkit partner ...` commands: a consortium bid's agreements with their signed copies,
and the documents exchanged with partners through packs (see docs/bidpack-format.md).

Kept beside `bidkit.cli` so these commands are one small hunk there; they call the same
operations as the bid's Partners tab.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_partner_commands(commands: Any) -> None:
    partner = commands.add_parser(
        "partner", help="consortium: agreements and their signed copies, partner documents"
    )
    actions = partner.add_subparsers(dest="partner_command", metavar="ACTION", required=True)
    listing = actions.add_parser("agreements", help="a bid's agreements, status and signed copy")
    listing.add_argument("bid_id", type=int, metavar="BID_ID")
    listing.add_argument("--json", action="store_true", help="print JSON")
    agreement = actions.add_parser("agreement", help="attach or save an agreement's signed copy")
    steps = agreement.add_subparsers(dest="agreement_command", metavar="STEP", required=True)
    attach = steps.add_parser("attach", help="keep the signed copy (marks the agreement signed)")
    attach.add_argument("agreement_id", type=int, metavar="AGREEMENT_ID")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--json", action="store_true", help="print JSON")
    save = steps.add_parser("save", help="write a copy of the signed agreement")
    save.add_argument("agreement_id", type=int, metavar="AGREEMENT_ID")
    save.add_argument("-o", "--output", required=True, metavar="FILE")
    save.add_argument("--json", action="store_true", help="print JSON")
    documents = actions.add_parser("documents", help="documents exchanged with partners")
    documents.add_argument("bid_id", type=int, metavar="BID_ID")
    documents.add_argument("--json", action="store_true", help="print JSON")
    document = actions.add_parser("document", help="add, save or remove a partner document")
    doc_steps = document.add_subparsers(dest="document_command", metavar="STEP", required=True)
    add = doc_steps.add_parser("add", help="lead: a document sent with each request to a partner")
    add.add_argument("bid_id", type=int, metavar="BID_ID")
    add.add_argument("--partner", type=int, required=True, metavar="ORG_ID")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--json", action="store_true", help="print JSON")
    save_doc = doc_steps.add_parser("save", help="write a copy of a document")
    save_doc.add_argument("document_id", type=int, metavar="DOCUMENT_ID")
    save_doc.add_argument("-o", "--output", required=True, metavar="FILE")
    save_doc.add_argument("--json", action="store_true", help="print JSON")
    remove = doc_steps.add_parser("remove", help="forget a document on the bid")
    remove.add_argument("document_id", type=int, metavar="DOCUMENT_ID")
    remove.add_argument("--json", action="store_true", help="print JSON")


def _print(value: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
    elif isinstance(value, list):
        for row in value:
            print("  ".join(str(v) for v in row.values()))
    else:
        for key, item in value.items():
            print(f"{key}: {item}")


def _agreements(ws: Any, bid_id: int) -> list[dict[str, Any]]:
    from bidkit.ops.consortium import consortium_view

    view = consortium_view(ws, bid_id)
    return [
        {
            "id": a.id,
            "title": a.title or a.kind_label,
            "with": a.party,
            "status": a.status,
            "signed_copy": a.file_name,
            "signed_copy_missing": a.copy_missing,
        }
        for a in view.agreements
    ]


def _documents(ws: Any, bid_id: int) -> list[dict[str, Any]]:
    from bidkit.ops.consortium import consortium_view

    return [
        {
            "id": d.id,
            "file": d.file_name,
            "with": d.party,
            "direction": d.direction,
            "size": d.size_text,
            "cited_by": d.cited_by,
            "added": d.added_on,
        }
        for d in consortium_view(ws, bid_id).documents
    ]


def run_partner(args: argparse.Namespace, open_workspace: Any) -> int:
    from bidkit.ops import agreement_files, partner_documents

    reading = args.partner_command in ("agreements", "documents") or (
        getattr(args, "agreement_command", "") == "save"
        or getattr(args, "document_command", "") == "save"
    )
    with open_workspace(args, write=not reading) as ws:
        result: Any
        if args.partner_command == "agreements":
            result = _agreements(ws, args.bid_id)
        elif args.partner_command == "documents":
            result = _documents(ws, args.bid_id)
        elif args.partner_command == "agreement" and args.agreement_command == "attach":
            changes = agreement_files.attach_agreement_file(ws, args.agreement_id, Path(args.file))
            result = {"agreement": args.agreement_id, "status": "signed", "note": changes.note}
        elif args.partner_command == "agreement":
            path = agreement_files.save_agreement_copy(ws, args.agreement_id, Path(args.output))
            result = {"agreement": args.agreement_id, "file": str(path)}
        elif args.document_command == "add":
            changes = partner_documents.add_partner_document(
                ws, args.bid_id, args.partner, Path(args.file)
            )
            result = {"bid_id": args.bid_id, "partner_id": args.partner, "note": changes.note}
        elif args.document_command == "save":
            path = partner_documents.save_partner_document_copy(
                ws, args.document_id, Path(args.output)
            )
            result = {"document": args.document_id, "file": str(path)}
        else:
            changes = partner_documents.remove_partner_document(ws, args.document_id)
            result = {"document": args.document_id, "note": changes.note}
    _print(result, args.json)
    return 0
