"""Which profile fact a buyer's question asks for: legal name, addresses, registration numbers,
VAT, contacts, staff numbers, insurance, turnover by year, accreditations, policies, SME/VCSE...

Each fact is recognised by the words buyers use for it (every group of words must be present,
none of the excluded ones), and answered through the same profile paths the shipped forms use
(`bidkit.forms.bindings`), so pre-fill, provenance and "nothing recorded" reasons work alike. A
question that matches no fact, or two facts equally, gets no profile binding: nothing is
invented. Signature boxes and the date of signing are never matched.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from bidkit.buyer_forms.structure import BuyerQuestion
from bidkit.forms.schema import AnswerType, ProfileBinding

_YES = {"yes": "yes", "no": "no"}
_SME = {"micro": "yes", "small": "yes", "medium": "yes", "large": "no"}
_AUDITED = {"audited": "yes", "examined": "no", "unaudited": "no", "management": "no"}


@dataclass(frozen=True)
class Fact:
    #: Every group must have one of its words in the question; `avoid` none.
    groups: tuple[tuple[str, ...], ...]
    path: str
    #: For a yes/no question: answer "yes" when the path holds a value (a number, a policy).
    present: bool = False
    map: dict[str, str] | None = None
    avoid: tuple[str, ...] = ()
    #: Only in a declaration (the signatory), or only outside one.
    declaration: bool | None = None
    kinds: frozenset[AnswerType] | None = None


_TEXT = frozenset({AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT})
_YESNO = frozenset({AnswerType.YES_NO})
_MONEY = frozenset({AnswerType.MONEY, AnswerType.SHORT_TEXT})

INSURANCE = {
    "employers_liability": ("employer's liability", "employers liability", "employers' liability"),
    "public_liability": ("public liability",),
    "professional_indemnity": ("professional indemnity",),
    "product_liability": ("product liability",),
}
POLICIES = {
    "modern_slavery": ("modern slavery",),
    "health_safety": ("health and safety", "health & safety"),
    "safeguarding": ("safeguarding",),
    "equality": ("equality", "equal opportunities", "diversity"),
    "data_protection": ("data protection", "gdpr"),
    "environmental": ("environmental", "sustainability policy"),
    "whistleblowing": ("whistleblowing", "whistle-blowing"),
    "complaints": ("complaints",),
    "business_continuity": ("business continuity",),
}
ACCREDITATIONS = {
    "Cyber Essentials Plus": ("cyber essentials plus",),
    "Cyber Essentials": ("cyber essentials",),
    "9001": ("iso 9001", "iso9001"),
    "14001": ("iso 14001", "iso14001"),
    "45001": ("iso 45001", "iso45001"),
    "Investors in People": ("investors in people",),
    "CQC": ("cqc", "care quality commission"),
}


def _facts() -> list[Fact]:
    facts = [
        Fact((("trading name",),), "trading_names", kinds=_TEXT),
        Fact(
            (("charity",), ("number", "registration", "reg", "no")),
            "charity_number_ew",
            kinds=_TEXT,
        ),
        Fact(
            (("registered charity", "a charity"),), "charity_number_ew", present=True, kinds=_YESNO
        ),
        Fact(
            (
                (
                    "companies house",
                    "company number",
                    "company registration",
                    "company no",
                    "company reg",
                    "registered company",
                ),
            ),
            "companies_house_number",
            kinds=_TEXT,
        ),
        Fact((("vat",),), "vat_number", kinds=_TEXT),
        Fact((("vat",),), "vat_number", present=True, kinds=_YESNO),
        Fact((("duns",),), "duns", kinds=_TEXT),
        Fact((("ppon", "procurement organisation number"),), "ppon", kinds=_TEXT),
        Fact((("postcode",),), "registered_postcode", kinds=_TEXT),
        Fact(
            (("registered address", "registered office"),),
            "registered_address_full",
            kinds=_TEXT,
            avoid=("postcode",),
        ),
        Fact(
            (
                (
                    "legal name",
                    "organisation name",
                    "organisation's name",
                    "name of organisation",
                    "name of the organisation",
                    "name of your organisation",
                    "company name",
                    "supplier name",
                    "name of tendering organisation",
                    "name of the supplier",
                    "name of supplier",
                    "name of the tendering organisation",
                ),
            ),
            "legal_name",
            avoid=("parent", "trading", "insurer", "bank"),
            kinds=_TEXT,
        ),
        Fact((("website", "web address"),), "website", kinds=_TEXT),
        Fact((("contact",), ("name",)), "bid_contact.name", kinds=_TEXT, declaration=False),
        Fact((("email", "e-mail"),), "bid_contact.email", kinds=_TEXT, declaration=False),
        Fact((("telephone", "phone"),), "bid_contact.phone", kinds=_TEXT, declaration=False),
        Fact(
            (("employees", "staff employed", "number of staff", "how many staff", "headcount"),),
            "employees",
            avoid=("volunteer",),
            kinds=frozenset({AnswerType.NUMBER, AnswerType.SHORT_TEXT}),
        ),
        Fact(
            (("volunteers",),),
            "volunteers",
            kinds=frozenset({AnswerType.NUMBER, AnswerType.SHORT_TEXT}),
        ),
        Fact(
            (
                (
                    "date of registration",
                    "date of incorporation",
                    "date registered",
                    "date incorporated",
                ),
            ),
            "registration_date",
            kinds=frozenset({AnswerType.DATE, AnswerType.SHORT_TEXT}),
        ),
        Fact(
            (("sme", "small or medium", "small and medium"),), "size_band", map=_SME, kinds=_YESNO
        ),
        Fact(
            (("vcse", "voluntary, community or social enterprise", "voluntary or community"),),
            "is_vcse",
            kinds=_YESNO,
        ),
        Fact(
            (
                (
                    "legal form",
                    "type of organisation",
                    "community interest company",
                    "organisation type",
                ),
            ),
            "legal_form",
            kinds=frozenset({AnswerType.SINGLE_CHOICE, AnswerType.SHORT_TEXT}),
        ),
        Fact(
            (("accounts",), ("audited",)), "latest_year.accounts_type", map=_AUDITED, kinds=_YESNO
        ),
        Fact(
            (("name",),),
            "signatory.name",
            declaration=True,
            kinds=_TEXT,
            avoid=("organisation", "company"),
        ),
        Fact(
            (("position", "job title", "role", "capacity"),),
            "signatory.job_title",
            declaration=True,
            kinds=_TEXT,
        ),
    ]
    for code, words in INSURANCE.items():
        row = f"insurance[insurance_type={code}]"
        facts += [
            Fact((words, ("insurer",)), f"{row}.insurer", kinds=_TEXT),
            Fact(
                (words, ("expiry", "expires", "renewal")),
                f"{row}.expires_on",
                kinds=frozenset({AnswerType.DATE, AnswerType.SHORT_TEXT}),
            ),
            Fact(
                (words, ("cover", "amount", "level", "limit", "indemnity", "value")),
                f"{row}.cover",
                kinds=_MONEY,
                avoid=("insurer", "expir", "renewal"),
            ),
            Fact((words,), f"{row}.cover", present=True, kinds=_YESNO),
        ]
    for name, words in ACCREDITATIONS.items():
        avoid = ("plus",) if name == "Cyber Essentials" else ()
        row = f"accreditations[name~{name}]"
        facts += [
            Fact(
                (words, ("number", "reference", "registration no")),
                f"{row}.reference",
                kinds=_TEXT,
                avoid=avoid,
            ),
            Fact(
                (words, ("expiry", "expires", "valid until")),
                f"{row}.expires_on",
                kinds=frozenset({AnswerType.DATE, AnswerType.SHORT_TEXT}),
                avoid=avoid,
            ),
            Fact((words,), f"{row}.name", present=True, kinds=_YESNO, avoid=avoid),
        ]
    for code, words in POLICIES.items():
        row = f"policies[policy_type={code}]"
        facts += [
            Fact(
                (words, ("policy", "statement", "procedure", "plan")),
                row,
                present=True,
                kinds=_YESNO,
            ),
            Fact(
                (words, ("policy", "statement", "procedure"), ("reviewed", "review date")),
                f"{row}.last_reviewed",
                kinds=frozenset({AnswerType.DATE}),
                avoid=("expir",),
            ),
        ]
    return facts


FACTS = _facts()
_YEAR = re.compile(r"\b(20\d\d)\b")
_FIGURES = {
    "turnover": ("turnover", "total income", "income"),
    "net_assets": ("net assets",),
    "surplus": ("surplus", "profit", "deficit"),
    "unrestricted_reserves": ("reserves",),
}


@functools.lru_cache(maxsize=1024)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")


def _has(text: str, word: str) -> bool:
    return word in text and _word_pattern(word).search(text) is not None


def _matches(fact: Fact, folded: str, question: BuyerQuestion, declaration: bool) -> bool:
    if fact.kinds is not None and question.type not in fact.kinds:
        return False
    if fact.declaration is not None and fact.declaration != declaration:
        return False
    if any(_has(folded, word) for word in fact.avoid):
        return False
    return all(any(_has(folded, word) for word in group) for group in fact.groups)


@functools.lru_cache(maxsize=4096)
def match_fact(question: BuyerQuestion, declaration: bool = False) -> ProfileBinding | None:
    """The profile binding that answers `question`, or None (no fact, or not one for sure)."""
    if not question.fillable:
        return None
    folded = question.text.casefold().replace("’", "'")
    if question.type in (AnswerType.MONEY, AnswerType.SHORT_TEXT):
        by_year = _financial_figure(folded)
        if by_year is not None:
            return by_year
    hits = [f for f in FACTS if _matches(f, folded, question, declaration)]
    if not hits:
        return None
    # The most specific fact wins (most word groups); two equally specific ones: ask the writer.
    hits.sort(key=lambda f: -len(f.groups))
    if (
        len(hits) > 1
        and len(hits[1].groups) == len(hits[0].groups)
        and hits[1].path != hits[0].path
    ):
        return None
    best = hits[0]
    # A question naming two facts as specifically ("insurer and policy expiry date"), whatever
    # their answer types, gets neither: half an answer is a wrong one.
    if any(
        f.path != best.path
        and f.groups != best.groups
        and len(f.groups) >= len(best.groups)
        and _matches(replace(f, kinds=None), folded, question, declaration)
        for f in FACTS
    ):
        return None
    if best.present:
        return ProfileBinding(best.path, present="yes")
    return ProfileBinding(best.path, map=best.map)


def _financial_figure(folded: str) -> ProfileBinding | None:
    """A figure for one financial year: "Turnover (Year ending March 2026)", "2025/26"."""
    field = next((k for k, words in _FIGURES.items() if any(_has(folded, w) for w in words)), None)
    if field is None:
        return None
    years = _YEAR.findall(folded)
    short = re.search(r"\b(20\d\d)\s*[/\-–]\s*(\d\d)\b", folded)
    if short:
        return ProfileBinding(f"financial_years[year_end~20{short.group(2)}].{field}")
    if years:
        return ProfileBinding(f"financial_years[year_end~{years[-1]}].{field}")
    if any(_has(folded, w) for w in ("most recent", "latest", "last financial year", "year 1")):
        return ProfileBinding(f"latest_year.{field}")
    if any(_has(folded, w) for w in ("previous", "year 2", "prior year")):
        return ProfileBinding(f"previous_year.{field}")
    return None
