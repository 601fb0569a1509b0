"""The child side of the crash harness: a random stream of real operations on a workspace.

Each operation is acknowledged (one JSON line on the pipe to the parent) only after it has
returned, that is after its transaction committed and its files were renamed into place. The
parent kills the child with SIGKILL at a random moment, or the child kills itself at a named
point inside a multi-step operation (`CRASH_POINTS`), and then checks that every acknowledged
change survived and nothing half-done is visible.
"""

from __future__ import annotations

import json
import os
import random
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bids.samples import sample

NOTICE = "cf_ocds-b5fd17raw-e15aeca8-e49f-4ec6-82f0-d1392da45bec.json"
FORM = "uk-sq-ppn-03-23"

#: Named points inside multi-step operations where the child kills itself (by monkeypatching
#: the one call that follows the point, never production code).
CRASH_POINTS = (
    "file-stored-before-record",  # evidence attachment: stored file written, row not yet
    "before-commit",  # any write transaction: all statements run, COMMIT not yet
    "backup-written-before-rename",  # backup: archive written and verified, not yet renamed
    "restore-before-swap",  # restore: backup unpacked and present backed up, not swapped
    "export-before-rename",  # export: temporary document written, not yet renamed
)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str, after: int) -> None:
    """Kill this process the `after`-th time execution reaches `point`."""
    count = {"n": 0}

    def reached() -> bool:
        count["n"] += 1
        return count["n"] >= after

    if point == "file-stored-before-record":
        from bidkit.store.files import FileStore

        real_add = FileStore.add_bytes

        def add_bytes(self: FileStore, data: bytes) -> str:
            digest = real_add(self, data)
            if reached():
                _die()
            return digest

        FileStore.add_bytes = add_bytes  # type: ignore[method-assign]
    elif point == "before-commit":
        from sqlmodel import Session

        real_commit = Session.commit

        def commit(self: Session) -> None:
            if reached():
                _die()
            real_commit(self)

        Session.commit = commit  # type: ignore[method-assign]
    elif point in ("backup-written-before-rename", "export-before-rename", "restore-before-swap"):
        import bidkit.store.backup_archive as archive
        import bidkit.store.restore as restore

        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            name = str(dst)
            hit = (
                (point == "backup-written-before-rename" and name.endswith(".zip"))
                or (point == "export-before-rename" and name.endswith(".docx"))
                or (point == "restore-before-swap" and name.endswith("bidkit.sqlite3"))
            )
            if hit and reached():
                _die()
            real_replace(src, dst)

        archive.os.replace = replace  # type: ignore[attr-defined]
        restore.os.replace = replace  # type: ignore[attr-defined]
        import bidkit.store.atomic as atomic

        atomic.os.replace = replace  # type: ignore[attr-defined]


def run_workload(
    root: Path, exports: Path, seed: int, ack: Callable[[dict[str, Any]], None]
) -> None:
    """Perform random operations for ever (until killed), acknowledging each."""
    from bidkit.store.workspace import Workspace

    rng = random.Random(seed)
    ws = Workspace.open(root, start_checks=True)
    try:
        _operations(ws, root, exports, rng, seed, ack)
    finally:
        ws.close()


def _operations(
    ws: Any, root: Path, exports: Path, rng: random.Random, seed: int,
    ack: Callable[[dict[str, Any]], None],
) -> None:  # fmt: skip
    from bidkit.library.items import ItemFields
    from bidkit.ops import backups, bids, evidence, export, notice_import, organisations

    n = 0
    while True:
        n += 1
        marker = f"s{seed}-n{n}"
        choice = rng.random()
        if choice < 0.2:
            organisations.create_organisation(ws, name=f"Org {marker}")
            ack({"kind": "org", "name": f"Org {marker}"})
        elif choice < 0.45:
            created = evidence.create_evidence(ws, ItemFields(title=f"Item {marker}", body="Text"))
            ack({"kind": "evidence", "title": f"Item {marker}"})
            source = exports / f"attach-{marker}.pdf"
            source.write_bytes(b"%PDF-1.4 " + rng.randbytes(rng.randint(10, 3000)))
            assert created.created is not None
            evidence.attach_evidence_file(ws, created.created, source)
            ack({"kind": "attachment", "title": f"Item {marker}"})
        elif choice < 0.6:
            bids.create_bid(ws, title=f"Bid {marker}", buyer="Council", deadline=None, form_id=FORM)
            ack({"kind": "bid", "title": f"Bid {marker}"})
        elif choice < 0.68:
            notice_import.import_notice_file(ws, sample(NOTICE))
            ack({"kind": "notice"})
        elif choice < 0.78:
            bid_ids = [b.id for b in bids.list_bids(ws) if b.title.startswith("Bid s")]
            if bid_ids:
                target = exports / f"export-{marker}.docx"
                export.export_bid(ws, rng.choice(bid_ids), "docx", target)
                ack({"kind": "export", "path": str(target)})
        elif choice < 0.86:
            path = ws.backup("manual")
            ack({"kind": "backup", "path": str(path)})
        elif choice < 0.92:
            # Back up, then restore that backup: the same data comes back, so every change
            # acknowledged so far must still be there whatever moment the kill lands.
            path = ws.backup("manual")
            ws.engine.dispose()
            backups.restore_backup(root, path, lock=ws.lock)  # as the window does
            ack({"kind": "restore", "path": str(path)})
        else:
            from sqlmodel import select

            from bidkit.model.evidence import EvidenceItem

            with ws.session() as session:
                item = session.exec(select(EvidenceItem).order_by(EvidenceItem.id.desc())).first()  # type: ignore[union-attr]
            if item is not None and item.id is not None:
                # Said before: a kill after the commit but before the acknowledgement may
                # leave it gone without "deleted" having reached the parent.
                ack({"kind": "deleting", "title": item.title})
                evidence.delete_evidence(ws, item.id)
                ack({"kind": "deleted", "title": item.title})


def child_main(root: Path, exports: Path, seed: int, write_fd: int, point: str, after: int) -> None:
    """Entry point in the forked child: never returns."""
    try:
        if point:
            arm(point, after)

        def ack(record: dict[str, Any]) -> None:
            os.write(write_fd, (json.dumps(record) + "\n").encode())

        run_workload(root, exports, seed, ack)
    except BaseException as exc:  # report, then leave without running the parent's cleanup
        os.write(write_fd, (json.dumps({"kind": "error", "error": repr(exc)}) + "\n").encode())
    finally:
        os._exit(0)
