"""Partner-pack figures: merging 10 reply packs of up to 150 answers each, and a reply's size.

Prints one JSON object:
- `merge_10_packs_s`: check and merge 10 successive reply packs from one partner into the demo's
  consortium bid (every questionnaire attached), each with `answers_per_pack` answers;
- `baseline_10_packs_s`: the raw libraries reading the same packs (zipfile + json + hashlib:
  open, hash every member, parse the JSON), the floor any checked import pays;
- `ratio`: merge / baseline;
- `of_which_backups_s`: the verified backups taken before each import, measured on their own;
- `typical_reply_bytes`: size of one reply pack;
- the same with attachments (`..._with_attachments`): 10 more replies, each carrying the
  partner's three cited policy documents (PDF-like, 40 KB to 600 KB; the same files each time,
  so only the first import stores them), against the raw read of the same packs.

    .venv/bin/python benchmarks/packs.py
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bidkit.consortium.attachments import Outgoing, pack_attachments
from bidkit.consortium.pack_format import REPLY, PackContent, build_pack
from bidkit.forms.catalog import get_form
from bidkit.forms.schema import AnswerType, Question
from bidkit.ops import pack_merge, packs
from bidkit.ops.demo import seed_demo
from bidkit.ops.questionnaires import attach_form, read_questionnaire
from bidkit.store.workspace import Workspace

PACKS, PER_PACK = 10, 150
#: Three cited policy documents (sizes of real scanned or exported PDFs).
ATTACHMENT_SIZES = {"Safeguarding policy.pdf": 600_000, "Insurance schedule.pdf": 180_000,
                    "Equality policy.pdf": 40_000}  # fmt: skip


def _attachments() -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    import random

    rng = random.Random(7)  # fixed bytes: PDF-like and barely compressible
    files = [
        Outgoing(name, b"%PDF-1.7\n" + rng.randbytes(size), "Policy", ["4.1"])
        for name, size in ATTACHMENT_SIZES.items()
    ]
    return pack_attachments(files)


def _raw_read(files: list[Path]) -> float:
    """The floor: zipfile opens each pack, hashlib hashes every member, json parses the JSON."""
    start = time.perf_counter()
    for path in files:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            for name in archive.namelist():
                raw = archive.read(name)
                hashlib.sha256(raw).hexdigest()
                if name.endswith(".json"):
                    json.loads(raw)
    return time.perf_counter() - start


TEXT = (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT)
MEMBER = 2  # the demo's Northside Advice Centre, a consortium member


def _value(question: Question, n: int) -> Any:
    """A well-shaped answer of `question`'s type for round `n`."""
    kind = question.type
    first = question.options[0].id if question.options else "a"
    shapes: dict[AnswerType, Any] = {
        AnswerType.YES_NO: "yes" if n % 2 else "no",
        AnswerType.YES_NO_DETAILS: {"answer": "no", "details": f"Round {n}"},
        AnswerType.SINGLE_CHOICE: first,
        AnswerType.MULTIPLE_CHOICE: [first],
        AnswerType.TABLE: [{c.id: f"Round {n}" for c in question.columns}],
        AnswerType.DECLARATION: {"agreed": True, "name": "J Clarke", "date": "2026-12-01"},
        AnswerType.DATE: f"2026-12-{n:02d}",
        AnswerType.MONEY: f"{1000 * n}.00",
        AnswerType.NUMBER: str(n),
    }
    return shapes.get(
        kind,
        f"Round {n}: the partner's answer to {question.number}, with a "
        "paragraph of realistic length about how the service is run.",
    )


def _owed(ws: Workspace, bid_id: int, org_id: int) -> list[tuple[str, Question]]:
    owed = []
    for form_id in ("council-care-support-pqq", "uk-sq-ppn-03-23", "uk-pa2023-cdp-psq"):
        snap = read_questionnaire(ws, bid_id, form_id)
        rules = snap.rules()
        for q in get_form(form_id).questions():
            if q.type is not AnswerType.EVIDENCE and org_id in rules.keys(q):
                owed.append((form_id, q))
    return owed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = Workspace.open(folder / "lead")
        try:
            seed_demo(ws, force=False)
            bid_id, partner = 2, MEMBER
            for form_id in ("council-care-support-pqq", "uk-pa2023-cdp-psq"):
                try:
                    attach_form(ws, bid_id, form_id)
                except Exception:  # already attached
                    pass
            packs.export_request(ws, bid_id, partner, folder / "request.bidpack")
            with ws.session() as session:
                from sqlmodel import select

                from bidkit.model.bid import BidPartner

                exchange = session.exec(
                    select(BidPartner).where(BidPartner.organisation_id == partner)
                ).first()
                assert exchange is not None
            owed = _owed(ws, bid_id, partner)[:PER_PACK]
            files, attached = [], []
            members, listing = _attachments()
            for n in range(1, 2 * PACKS + 1):
                forms: dict[str, list[dict[str, object]]] = {}
                for form_id, question in owed:
                    forms.setdefault(form_id, []).append(
                        {"question_id": question.id, "value": _value(question, n)}
                    )
                content = PackContent(
                    kind=REPLY,
                    exchange_id=exchange.exchange_id,
                    sequence=n,
                    bid={"lead_bid_id": bid_id},
                    partner={"name": "Northside"},
                    sender="bench",
                    created_at="2026-12-03T00:00:00+00:00",
                    content={
                        "forms": [{"form_id": f, "answers": a} for f, a in forms.items()],
                        "attachments": listing if n > PACKS else [],
                    },
                    attachments=members if n > PACKS else {},
                )
                data, _ = build_pack(content, lambda _d: None)
                path = folder / f"reply-{n}.bidpack"
                path.write_bytes(data)
                (attached if n > PACKS else files).append(path)

            baseline = _raw_read(files)
            start = time.perf_counter()
            for path in files:
                pack_merge.import_reply(ws, path)
            merge = time.perf_counter() - start
            baseline_attached = _raw_read(attached)
            start = time.perf_counter()
            for path in attached:
                pack_merge.import_reply(ws, path)
            merge_attached = time.perf_counter() - start

            # The verified backup each import takes first (SQLite's backup API + integrity check).
            start = time.perf_counter()
            for _ in files:
                ws.backup("benchmark")
            backups = time.perf_counter() - start
            size = files[0].stat().st_size
            size_attached = attached[0].stat().st_size
        finally:
            ws.close()
    print(
        json.dumps(
            {
                "name": "packs",
                "packs": PACKS,
                "answers_per_pack": len(owed),
                "merge_10_packs_s": round(merge, 3),
                "baseline_10_packs_s": round(baseline, 4),
                "of_which_backups_s": round(backups, 3),
                "ratio": round(merge / baseline, 1) if baseline else None,
                "typical_reply_bytes": size,
                "merge_10_packs_with_attachments_s": round(merge_attached, 3),
                "baseline_10_packs_with_attachments_s": round(baseline_attached, 4),
                "ratio_with_attachments": round(merge_attached / baseline_attached, 1)
                if baseline_attached
                else None,
                "reply_with_attachments_bytes": size_attached,
                "attachment_bytes": sum(ATTACHMENT_SIZES.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
