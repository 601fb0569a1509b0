"""A realistic demo workspace: one complete own profile, two partners, evidence and three bids.

Everything is fictional. Numbers have real shapes and pass the format checks (VAT check digits
are computed), phone numbers are in Ofcom's range reserved for drama, and email and web
addresses use the reserved `.example` domain. Dates are relative to the day the demo is seeded,
so the own profile is 100% complete whenever it is made.

The demo is written in one transaction with the table classes directly: values are stored in
exactly the form the operations in `bidkit.ops.organisations` would store them.
"""

from __future__ import annotations

import json
import logging
import struct
import zlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, SQLModel, func, select

from bidkit.bids import checklist
from bidkit.bids.uktime import parse_deadline, uk_time
from bidkit.errors import InputRefused
from bidkit.model.bid import (
    Bid,
    BidPartner,
    BidStatus,
    BidStatusChange,
    BidTask,
    KeyDate,
    KeyDateKind,
    PartnerRole,
)
from bidkit.model.consortium import AgreementKind, AgreementStatus, PartnerAgreement
from bidkit.model.enums import (
    AccountsType,
    ContactRole,
    DbsLevel,
    DbsStatus,
    InsuranceType,
    LegalForm,
    PersonCategory,
    PolicyType,
    SizeBand,
)
from bidkit.model.evidence import EvidenceItem, EvidenceKind
from bidkit.model.exclusion_grounds import EXCLUSION_GROUNDS
from bidkit.model.organisation import (
    Accreditation,
    Contact,
    ContractExample,
    ExclusionDeclaration,
    FinancialYear,
    InsurancePolicy,
    KeyPerson,
    Organisation,
    PolicyDocument,
)
from bidkit.model.tables import metadata
from bidkit.model.types import to_money
from bidkit.ops.changes import Changes
from bidkit.store.workspace import Workspace

log = logging.getLogger(__name__)

HAS_DATA_MESSAGE = (
    "This workspace already has data. Use 'bidkit demo --force' to replace it with the demo "
    "(a backup is taken first), or choose an empty folder with --data-dir."
)
OWN_NAME = "Riverside Community Care CIC"
LOGO_FILENAME = "riverside-care-logo.png"
BRAND_COLOUR = "#0F766E"


# --------------------------------------------------------------------------------------------
# Helpers

#: Days until the demo's Cyber Essentials certificate expires. The profile's certificate and
#: the library item for it must agree (they once said 6 July 2027 and 20 December 2026):
#: one date, soon enough to show the library's expiry warning and the compliance report's
#: "expires before the deadline".
CYBER_ESSENTIALS_EXPIRES_IN = 18


def _money(amount: int | str) -> Decimal:
    return to_money(Decimal(amount))


def vat_number(seven_digits: str) -> str:
    """A GB VAT number whose two check digits pass HMRC's modulus 97 test."""
    weights = (8, 7, 6, 5, 4, 3, 2)
    total = sum(int(d) * w for d, w in zip(seven_digits, weights, strict=True))
    return f"GB{seven_digits}{-total % 97:02d}"


def _latest_year_end(today: date) -> date:
    """The most recent 31 March whose accounts would have been closed (4 months on)."""
    year_end = date(today.year, 3, 31)
    if (today - year_end).days < 120:
        year_end = date(today.year - 1, 3, 31)
    return year_end


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(tag + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)


def logo_png(size: int = 64) -> bytes:
    """A small logo: a teal square with a lighter circle and a white band, as a PNG."""
    teal, light, white = (15, 118, 110), (153, 221, 211), (255, 255, 255)
    centre, radius = (size - 1) / 2, size * 0.36
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(size):
            inside = (x - centre) ** 2 + (y - centre) ** 2 <= radius**2
            band = inside and abs(y - centre - size * 0.08) < size * 0.05
            row += bytes(white if band else light if inside else teal)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


def _words(text: str) -> str:
    """Join a paragraph written over several source lines."""
    return " ".join(text.split())


def _exclusions(org_id: int, answered: bool) -> list[ExclusionDeclaration]:
    return [
        ExclusionDeclaration(
            organisation_id=org_id,
            position=position,
            ground=ground.code,
            applies=False if answered else None,
        )
        for position, ground in enumerate(EXCLUSION_GROUNDS)
    ]


def _add_org(session: Session, org: Organisation, children: Sequence[SQLModel]) -> int:
    """Add `org`, then its child rows (whose organisation_id is filled in here)."""
    session.add(org)
    session.flush()
    assert org.id is not None
    for row in children:
        row.organisation_id = org.id
    session.add_all(children)
    return org.id


# --------------------------------------------------------------------------------------------
# The own organisation

RIVERSIDE_MISSION = """\
Riverside Community Care CIC exists so that older and disabled people in north and east \
Manchester can live well at home and stay connected to their community. We were set up in \
2014 by a group of care workers and local residents who wanted care that is led by the people \
who use it, not by the clock.

We reinvest every surplus in our services and our staff. Our articles include an asset lock, \
and our board includes two people who use our services and one elected member of staff."""

RIVERSIDE_SOCIAL_VALUE = """\
Local jobs: 88% of our 64 staff live within three miles of the people they support, and we pay \
at least the Real Living Wage to every employee, including relief staff. Last year we \
recruited 14 people who had been out of work for more than a year, working with local \
employment support services.

Volunteering: 41 volunteers gave more than 5,200 hours last year as befrienders, drivers and \
lunch club hosts. Every volunteer is offered accredited training and a reference.

Environment: our care teams are organised by neighbourhood so that most visits are made on \
foot or by bicycle; three electric pool cars cover the rest. We cut care-visit mileage by 31% \
in two years.

Community: we host six weekly lunch clubs and a carers' café, and we share our training room \
free of charge with residents' groups."""

RIVERSIDE_DESCRIPTION = (
    "Home care, reablement and community support for older and disabled adults in north and "
    "east Manchester, including befriending, lunch clubs and a carers' café."
)


def _riverside(today: date, logo_sha256: str) -> tuple[Organisation, list[SQLModel]]:
    year_end = _latest_year_end(today)
    org = Organisation(
        is_own=True,
        legal_name=OWN_NAME,
        trading_names="Riverside Care",
        legal_form=str(LegalForm.CIC),
        registration_date=date(2014, 9, 17),
        description=RIVERSIDE_DESCRIPTION,
        website="https://www.riversidecare.example",
        email="bids@riversidecare.example",
        phone="0161 496 0123",
        companies_house_number="09214786",
        vat_number=vat_number("3184627"),
        ppon="PRCW-4821-MNTQ",
        duns="218734561",
        registered_address="Unit 4, Ancoats Works\n41 Jersey Street\nManchester",
        registered_postcode="M4 5JD",
        trading_same_as_registered=True,
        size_band=str(SizeBand.SMALL),
        is_vcse=True,
        employees=64,
        volunteers=41,
        area_of_operation=(
            "Manchester (north and east wards), with outreach into Salford and Trafford "
            "through consortium partners."
        ),
        exclusions_confirmed_on=today - timedelta(days=14),
        social_mission=RIVERSIDE_MISSION,
        social_value=RIVERSIDE_SOCIAL_VALUE,
        asset_locked=True,
        logo_sha256=logo_sha256,
        logo_filename=LOGO_FILENAME,
        brand_colour=BRAND_COLOUR,
    )
    dbs_checked = today - timedelta(days=210)
    dbs_renewal = dbs_checked + timedelta(days=3 * 365)
    children: list[SQLModel] = [
        Contact(
            position=0,
            role=str(ContactRole.BID_CONTACT),
            name="Helen Marsh",
            job_title="Business Development Manager",
            email="helen.marsh@riversidecare.example",
            phone="0161 496 0124",
        ),
        Contact(
            position=1,
            role=str(ContactRole.SIGNATORY),
            name="Daniel Okafor",
            job_title="Chief Executive",
            email="daniel.okafor@riversidecare.example",
            phone="0161 496 0125",
        ),
        Contact(
            position=2,
            role=str(ContactRole.FINANCE),
            name="Priya Shah",
            job_title="Finance Manager",
            email="finance@riversidecare.example",
            phone="0161 496 0126",
        ),
        KeyPerson(
            position=0,
            name="Margaret Doyle",
            role="Chair of the board",
            category=str(PersonCategory.DIRECTOR),
            nationality="British",
            country_of_residence="United Kingdom",
            connected_since=date(2014, 9, 17),
        ),
        KeyPerson(
            position=1,
            name="Daniel Okafor",
            role="Chief Executive and director",
            category=str(PersonCategory.PSC),
            date_of_birth=date(1976, 5, 12),
            nationality="British",
            country_of_residence="United Kingdom",
            connected_since=date(2014, 9, 17),
            dbs_status=str(DbsStatus.UPDATE_SERVICE),
            dbs_level=str(DbsLevel.ENHANCED_BARRED),
            dbs_checked_on=dbs_checked,
            dbs_renewal_due=dbs_renewal,
        ),
        KeyPerson(
            position=2,
            name="Gareth Lloyd",
            role="Director (elected staff member)",
            category=str(PersonCategory.DIRECTOR),
            nationality="British",
            country_of_residence="United Kingdom",
            connected_since=date(2021, 7, 1),
            dbs_status=str(DbsStatus.ISSUED),
            dbs_level=str(DbsLevel.ENHANCED_BARRED),
            dbs_checked_on=dbs_checked - timedelta(days=95),
            dbs_renewal_due=dbs_renewal - timedelta(days=95),
        ),
        KeyPerson(
            position=3,
            name="Amina Hussain",
            role="Registered Manager",
            category=str(PersonCategory.KEY_STAFF),
            connected_since=date(2017, 3, 6),
            dbs_status=str(DbsStatus.UPDATE_SERVICE),
            dbs_level=str(DbsLevel.ENHANCED_BARRED),
            dbs_checked_on=dbs_checked + timedelta(days=60),
            dbs_renewal_due=dbs_renewal + timedelta(days=60),
        ),
        KeyPerson(
            position=4,
            name="Tom Whitfield",
            role="Safeguarding Lead",
            category=str(PersonCategory.KEY_STAFF),
            connected_since=date(2019, 11, 4),
            dbs_status=str(DbsStatus.ISSUED),
            dbs_level=str(DbsLevel.ENHANCED_BARRED),
            dbs_checked_on=dbs_checked + timedelta(days=120),
            dbs_renewal_due=dbs_renewal + timedelta(days=120),
        ),
    ]
    for position, (turnover, surplus, assets, reserves) in enumerate(
        (
            ("2184300", "46210", "612480", "298750"),
            ("1962750", "31480", "566270", "264100"),
            ("1741900", "-12350", "534790", "241820"),
        )
    ):
        children.append(
            FinancialYear(
                position=position,
                year_end=year_end.replace(year=year_end.year - position),
                turnover=_money(turnover),
                surplus=_money(surplus),
                net_assets=_money(assets),
                unrestricted_reserves=_money(reserves),
                accounts_type=str(AccountsType.AUDITED),
            )
        )
    renewal = today + timedelta(days=203)
    for position, (kind, cover, number) in enumerate(
        (
            (InsuranceType.EMPLOYERS_LIABILITY, "10000000", "EL-7734120"),
            (InsuranceType.PUBLIC_LIABILITY, "5000000", "PL-7734121"),
            (InsuranceType.PROFESSIONAL_INDEMNITY, "2000000", "PI-7734122"),
            (InsuranceType.ABUSE, "2000000", "AM-7734123"),
        )
    ):
        children.append(
            InsurancePolicy(
                position=position,
                insurance_type=str(kind),
                insurer="Irwell Mutual Insurance",
                cover=_money(cover),
                policy_number=number,
                expires_on=renewal,
            )
        )
    cyber = today + timedelta(days=CYBER_ESSENTIALS_EXPIRES_IN - 365)
    iip = today - timedelta(days=420)
    children += [
        Accreditation(
            position=0,
            name="Cyber Essentials",
            awarding_body="IASME Consortium",
            reference="CE-0042-7781",
            awarded_on=cyber,
            expires_on=cyber + timedelta(days=365),
        ),
        Accreditation(
            position=1,
            name="Investors in People (Silver)",
            awarding_body="Investors in People",
            reference="IIP-RCC-2291",
            awarded_on=iip,
            expires_on=iip + timedelta(days=3 * 365),
        ),
        Accreditation(
            position=2,
            name="CQC registration: personal care (rated Good)",
            awarding_body="Care Quality Commission",
            reference="1-4471823390",
            awarded_on=date(2015, 2, 9),
        ),
    ]
    for position, (policy, title, age) in enumerate(
        (
            (PolicyType.SAFEGUARDING, "Safeguarding Adults Policy", 45),
            (PolicyType.EQUALITY, "Equality, Diversity and Inclusion Policy", 120),
            (PolicyType.HEALTH_SAFETY, "Health and Safety Policy", 75),
            (PolicyType.DATA_PROTECTION, "Data Protection and Confidentiality Policy", 200),
            (PolicyType.WHISTLEBLOWING, "Whistleblowing (Speaking Up) Policy", 160),
            (PolicyType.COMPLAINTS, "Compliments and Complaints Procedure", 95),
            (PolicyType.ENVIRONMENTAL, "Environmental Policy", 240),
            (PolicyType.MODERN_SLAVERY, "Modern Slavery Statement", 130),
        )
    ):
        reviewed = today - timedelta(days=age)
        children.append(
            PolicyDocument(
                position=position,
                policy_type=str(policy),
                title=title,
                last_reviewed=reviewed,
                next_review=reviewed + timedelta(days=365),
            )
        )
    children += _exclusions(0, answered=True)
    children += [
        ContractExample(
            position=0,
            customer="Manchester City Council",
            contact_name="Sarah Bennett",
            contact_position="Commissioning Manager, Adult Social Care",
            contact_email="s.bennett@council.example",
            contact_phone="0161 496 0310",
            value=_money("1380000"),
            start_date=today - timedelta(days=3 * 365 + 40),
            end_date=today + timedelta(days=320),
            description=_words(
                """Home care and reablement for around 140 older adults a week in four north
                Manchester wards, delivered by neighbourhood teams of eight to ten carers."""
            ),
            outcomes=_words(
                """96% of visits on time (within 15 minutes); 71% of reablement clients needed
                less or no ongoing care after six weeks; no missed visits in the last year."""
            ),
        ),
        ContractExample(
            position=1,
            customer="NHS Greater Manchester (Manchester locality)",
            contact_name="Dr Rachel Aziz",
            contact_position="Head of Community Services Commissioning",
            contact_email="r.aziz@nhs-locality.example",
            contact_phone="0161 496 0420",
            value=_money("425000"),
            start_date=today - timedelta(days=2 * 365 + 100),
            end_date=today - timedelta(days=100),
            description=_words(
                """Hospital discharge support: same-day collection, settling in at home and a
                week of follow-up visits for patients discharged from two acute wards."""
            ),
            outcomes=_words(
                """1,212 patients supported home; readmissions within 30 days fell from 14% to
                9% for the patients we supported."""
            ),
        ),
        ContractExample(
            position=2,
            customer="The Hallworth Foundation (grant)",
            contact_name="Michael Grant",
            contact_position="Grants Officer",
            contact_email="m.grant@hallworth-foundation.example",
            contact_phone="0161 496 0533",
            value=_money("96000"),
            start_date=today - timedelta(days=2 * 365),
            end_date=today + timedelta(days=365),
            description=_words(
                """A befriending and lunch club programme for isolated older people, run with
                41 trained volunteers across six community venues."""
            ),
            outcomes=_words(
                """318 people supported; average UCLA loneliness score improved by 2.1 points
                after six months; 22 participants went on to volunteer themselves."""
            ),
        ),
    ]
    return org, children


# --------------------------------------------------------------------------------------------
# Partners


def _northside(today: date) -> tuple[Organisation, list[SQLModel]]:
    """A charitable company with most of its profile filled in (and a lapsed DBS check)."""
    year_end = _latest_year_end(today)
    org = Organisation(
        legal_name="Northside Advice Centre",
        legal_form=str(LegalForm.CHARITABLE_COMPANY),
        registration_date=date(1998, 4, 21),
        description=_words(
            """Free, independent advice on welfare benefits, debt, housing and employment for
            residents of north Manchester and Salford."""
        ),
        website="https://www.northsideadvice.example",
        email="info@northsideadvice.example",
        phone="0161 496 0701",
        companies_house_number="03561148",
        charity_number_ew="1069427",
        registered_address="The Old Library\n12 Rochdale Road\nManchester",
        registered_postcode="M9 8AE",
        size_band=str(SizeBand.SMALL),
        is_vcse=True,
        employees=23,
        volunteers=35,
        area_of_operation="North Manchester and Salford",
        exclusions_confirmed_on=today - timedelta(days=60),
        social_mission=_words(
            """Northside helps people understand and claim their rights, so that no one in
            our area is left without money for food, fuel or rent because they could not get
            advice."""
        ),
        asset_locked=True,
    )
    children: list[SQLModel] = [
        Contact(
            position=0,
            role=str(ContactRole.BID_CONTACT),
            name="Joanne Clarke",
            job_title="Centre Manager",
            email="joanne.clarke@northsideadvice.example",
            phone="0161 496 0702",
        ),
        KeyPerson(
            position=0,
            name="Peter Ashworth",
            role="Chair of trustees",
            category=str(PersonCategory.DIRECTOR),
            connected_since=date(2016, 10, 3),
        ),
        KeyPerson(
            position=1,
            name="Joanne Clarke",
            role="Centre Manager",
            category=str(PersonCategory.KEY_STAFF),
            connected_since=date(2012, 1, 9),
            dbs_status=str(DbsStatus.LAPSED),
            dbs_level=str(DbsLevel.STANDARD),
            dbs_checked_on=today - timedelta(days=3 * 365 + 20),
            dbs_renewal_due=today - timedelta(days=20),
        ),
    ]
    for position, (turnover, surplus, assets) in enumerate(
        (("812400", "18930", "287600"), ("776150", "-4210", "268670"))
    ):
        children.append(
            FinancialYear(
                position=position,
                year_end=year_end.replace(year=year_end.year - position),
                turnover=_money(turnover),
                surplus=_money(surplus),
                net_assets=_money(assets),
                accounts_type=str(AccountsType.AUDITED),
            )
        )
    renewal = today + timedelta(days=88)
    children += [
        InsurancePolicy(
            position=0,
            insurance_type=str(InsuranceType.EMPLOYERS_LIABILITY),
            insurer="Medlock Charity Insurance",
            cover=_money("10000000"),
            policy_number="CCM-EL-55120",
            expires_on=renewal,
        ),
        InsurancePolicy(
            position=1,
            insurance_type=str(InsuranceType.PUBLIC_LIABILITY),
            insurer="Medlock Charity Insurance",
            cover=_money("5000000"),
            policy_number="CCM-PL-55121",
            expires_on=renewal,
        ),
        InsurancePolicy(
            position=2,
            insurance_type=str(InsuranceType.PROFESSIONAL_INDEMNITY),
            insurer="Medlock Charity Insurance",
            cover=_money("1000000"),
            policy_number="CCM-PI-55122",
            expires_on=renewal,
        ),
        Accreditation(
            position=0,
            name="Advice Quality Standard",
            awarding_body="Advice Services Alliance",
            reference="AQS-3318",
            awarded_on=today - timedelta(days=500),
            expires_on=today + timedelta(days=595),
        ),
    ]
    for position, (policy, title, age) in enumerate(
        (
            (PolicyType.SAFEGUARDING, "Safeguarding Policy", 90),
            (PolicyType.EQUALITY, "Equality and Diversity Policy", 300),
            (PolicyType.DATA_PROTECTION, "Data Protection Policy", 450),
        )
    ):
        reviewed = today - timedelta(days=age)
        children.append(
            PolicyDocument(
                position=position,
                policy_type=str(policy),
                title=title,
                last_reviewed=reviewed,
                next_review=reviewed + timedelta(days=365),
            )
        )
    children += _exclusions(0, answered=True)
    children.append(
        ContractExample(
            position=0,
            customer="Salford City Council",
            contact_name="Lisa Moran",
            contact_position="Financial Inclusion Lead",
            value=_money("210000"),
            start_date=today - timedelta(days=3 * 365),
            end_date=today - timedelta(days=30),
            description=_words(
                """Welfare benefits advice and representation at tribunal for Salford residents
                referred by the council's housing and council tax teams."""
            ),
            outcomes="£2.3 million in benefits gained for 1,450 clients; 78% of appeals won.",
        )
    )
    return org, children


def _greenway(today: date) -> tuple[Organisation, list[SQLModel]]:
    """A workers' co-operative that has filled in about half of its profile."""
    org = Organisation(
        legal_name="Greenway Workers' Co-operative Ltd",
        legal_form=str(LegalForm.COOPERATIVE_SOCIETY),
        registration_date=date(2011, 6, 2),
        description=_words(
            """A worker-owned co-operative providing community transport, handyperson and
            small home adaptation services across Salford, Trafford and Stockport."""
        ),
        email="hello@greenway-coop.example",
        phone="0161 496 0850",
        fca_mutuals_number="RS008214",
        registered_address="Canal Side Yard\n3 Wharf Lane\nStockport",
        registered_postcode="SK1 3TA",
        is_vcse=True,
        employees=17,
        asset_locked=False,
    )
    children: list[SQLModel] = [
        Contact(
            position=0,
            role=str(ContactRole.BID_CONTACT),
            name="Sam Ridley",
            job_title="Member, co-ordination team",
            email="sam@greenway-coop.example",
        ),
        KeyPerson(
            position=0,
            name="Sam Ridley",
            role="Secretary",
            category=str(PersonCategory.DIRECTOR),
            connected_since=date(2011, 6, 2),
        ),
        FinancialYear(
            position=0,
            year_end=_latest_year_end(today),
            turnover=_money("486200"),
            surplus=_money("9750"),
            accounts_type=str(AccountsType.EXAMINED),
        ),
        InsurancePolicy(
            position=0,
            insurance_type=str(InsuranceType.PUBLIC_LIABILITY),
            insurer="Tame Valley Insurance Services",
            cover=_money("5000000"),
            policy_number="CRS-4410-PL",
            expires_on=today + timedelta(days=140),
        ),
    ]
    children += _exclusions(0, answered=False)
    return org, children


# --------------------------------------------------------------------------------------------
# Evidence and bids


def _evidence(org_id: int, today: date) -> list[EvidenceItem]:
    def item(
        kind: EvidenceKind,
        title: str,
        body: str,
        tags: str,
        *,
        owner: str,
        review_in: int | None = None,
        expires_in: int | None = None,
    ) -> EvidenceItem:
        return EvidenceItem(
            organisation_id=org_id,
            kind=str(kind),
            title=title,
            body=_words(body),
            tags=tags,
            owner=owner,
            review_on=today + timedelta(days=review_in) if review_in is not None else None,
            expires_on=today + timedelta(days=expires_in) if expires_in is not None else None,
        )

    return [
        item(
            EvidenceKind.CASE_STUDY,
            "Case study: Mr K, home from hospital in a day",
            """Mr K, aged 84, had been in hospital for three weeks after a fall and was
            medically fit to leave, but his flat was cold, his fridge was empty and his
            daughter lives in Leeds. Our discharge team collected him the same afternoon,
            switched the heating on, did a small food shop and set up a key safe. Over the
            next week his reablement worker visited twice a day, helping him to regain
            confidence on the stairs and to prepare simple meals. A volunteer befriender now
            calls every Thursday and takes him to our lunch club. Six weeks on, Mr K needs one
            short visit a day instead of the four the hospital had planned. He says: "I thought
            I would end up in a home. Now I make my own breakfast again." His daughter tells us
            she finally sleeps at night.""",
            "hospital discharge, reablement, older people, befriending, outcomes",
            owner="Amina Hussain",
            review_in=160,
        ),
        item(
            EvidenceKind.STATISTIC,
            "Reablement outcomes, last financial year",
            """Of the 412 people who completed a six-week reablement programme with us in the
            last financial year, 71% needed less or no ongoing care at the end of it (national
            benchmark about 60%). 89% were still living at home 91 days after leaving hospital.
            Average time from referral to first visit was 26 hours. 96% of all visits started
            within 15 minutes of the planned time, and there were no missed visits. Figures are
            taken from our care management system and were checked by the council's contract
            monitoring team at the quarterly review.""",
            "reablement, outcomes, KPIs, performance, older people",
            owner="Helen Marsh",
            review_in=-21,
        ),
        item(
            EvidenceKind.TESTIMONIAL,
            "Testimonial from a carer's daughter",
            """"When Mum came out of hospital we were told to expect weeks of chaos. Instead,
            Riverside rang us the day before, came with her in the taxi and had the house warm
            and the kettle on. The carers learnt how Mum likes her tea, which radio station she
            listens to and that she hates being rushed. They noticed when she was getting
            confused and called the GP before it turned into an infection. I cannot thank the
            team enough: they treated Mum as a person, not a list of tasks, and gave our whole
            family some peace of mind." (Daughter of a client in Harpurhey, shared with
            permission.)""",
            "testimonial, person-centred care, families, carers",
            owner="Helen Marsh",
            review_in=300,
        ),
        item(
            EvidenceKind.POLICY,
            "Safeguarding adults: summary of our approach",
            """Our Safeguarding Adults Policy follows the Care Act 2014 and the Greater
            Manchester multi-agency safeguarding procedures. Every member of staff and every
            volunteer completes safeguarding training at induction and a refresher every year;
            team leaders are trained to level 3. Our Safeguarding Lead reports to the board
            each quarter, and a named trustee champions safeguarding. Concerns are logged the
            same day, reviewed by the lead within 24 hours and referred to the local authority
            where the threshold is met. We learn from every concern: the themes are reviewed
            at our quality meeting and shared, anonymised, with all teams. The policy was last
            reviewed and approved by the board this year.""",
            "safeguarding, policy, Care Act, training, governance",
            owner="Tom Whitfield",
            review_in=320,
        ),
        item(
            EvidenceKind.ANSWER,
            "Social value answer: local employment and skills",
            """We recruit locally and we invest in the people we recruit. 88% of our staff live
            within three miles of the people they support, and every employee, including relief
            staff, is paid at least the Real Living Wage. Over the life of this contract we
            will create 12 new care and support roles, at least half of them filled by people
            who have been out of work for six months or more, through our partnership with
            local employment support services. Every new starter gets paid induction, a mentor
            and the Care Certificate within twelve weeks; after a year, staff can take a level
            3 diploma in adult care, funded by us. We will report these figures quarterly,
            using the buyer's social value measures.""",
            "social value, local employment, skills, living wage, TOMs",
            owner="Helen Marsh",
            review_in=200,
        ),
        item(
            EvidenceKind.CERTIFICATE,
            "Cyber Essentials certificate",
            """Cyber Essentials certification, awarded by the IASME Consortium, covering the
            whole organisation: office network, staff laptops and the mobile phones used by
            care teams to record visits. The assessment confirmed firewalls, secure
            configuration, user access control, malware protection and security update
            management. Certificate reference CE-0042-7781. The certificate must be renewed
            every twelve months; the renewal self-assessment is due before the expiry date
            shown here, and our IT support provider has booked the review. Attach the current
            certificate to any bid that asks for evidence of data security.""",
            "certificate, cyber security, data protection, IT",
            owner="Priya Shah",
            review_in=5,
            expires_in=CYBER_ESSENTIALS_EXPIRES_IN,
        ),
        item(
            EvidenceKind.ANSWER,
            "Mobilisation plan: first 90 days",
            """We have mobilised three new contracts in the last four years without a missed
            visit. Our plan starts the day the contract is awarded: a mobilisation lead chairs
            a weekly meeting with the commissioner and any outgoing provider. In the first 30
            days we complete TUPE consultation, meet every transferring member of staff and
            confirm rotas. By day 60 all care plans have been reviewed with the people who use
            the service and their families, and our electronic call monitoring is live. By day
            90 we report against every key performance indicator and agree any changes at the
            first contract review. Risks are tracked in a shared log.""",
            "mobilisation, TUPE, transition, implementation plan",
            owner="Daniel Okafor",
            review_in=240,
        ),
    ]


def _evidence_history(
    ws: Workspace, session: Session, evidence: list[EvidenceItem], bids: list[Bid]
) -> None:
    """An edited policy with its earlier version and the policy document attached, and the
    items already used in bids (so the library's history, files and usage show something)."""
    from bidkit.model.evidence import EvidenceFile, EvidenceUsage, EvidenceVersion

    policy = next(e for e in evidence if e.kind == str(EvidenceKind.POLICY))
    session.add(
        EvidenceVersion(
            evidence_id=policy.id or 0, version=1, kind=policy.kind, title=policy.title,
            body=policy.body.replace("a refresher every year", "a refresher every two years"),
            tags=policy.tags, owner=policy.owner, review_on=policy.review_on,
        )
    )  # fmt: skip
    policy.version = 2
    session.add(policy)
    document = _policy_pdf(policy.title)
    session.add(
        EvidenceFile(
            evidence_id=policy.id or 0, sha256=ws.files.add_bytes(document),
            file_name="Safeguarding adults policy.pdf", media_type="application/pdf",
            size=len(document),
        )
    )  # fmt: skip
    used = {"Case study": (0,), "Social value answer": (0, 1), "Safeguarding adults": (0, 1, 2)}
    for item in evidence:
        for prefix, bid_rows in used.items():
            if item.title.startswith(prefix):
                for row in bid_rows:
                    session.add(EvidenceUsage(evidence_id=item.id or 0, bid_id=bids[row].id or 0,
                                              question_id="", version=item.version))  # fmt: skip


def _attach_policy_files(ws: Workspace, session: Session, org_id: int) -> None:
    """The own organisation's policies carry their documents, so a submission package of a
    demo bid attaches them as appendices."""
    session.flush()
    policies = session.exec(select(PolicyDocument).where(PolicyDocument.organisation_id == org_id))
    for policy in policies.all():
        document = _policy_pdf(policy.title)
        policy.file_sha256 = ws.files.add_bytes(document)
        policy.file_name = f"{policy.title}.pdf"
        session.add(policy)


def _policy_pdf(title: str) -> bytes:
    """A one-page PDF with the policy's title (a stand-in for the real document)."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    size = len(objects) + 1
    out += f"trailer << /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _bids(own_id: int, today: date) -> list[Bid]:
    return [
        Bid(
            title="Community Connectors Service",
            buyer="Manchester City Council",
            reference="DN712334",
            status=str(BidStatus.DRAFTING),
            deadline=uk_time(today + timedelta(days=12), 12),
            value=_money("450000"),
            lead_org_id=own_id,
            notes=_words(
                """Three-year contract (with a one-year extension) for community connectors
                linking isolated residents with local groups. Social value weighted at 20%."""
            ),
        ),
        Bid(
            title="Welfare Rights Advice Consortium",
            buyer="Salford City Council",
            reference="SCC-2291-WRA",
            status=str(BidStatus.GO_NO_GO),
            deadline=uk_time(today + timedelta(days=26), 12),
            value=_money("1200000"),
            lead_org_id=own_id,
            notes=_words(
                """Consortium bid led by Riverside: Northside Advice Centre delivers the
                advice; Greenway Workers' Co-operative provides transport for home visits as a
                subcontractor. Go / no-go meeting with partners this week."""
            ),
        ),
        Bid(
            title="Carers Support Service",
            buyer="Trafford Council",
            reference="TC-ASC-0457",
            status=str(BidStatus.SUBMITTED),
            deadline=uk_time(today - timedelta(days=10), 12),
            value=_money("180000"),
            lead_org_id=own_id,
            notes=(
                "Submitted on the portal two days before the deadline; award expected next month."
            ),
        ),
    ]


def _end_of(day: date) -> datetime:
    """A deadline given as a day: the end of that UK day, in UTC."""
    return parse_deadline(day.isoformat())


def _checklist(answers: str, note: str, today: date) -> str:
    """Go/no-go answers given as one letter per question (y, p, n) in checklist order."""
    words = {"y": "yes", "p": "partly", "n": "no"}
    result = checklist.assess(
        {q.key: words[a] for q, a in zip(checklist.QUESTIONS, answers, strict=True)}, note
    )
    return checklist.to_json(result, today.isoformat())


def _history(bid_id: int, steps: Sequence[tuple[str, str, int]], today: date) -> list[SQLModel]:
    """Status changes (from, to, days ago), at 10:00 UK time on each day."""
    return [
        BidStatusChange(
            bid_id=bid_id,
            from_status=old,
            to_status=new,
            changed_at=uk_time(today - timedelta(days=ago), 10),
        )
        for old, new, ago in steps
    ]


def _past_bids(own_id: int, today: date) -> list[Bid]:
    """Two decided bids, so the win rate and the outcome view have something to show."""
    won_on = today - timedelta(days=2 * 365 + 130)
    lost_on = today - timedelta(days=200)
    return [
        Bid(
            title="Hospital Discharge Support Service",
            buyer="NHS Greater Manchester (Manchester locality)",
            reference="NHSGM-MCR-0318",
            status=str(BidStatus.WON),
            deadline=uk_time(won_on - timedelta(days=60), 12),
            value=_money("425000"),
            lead_org_id=own_id,
            outcome_on=won_on,
            outcome_feedback=_words(
                """Strong answers on partnership with the two acute wards and on mobilisation.
                The price was the second lowest; quality scores decided the award."""
            ),
            outcome_scores=json.dumps(
                [
                    {"criterion": "Service delivery", "score": 17, "max": 20},
                    {"criterion": "Social value", "score": 9, "max": 10},
                    {"criterion": "Price", "score": 36, "max": 40},
                ]
            ),
        ),
        Bid(
            title="Day Opportunities Framework (Lot 2: older adults)",
            buyer="Stockport Council",
            reference="SMBC-DOF-2291",
            status=str(BidStatus.LOST),
            deadline=uk_time(lost_on - timedelta(days=75), 12),
            value=_money("260000"),
            lead_org_id=own_id,
            outcome_on=lost_on,
            outcome_feedback=_words(
                """The buyer wanted more evidence of outcomes for people with dementia, and
                transport costs were higher than the winning bid's."""
            ),
            outcome_scores=json.dumps(
                [
                    {"criterion": "Quality", "score": 38, "max": 60},
                    {"criterion": "Price", "score": 31, "max": 40},
                ]
            ),
        ),
    ]


def _bid_details(session: Session, bids: Sequence[Bid], own_id: int, today: date) -> int:
    """Key dates, tasks, go/no-go answers and status history for the demo bids, and two
    decided bids from the past. Returns how many past bids were added."""
    drafting, consortium, submitted = (b.id for b in bids)
    assert drafting is not None and consortium is not None and submitted is not None
    day = timedelta(days=1)
    bids[0].go_checklist = _checklist("yyppyyyyyp", "Good fit; pricing needs care.", today)
    bids[1].go_checklist = _checklist(
        "yyppppyppy", "Depends on Greenway agreeing the transport price.", today
    )
    bids[2].go_checklist = _checklist("yyyyyyyyyp", "", today)
    session.add_all(bids)
    rows: list[SQLModel] = [
        KeyDate(bid_id=drafting, kind=str(KeyDateKind.CLARIFICATION),
                due=uk_time(today + 5 * day, 12)),
        KeyDate(bid_id=drafting, kind=str(KeyDateKind.PRESENTATION),
                due=uk_time(today + 30 * day, 10)),
        KeyDate(bid_id=drafting, kind=str(KeyDateKind.AWARD), due=_end_of(today + 45 * day),
                all_day=True),
        KeyDate(bid_id=drafting, kind=str(KeyDateKind.CONTRACT_START),
                due=_end_of(today + 90 * day), all_day=True),
        KeyDate(bid_id=consortium, kind=str(KeyDateKind.CLARIFICATION),
                due=uk_time(today + 6 * day, 17)),
        KeyDate(bid_id=consortium, kind=str(KeyDateKind.CUSTOM), label="Partners' sign-off",
                due=uk_time(today + 19 * day, 14)),
        KeyDate(bid_id=consortium, kind=str(KeyDateKind.CONTRACT_START),
                due=_end_of(today + 140 * day), all_day=True),
        KeyDate(bid_id=submitted, kind=str(KeyDateKind.AWARD), due=_end_of(today + 20 * day),
                all_day=True),
        KeyDate(bid_id=submitted, kind=str(KeyDateKind.CONTRACT_START),
                due=_end_of(today + 60 * day), all_day=True),
    ]  # fmt: skip
    tasks = [
        (drafting, "Read the specification and the questions", "Helen Marsh", -9, True),
        (drafting, "Check the pricing schedule against our costs", "Priya Shah", -2, False),
        (drafting, "Write the social value answer", "Helen Marsh", 4, False),
        (drafting, "Get the signed Form of Tender", "Daniel Okafor", 9, False),
        (consortium, "Agree the subcontract terms with Greenway", "Helen Marsh", -1, False),
        (consortium, "Collect Northside's partner pack", "Joanne Clarke", 7, False),
        (consortium, "Hold the go / no-go meeting with partners", "Daniel Okafor", 2, False),
        (submitted, "Upload the final response to the portal", "Helen Marsh", -12, True),
    ]
    for position, (bid_id, title, owner, due_in, done) in enumerate(tasks, start=1):
        rows.append(
            BidTask(
                bid_id=bid_id,
                position=position,
                title=title,
                owner=owner,
                due=today + due_in * day,
                done=done,
                done_at=uk_time(today + due_in * day, 16) if done else None,
            )
        )
    identified, go, draft = str(BidStatus.IDENTIFIED), str(BidStatus.GO_NO_GO), "drafting"
    review, sent = str(BidStatus.IN_REVIEW), str(BidStatus.SUBMITTED)
    rows += _history(drafting, [(identified, go, 21), (go, draft, 15)], today)
    rows += _history(consortium, [(identified, go, 4)], today)
    rows += _history(
        submitted, [(identified, go, 50), (go, draft, 44), (draft, review, 16), (review, sent, 12)],
        today,
    )  # fmt: skip
    session.add_all(rows)
    past = _past_bids(own_id, today)
    session.add_all(past)
    session.flush()
    for bid in past:
        assert bid.id is not None
        decided = str(bid.status)
        rows = _history(bid.id, [(sent, decided, (today - (bid.outcome_on or today)).days)], today)
        session.add_all(rows)
    return len(past)


# --------------------------------------------------------------------------------------------
# The operation


def _has_data(session: Session) -> bool:
    for model in (Organisation, Bid, EvidenceItem):
        if session.exec(select(func.count()).select_from(model)).one():
            return True
    return False


def _delete_everything(session: Session) -> None:
    """Remove every row of every table, children before their parents."""
    connection = session.connection()
    for table in reversed(metadata.sorted_tables):
        connection.execute(table.delete())


#: The questionnaire each demo bid starts with, in the order of `_bids`.
DEMO_FORMS = ("council-care-support-pqq", "uk-sq-ppn-03-24", "uk-pa2023-cdp-psq")


def seed_demo(ws: Workspace, *, force: bool, today: date | None = None) -> Changes:
    """Fill the workspace with the demo; with `force`, replace what it holds (after a backup).

    Refuses a workspace that already has organisations, bids or evidence unless `force`.
    Every date is relative to `today` (default: the real today); a fixed day makes the demo's
    documents the same on every run (the Word pagination check uses it).
    """
    with ws.session() as session:
        has_data = _has_data(session)
    if has_data and not force:
        raise InputRefused(HAS_DATA_MESSAGE)
    if has_data:
        ws.backup("before-demo")
    today = today or date.today()
    logo_sha256 = ws.files.add_bytes(logo_png())
    with ws.write() as session:
        if has_data:
            _delete_everything(session)
        own_id = _add_org(session, *_riverside(today, logo_sha256))
        _attach_policy_files(ws, session, own_id)
        northside_id = _add_org(session, *_northside(today))
        greenway_id = _add_org(session, *_greenway(today))
        evidence = _evidence(own_id, today)
        session.add_all(evidence)
        bids = _bids(own_id, today)
        session.add_all(bids)
        session.flush()
        consortium = bids[1]
        assert consortium.id is not None
        session.add_all(
            [
                BidPartner(
                    bid_id=consortium.id,
                    organisation_id=northside_id,
                    role=str(PartnerRole.MEMBER),
                    relied_on_for_capacity=True,
                    work_share_pct=40,
                    value_share_pct=35,
                    contact_name="Joanne Clarke",
                    contact_email="joanne.clarke@northside-advice.example",
                ),
                BidPartner(
                    bid_id=consortium.id,
                    organisation_id=greenway_id,
                    role=str(PartnerRole.SUBCONTRACTOR),
                    key_subcontractor=True,
                    work_share_pct=15,
                    value_share_pct=10,
                ),
                # The agreements the buyer will ask a consortium for, part-way through.
                PartnerAgreement(
                    bid_id=consortium.id,
                    kind=str(AgreementKind.JOINT_WORKING),
                    status=str(AgreementStatus.DRAFTING),
                    title="Joint-working agreement (draft 2)",
                ),
                PartnerAgreement(
                    bid_id=consortium.id,
                    organisation_id=greenway_id,
                    kind=str(AgreementKind.SUBCONTRACT),
                    status=str(AgreementStatus.NEEDED),
                    title="Subcontract terms with Greenway",
                ),
            ]
        )
        past_bids = _bid_details(session, bids, own_id, today)
        _evidence_history(ws, session, evidence, bids)
        from bidkit.ops.questionnaires import attach_in

        # The questionnaires go in the same transaction: a crash leaves the old workspace or
        # the whole demo, never bids without their questionnaires.
        for bid, form_id in zip(bids, DEMO_FORMS, strict=True):
            assert bid.id is not None
            attach_in(session, bid.id, form_id, today)
    log.info("demo seeded (replaced existing data: %s)", has_data)
    return Changes(
        {
            "organisation": frozenset(),
            "bid": frozenset(),
            "evidence": frozenset(),
            "questionnaire": frozenset(),
        },
        note=(
            f"Demo workspace ready: {OWN_NAME}, 2 partners, {len(bids) + past_bids} bids, "
            f"{len(evidence)} evidence items."
        ),
    )
