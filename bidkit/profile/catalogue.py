"""The profile's sections and fields, described once.

The profile editor builds its forms and tables from this catalogue, completeness names missing
facts with its labels, and questionnaire bindings (`org.<key>`) refer to its keys. Keys are the
attribute names of the table classes in `bidkit.model.organisation`.

This module imports no database or Qt code so that the window can read it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from bidkit.model.enums import (
    AccountsType,
    ContactRole,
    DbsLevel,
    DbsStatus,
    InsuranceType,
    LabelledEnum,
    LegalForm,
    PersonCategory,
    PolicyType,
    SizeBand,
)

#: Kinds of value a field holds; each has one editor in the window and one Python type.
FIELD_KINDS = ("text", "multiline", "choice", "date", "money", "count", "bool", "yesno", "file")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = "text"
    help: str = ""
    #: Name of a check in `bidkit.profile.validation.CHECKS` (format rules such as postcodes).
    check: str | None = None
    choices: type[LabelledEnum] | None = None
    allow_negative: bool = False
    #: Dates that may not be in the future (registration, last reviewed...).
    past_only: bool = False
    example: str = ""

    def choice_label(self, value: str | None) -> str:
        if value is None or self.choices is None:
            return ""
        try:
            return self.choices(value).label
        except ValueError:
            return value


@dataclass(frozen=True)
class SectionSpec:
    key: str
    label: str
    help: str
    fields: tuple[FieldSpec, ...] = ()
    #: Key in PROFILE_TABLES when the section edits a repeating table.
    table: str | None = None
    columns: tuple[FieldSpec, ...] = ()
    #: Name of a row for buttons and messages ("Add financial year").
    row_name: str = ""
    #: Pairs of column keys that must be in date order (earlier, later).
    date_order: tuple[tuple[str, str], ...] = ()


F = FieldSpec

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "identity",
        "Identity",
        "Who the organisation is, as registered. Every questionnaire starts here.",
        fields=(
            F("legal_name", "Legal name", help="Exactly as registered, e.g. at Companies House."),
            F(
                "trading_names",
                "Trading names",
                "multiline",
                "Other names you trade under, one per line.",
            ),
            F("legal_form", "Legal form", "choice", choices=LegalForm),
            F(
                "legal_form_other",
                "Legal form (other)",
                help="Describe the legal form and the law it is registered under.",
            ),
            F(
                "registration_date",
                "Date registered",
                "date",
                "The date of incorporation or registration.",
                past_only=True,
            ),
            F(
                "description",
                "Principal activities",
                "multiline",
                "What the organisation does, in two or three sentences.",
            ),
            F("website", "Website", check="url", example="https://example.org.uk"),
            F(
                "email",
                "Main email",
                check="email",
                help="A shared inbox is best: buyers write to it.",
            ),
            F("phone", "Main phone", check="phone"),
        ),
    ),
    SectionSpec(
        "registration",
        "Registration numbers",
        "Leave blank any number the organisation does not have.",
        fields=(
            F(
                "companies_house_number",
                "Companies House number",
                check="company_number",
                example="01234567",
            ),
            F(
                "charity_number_ew",
                "Charity number (England and Wales)",
                check="charity_ew",
                example="1123456",
            ),
            F(
                "charity_number_sc",
                "Charity number (Scotland, OSCR)",
                check="charity_sc",
                example="SC012345",
            ),
            F(
                "charity_number_ni",
                "Charity number (Northern Ireland)",
                check="charity_ni",
                example="NIC100002",
            ),
            F(
                "fca_mutuals_number",
                "FCA Mutuals Register number",
                check="fca_mutual",
                help="For co-operative and community benefit societies.",
            ),
            F("vat_number", "VAT number", check="vat", example="GB980780684"),
            F(
                "ppon",
                "PPON",
                check="ppon",
                help="Public Procurement Organisation Number from the Central Digital Platform.",
            ),
            F("duns", "DUNS number", check="duns", help="Nine digits; only if you have one."),
        ),
    ),
    SectionSpec(
        "addresses",
        "Addresses",
        "The registered office, and where you trade from if different.",
        fields=(
            F(
                "registered_address",
                "Registered address",
                "multiline",
                "Street and town, one per line.",
            ),
            F("registered_postcode", "Registered postcode", check="postcode"),
            F("registered_country", "Country"),
            F("trading_same_as_registered", "We trade from the registered address", "bool"),
            F("trading_address", "Trading address", "multiline"),
            F("trading_postcode", "Trading postcode", check="postcode"),
        ),
    ),
    SectionSpec(
        "status",
        "Size and status",
        "Buyers use these to apply SME and VCSE policies.",
        fields=(
            F(
                "size_band",
                "Size",
                "choice",
                "Staff numbers and turnover decide the band.",
                choices=SizeBand,
            ),
            F("is_vcse", "Voluntary, community or social enterprise (VCSE)", "bool"),
            F(
                "is_supported_employment",
                "Supported employment provider",
                "bool",
                "At least 30% of the workforce are disabled or disadvantaged.",
            ),
            F("is_public_service_mutual", "Public service mutual", "bool"),
            F("asset_locked", "Surpluses are reinvested (asset lock)", "bool"),
            F("employees", "Employees (headcount)", "count"),
            F("volunteers", "Volunteers", "count"),
            F(
                "area_of_operation",
                "Area of operation",
                "multiline",
                "Where you deliver services, e.g. 'Greater Manchester'.",
            ),
        ),
    ),
    SectionSpec(
        "group",
        "Group and parent company",
        "Only if the organisation is part of a group; leave blank otherwise.",
        fields=(
            F("parent_name", "Immediate parent"),
            F("parent_number", "Immediate parent's registration number"),
            F("ultimate_parent_name", "Ultimate parent"),
            F("ultimate_parent_number", "Ultimate parent's registration number"),
        ),
    ),
    SectionSpec(
        "contacts",
        "Contacts",
        "The bid contact answers the buyer's questions; the signatory signs declarations.",
        table="contacts",
        row_name="contact",
        columns=(
            F("role", "Role", "choice", choices=ContactRole),
            F("name", "Name"),
            F("job_title", "Job title"),
            F("email", "Email", check="email"),
            F("phone", "Phone", check="phone"),
        ),
    ),
    SectionSpec(
        "people",
        "Key people",
        "Directors, trustees, people with significant control and key staff. DBS checks: "
        "status, level and dates only, never what a certificate says.",
        table="people",
        row_name="person",
        columns=(
            F("name", "Name"),
            F("role", "Role"),
            F("category", "Connection", "choice", choices=PersonCategory),
            F(
                "date_of_birth",
                "Date of birth",
                "date",
                "Asked only for people with significant control.",
                past_only=True,
            ),
            F("nationality", "Nationality"),
            F("country_of_residence", "Country of residence"),
            F("connected_since", "Connected since", "date", past_only=True),
            F("dbs_status", "DBS status", "choice", choices=DbsStatus),
            F("dbs_level", "DBS level", "choice", choices=DbsLevel),
            F("dbs_checked_on", "DBS checked", "date", past_only=True),
            F("dbs_renewal_due", "DBS renewal due", "date"),
        ),
        date_order=(("dbs_checked_on", "dbs_renewal_due"),),
    ),
    SectionSpec(
        "finance",
        "Financial years",
        "Figures from the annual accounts, most recent first. Surpluses and deficits: use a "
        "minus sign for a deficit.",
        table="financial_years",
        row_name="financial year",
        columns=(
            F("year_end", "Year end", "date", past_only=True),
            F("turnover", "Turnover (income)", "money"),
            F("surplus", "Surplus or deficit", "money", allow_negative=True),
            F("net_assets", "Net assets", "money", allow_negative=True),
            F("unrestricted_reserves", "Unrestricted reserves", "money", allow_negative=True),
            F("accounts_type", "Accounts", "choice", choices=AccountsType),
        ),
    ),
    SectionSpec(
        "insurance",
        "Insurance",
        "Cover held now. Buyers usually ask for employer's liability of at least £5 million.",
        table="insurance",
        row_name="policy",
        columns=(
            F("insurance_type", "Type", "choice", choices=InsuranceType),
            F("insurer", "Insurer"),
            F("cover", "Cover (each claim)", "money"),
            F("policy_number", "Policy number"),
            F("expires_on", "Expires", "date"),
        ),
    ),
    SectionSpec(
        "accreditations",
        "Accreditations and quality standards",
        "Certificates such as Cyber Essentials, ISO 9001, Investors in People, Matrix or CQC.",
        table="accreditations",
        row_name="accreditation",
        columns=(
            F("name", "Standard"),
            F("awarding_body", "Awarded by"),
            F("reference", "Reference"),
            F("awarded_on", "Awarded", "date", past_only=True),
            F("expires_on", "Expires", "date"),
        ),
        date_order=(("awarded_on", "expires_on"),),
    ),
    SectionSpec(
        "policies",
        "Policies",
        "The policies buyers ask to see, with the date each was last reviewed.",
        table="policies",
        row_name="policy",
        columns=(
            F("policy_type", "Policy", "choice", choices=PolicyType),
            F("title", "Title"),
            F("file_name", "Document", "file"),
            F("last_reviewed", "Last reviewed", "date", past_only=True),
            F("next_review", "Next review", "date"),
        ),
        date_order=(("last_reviewed", "next_review"),),
    ),
    SectionSpec(
        "exclusions",
        "Exclusion grounds",
        "Declare once whether any ground applies; re-confirm before each bid. A 'yes' needs "
        "the date, what happened and the steps taken since (self-cleaning).",
        fields=(
            F("exclusions_confirmed_on", "Declaration last confirmed", "date", past_only=True),
        ),
        table="exclusions",
        row_name="ground",
        columns=(
            F("applies", "Applies", "yesno"),
            F("occurred_on", "Date", "date", past_only=True),
            F("details", "Details", "multiline"),
            F("self_cleaning", "Steps taken since (self-cleaning)", "multiline"),
        ),
    ),
    SectionSpec(
        "contracts",
        "Contract examples",
        "Up to three recent contracts (grant-funded work counts for VCSEs) with a referee "
        "willing to be contacted.",
        table="contract_examples",
        row_name="contract example",
        columns=(
            F("customer", "Customer"),
            F("contact_name", "Referee"),
            F("contact_position", "Referee's position"),
            F("contact_email", "Referee's email", check="email"),
            F("contact_phone", "Referee's phone", check="phone"),
            F("value", "Value", "money"),
            F("start_date", "Start", "date"),
            F("end_date", "End", "date"),
            F("description", "What you delivered", "multiline"),
            F("outcomes", "Outcomes achieved", "multiline"),
        ),
        date_order=(("start_date", "end_date"),),
    ),
    SectionSpec(
        "social",
        "Social mission and value",
        "Your purpose and the wider benefit you bring; reused in social value answers.",
        fields=(
            F("social_mission", "Social mission", "multiline"),
            F(
                "social_value",
                "Social value you create",
                "multiline",
                "Local jobs, volunteering, environmental steps, with figures where you have them.",
            ),
        ),
    ),
    SectionSpec(
        "brand",
        "Brand",
        "Used on exported bid documents.",
        fields=(
            F("logo_filename", "Logo", "file", "A PNG, JPEG or SVG image."),
            F("brand_colour", "Brand colour", check="colour", example="#1A5F7A"),
        ),
    ),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
#: Every single-valued field of the organisation, by key.
ORG_FIELDS = {f.key: f for section in SECTIONS for f in section.fields}
#: The columns of each repeating table, by table key then column key.
TABLE_COLUMNS = {
    section.table: {c.key: c for c in section.columns} for section in SECTIONS if section.table
}
#: Which section each single-valued field or table belongs to.
SECTION_OF_FIELD = {f.key: section.key for section in SECTIONS for f in section.fields}
SECTION_OF_TABLE = {section.table: section.key for section in SECTIONS if section.table}
