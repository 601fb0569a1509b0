"""SQLModel table classes: the domain entities.

The names are loaded on first use (PEP 562) so that light modules such as `bidkit.model.enums`
can be imported at start-up without pulling in SQLModel. `import bidkit.model.tables` registers
every table with the metadata.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from bidkit.model.evidence import (
        EvidenceFile,
        EvidenceItem,
        EvidenceKind,
        EvidenceUsage,
        EvidenceVersion,
    )
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
    from bidkit.model.questionnaire import Answer, BidForm

_HOMES = {
    "Bid": "bid",
    "BidStatusChange": "bid",
    "BidTask": "bid",
    "KeyDate": "bid",
    "KeyDateKind": "enums",
    "EvidenceFile": "evidence",
    "EvidenceUsage": "evidence",
    "EvidenceVersion": "evidence",
    "BidPartner": "bid",
    "BidStatus": "enums",
    "PartnerRole": "enums",
    "EvidenceItem": "evidence",
    "EvidenceKind": "evidence",
    "PROFILE_TABLES": "organisation",
    "Accreditation": "organisation",
    "Contact": "organisation",
    "ContractExample": "organisation",
    "ExclusionDeclaration": "organisation",
    "FinancialYear": "organisation",
    "InsurancePolicy": "organisation",
    "KeyPerson": "organisation",
    "Organisation": "organisation",
    "PolicyDocument": "organisation",
    "Answer": "questionnaire",
    "BidForm": "questionnaire",
}

__all__ = [
    "PROFILE_TABLES",
    "Accreditation",
    "Answer",
    "Bid",
    "BidForm",
    "BidPartner",
    "BidStatus",
    "BidStatusChange",
    "BidTask",
    "Contact",
    "ContractExample",
    "EvidenceFile",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceUsage",
    "EvidenceVersion",
    "ExclusionDeclaration",
    "FinancialYear",
    "InsurancePolicy",
    "KeyDate",
    "KeyDateKind",
    "KeyPerson",
    "Organisation",
    "PartnerRole",
    "PolicyDocument",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'bidkit.model' has no attribute {name!r}")
    return getattr(importlib.import_module(f"bidkit.model.{home}"), name)
