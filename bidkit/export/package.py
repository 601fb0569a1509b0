"""The submission package: the response in Word and PDF, with every document it cites.

One folder (or one .zip) a bidder can upload as it is: `<buyer> - <bid> - <form> - <date>.docx`
and `.pdf`, then each appendix under the name the response gives it ("Appendix 2 – Cyber
Essentials certificate.pdf"). The document model is built once, so both files and the
evidence list name the same appendices. Everything is written to a temporary file or folder
beside the target, which takes the target's place only once all of it has been written: a
failure or a cancel leaves nothing behind, and never a half package.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bidkit.errors import InputRefused, NotFound
from bidkit.export.attachments import appendices, cited_in
from bidkit.export.build import Cancelled, ExportCancelled, ExportOptions
from bidkit.export.ir import Document
from bidkit.export.naming import export_file_name
from bidkit.export.source import BidContent, chosen_sections
from bidkit.store.atomic import atomic_folder, atomic_writer, ensure_room, write_bytes_synced

#: Reads a stored file by its SHA-256 (the workspace's file store).
ReadStored = Callable[[str], bytes]
Tick = Callable[[float, str], None]


@dataclass(frozen=True)
class PackagedFile:
    name: str
    size: int


def package_files(
    content: BidContent,
    document: Document,
    options: ExportOptions,
    read_stored: ReadStored,
    on: date,
    *,
    tick: Tick | None = None,
    cancelled: Cancelled | None = None,
) -> list[tuple[str, bytes]]:
    """(file name, bytes) of everything in the package, in the order a reader wants it."""
    from bidkit.export.docx_writer import write_docx
    from bidkit.export.pdf_writer import write_pdf

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled

    stem = export_file_name(content.buyer, content.title, content.form.title, on, "pdf")
    stem = stem.removesuffix(".pdf")
    pdf = io.BytesIO()
    write_pdf(document, pdf, cancelled)
    if tick is not None:
        tick(0.4, "Wrote the PDF")
    check()
    word = io.BytesIO()
    write_docx(document, word, cancelled)
    if tick is not None:
        tick(0.7, "Wrote the Word document")
    check()
    files = [(f"{stem}.docx", word.getvalue()), (f"{stem}.pdf", pdf.getvalue())]
    chosen = chosen_sections(content.form, options.sections)
    for appendix in appendices(cited_in(content, chosen)):
        for stored, name in appendix.files:
            try:
                files.append((name, read_stored(stored.sha256)))
            except (FileNotFoundError, NotFound) as exc:
                raise InputRefused(
                    f"The file of '{appendix.cited.title}' ({stored.name}) is missing from "
                    "BidKit's file store, so the package cannot hold it: attach the file "
                    "again, then export."
                ) from exc
            check()
    return files


def is_zip(target: Path) -> bool:
    return target.suffix.lower() == ".zip"


def write_package(files: list[tuple[str, bytes]], target: Path) -> list[PackagedFile]:
    """Write `files` as a .zip (when `target` ends in .zip) or into a new folder, atomically."""
    if is_zip(target):
        with (
            atomic_writer(target) as handle,
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, data in files:
                archive.writestr(name, data)
    else:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            what = "a file" if not target.is_dir() else "a folder with files in it"
            raise InputRefused(
                f"{target} is {what}: choose a new or empty folder for the package, or a "
                "name ending in .zip."
            )
        ensure_room(target.parent, sum(len(data) for _name, data in files))
        with atomic_folder(target) as folder:
            for name, data in files:
                write_bytes_synced(folder / name, data)
    return [PackagedFile(name, len(data)) for name, data in files]
