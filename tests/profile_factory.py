"""A complete, fictional organisation profile for tests: every field of every table is set.

Tests that need "a real profile" use `make_full_profile`; `test_profile_document` checks that
every column differs from its default, so a new column must be filled in here too.
"""

from __future__ import annotations

import struct
import zlib
from datetime import date
from decimal import Decimal

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
from bidkit.store.workspace import Workspace


def tiny_png() -> bytes:
    """A valid 1x1 PNG (a teal pixel), built here so no binary fixture is needed."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x80\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


POLICY_PDF = (
    b"%PDF-1.4\n% Riverside Community Care CIC - Safeguarding adults and children policy\n"
    b"1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def make_full_profile(ws: Workspace, *, own: bool = True) -> int:
    """Create the profile of a fictional Leeds CIC with every field filled; returns its id."""
    logo = ws.files.add_bytes(tiny_png())
    policy_file = ws.files.add_bytes(POLICY_PDF)
    with ws.write() as session:
        org = Organisation(
            is_own=own,
            legal_name="Riverside Community Care CIC",
            trading_names="Riverside Care\nRiverside Home Support",
            legal_form="cic",
            legal_form_other="Community interest company limited by guarantee",
            registration_date=date(2014, 5, 12),
            description="Home care and community support for older people in West Yorkshire.",
            website="https://riverside-care.example.org.uk",
            email="bids@riverside-care.example.org.uk",
            phone="0113 496 0123",
            companies_house_number="09012345",
            charity_number_ew="1160001",
            charity_number_sc="SC049999",
            charity_number_ni="NIC100999",
            fca_mutuals_number="RS007999",
            vat_number="GB 123 4567 89",
            ppon="PPON-7QX3-44LM-2RTA",
            duns="219876543",
            registered_address="Unit 4, Aire Street Works\nHolbeck\nLeeds",
            registered_postcode="LS11 9XE",
            registered_country="England",
            trading_same_as_registered=False,
            trading_address="The Old Library\n12 Chapel Street\nLeeds",
            trading_postcode="LS6 3NP",
            size_band="small",
            is_vcse=True,
            is_supported_employment=True,
            is_public_service_mutual=True,
            employees=48,
            volunteers=23,
            area_of_operation="Leeds, Bradford and Wakefield",
            parent_name="Riverside Community Trust",
            parent_number="08765432",
            ultimate_parent_name="Aire Valley Community Foundation",
            ultimate_parent_number="07654321",
            exclusions_confirmed_on=date(2025, 2, 3),
            social_mission="Helping older people live well and independently at home.",
            social_value="Local recruitment, a real Living Wage, and 1,200 volunteer hours a year.",
            asset_locked=True,
            logo_sha256=logo,
            logo_filename="riverside-logo.png",
            brand_colour="#00807F",
        )
        session.add(org)
        session.flush()
        assert org.id is not None
        org_id = org.id
        rows = [
            Contact(
                role="signatory",
                name="Amara Okafor",
                job_title="Chief Executive",
                email="amara.okafor@riverside-care.example.org.uk",
                phone="0113 496 0124",
            ),
            Contact(
                role="finance",
                name="Tom Pritchard",
                job_title="Finance Manager",
                email="tom.pritchard@riverside-care.example.org.uk",
                phone="0113 496 0125",
            ),
            KeyPerson(
                name="Amara Okafor",
                role="Director and CEO",
                category="psc",
                date_of_birth=date(1978, 9, 14),
                nationality="British",
                country_of_residence="United Kingdom",
                connected_since=date(2014, 5, 12),
                dbs_status="update_service",
                dbs_level="enhanced_barred",
                dbs_checked_on=date(2024, 1, 8),
                dbs_renewal_due=date(2027, 1, 8),
            ),
            FinancialYear(
                year_end=date(2024, 3, 31),
                turnover=Decimal("1234567.89"),
                surplus=Decimal("-4500.10"),
                net_assets=Decimal("310000.00"),
                unrestricted_reserves=Decimal("98765.43"),
                accounts_type="audited",
            ),
            FinancialYear(
                year_end=date(2023, 3, 31),
                turnover=Decimal("1100250.00"),
                surplus=Decimal("12000.55"),
                net_assets=Decimal("314500.20"),
                unrestricted_reserves=Decimal("90000.01"),
                accounts_type="examined",
            ),
            InsurancePolicy(
                insurance_type="employers_liability",
                insurer="Northern Mutual Insurance",
                cover=Decimal("10000000.00"),
                policy_number="EL-448812",
                expires_on=date(2026, 4, 30),
            ),
            Accreditation(
                name="CQC registration (Good)",
                awarding_body="Care Quality Commission",
                reference="1-234567890",
                awarded_on=date(2022, 6, 1),
                expires_on=date(2026, 6, 1),
            ),
            PolicyDocument(
                policy_type="equality",
                title="Equality, diversity and inclusion policy",
                file_sha256=policy_file,
                file_name="edi-policy-2025.pdf",
                last_reviewed=date(2025, 1, 15),
                next_review=date(2026, 1, 15),
            ),
            ExclusionDeclaration(
                ground="fraud",
                applies=False,
                occurred_on=date(2019, 7, 1),
                details="A former employee was convicted of theft from the company.",
                self_cleaning="Dismissal, new payment controls, annual audit.",
            ),
            ExclusionDeclaration(
                ground="poor_performance",
                applies=True,
                occurred_on=date(2021, 11, 30),
                details="A domiciliary care contract ended early by agreement.",
                self_cleaning="New rota system; later contracts rated Good.",
            ),
            ContractExample(
                customer="Leeds City Council",
                contact_name="Priya Shah",
                contact_position="Commissioning Manager",
                contact_email="priya.shah@leeds.example.gov.uk",
                contact_phone="0113 378 0000",
                value=Decimal("450000.00"),
                start_date=date(2021, 4, 1),
                end_date=date(2024, 3, 31),
                description="Reablement home care for 120 people a year.",
                outcomes="87% of people needed no further care after six weeks.",
            ),
        ]
        positions: dict[type, int] = {}
        for row in rows:
            position = positions.get(type(row), 0)
            row.organisation_id, row.position = org_id, position
            positions[type(row)] = position + 1
            session.add(row)
    return org_id
