"""The documents and dated facts a bid's answers refer to, and the appendices sent with it.

An answer can rest on a library item (a certificate, a policy, a file) or on a row of a
member's profile (a policy document, a certificate, an insurance policy). Each is gathered
once, in the order the document first cites it, with its expiry date from one place: the
profile row when there is one (see `bidkit.ops.export.load_content`). Real documents that
have a stored file become numbered appendices ("Appendix 2 – Safeguarding Adults Policy.pdf"):
the evidence list and the answers name those files, and the submission package holds them.
Library text pasted into an answer (a case study, a statistic) is not evidence and is never
listed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath

from bidkit.export.naming import safe_part
from bidkit.export.source import (
    AnswerRecord,
    BidContent,
    StoredFile,
    all_asked,
    answer_org,
    evidence_ids,
    profile_row,
)
from bidkit.forms.rules import has_content
from bidkit.forms.schema import AnswerType, Section

#: Separates the appendix number from the title in file names, as buyers write it.
DASH = "–"
#: Appendix titles are cut to this so whole paths stay short of Windows' limit.
MAX_TITLE = 80


@dataclass(frozen=True)
class Cited:
    """A document or dated fact the answers refer to."""

    key: str
    title: str
    kind: str
    expires_on: date | None
    reference: str
    stored: tuple[StoredFile, ...]
    #: A document a buyer can be sent (policy, certificate, file), not a fact or library text.
    document: bool
    #: Question numbers citing it, in document order.
    used_in: tuple[str, ...] = ()
    #: Other keys standing for the same thing (a library certificate and its profile row).
    aliases: tuple[str, ...] = ()
    #: The organisation whose document or certificate it is (the lead's for library items).
    org_id: int = 0
    #: Question numbers whose printed answer names the document ("See Appendix 2 – ..."):
    #: evidence answers. A yes/no or a date taken from a policy row does not name it.
    named_in: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.aliases)


@dataclass(frozen=True)
class Appendix:
    number: int
    cited: Cited
    #: (stored file, the name it is sent under), one per stored file.
    files: tuple[tuple[StoredFile, str], ...]

    @property
    def label(self) -> str:
        """How an answer refers to it: the file name when there is one file."""
        if len(self.files) == 1:
            return self.files[0][1]
        return f"Appendix {self.number} {DASH} {self.cited.title}"


def cited_in(content: BidContent, sections: tuple[Section, ...]) -> list[Cited]:
    """Everything the given answers cite, first citation first; one entry per certificate
    even when a library item and a profile row both stand for it (same reference). The
    consortium's signed agreements follow: the buyer asks for them with the response."""
    found: dict[str, Cited] = {}
    by_reference: dict[str, str] = {}
    for asked in all_asked(content, sections):
        answer = asked.answer
        if answer is None or not has_content(asked.question, answer.value):
            continue
        for own_key, cited in _sources(content, asked.key, answer):
            key = by_reference.get(cited.reference, own_key) if cited.reference else own_key
            if cited.reference:
                by_reference.setdefault(cited.reference, key)
            known = found.get(key)
            if known is None:
                known = cited
            elif cited.stored and not known.stored:  # e.g. the library item holds the file
                known = replace(known, stored=cited.stored, document=True)
            if own_key != key and own_key not in known.aliases:
                known = replace(known, aliases=(*known.aliases, own_key))
            if asked.question.number not in known.used_in:
                known = replace(known, used_in=(*known.used_in, asked.question.number))
            names = asked.question.type is AnswerType.EVIDENCE
            if names and asked.question.number not in known.named_in:
                known = replace(known, named_in=(*known.named_in, asked.question.number))
            found[key] = known
    for index, agreement in enumerate(content.agreements):
        key = f"agreement:{index}"
        found[key] = Cited(key, agreement.title, "agreement", None, "", (agreement.stored,),
                           True, org_id=agreement.org_id)  # fmt: skip
    return list(found.values())


def _sources(content: BidContent, key: int, answer: AnswerRecord) -> list[tuple[str, Cited]]:
    found: list[tuple[str, Cited]] = []
    for ident in evidence_ids(answer):
        record = content.evidence.get(ident)
        if record is None:
            continue
        # Library text is cited too (its expiry is checked) but is never a document.
        name = f"evidence:{ident}"
        document = record.document or bool(record.stored)
        lead = content.lead
        found.append((name, Cited(name, record.title, record.kind, record.expires_on,
                                  record.reference, record.stored, document,
                                  org_id=lead.org_id if lead else 0)))  # fmt: skip
    row = profile_row(answer.source_ref)
    if row is not None:
        org = answer_org(content, key)
        profile = content.profile_records.get((org, row))
        if profile is not None:
            name = f"profile:{org}:{row}"
            found.append((name, Cited(name, profile.title, profile.kind, profile.expires_on,
                                      profile.reference, profile.stored,
                                      profile.document, org_id=org)))  # fmt: skip
    return found


def appendices(cited: list[Cited]) -> list[Appendix]:
    """The cited documents that have stored files, numbered in order of first citation."""
    numbered: list[Appendix] = []
    for item in cited:
        if not item.document or not item.stored:
            continue
        number = len(numbered) + 1
        files = tuple(
            (stored, appendix_file_name(number, item.title, stored.name, index, len(item.stored)))
            for index, stored in enumerate(item.stored)
        )
        numbered.append(Appendix(number, item, files))
    return numbered


def appendix_file_name(number: int, title: str, file_name: str, index: int, count: int) -> str:
    """'Appendix 3 – Safeguarding Adults Policy.pdf'; a second file of the same appendix is
    'Appendix 3 – Safeguarding Adults Policy (2).pdf'. Safe on every system."""
    extension = safe_part(PurePath(file_name).suffix.lower().lstrip("."))[:10]
    suffix = f".{extension}" if extension else ""
    stem = safe_part(title)[:MAX_TITLE].rstrip(" .") or "Document"
    if count > 1:
        stem += f" ({index + 1})"
    return f"Appendix {number} {DASH} {stem}{suffix}"


def missing_files(cited: list[Cited]) -> list[Cited]:
    """Documents the printed answers name that BidKit holds no file for: the document says
    "Evidence: ..." and nothing can be attached. A policy behind a plain yes/no answer is not
    named, so a missing file there is not a problem for the buyer's copy."""
    return [item for item in cited if item.document and not item.stored and item.named_in]
