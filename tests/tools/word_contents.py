"""How well the Word file's contents page numbers match a real word processor's pages.

BidKit prints page numbers in the Word file's contents list from its own estimate
(`bidkit.export.word_pagination`). This script renders the Word export of each check document
(`tests/export/demo_documents.py`: the demo bids and the writers' sample) with LibreOffice
(`soffice --headless --convert-to pdf`), finds the page each contents heading starts on
(`pdftotext -layout`, a heading is a line of its own), and prints one JSON object:
per document the entries, how many the estimate gets right and which it misses, with the time
LibreOffice took. `--record FILE` also writes LibreOffice's pages as the golden file the
test `tests/export/test_word_contents_golden.py` checks the estimate against (CI has no
LibreOffice); `--keep DIR` keeps the Word and PDF files to look at.

    PYTHONPATH=$PWD .venv/bin/python tests/tools/word_contents.py [--record FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bidkit.export.docx_writer import write_docx
from bidkit.export.pdf_writer import contents_pages
from tests.export.demo_documents import DEMO_DAY, pagination_documents


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def heading_pages(pages: list[str], headings: list[str]) -> list[int | None]:
    """The page (1-based) each heading starts on, searched in order from the previous one.

    A heading is a line of its own (or two, when it wraps); contents lines carry dot leaders
    and a number, so they never match."""
    found: list[int | None] = []
    page = 0
    for heading in headings:
        wanted = _squash(heading)
        hit = None
        for number in range(page, len(pages)):
            lines = [_squash(line) for line in pages[number].splitlines() if line.strip()]
            pairs = [f"{a} {b}" for a, b in itertools.pairwise(lines)]
            if wanted in lines or wanted in pairs:
                hit = number
                break
        found.append(None if hit is None else hit + 1)
        if hit is not None:
            page = hit
    return found


def render(docx_path: Path, out_dir: Path, soffice: str) -> tuple[list[str], float]:
    profile = out_dir / "lo-profile"
    started = time.perf_counter()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    pdf = out_dir / (docx_path.stem + ".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f"), seconds


def _version(soffice: str) -> str:
    found = subprocess.run(
        [soffice, "--version"], check=False, capture_output=True, text=True, timeout=60
    )
    return found.stdout.strip() or "LibreOffice"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", type=Path, help="write LibreOffice's pages as a golden file")
    parser.add_argument("--keep", type=Path, help="keep the Word and PDF files here")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed.")
    bids = []
    golden = []
    with tempfile.TemporaryDirectory() as temp:
        out_dir = args.keep or Path(temp) / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, document in pagination_documents(Path(temp) / "workspace"):
            started = time.perf_counter()
            estimate = contents_pages(document)
            estimate_s = time.perf_counter() - started
            buffer = io.BytesIO()
            write_docx(document, buffer, pages=estimate)
            docx_path = out_dir / f"{name}.docx"
            docx_path.write_bytes(buffer.getvalue())
            pages, convert_s = render(docx_path, out_dir, soffice)
            headings = [text for text, _level in document.contents()]
            real = heading_pages(pages, headings)
            misses = [
                {"heading": h, "estimate": e, "libreoffice": r}
                for h, e, r in zip(headings, estimate, real, strict=True)
                if e != r
            ]
            bids.append({
                "document": name, "entries": len(headings),
                "agree": len(headings) - len(misses), "libreoffice_pages": len(pages),
                "convert_s": round(convert_s, 2), "estimate_s": round(estimate_s, 3),
                "misses": misses,
            })  # fmt: skip
            golden.append({"document": name, "headings": headings, "pages": real,
                           "total_pages": len(pages)})  # fmt: skip
    entries = sum(b["entries"] for b in bids)  # type: ignore[misc]
    agree = sum(b["agree"] for b in bids)  # type: ignore[misc]
    if args.record is not None:
        record = {
            "demo_day": DEMO_DAY.isoformat(),
            "renderer": _version(soffice),
            "documents": golden,
        }
        args.record.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({"name": "word-contents", "entries": entries, "agree": agree,
                      "documents": bids}, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
