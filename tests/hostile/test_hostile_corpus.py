"""Every file of the hostile corpus is refused with a specific message, workspace unchanged.

One shared demo workspace: each refusal must leave its records, stored files and backups
exactly as they were, so the next case starts from the same state.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bidkit.errors import BidKitError
from bidkit.store.workspace import Workspace
from tests.hostile.corpus import Case, cases

KINDS = ("logo", "attachment", "policy", "notice", "profile", "body", "backup", "word")


def build_good_inputs(root: Path) -> tuple[bytes, dict[str, object]]:
    """Seed the demo at `root`; return a good backup's bytes and a good profile document."""
    from bidkit.ops.demo import seed_demo
    from bidkit.ops.profile_io import export_profile

    with Workspace.open(root) as ws:
        seed_demo(ws, force=False)
        outside = root.parent / "good"
        outside.mkdir(exist_ok=True)
        backup = ws.backup("manual", outside / "good.zip").read_bytes()
        export_profile(ws, 2, outside / "profile.json")
    profile = json.loads((outside / "profile.json").read_text(encoding="utf-8"))
    return backup, profile


def state(root: Path) -> str:
    """Every row, every stored file and the list of backups, as one hash."""
    digest = hashlib.sha256()
    con = sqlite3.connect(root / "bidkit.sqlite3")
    try:
        for line in con.iterdump():
            digest.update(line.encode())
    finally:
        con.close()
    for folder in ("files", "backups"):
        for path in sorted((root / folder).rglob("*")):
            digest.update(str(path.relative_to(root)).encode())
            if path.is_file() and folder == "files":
                digest.update(path.read_bytes())
    leftovers = [p.name for p in root.iterdir() if p.name.endswith(".tmp")]
    digest.update(repr(leftovers).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, list[Case]]]:
    root = tmp_path_factory.mktemp("hostile") / "workspace"
    backup, profile = build_good_inputs(root)
    ws = Workspace.open(root)
    try:
        yield ws, cases(backup, profile)
    finally:
        ws.close()


def _runner(ws: Workspace, kind: str, folder: Path) -> Callable[[Case], object]:
    from bidkit.ops import backups, evidence, notice_import, organisations, profile_io

    with ws.session() as session:
        from sqlmodel import select

        from bidkit.model.organisation import PolicyDocument

        policy_id = session.exec(select(PolicyDocument.id)).first()

    def as_file(case: Case) -> Path:
        path = folder / (case.file_name or case.name)
        path.write_bytes(case.data)
        return path

    runners: dict[str, Callable[[Case], object]] = {
        "logo": lambda c: organisations.set_logo(ws, 1, c.data, c.file_name),
        "attachment": lambda c: evidence.attach_evidence_file(ws, 1, as_file(c)),
        "policy": lambda c: organisations.set_policy_file(ws, policy_id, c.data, c.file_name),
        "notice": lambda c: notice_import.import_notice_file(ws, as_file(c)),
        "profile": lambda c: profile_io.import_profile(ws, as_file(c), own=False),
        "body": lambda c: evidence.add_evidence_from_text(
            ws, "Hostile", evidence.read_body_file(as_file(c))
        ),
        "backup": lambda c: backups.restore_backup(ws.root, as_file(c), lock=ws.lock),
        "word": lambda c: evidence.import_word_documents(ws, [as_file(c)]),
    }
    return runners[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_every_hostile_file_is_refused_and_the_workspace_unchanged(
    shared: tuple[Workspace, list[Case]], tmp_path: Path, kind: str
) -> None:
    ws, corpus = shared
    run = _runner(ws, kind, tmp_path)
    before = state(ws.root)
    failures = []
    mine = [c for c in corpus if c.kind == kind]
    assert mine
    for case in mine:
        try:
            run(case)
        except BidKitError as exc:
            message = exc.message
            if case.expect.lower() not in message.lower() or "\n" in message:
                failures.append(f"{case.name}: message does not say '{case.expect}': {message}")
        except Exception as exc:  # a fault, not a refusal
            failures.append(f"{case.name}: {type(exc).__name__}: {exc}")
        else:
            failures.append(f"{case.name}: accepted")
        if state(ws.root) != before:
            failures.append(f"{case.name}: the workspace changed")
            before = state(ws.root)
    assert not failures, "\n".join(failures)


def test_the_corpus_covers_every_kind_with_at_least_150_files(
    shared: tuple[Workspace, list[Case]],
) -> None:
    _ws, corpus = shared
    assert len(corpus) >= 150
    assert {c.kind for c in corpus} == set(KINDS)
    assert len({(c.kind, c.name) for c in corpus}) == len(corpus)
