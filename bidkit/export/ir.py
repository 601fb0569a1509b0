"""The document model every export is built as, and every writer renders.

`bidkit.export.build` turns a bid's questionnaire into a `Document`; `docx_writer` and
`pdf_writer` only lay it out. Everything about *what* appears (order, numbering, wording of
answers, UK formats, which sections, draft state) is decided before a writer sees it, so a
Word file and a PDF of the same bid always say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bidkit.export.table_layout import fits_as_grid, grid_widths, label_widths


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style. A newline inside `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


class ParagraphRole(StrEnum):
    BODY = "body"
    #: "Not answered" and similar notes: shown quieter than an answer.
    NOTE = "note"
    #: The name of the consortium member an answer belongs to.
    MEMBER = "member"
    #: A draft's mark on an answer that must change before it is sent (over its limit).
    WARNING = "warning"


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    role: ParagraphRole = ParagraphRole.BODY

    @classmethod
    def of(cls, text: str, role: ParagraphRole = ParagraphRole.BODY) -> Paragraph:
        return cls((Run(text),), role)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: A two-column table of labels and values (declarations): no header row.
    key_value: bool = False
    #: Too wide for a grid: printed as one label-and-value block per row (`records`).
    records: bool = False
    #: Fractions of the text width per column (grid), or (label, value) for the other two
    #: layouts; empty means equal shares. See `bidkit.export.table_layout`.
    widths: tuple[float, ...] = ()

    @classmethod
    def arranged(cls, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> Table:
        """A grid whose widths follow its content, or one block per row when it cannot fit."""
        if fits_as_grid(header, rows):
            return cls(header, rows, widths=grid_widths(header, rows))
        return cls(header, rows, records=True, widths=label_widths(header))

    @classmethod
    def labelled(cls, rows: tuple[tuple[str, str], ...]) -> Table:
        """A label-and-value table (a declaration's signature block)."""
        return cls(("", ""), rows, key_value=True, widths=label_widths([r[0] for r in rows]))

    def records_of(self) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        """(caption, (label, value) pairs) of each row, for the one-block-per-row layout.

        The caption numbers the row and names it by its first cell ("2. NHS Greater
        Manchester"); cells left empty are left out rather than printed as blank lines."""
        found = []
        for index, row in enumerate(self.rows, start=1):
            first = row[0].strip() if row else ""
            caption = f"{index}. {first}" if first else f"{index}."
            pairs = tuple(
                (label, value)
                for label, value in zip(self.header[1:], row[1:], strict=False)
                if value.strip()
            )
            found.append((caption, pairs))
        return found


Block = Paragraph | BulletList | Table


@dataclass(frozen=True)
class QuestionBlock:
    number: str
    #: None when the export leaves the buyer's question text out.
    text: str | None
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        # A question without a buyer's number (core supplier information) has no leading gap.
        return " ".join(part for part in (self.number, self.text or "") if part)


@dataclass(frozen=True)
class SectionBlock:
    number: str
    title: str
    #: 1 for a top-level section, 2 for a sub-section, and so on.
    level: int
    questions: tuple[QuestionBlock, ...] = ()
    sections: tuple[SectionBlock, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def walk(self) -> Iterator[SectionBlock]:
        yield self
        for section in self.sections:
            yield from section.walk()


@dataclass(frozen=True)
class EvidenceEntry:
    title: str
    kind: str
    files: tuple[str, ...]
    #: "31 March 2026", or "" when the item does not expire.
    expires: str
    expired: bool
    #: The question numbers that cite it.
    used_in: tuple[str, ...]


@dataclass(frozen=True)
class Logo:
    data: bytes
    #: "png" or "jpeg": the only kinds both writers embed.
    kind: str


@dataclass(frozen=True)
class Cover:
    title: str
    form_title: str
    buyer: str
    reference: str
    lead_organisation: str
    partners: tuple[str, ...]
    date: str
    logo: Logo | None = None


@dataclass(frozen=True)
class Properties:
    """Document metadata, set explicitly in both formats (nothing left to library defaults)."""

    title: str
    author: str
    subject: str
    keywords: str
    created: datetime
    language: str = "en-GB"


@dataclass(frozen=True)
class Document:
    cover: Cover
    properties: Properties
    sections: tuple[SectionBlock, ...]
    evidence: tuple[EvidenceEntry, ...] = ()
    #: Not every answer is marked ready: writers add a DRAFT watermark.
    draft: bool = False
    #: "#RRGGBB" for headings and the cover title.
    colour: str = "#1F3864"
    #: Text of the running header, e.g. "CE-0042 · Community Connectors Service".
    header: str = ""
    #: Numbers of the questions whose answers are over their word or character limit.
    over_limit: tuple[str, ...] = ()

    def all_sections(self) -> Iterator[SectionBlock]:
        for section in self.sections:
            yield from section.walk()

    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.all_sections())

    def contents(self) -> list[tuple[str, int]]:
        """(heading, level) of every entry the contents list: level 1 or 2 (deeper sections)."""
        entries = [(s.heading, min(s.level, 2)) for s in self.all_sections()]
        entries.append((LABELS["evidence"], 1))
        return entries

    def evidence_table(self) -> Table | None:
        """The evidence list; the Expires column only when something in it expires."""
        if not self.evidence:
            return None
        keys = ["evidence_title", "evidence_kind", "evidence_files", "evidence_expires",
                "evidence_used"]  # fmt: skip
        dated = any(entry.expires for entry in self.evidence)
        if not dated:
            keys.remove("evidence_expires")
        rows = tuple(
            (
                entry.title,
                entry.kind,
                ", ".join(entry.files),
                *((entry.expires + (" (expired)" if entry.expired else ""),) if dated else ()),
                ", ".join(entry.used_in),
            )
            for entry in self.evidence
        )
        return Table.arranged(tuple(LABELS[k] for k in keys), rows)


#: Fixed wording the writers print (kept here so both formats say the same).
LABELS = {
    "contents": "Contents",
    "evidence": "Attached evidence",
    "evidence_none": "No evidence is attached to this response.",
    "draft": "DRAFT",
    "draft_note": "Draft: some answers are not yet marked ready.",
    "over_limit": "Over the limit: {used} (the buyer allows {allowed}). Shorten before sending.",
    "page": "Page",
    "of": "of",
    "prepared_for": "Prepared for",
    "reference": "Reference",
    "submitted_by": "Submitted by",
    "partners": "With",
    "date": "Date",
    "evidence_title": "Item",
    "evidence_kind": "Kind",
    "evidence_files": "Files",
    "evidence_expires": "Expires",
    "evidence_used": "Used in",
}
