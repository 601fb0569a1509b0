"""How complete a profile is for UK questionnaires, and what exactly is missing.

Works on plain values (`ProfileData`) so the window, the command line and pre-fill share it.
Each check is one fact a questionnaire will ask for; a section's score is the share of its
checks met, the overall score the share of all checks. A value that is present but fails its
format check (a VAT number with wrong check digits, say) counts as missing, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bidkit.model.enums import (
    CHARITY_FORMS,
    COMPANY_FORMS,
    MUTUAL_FORMS,
    ContactRole,
    InsuranceType,
    LegalForm,
    PersonCategory,
    PolicyType,
)
from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS
from bidkit.profile.catalogue import ORG_FIELDS, SECTIONS, SECTIONS_BY_KEY
from bidkit.profile.validation import CHECKS
from bidkit.profile.values import format_count
from bidkit.store.queries import ProfileData as ProfileData  # noqa: PLC0414 (kept importable here)

#: Policies nearly every public-service questionnaire asks for.
ESSENTIAL_POLICIES = (
    PolicyType.SAFEGUARDING,
    PolicyType.EQUALITY,
    PolicyType.HEALTH_SAFETY,
    PolicyType.DATA_PROTECTION,
)
#: A declaration older than this is due for re-confirmation.
DECLARATION_VALID_FOR = timedelta(days=365)


@dataclass(frozen=True)
class Missing:
    section: str
    #: The field or table to jump to in the editor.
    target: str
    message: str


@dataclass(frozen=True)
class SectionScore:
    key: str
    label: str
    met: int
    total: int
    missing: tuple[Missing, ...]

    @property
    def fraction(self) -> float:
        return 1.0 if self.total == 0 else self.met / self.total


@dataclass(frozen=True)
class Completeness:
    sections: tuple[SectionScore, ...]

    @property
    def met(self) -> int:
        return sum(s.met for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def fraction(self) -> float:
        return 1.0 if self.total == 0 else self.met / self.total

    @property
    def missing(self) -> tuple[Missing, ...]:
        return tuple(m for s in self.sections for m in s.missing)

    def section(self, key: str) -> SectionScore:
        return next(s for s in self.sections if s.key == key)


class _Scorer:
    def __init__(self, section: str) -> None:
        self.section = section
        self.met = 0
        self.total = 0
        self.missing: list[Missing] = []

    def check(self, ok: bool, target: str, message: str) -> None:
        self.total += 1
        if ok:
            self.met += 1
        else:
            self.missing.append(Missing(self.section, target, message))

    def field(self, data: ProfileData, key: str, message: str | None = None) -> None:
        """The field has a value, and the value passes its format check."""
        spec = ORG_FIELDS[key]
        value = data.org.get(key)
        if _blank(value):
            self.check(False, key, message or f"{spec.label} is missing.")
            return
        problem = CHECKS[spec.check](str(value)) if spec.check else None
        self.check(problem is None, key, f"{spec.label}: {problem}")

    def valid_if_present(self, data: ProfileData, key: str) -> None:
        """Optional field: counted only when filled in, and then it must be valid."""
        spec = ORG_FIELDS[key]
        value = data.org.get(key)
        if _blank(value) or not spec.check:
            return
        problem = CHECKS[spec.check](str(value))
        self.check(problem is None, key, f"{spec.label}: {problem}")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _legal_form(data: ProfileData) -> LegalForm | None:
    try:
        return LegalForm(str(data.org.get("legal_form")))
    except ValueError:
        return None


def _identity(s: _Scorer, data: ProfileData, today: date) -> None:
    for key in ("legal_name", "legal_form", "registration_date", "description", "email", "phone"):
        s.field(data, key)
    if _legal_form(data) is LegalForm.OTHER:
        s.field(data, "legal_form_other")
    s.valid_if_present(data, "website")


def _registration(s: _Scorer, data: ProfileData, today: date) -> None:
    form = _legal_form(data)
    if form in COMPANY_FORMS:
        s.field(
            data,
            "companies_house_number",
            f"A {form.label if form else 'company'} has a Companies House number: add it.",
        )
    else:
        s.valid_if_present(data, "companies_house_number")
    charity_keys = ("charity_number_ew", "charity_number_sc", "charity_number_ni")
    if form in CHARITY_FORMS and all(_blank(data.org.get(k)) for k in charity_keys):
        s.check(False, "charity_number_ew", "A registered charity needs its charity number.")
    for key in charity_keys:
        s.valid_if_present(data, key)
    if form in MUTUAL_FORMS:
        s.field(data, "fca_mutuals_number", "A society needs its FCA Mutuals Register number.")
    else:
        s.valid_if_present(data, "fca_mutuals_number")
    for key in ("vat_number", "ppon", "duns"):
        s.valid_if_present(data, key)


def _addresses(s: _Scorer, data: ProfileData, today: date) -> None:
    s.field(data, "registered_address")
    s.field(data, "registered_postcode")
    if not data.org.get("trading_same_as_registered", True):
        s.field(data, "trading_address")
        s.field(data, "trading_postcode")


def _status(s: _Scorer, data: ProfileData, today: date) -> None:
    s.field(data, "size_band")
    s.field(data, "employees", "Employees (headcount) is missing: enter 0 if you have none.")
    s.field(data, "area_of_operation")


def _contacts(s: _Scorer, data: ProfileData, today: date) -> None:
    rows = data.rows("contacts")
    for role, what in (
        (ContactRole.BID_CONTACT, "a bid contact"),
        (ContactRole.SIGNATORY, "an authorised signatory"),
    ):
        found = [r for r in rows if r.get("role") == role and not _blank(r.get("name"))]
        s.check(bool(found), "contacts", f"Add {what} (name and email).")
        if found:
            s.check(
                not _blank(found[0].get("email")),
                "contacts",
                f"The {role.label.lower()} needs an email address.",
            )


def _people(s: _Scorer, data: ProfileData, today: date) -> None:
    rows = data.rows("people")
    directors = [r for r in rows if r.get("category") == PersonCategory.DIRECTOR]
    s.check(bool(directors), "people", "Add at least one director or trustee.")
    lapsed = [r for r in rows if r.get("dbs_renewal_due") and r["dbs_renewal_due"] < today]
    for r in lapsed:
        s.check(
            False,
            "people",
            f"The DBS check for {r.get('name') or 'a person'} was due for "
            "renewal on " + r["dbs_renewal_due"].strftime("%d/%m/%Y") + ".",
        )


def _finance(s: _Scorer, data: ProfileData, today: date) -> None:
    years = [r for r in data.rows("financial_years") if r.get("year_end")]
    registered = data.org.get("registration_date")
    young = isinstance(registered, date) and (today - registered).days < 2 * 365
    needed = 1 if young else 2
    s.check(
        len(years) >= needed,
        "financial_years",
        f"Add the last {needed} financial year{'s' if needed > 1 else ''} from your accounts.",
    )
    for row in years:
        gaps = [
            label
            for key, label in (
                ("turnover", "turnover"),
                ("surplus", "surplus or deficit"),
                ("net_assets", "net assets"),
                ("accounts_type", "type of accounts"),
            )
            if row.get(key) is None
        ]
        s.check(
            not gaps,
            "financial_years",
            f"Year ending {row['year_end']:%d/%m/%Y}: add " + ", ".join(gaps) + ".",
        )
    if years:
        latest = max(r["year_end"] for r in years)
        s.check(
            (today - latest).days <= 21 * 31,
            "financial_years",
            f"The latest accounts (year ending {latest:%d/%m/%Y}) are more than 21 months "
            "old; add the most recent year.",
        )


def _insurance(s: _Scorer, data: ProfileData, today: date) -> None:
    rows = data.rows("insurance")
    needed = [InsuranceType.PUBLIC_LIABILITY]
    employees = data.org.get("employees")
    if not isinstance(employees, int) or employees > 0:
        needed.insert(0, InsuranceType.EMPLOYERS_LIABILITY)
    for kind in needed:
        held = [r for r in rows if r.get("insurance_type") == kind and r.get("cover")]
        current = [r for r in held if not r.get("expires_on") or r["expires_on"] >= today]
        if not held:
            s.check(False, "insurance", f"No {kind.label.lower()} insurance recorded.")
        else:
            s.check(bool(current), "insurance", f"The {kind.label.lower()} insurance has expired.")


def _policies(s: _Scorer, data: ProfileData, today: date) -> None:
    rows = data.rows("policies")
    for kind in ESSENTIAL_POLICIES:
        found = [r for r in rows if r.get("policy_type") == kind]
        if not found:
            s.check(False, "policies", f"Add your {kind.label.lower()} policy.")
            continue
        reviewed = max((r["last_reviewed"] for r in found if r.get("last_reviewed")), default=None)
        s.check(
            reviewed is not None and (today - reviewed).days <= 366,
            "policies",
            f"The {kind.label.lower()} policy has not been reviewed in the last 12 months.",
        )


def _exclusions(s: _Scorer, data: ProfileData, today: date) -> None:
    answers = {r.get("ground"): r for r in data.rows("exclusions")}
    unanswered = [g for g in EXCLUSION_GROUNDS if answers.get(g.code, {}).get("applies") is None]
    s.check(
        not unanswered,
        "exclusions",
        format_count(len(unanswered), "exclusion ground") + " not answered yet."
        if unanswered
        else "",
    )
    for ground in EXCLUSION_GROUNDS:
        row = answers.get(ground.code)
        if row and row.get("applies"):
            complete = (
                row.get("occurred_on")
                and not _blank(row.get("details"))
                and not _blank(row.get("self_cleaning"))
            )
            s.check(
                bool(complete),
                "exclusions",
                f"'{ground.label}': add the date, details and the steps taken since.",
            )
    confirmed = data.org.get("exclusions_confirmed_on")
    s.check(
        isinstance(confirmed, date) and today - confirmed <= DECLARATION_VALID_FOR,
        "exclusions_confirmed_on",
        "Confirm the exclusion declaration (last 12 months).",
    )


def _contracts(s: _Scorer, data: ProfileData, today: date) -> None:
    rows = data.rows("contract_examples")
    s.check(bool(rows), "contract_examples", "Add at least one contract example with a referee.")
    for row in rows:
        gaps = [
            label
            for key, label in (
                ("customer", "customer"),
                ("contact_name", "referee"),
                ("contact_email", "referee's email"),
                ("start_date", "start date"),
                ("description", "description"),
            )
            if _blank(row.get(key))
        ]
        name = row.get("customer") or "A contract example"
        s.check(not gaps, "contract_examples", f"{name}: add " + ", ".join(gaps) + ".")


def _social(s: _Scorer, data: ProfileData, today: date) -> None:
    s.field(data, "social_mission")
    s.field(data, "social_value")


def _brand(s: _Scorer, data: ProfileData, today: date) -> None:
    s.valid_if_present(data, "brand_colour")


def _group(s: _Scorer, data: ProfileData, today: date) -> None:
    if not _blank(data.org.get("parent_number")) and _blank(data.org.get("parent_name")):
        s.check(False, "parent_name", "Name the immediate parent as well as its number.")


def _accreditations(s: _Scorer, data: ProfileData, today: date) -> None:
    for row in data.rows("accreditations"):
        expires = row.get("expires_on")
        if expires and expires < today:
            s.check(
                False,
                "accreditations",
                f"{row.get('name') or 'An accreditation'} expired on {expires:%d/%m/%Y}.",
            )


_RULES: dict[str, Callable[[_Scorer, ProfileData, date], None]] = {
    "identity": _identity,
    "registration": _registration,
    "addresses": _addresses,
    "status": _status,
    "group": _group,
    "contacts": _contacts,
    "people": _people,
    "finance": _finance,
    "insurance": _insurance,
    "accreditations": _accreditations,
    "policies": _policies,
    "exclusions": _exclusions,
    "contracts": _contracts,
    "social": _social,
    "brand": _brand,
}


def assess(data: ProfileData, today: date | None = None) -> Completeness:
    """Score every section of the profile; `today` is a parameter so tests can fix it."""
    today = today or date.today()
    scores = []
    for section in SECTIONS:
        scorer = _Scorer(section.key)
        _RULES[section.key](scorer, data, today)
        scores.append(
            SectionScore(
                section.key,
                SECTIONS_BY_KEY[section.key].label,
                scorer.met,
                scorer.total,
                tuple(scorer.missing),
            )
        )
    return Completeness(tuple(scores))
