"""One export: build the document model, render it, write the file atomically.

The writer renders into a temporary file in the target's folder, which replaces the target
only when everything has been written and flushed; a failure or a cancel removes the temporary
file and leaves any earlier file of that name as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from bidkit.errors import InputRefused
from bidkit.export.build import (
    Cancelled,
    ExportCancelled,
    ExportOptions,
    Progress,
    build_document,
)
from bidkit.export.ir import Document
from bidkit.export.package import (
    PackagedFile,
    ReadStored,
    is_zip,
    package_files,
    write_package,
)
from bidkit.export.source import BidContent, export_stamp
from bidkit.store.atomic import atomic_writer


class AnswersOverLimit(InputRefused):
    """A final export would send answers over the buyer's word or character limit."""

    def __init__(self, numbers: tuple[str, ...]) -> None:
        self.numbers = numbers
        listed = ", ".join(numbers[:8]) + (", …" if len(numbers) > 8 else "")
        count = "1 answer is" if len(numbers) == 1 else f"{len(numbers)} answers are"
        super().__init__(
            f"{count} over the buyer's limit ({listed}): shorten them, or confirm you want to "
            "send them as they are (in the window, or with --allow-over-limit)."
        )


class ExportFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    #: The Word and PDF files with every cited document, as a folder or a .zip.
    PACKAGE = "package"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat
    draft: bool
    sections: int
    questions: int
    size: int
    #: What a package holds (file names); empty for a single document.
    files: tuple[str, ...] = ()


class ExportProgress:
    """Shared between the export (on a worker thread) and the window that shows it.

    The worker calls `update` and checks `cancelled`; the window polls `state` and calls
    `cancel`. A lock keeps the two fields consistent.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fraction = 0.0
        self._message = ""
        self._cancel = threading.Event()

    def update(self, fraction: float, message: str) -> None:
        with self._lock:
            self._fraction, self._message = max(0.0, min(fraction, 1.0)), message

    def state(self) -> tuple[float, str]:
        with self._lock:
            return self._fraction, self._message

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


def render(
    document: Document,
    fmt: ExportFormat,
    target: Path,
    cancelled: Cancelled | None = None,
    tick: Callable[[float], None] | None = None,
) -> None:
    """Write `document` to `target` atomically in format `fmt`."""
    with atomic_writer(target) as handle:
        if fmt is ExportFormat.DOCX:
            from bidkit.export.docx_writer import write_docx

            write_docx(document, handle, cancelled, tick)
        else:
            from bidkit.export.pdf_writer import write_pdf

            write_pdf(document, handle, cancelled, tick)
        if cancelled is not None and cancelled():
            raise ExportCancelled


def refuse_over_limit(document: Document, options: ExportOptions) -> None:
    """A draft marks answers over their limit; a final export needs the sender's say-so."""
    if document.over_limit and not document.draft and not options.allow_over_limit:
        raise AnswersOverLimit(document.over_limit)


def export_content(
    content: BidContent,
    fmt: ExportFormat | str,
    target: Path,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    now: datetime | None = None,
    today: date | None = None,
    read_stored: ReadStored | None = None,
) -> ExportResult:
    """Build and write one export. A package needs `read_stored` to fetch its appendices."""
    fmt = ExportFormat(fmt)
    options = options or ExportOptions()
    stamp = export_stamp(now)

    def building(fraction: float, message: str) -> None:
        if progress is not None:
            progress(0.3 * fraction, message)

    document = build_document(
        content, options, stamp, today=today, progress=building, cancelled=cancelled
    )
    refuse_over_limit(document, options)
    message = f"Writing the {fmt.value.upper()} file"

    def writing(fraction: float) -> None:
        if progress is not None:
            progress(0.3 + 0.7 * fraction, message)

    writing(0.0)
    packaged: list[PackagedFile] = []
    if fmt is ExportFormat.PACKAGE:
        if read_stored is None:
            raise ValueError("a package needs read_stored to read its appendices")
        files = package_files(content, document, options, read_stored, stamp.date(),
                              tick=lambda f, m: writing(f), cancelled=cancelled)  # fmt: skip
        packaged = write_package(files, Path(target))
    else:
        render(document, fmt, Path(target), cancelled, writing)
    if progress is not None:
        progress(1.0, "Done")
    size = sum(f.size for f in packaged) if packaged and not is_zip(Path(target)) else 0
    return ExportResult(
        path=Path(target),
        format=fmt,
        draft=document.draft,
        sections=sum(1 for _ in document.all_sections()),
        questions=document.question_count(),
        size=size or Path(target).stat().st_size,
        files=tuple(f.name for f in packaged),
    )
