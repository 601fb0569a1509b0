"""SQLModel table classes: the domain entities. Importing this package registers every table."""

from bidkit.model.bid import Bid, BidPartner, BidStatus, PartnerRole
from bidkit.model.evidence import EvidenceItem, EvidenceKind
from bidkit.model.organisation import (
    PROFILE_TABLES,
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

__all__ = [
    "PROFILE_TABLES",
    "Accreditation",
    "Bid",
    "BidPartner",
    "BidStatus",
    "Contact",
    "ContractExample",
    "EvidenceItem",
    "EvidenceKind",
    "ExclusionDeclaration",
    "FinancialYear",
    "InsurancePolicy",
    "KeyPerson",
    "Organisation",
    "PartnerRole",
    "PolicyDocument",
]
