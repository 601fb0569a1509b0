"""A realistic demo workspace: one complete own profile, two partners, evidence and three bids.

Everything is fictional. Numbers have real shapes and pass the format checks (VAT check digits
are computed), phone numbers are in Ofcom's range reserved for drama, and email and web
addresses use the reserved `.example` domain. Dates are relative to the day the demo is seeded,
so the own profile is 100% complete whenever it is made.

The demo is written in one transaction with the table classes directly: values are stored in
exactly the form the operations in `bidkit.ops.organisations` would store them.
"""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, SQLModel, func, select

from bidkit.bids.uktime import uk_time
from bidkit.errors import InputRefused
from bidkit.model.bid import Bid, BidPartner, BidStatus, PartnerRole
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
    cyber = today - timedelta(days=150)
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
            expires_in=18,
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
DEMO_FORMS = ("council-care-support-pqq", "uk-sq-ppn-03-23", "uk-pa2023-cdp-psq")


def seed_demo(ws: Workspace, *, force: bool) -> Changes:
    """Fill the workspace with the demo; with `force`, replace what it holds (after a backup).

    Refuses a workspace that already has organisations, bids or evidence unless `force`.
    """
    with ws.session() as session:
        has_data = _has_data(session)
    if has_data and not force:
        raise InputRefused(HAS_DATA_MESSAGE)
    if has_data:
        ws.backup("before-demo")
    today = date.today()
    logo_sha256 = ws.files.add_bytes(logo_png())
    with ws.write() as session:
        if has_data:
            _delete_everything(session)
        own_id = _add_org(session, *_riverside(today, logo_sha256))
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
                ),
                BidPartner(
                    bid_id=consortium.id,
                    organisation_id=greenway_id,
                    role=str(PartnerRole.SUBCONTRACTOR),
                ),
            ]
        )
        bid_ids = [bid.id for bid in bids]
    from bidkit.ops.questionnaires import attach_form

    for bid_id, form_id in zip(bid_ids, DEMO_FORMS, strict=True):
        assert bid_id is not None
        attach_form(ws, bid_id, form_id)
    log.info("demo seeded (replaced existing data: %s)", has_data)
    return Changes(
        {
            "organisation": frozenset(),
            "bid": frozenset(),
            "evidence": frozenset(),
            "questionnaire": frozenset(),
        },
        note=(
            f"Demo workspace ready: {OWN_NAME}, 2 partners, {len(bids)} bids, "
            f"{len(evidence)} evidence items."
        ),
    )
