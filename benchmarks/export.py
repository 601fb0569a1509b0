"""Export time for a ~100-page bid as DOCX and PDF, against the raw libraries.

Prints one JSON object: `pages` (of the PDF), `docx_s` and `pdf_s` (median seconds for a whole
export: build the document model, render, write the file atomically), the baselines
`docx_baseline_s` / `pdf_baseline_s` (the same headings, paragraphs, bullets and tables built
directly with python-docx / reportlab platypus, with the same embedded font, contents page and
page totals for the PDF) and `docx_ratio` / `pdf_ratio`. Goal: ratios under 1.3.

    .venv/bin/python benchmarks/export.py
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bidkit.export.build import ExportOptions
from bidkit.export.pipeline import export_content
from bidkit.export.source import AnswerRecord, BidContent
from bidkit.forms.rules import Participant
from bidkit.forms.schema import AnswerType, Column, Form, Limit, Question, Section

RUNS = int(os.environ.get("BIDKIT_BENCH_RUNS", "5"))
SECTIONS, QUESTIONS = 10, 20
WORDS = (
    "our team works alongside carers and families across the borough to provide timely "
    "advice practical support and a named worker who knows them well while measuring "
    "outcomes every quarter with the people who use the service and sharing what we learn"
).split()


def paragraph(seed: int, words: int = 95) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(words)).capitalize() + "."


def long_answer(seed: int) -> str:
    bullets = "\n".join(f"- {paragraph(seed + b, 12)}" for b in range(4))
    return f"{paragraph(seed)}\n\n{bullets}\n\n{paragraph(seed + 7)}"


def make_content() -> BidContent:
    """A generated bid: 10 sections of 20 questions with ~220-word answers and 20 tables."""
    sections: list[Section] = []
    answers: dict[tuple[str, int], AnswerRecord] = {}
    columns = (Column("client", "Client", AnswerType.SHORT_TEXT),
               Column("value", "Value", AnswerType.MONEY),
               Column("start", "Start", AnswerType.DATE))  # fmt: skip
    for s in range(1, SECTIONS + 1):
        questions: list[Question] = []
        for q in range(1, QUESTIONS + 1):
            qid = f"q{s}_{q}"
            if q in (5, 10):
                questions.append(Question(qid, f"{s}.{q}", "Recent contracts", AnswerType.TABLE,
                                          columns=columns))  # fmt: skip
                answers[(qid, 0)] = AnswerRecord(
                    [{"client": f"Council {r}", "value": f"{r * 1250}.5", "start": "2025-04-01"}
                     for r in range(1, 9)], ready=True)  # fmt: skip
            else:
                text = f"Describe how you meet need {q}"
                limit = Limit(words=500)
                questions.append(Question(qid, f"{s}.{q}", text, AnswerType.LONG_TEXT, limit=limit))
                answers[(qid, 0)] = AnswerRecord(long_answer(s * 31 + q), ready=True)
        sections.append(Section(str(s), f"Section {s}", questions=tuple(questions)))
    form = Form("bench", "Benchmark questionnaire", "v1", "Test", "Test", sections=tuple(sections))
    return BidContent(1, "Benchmark bid", "Benchmark Council", "BM-1", form,
                      (Participant(1, "Benchmark CIC", "lead"),), answers)  # fmt: skip


def _blocks(content: BidContent) -> list[tuple[str, object]]:
    """The same content as plain (kind, value) items, for the baselines."""
    items: list[tuple[str, object]] = []
    for section in content.form.sections:
        items.append(("h1", f"{section.number} {section.title}"))
        for question in section.questions:
            items.append(("h3", f"{question.number} {question.text}"))
            value = content.answers[(question.id, 0)].value
            if isinstance(value, list):
                rows = [("Client", "Value", "Start")]
                rows += [(r["client"], f"£{float(r['value']):,.2f}", "1 April 2025")
                         for r in value]  # fmt: skip
                items.append(("table", rows))
                continue
            for part in str(value).split("\n\n"):
                if part.startswith("- "):
                    items.extend(("bullet", line[2:]) for line in part.split("\n"))
                else:
                    items.append(("p", part))
    return items


def baseline_docx(items: list[tuple[str, object]], target: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("Benchmark bid", style="Title")
    for kind, value in items:
        if kind == "h1":
            word.add_heading(str(value), level=1)
        elif kind == "h3":
            word.add_heading(str(value), level=3)
        elif kind == "bullet":
            word.add_paragraph(str(value), style="List Bullet")
        elif kind == "p":
            word.add_paragraph(str(value))
        else:
            rows = value
            assert isinstance(rows, list)
            table = word.add_table(rows=len(rows), cols=3)
            table.style = word.styles["Table Grid"]
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.paragraphs[0].add_run(text)
    word.save(str(target))


def baseline_pdf(items: list[tuple[str, object]], target: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.platypus.tableofcontents import TableOfContents

    from bidkit.export.pdf_writer import FONT, register_fonts

    register_fonts()
    body = ParagraphStyle("b", fontName=FONT, fontSize=10.5, leading=14, spaceAfter=6)
    h1 = ParagraphStyle("h1", parent=body, fontName=f"{FONT}-Bold", fontSize=16, leading=20)
    h3 = ParagraphStyle("h3", parent=body, fontName=f"{FONT}-Bold", fontSize=11)

    class Doc(SimpleDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: object) -> None:
            if isinstance(flowable, Paragraph) and flowable.style is h1:
                self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont(FONT, 8.5)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")  # type: ignore[attr-defined]

    toc = TableOfContents()
    toc.levelStyles = [body]
    story: list[object] = [Paragraph("Benchmark bid", h1), PageBreak(), toc, PageBreak()]
    for kind, value in items:
        if kind in ("h1", "h3", "p"):
            story.append(Paragraph(str(value), {"h1": h1, "h3": h3, "p": body}[kind]))
        elif kind == "bullet":
            story.append(Paragraph(str(value), body, bulletText="•"))
        else:
            assert isinstance(value, list)
            cells = [[Paragraph(c, body) for c in row] for row in value]
            table = Table(cells, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey")]))
            story.append(table)
    Doc(str(target), pagesize=A4).multiBuild(story, onFirstPage=footer, onLaterPages=footer)


def median_s(run: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples), 3)


def main() -> None:
    from pypdf import PdfReader

    content = make_content()
    options = ExportOptions()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        export_content(content, "pdf", out / "warm.pdf", options)  # fonts, imports
        baseline_docx(_blocks(content), out / "warm.docx")
        docx_s = median_s(lambda: export_content(content, "docx", out / "bid.docx", options))
        pdf_s = median_s(lambda: export_content(content, "pdf", out / "bid.pdf", options))
        docx_base = median_s(lambda: baseline_docx(_blocks(content), out / "base.docx"))
        pdf_base = median_s(lambda: baseline_pdf(_blocks(content), out / "base.pdf"))
        pages = len(PdfReader(io.BytesIO((out / "bid.pdf").read_bytes())).pages)
        base_pages = len(PdfReader(io.BytesIO((out / "base.pdf").read_bytes())).pages)
    print(
        json.dumps(
            {
                "name": "export",
                "pages": pages,
                "baseline_pages": base_pages,
                "questions": SECTIONS * QUESTIONS,
                "docx_s": docx_s,
                "pdf_s": pdf_s,
                "docx_baseline_s": docx_base,
                "pdf_baseline_s": pdf_base,
                "docx_ratio": round(docx_s / docx_base, 2),
                "pdf_ratio": round(pdf_s / pdf_base, 2),
                "runs": RUNS,
            }
        )
    )


if __name__ == "__main__":
    main()
