"""Importing existing Word documents into the library, split into items at their headings.

Each file is inspected first (`docx_safety`), then read with python-docx from the inspected
bytes. Headings of the top level used in the document start new items; deeper headings stay in
the item as bold lines. Paragraphs are kept (separated by blank lines), bullet and numbered
lists become "- " lines, bold and italic become ** and * markers, tables become " | " lines.
Tags: the file's name and the headings. A folder is read whole before anything is written, so
one refused file means nothing is imported.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bidkit.errors import InputRefused
from bidkit.library.docx_safety import MAX_DOCX_BYTES, inspect_docx, refuse
from bidkit.library.items import MAX_BODY, MAX_TAGS, ItemFields, clean_fields, normalise_tags
from bidkit.model.evidence import EvidenceKind
from bidkit.store.file_policy import read_user_file

MAX_FILES = 2000
_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_KIND_WORDS = (
    ("case study", EvidenceKind.CASE_STUDY),
    ("testimonial", EvidenceKind.TESTIMONIAL),
    ("what people say", EvidenceKind.TESTIMONIAL),
    ("policy", EvidenceKind.POLICY),
    ("certificate", EvidenceKind.CERTIFICATE),
    ("accreditation", EvidenceKind.CERTIFICATE),
    ("outcomes", EvidenceKind.STATISTIC),
    ("figures", EvidenceKind.STATISTIC),
    ("statistics", EvidenceKind.STATISTIC),
)

Progress = Callable[[int, int, str], None]


@dataclass
class ImportPlan:
    """Everything read from the files, ready to be written in one transaction."""

    items: list[ItemFields] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Section:
    title: str
    level: int
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    headings: list[str] = field(default_factory=list)


def word_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The .docx files to import from `paths` (files or folders), and the names skipped."""
    found: list[Path] = []
    skipped: list[str] = []
    for path in paths:
        if path.is_dir():
            try:  # rglob skips a folder it cannot read without a word: look first
                with os.scandir(path):
                    pass
            except OSError as exc:
                raise InputRefused(
                    f"BidKit cannot read the folder “{path}”: {exc.strerror}."
                ) from exc
            for child in sorted(path.rglob("*"), key=lambda p: str(p).casefold()):
                if child.is_symlink() or not child.is_file():
                    continue
                if child.name.startswith(("~$", ".")) or child.suffix.casefold() != ".docx":
                    skipped.append(str(child.relative_to(path)))
                    continue
                found.append(child)
        elif path.is_file():
            if path.suffix.casefold() != ".docx":
                raise InputRefused(
                    f"“{path.name}” is not a Word document (.docx). Import .docx files or a "
                    "folder of them; save older .doc files as .docx in Word first."
                )
            found.append(path)
        else:
            raise InputRefused(f"There is no file or folder at “{path}”.")
    if len(found) > MAX_FILES:
        raise InputRefused(
            f"That is {len(found):,} Word files; BidKit imports up to {MAX_FILES:,} at a time. "
            "Import the folder in parts."
        )
    return found, skipped


def plan_import(
    paths: Iterable[Path], organisation_id: int | None = None, progress: Progress | None = None
) -> ImportPlan:
    """Inspect and read every file; raises `InputRefused` (naming the file) on the first bad."""
    files, skipped = word_files(paths)
    plan = ImportPlan(skipped=skipped)
    for number, path in enumerate(files):
        if progress is not None:
            progress(number, len(files), path.name)
        items = items_from_docx(path.name, _read(path), organisation_id)
        if items:
            plan.items.extend(items)
            plan.files.append(path.name)
        else:
            plan.skipped.append(path.name)
    if progress is not None:
        progress(len(files), len(files), "")
    return plan


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_DOCX_BYTES:
            raise refuse(
                path.name,
                f"is over the {MAX_DOCX_BYTES // 1048576} MB limit for Word files",
                "Split the document or remove large pictures.",
            )
    except OSError as exc:
        raise InputRefused(f"BidKit cannot read “{path}”: {exc.strerror}.") from exc
    return read_user_file(path, max_bytes=MAX_DOCX_BYTES, what="Word document")


def items_from_docx(name: str, data: bytes, organisation_id: int | None = None) -> list[ItemFields]:
    """The items in one Word document (after inspecting it)."""
    checked = inspect_docx(name, data)
    from docx import Document

    try:
        document = Document(io.BytesIO(checked.data))
        blocks = list(_blocks(document))
    except InputRefused:
        raise
    except Exception as exc:  # python-docx reports damage with many exception types
        raise refuse(
            checked.name,
            f"could not be read as a Word document ({type(exc).__name__})",
            "Open it in Word and save a fresh copy as .docx, then import that.",
        ) from None
    stem = Path(checked.name).stem
    file_tag = " ".join(re.sub(r"[_\-]+", " ", stem).split())
    sections = [s for s in _sections(blocks, stem) if s.blocks]
    return [_item(checked.name, s, file_tag, organisation_id) for s in sections]


def _blocks(document: Any) -> Iterator[tuple[str, int, str]]:
    """(kind, heading level, text) for each paragraph and table row, in document order."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                unique = list(dict.fromkeys(c for c in cells if c))  # merged cells repeat
                if unique:
                    yield "para", 0, " | ".join(unique)
            continue
        style = block.style.name if block.style is not None else ""
        text = _formatted(block)
        if not text.strip():
            continue
        heading = _HEADING.match(style or "")
        if heading or style == "Title":
            level = int(heading.group(1)) if heading else 0
            yield "heading", level, " ".join(block.text.split())
        elif "list" in (style or "").casefold() or (
            block._p.pPr is not None and (block._p.pPr.numPr is not None)
        ):
            yield "bullet", 0, "- " + text.strip()
        else:
            yield "para", 0, text.strip()


def _formatted(paragraph: Any) -> str:
    """The paragraph's text with bold as **text** and italic as *text*."""
    from docx.text.hyperlink import Hyperlink

    runs: list[tuple[str, bool, bool]] = []
    for part in paragraph.iter_inner_content():
        inner = part.runs if isinstance(part, Hyperlink) else [part]
        for run in inner:
            runs.append((run.text, bool(run.bold), bool(run.italic)))
    merged: list[list[Any]] = []
    for text, bold, italic in runs:
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    out: list[str] = []
    for text, bold, italic in merged:
        core = text.strip()
        if not core or not (bold or italic):
            out.append(text)
            continue
        marker = "***" if bold and italic else "**" if bold else "*"
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(f"{lead}{marker}{core}{marker}{trail}")
    return "".join(out).replace("\t", " ").replace("\n", " ")


def _sections(blocks: list[tuple[str, int, str]], stem: str) -> list[_Section]:
    levels = [level for kind, level, _ in blocks if kind == "heading" and level > 0]
    split = min(levels) if levels else None
    title = next((text for kind, level, text in blocks if kind == "heading" and level == 0), stem)
    current = _Section(title, 0)
    sections = [current]
    for kind, level, text in blocks:
        if kind == "heading" and level == 0:
            continue
        if kind == "heading" and level == split:
            current = _Section(text, level)
            sections.append(current)
        elif kind == "heading":
            current.blocks.append(("para", f"**{text}**"))
            current.headings.append(text)
        else:
            current.blocks.append((kind, text))
    return sections


def _body(blocks: list[tuple[str, str]]) -> str:
    lines: list[str] = []
    previous = ""
    for kind, text in blocks:
        if lines and not (kind == "bullet" and previous == "bullet"):
            lines.append("")
        lines.append(text)
        previous = kind
    return "\n".join(lines)


def _kind(title: str) -> str:
    lowered = title.casefold()
    return str(next((k for words, k in _KIND_WORDS if words in lowered), EvidenceKind.ANSWER))


def _item(name: str, section: _Section, file_tag: str, organisation_id: int | None) -> ItemFields:
    title = section.title[:300]
    body = _body(section.blocks)
    if len(body) > MAX_BODY:
        raise refuse(
            name,
            f"has a section, “{title[:80]}”, of {len(body):,} characters; an item holds up "
            f"to {MAX_BODY:,}",
            "Add headings in Word to split it into shorter sections, then import it again.",
        )
    # A section with many sub-headings keeps the first ones as tags (an item holds MAX_TAGS).
    tags = normalise_tags((file_tag, section.title[:80], *(h[:80] for h in section.headings)))
    return clean_fields(
        ItemFields(
            title=title,
            kind=_kind(title),
            body=body,
            tags=tags[:MAX_TAGS],
            organisation_id=organisation_id,
        )
    )
