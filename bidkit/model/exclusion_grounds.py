"""The exclusion grounds an organisation declares against, once, in its profile.

One list covers the Standard Selection Questionnaire (PCR 2015 regulation 57, Part 2 of the SQ)
and the Procurement Act 2023 (Schedules 6 and 7, Central Digital Platform exclusions). The codes
are stable keys; forms bind their exclusion questions to them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExclusionGround:
    code: str
    label: str
    mandatory: bool
    help: str


EXCLUSION_GROUNDS: tuple[ExclusionGround, ...] = (
    ExclusionGround(
        "criminal_organisation",
        "Participation in a criminal organisation or organised crime",
        True,
        "A conviction of the organisation, or of anyone with powers of representation, "
        "decision or control in it, in the last five years.",
    ),
    ExclusionGround(
        "corruption", "Corruption or bribery", True, "Convictions in the last five years."
    ),
    ExclusionGround(
        "fraud", "Fraud, theft or dishonesty offences", True, "Convictions in the last five years."
    ),
    ExclusionGround(
        "terrorism",
        "Terrorist offences or offences linked to terrorism",
        True,
        "Convictions in the last five years.",
    ),
    ExclusionGround(
        "money_laundering",
        "Money laundering or terrorist financing",
        True,
        "Convictions in the last five years.",
    ),
    ExclusionGround(
        "labour_trafficking",
        "Child labour, modern slavery, human trafficking or labour market offences",
        True,
        "Convictions in the last five years, including Modern Slavery Act 2015 offences.",
    ),
    ExclusionGround(
        "cartel",
        "Cartel offences",
        True,
        "Convictions under competition law for price fixing, market sharing or bid rigging.",
    ),
    ExclusionGround(
        "corporate_manslaughter",
        "Corporate manslaughter or corporate homicide",
        True,
        "Convictions in the last five years.",
    ),
    ExclusionGround(
        "tax_non_payment",
        "Tax or social security not paid (found by a court or tribunal)",
        True,
        "A final judicial or administrative decision that tax or National Insurance was not paid.",
    ),
    ExclusionGround(
        "tax_arrangements",
        "Abusive or notifiable tax arrangements, or VAT and duty penalties",
        True,
        "HMRC adjustments, defeats or penalties of the kinds listed in the Procurement Act 2023.",
    ),
    ExclusionGround(
        "competition_infringement",
        "Competition law infringements",
        True,
        "Decisions by the Competition and Markets Authority or a court.",
    ),
    ExclusionGround(
        "investigation_cooperation",
        "Failure to cooperate with an exclusion investigation",
        True,
        "Not providing information a buyer or the Procurement Review Unit required.",
    ),
    ExclusionGround(
        "environmental",
        "Breach of environmental obligations or environmental misconduct",
        False,
        "In the last five years (three under the 2015 Regulations).",
    ),
    ExclusionGround(
        "labour_social",
        "Breach of social or labour law obligations (labour market misconduct)",
        False,
        "For example employment tribunal findings or minimum wage enforcement.",
    ),
    ExclusionGround(
        "insolvency",
        "Insolvency, bankruptcy, administration or a suspended business",
        False,
        "Including winding-up, an arrangement with creditors or a liquidator in charge of assets.",
    ),
    ExclusionGround(
        "professional_misconduct",
        "Grave professional misconduct",
        False,
        "Misconduct that calls the organisation's integrity into question.",
    ),
    ExclusionGround(
        "distorting_competition",
        "Agreements with others to distort competition",
        False,
        "Including suspected bid rigging in this or another procurement.",
    ),
    ExclusionGround(
        "conflict_of_interest",
        "Conflict of interest in this procurement",
        False,
        "A conflict that cannot be remedied by other means.",
    ),
    ExclusionGround(
        "prior_involvement",
        "Prior involvement in preparing the procurement",
        False,
        "An unfair advantage from having helped the buyer prepare the procurement.",
    ),
    ExclusionGround(
        "poor_performance",
        "Breach of contract or poor performance on an earlier contract",
        False,
        "Significant or persistent failures that led to termination, damages or similar sanctions.",
    ),
    ExclusionGround(
        "improper_conduct",
        "Misrepresentation or acting improperly in a procurement",
        False,
        "Misleading information, withheld documents, or improper influence on a buyer.",
    ),
)

GROUNDS_BY_CODE = {ground.code: ground for ground in EXCLUSION_GROUNDS}
