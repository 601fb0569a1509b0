"""Fixed vocabularies used by the profile, stored as their string values.

Labels are plain English for the window and exports; the values are stable keys that never
change once shipped (they are in saved workspaces and exported profile documents).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label."""

    label: str

    if not TYPE_CHECKING:  # members are declared as (value, label); lookups take the value

        def __new__(cls, value: str, label: str) -> LabelledEnum:
            member = str.__new__(cls, value)
            member._value_ = value
            member.label = label
            return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class LegalForm(LabelledEnum):
    CIC = ("cic", "Community interest company (CIC)")
    CIO = ("cio", "Charitable incorporated organisation (CIO / SCIO)")
    CHARITABLE_COMPANY = ("charitable_company", "Charitable company (limited by guarantee)")
    COMPANY_GUARANTEE = ("company_guarantee", "Company limited by guarantee")
    COMPANY_SHARES = ("company_shares", "Company limited by shares")
    COMMUNITY_BENEFIT_SOCIETY = ("community_benefit_society", "Community benefit society")
    COOPERATIVE_SOCIETY = ("cooperative_society", "Co-operative society")
    LLP = ("llp", "Limited liability partnership (LLP)")
    PARTNERSHIP = ("partnership", "Partnership")
    SOLE_TRADER = ("sole_trader", "Sole trader")
    OTHER = ("other", "Other (describe)")


#: Legal forms registered at Companies House (a company number is expected).
COMPANY_FORMS = frozenset(
    {
        LegalForm.CIC,
        LegalForm.CHARITABLE_COMPANY,
        LegalForm.COMPANY_GUARANTEE,
        LegalForm.COMPANY_SHARES,
        LegalForm.LLP,
    }
)
#: Legal forms that are registered charities (a charity number is expected).
CHARITY_FORMS = frozenset({LegalForm.CIO, LegalForm.CHARITABLE_COMPANY})
#: Legal forms on the FCA Mutuals Public Register.
MUTUAL_FORMS = frozenset({LegalForm.COMMUNITY_BENEFIT_SOCIETY, LegalForm.COOPERATIVE_SOCIETY})


class SizeBand(LabelledEnum):
    MICRO = ("micro", "Micro (fewer than 10 staff, turnover up to £2m)")
    SMALL = ("small", "Small (fewer than 50 staff, turnover up to £10m)")
    MEDIUM = ("medium", "Medium (fewer than 250 staff, turnover up to £44m)")
    LARGE = ("large", "Large (not an SME)")


class ContactRole(LabelledEnum):
    BID_CONTACT = ("bid_contact", "Bid contact")
    SIGNATORY = ("signatory", "Authorised signatory")
    FINANCE = ("finance", "Finance contact")
    OTHER = ("other", "Other contact")


class PersonCategory(LabelledEnum):
    DIRECTOR = ("director", "Director or trustee")
    PSC = ("psc", "Person with significant control")
    OTHER_CONTROL = ("other_control", "Other significant influence or control")
    KEY_STAFF = ("key_staff", "Key member of staff")


class DbsLevel(LabelledEnum):
    BASIC = ("basic", "Basic")
    STANDARD = ("standard", "Standard")
    ENHANCED = ("enhanced", "Enhanced")
    ENHANCED_BARRED = ("enhanced_barred", "Enhanced with barred lists")


class DbsStatus(LabelledEnum):
    NOT_REQUIRED = ("not_required", "Not required for this role")
    APPLIED = ("applied", "Applied for")
    ISSUED = ("issued", "Certificate issued")
    UPDATE_SERVICE = ("update_service", "On the DBS Update Service")
    LAPSED = ("lapsed", "Lapsed (renewal due)")


class AccountsType(LabelledEnum):
    AUDITED = ("audited", "Audited")
    EXAMINED = ("examined", "Independently examined")
    UNAUDITED = ("unaudited", "Unaudited")
    MANAGEMENT = ("management", "Management accounts (year not closed)")


class InsuranceType(LabelledEnum):
    EMPLOYERS_LIABILITY = ("employers_liability", "Employer's liability")
    PUBLIC_LIABILITY = ("public_liability", "Public liability")
    PROFESSIONAL_INDEMNITY = ("professional_indemnity", "Professional indemnity")
    PRODUCT_LIABILITY = ("product_liability", "Product liability")
    MEDICAL_MALPRACTICE = ("medical_malpractice", "Medical malpractice")
    ABUSE = ("abuse", "Abuse and molestation")
    OTHER = ("other", "Other insurance")


class PolicyType(LabelledEnum):
    SAFEGUARDING = ("safeguarding", "Safeguarding")
    EQUALITY = ("equality", "Equality, diversity and inclusion")
    HEALTH_SAFETY = ("health_safety", "Health and safety")
    DATA_PROTECTION = ("data_protection", "Data protection")
    WHISTLEBLOWING = ("whistleblowing", "Whistleblowing")
    COMPLAINTS = ("complaints", "Complaints")
    ENVIRONMENTAL = ("environmental", "Environmental")
    BUSINESS_CONTINUITY = ("business_continuity", "Business continuity")
    MODERN_SLAVERY = ("modern_slavery", "Modern slavery")
    QUALITY = ("quality", "Quality management")
    OTHER = ("other", "Other policy")


# -- bids -------------------------------------------------------------------------------------
class BidStatus(LabelledEnum):
    IDENTIFIED = ("identified", "Identified")
    GO_NO_GO = ("go_no_go", "Go / no-go")
    DRAFTING = ("drafting", "Drafting")
    IN_REVIEW = ("in_review", "In review")
    SUBMITTED = ("submitted", "Submitted")
    WON = ("won", "Won")
    LOST = ("lost", "Lost")
    WITHDRAWN = ("withdrawn", "Withdrawn")


#: Statuses after which a bid's dates no longer need reminders.
CLOSED_STATUSES = frozenset({str(BidStatus.WON), str(BidStatus.LOST), str(BidStatus.WITHDRAWN)})


class PartnerRole(LabelledEnum):
    LEAD = ("lead", "Lead")
    MEMBER = ("member", "Consortium member")
    SUBCONTRACTOR = ("subcontractor", "Subcontractor")


class KeyDateKind(LabelledEnum):
    CLARIFICATION = ("clarification", "Clarification questions close")
    #: The first-stage deadline of a two-stage procedure (OCDS expressionOfInterestDeadline).
    EXPRESSION_OF_INTEREST = ("expression_of_interest", "Requests to participate close")
    PRESENTATION = ("presentation", "Buyer's presentation")
    AWARD = ("award", "Award expected")
    CONTRACT_START = ("contract_start", "Contract start")
    CUSTOM = ("custom", "Other date")
