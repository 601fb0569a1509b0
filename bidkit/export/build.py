"""A bid's questionnaire -> the document model: every decision about content is made here.

Sections and questions keep the buyer's order and numbering. Each answer is rendered by its
type (see forms/README.md for the value shapes); questions every consortium member answers get
one answer per member, headed by the member's name. Questions that are not asked (their
condition, or one further up the chain, does not hold: `bidkit.forms.rules`) are left out, as
the buyer's portal would, and so is a section or module in which nothing is asked. Whatever
has been written is printed, complete or not. The document is a draft while a required answer
is missing or an answer given is not marked ready.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bidkit.export.attachments import Appendix, appendices, cited_in
from bidkit.export.formatting import text_blocks, uk_date, uk_money, uk_number, yes_no
from bidkit.export.ir import (
    LABELS,
    Block,
    BulletList,
    Cover,
    Document,
    EvidenceEntry,
    Logo,
    Paragraph,
    ParagraphRole,
    Properties,
    QuestionBlock,
    Run,
    SectionBlock,
    Table,
)
from bidkit.export.source import (
    Asked,
    BidContent,
    all_asked,
    asked_in,
    chosen_sections,
    limit_check,
    over_limit,
)
from bidkit.forms.rules import has_content
from bidkit.forms.schema import AnswerType, Column, Question, Section

NOT_ANSWERED = "Not answered."
DEFAULT_COLOUR = "#1F3864"
_ROLE_NAMES = {"lead": "lead", "member": "consortium member", "subcontractor": "subcontractor"}


class ExportCancelled(Exception):
    """The person exporting cancelled; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    #: Numbers of the top-level sections to include; None for the whole questionnaire.
    sections: frozenset[str] | None = None
    include_question_text: bool = True
    #: A final (not draft) export with answers over their limit is refused unless confirmed.
    allow_over_limit: bool = False


Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


def is_draft(content: BidContent, options: ExportOptions) -> bool:
    """Whether a required answer in the chosen sections is missing, or one given is not ready."""
    chosen = chosen_sections(content.form, options.sections)
    if content.rules.gaps(chosen):
        return True
    return any(
        asked.answer is not None
        and has_content(asked.question, asked.answer.value)
        and not asked.answer.ready
        for asked in all_asked(content, chosen)
    )


def build_document(
    content: BidContent,
    options: ExportOptions,
    now: datetime,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Document:
    today = today or now.date()
    chosen = chosen_sections(content.form, options.sections)
    draft = is_draft(content, options)
    attached = appendices(cited_in(content, chosen))
    context = _Context(content, options, draft, _appendix_labels(attached))
    sections: list[SectionBlock] = []
    for index, section in enumerate(chosen):
        if cancelled is not None and cancelled():
            raise ExportCancelled
        block = _section(context, section, 1)
        if block is not None:
            sections.append(block)
        if progress is not None:
            progress((index + 1) / max(len(chosen), 1), f"Prepared section {section.number}")
    lead = content.organisation
    partners = tuple(f"{m.name} ({_ROLE_NAMES.get(m.role, m.role)})"
                     for m in content.members if m.role != "lead")  # fmt: skip
    cover = Cover(
        title=content.title,
        form_title=f"{content.form.title} ({content.form.version})",
        buyer=content.buyer,
        reference=content.reference,
        lead_organisation=lead,
        partners=partners,
        date=uk_date(now.date()),
        logo=_logo(content.logo, content.logo_name),
    )
    properties = Properties(
        title=f"{content.title} – {content.form.title}",
        author=lead or "BidKit",
        subject=f"Response to {content.buyer}" if content.buyer else content.form.title,
        keywords=", ".join(p for p in (content.reference, content.form.version) if p),
        created=now,
    )
    header = " · ".join(p for p in (content.reference, content.title) if p)
    return Document(
        cover=cover,
        properties=properties,
        sections=tuple(sections),
        evidence=_evidence(attached, today),
        draft=draft,
        colour=_colour(content.brand_colour),
        header=header,
        over_limit=tuple(dict.fromkeys(a.question.number for a, _ in over_limit(content, chosen))),
    )


def _colour(text: str) -> str:
    text = text.strip()
    if len(text) == 7 and text.startswith("#"):
        try:
            int(text[1:], 16)
        except ValueError:
            return DEFAULT_COLOUR
        return text.upper()
    return DEFAULT_COLOUR


def _logo(data: bytes | None, name: str) -> Logo | None:
    """PNG and JPEG logos only: both writers embed them without extra libraries."""
    if not data:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Logo(data, "png")
    if data.startswith(b"\xff\xd8\xff"):
        return Logo(data, "jpeg")
    return None


@dataclass(frozen=True)
class _Context:
    content: BidContent
    options: ExportOptions
    draft: bool
    #: Cited key ("evidence:6") -> how answers name its appendix.
    appendix_labels: Mapping[str, str]


def _appendix_labels(attached: list[Appendix]) -> dict[str, str]:
    return {key: appendix.label for appendix in attached for key in appendix.cited.keys}


def _section(context: _Context, section: Section, level: int) -> SectionBlock | None:
    """The section as the buyer receives it; None when nothing in it is asked (a module the
    buyer does not ask for), so it has no heading and no contents entry. Numbers are the
    form's own, so leaving a section out renumbers nothing."""
    questions: list[QuestionBlock] = []
    by_question: dict[str, list[Asked]] = {}
    for asked in asked_in(context.content, section):
        by_question.setdefault(asked.question.id, []).append(asked)
    for question in section.questions:
        asked_list = by_question.get(question.id)
        if asked_list:
            questions.append(_question(context, question, asked_list))
    children = tuple(
        block
        for block in (_section(context, s, level + 1) for s in section.sections)
        if block is not None
    )
    if not questions and not children:
        return None
    return SectionBlock(section.number, section.title, level, tuple(questions), children)


def _question(context: _Context, question: Question, asked: list[Asked]) -> QuestionBlock:
    # A declaration's wording is what is signed, so it is always shown.
    show_text = context.options.include_question_text or question.type is AnswerType.DECLARATION
    blocks: list[Block] = []
    # An answer each member gives (a per-member question or section) is headed by the
    # member's name whenever the bid has more than one organisation, even where only one
    # of them is asked; a bid without partners needs no names.
    named = len(context.content.members) > 1
    for item in asked:
        if item.member is not None and named:
            blocks.append(Paragraph((Run(item.member.name, bold=True),), ParagraphRole.MEMBER))
        value = item.answer.value if item.answer is not None else None
        if has_content(question, value):
            blocks.extend(answer_blocks(question, value, context.appendix_labels))
            check = limit_check(question, value)
            if context.draft and check is not None and check.over:
                allowed = f"{check.allowed:,} {check.unit}"
                used = f"{check.used:,} {check.unit}"
                note = LABELS["over_limit"].format(used=used, allowed=allowed)
                blocks.append(Paragraph((Run(note, bold=True),), ParagraphRole.WARNING))
        else:
            blocks.append(Paragraph((Run(NOT_ANSWERED, italic=True),), ParagraphRole.NOTE))
    return QuestionBlock(question.number, question.text if show_text else None, tuple(blocks))


def answer_blocks(
    question: Question, value: Any, appendix_labels: Mapping[str, str] | None = None
) -> list[Block]:
    """How one answer reads in the document, by its type.

    `appendix_labels` names the appendix a chosen document is sent as (evidence answers)."""
    kind = question.type
    if kind in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT):
        return text_blocks(str(value))
    if kind is AnswerType.YES_NO:
        return [Paragraph.of(yes_no(value))]
    if kind is AnswerType.YES_NO_DETAILS:
        data = value if isinstance(value, dict) else {"answer": value}
        blocks: list[Block] = [Paragraph((Run(yes_no(data.get("answer")), bold=True),))]
        details = str(data.get("details") or "").strip()
        if details:
            blocks.extend(text_blocks(details))
        return blocks
    if kind is AnswerType.DATE:
        return [Paragraph.of(uk_date(value))]
    if kind is AnswerType.MONEY:
        return [Paragraph.of(uk_money(value))]
    if kind is AnswerType.NUMBER:
        return [Paragraph.of(uk_number(value))]
    if kind is AnswerType.SINGLE_CHOICE:
        return [Paragraph.of(question.option_text(str(value)))]
    if kind is AnswerType.MULTIPLE_CHOICE:
        chosen = value if isinstance(value, list) else [value]
        return [BulletList(tuple((Run(question.option_text(str(v))),) for v in chosen))]
    if kind is AnswerType.TABLE:
        return [_table(question, value)]
    if kind is AnswerType.EVIDENCE:
        if isinstance(value, dict):
            title = str(value.get("title") or "the document")
            label = (appendix_labels or {}).get(f"evidence:{value.get('evidence_id')}")
            if label is not None:
                return [Paragraph((Run("See "), Run(label, italic=True)))]
            return [Paragraph((Run("Evidence: "), Run(title, italic=True)))]
        return text_blocks(str(value))
    if kind is AnswerType.DECLARATION:
        return [_declaration(value)]
    return text_blocks(str(value))


def cell_text(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.type is AnswerType.MONEY:
        return uk_money(value)
    if column.type is AnswerType.DATE:
        return uk_date(value)
    if column.type is AnswerType.NUMBER:
        return uk_number(value)
    if column.type is AnswerType.YES_NO:
        return yes_no(value)
    return str(value).strip()


def _table(question: Question, value: Any) -> Table:
    rows = value if isinstance(value, list) else []
    body = tuple(
        tuple(cell_text(c, row.get(c.id)) for c in question.columns)
        for row in rows
        if isinstance(row, dict)
    )
    return Table.arranged(tuple(c.title for c in question.columns), body)


def _declaration(value: Any) -> Table:
    data = value if isinstance(value, dict) else {}
    agreed = "Yes, agreed" if data.get("agreed") else "Not agreed"
    rows = (
        ("Agreed", agreed),
        ("Signed by", str(data.get("name") or "").strip() or "Not signed"),
        ("Role", str(data.get("role") or "").strip()),
        ("Date", uk_date(data.get("date")) or "Not dated"),
    )
    return Table.labelled(rows)


def _evidence(attached: list[Appendix], today: date) -> tuple[EvidenceEntry, ...]:
    """The evidence list: the appendices, named as the files sent with the response."""
    return tuple(
        EvidenceEntry(
            title=appendix.cited.title,
            kind=appendix.cited.kind,
            files=tuple(name for _, name in appendix.files),
            expires=uk_date(appendix.cited.expires_on) if appendix.cited.expires_on else "",
            expired=appendix.cited.expires_on is not None and appendix.cited.expires_on < today,
            used_in=appendix.cited.used_in,
        )
        for appendix in attached
    )


__all__ = [
    "ExportCancelled",
    "ExportOptions",
    "answer_blocks",
    "build_document",
    "is_draft",
]
