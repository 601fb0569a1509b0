"""The shipped forms follow the published templates: their numbering, declarations and modules.

Numbers are the buyer's: unique once the rows of one template item are counted once, without
gaps, and never invented for BidKit's own set-up questions, which stay out of the export.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bidkit.export.build import ExportOptions, build_document
from bidkit.forms.catalog import get_form, shipped_forms
from bidkit.forms.rules import BID_KEY, AnswerRules
from bidkit.forms.schema import AnswerType, Form, Section
from bidkit.ops.bids import create_bid
from bidkit.ops.demo import seed_demo
from bidkit.ops.export import load_content
from bidkit.ops.questionnaires import read_questionnaire, set_answer
from bidkit.store.workspace import Workspace

DECLARATIONS = Path(__file__).parents[1] / "reference" / "declarations"
FORM_IDS = [f.id for f in shipped_forms()]
_NUMBER = re.compile(r"^([A-Z]*)(\d+)((?:\.\d+)*)((?:\([a-z]+\))*)$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}


def _steps(number: str) -> list[tuple[str, str, int]]:
    """Each level of a buyer's number: (the number above it, how it is written, position).

    "1.1(b)(ii)" is the 1st of "", the 1st after "1.", letter b of "1.1" and the 2nd of
    "1.1(b)". How it is written ("." or "(") keeps 5(a) and 5.1 apart and sorts 5(a) first.
    """
    match = _NUMBER.match(number)
    assert match, f"{number!r} is not a number a buyer's template uses"
    letters, first, dotted, brackets = match.groups()
    steps = [(letters, "", int(first))]
    parent = f"{letters}{first}"
    for part in dotted.split(".")[1:]:
        steps.append((parent, ".", int(part)))
        parent += f".{part}"
    for depth, part in enumerate(re.findall(r"\(([a-z]+)\)", brackets)):
        position = ord(part) - ord("a") + 1 if depth == 0 else _ROMAN[part]
        steps.append((parent, "(", position))
        parent += f"({part})"
    return steps


def _gaps(numbers: list[str]) -> list[str]:
    """Levels whose positions do not run 1, 2, 3... in the order they first appear."""
    seen: dict[tuple[str, str], list[int]] = {}
    for number in numbers:
        for parent, written, position in _steps(number):
            positions = seen.setdefault((parent, written), [])
            if position not in positions:
                positions.append(position)
    return [
        f"under {parent or 'the top'}: {positions}"
        for (parent, _), positions in seen.items()
        if positions != list(range(1, len(positions) + 1))
    ]


def _out_of_order(numbers: list[str]) -> list[str]:
    """Neighbours that a reader would find the wrong way round (A29 before A28(a))."""
    keys = [
        [(written or parent, position) for parent, written, position in _steps(n)] for n in numbers
    ]
    pairs = zip(numbers, numbers[1:], keys, keys[1:], strict=False)
    return [f"{a} before {b}" for a, b, key_a, key_b in pairs if key_a >= key_b]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_numbering_is_unique_and_contiguous(form_id: str) -> None:
    form = get_form(form_id)
    numbers = form.buyer_numbers()
    assert len(numbers) == len(set(numbers)), "a number is used by two template items"
    # The CDP part of the PA 2023 form has no numbers of its own: only the PSQ's are checked.
    assert _gaps(numbers) == []
    assert _out_of_order(numbers) == []


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_set_up_questions_have_no_number_and_are_marked(form_id: str) -> None:
    form = get_form(form_id)
    for question in form.questions():
        if "does the buyer ask" in question.text.lower():
            assert question.internal, question.id
        if question.internal:
            assert question.number == "" and not question.for_buyer
            assert "not sent to the buyer" in question.help, "the writer is told"


def test_the_sq_is_ppn_03_24_and_the_03_23_edition_is_marked_superseded() -> None:
    current, old = get_form("uk-sq-ppn-03-24"), get_form("uk-sq-ppn-03-23")
    assert current.version == "PPN 03/24" and not current.superseded
    assert old.superseded_by == "PPN 03/24"
    assert "superseded by PPN 03/24" in old.chooser_label()
    order = [f.id for f in shipped_forms()]
    assert order.index("uk-sq-ppn-03-24") < order.index("uk-sq-ppn-03-23")
    assert order[-1] == "uk-sq-ppn-03-23", "a superseded edition is offered last"


def test_sq_uses_the_templates_own_numbers() -> None:
    numbers = get_form("uk-sq-ppn-03-24").buyer_numbers()
    for invented in ("1.1(c)(i)", "1.1(i)(i)", "1.1(k)(i)", "1.1(l)(i)", "2.1(a)(i)", "1.1(n)"):
        assert invented not in numbers
    # The contact details and declaration close the template, unnumbered (no 1.3(a)-(h)).
    closing = get_form("uk-sq-ppn-03-24").sections[-1].sections[-1]
    assert closing.title == "Contact details and declaration" and not closing.number
    assert [q.id for q in closing.questions][-2:] == ["declaration", "declaration_date"]
    rows = [q for q in get_form("uk-sq-ppn-03-24").questions() if q.number == "2.1(a)"]
    assert len(rows) == 8, "the offences (with fraud, from Annex D's full list) are rows of 2.1(a)"


def test_sq_asks_4_1_g_and_h_about_any_conflict_or_involvement() -> None:
    form = get_form("uk-sq-ppn-03-24")
    conflict, involvement = (
        form.question("excl_conflict_of_interest"),
        form.question("excl_prior_involvement"),
    )
    assert (conflict.number, involvement.number) == ("4.1(g)", "4.1(h)")
    assert "regulation 24" in conflict.text and "cannot" not in conflict.text
    assert "regulation 41" in involvement.text and "unfair" not in involvement.text


def test_sq_has_the_steel_items_behind_a_set_up_question() -> None:
    form = get_form("uk-sq-ppn-03-24")
    additional = next(s for s in form.sections[2].sections if s.number == "7")
    (steel,) = [s for s in additional.sections if s.number == "7.9"]
    assert [q.number for q in steel.questions if not q.internal] == ["7.9(a)", "7.9(b)"]
    asked = form.question("steel_asked")
    assert asked.internal
    breaches = form.question("steel_health_safety_breaches")
    assert breaches.number == "7.3(b)" and breaches.show_when is not None
    assert breaches.show_when.question == "steel_asked"
    unasked = _rules(form, {"steel_asked": "no"})
    assert not unasked.is_asked(breaches, BID_KEY)
    assert not any(unasked.is_asked(q, BID_KEY) for q in steel.questions if not q.internal)


@pytest.mark.parametrize(
    ("form_id", "question_id", "reference"),
    [
        ("uk-sq-ppn-03-24", "declaration", "uk-sq-ppn-03-24-declaration.txt"),
        ("uk-pa2023-cdp-psq", "core_declaration", "uk-pa2023-cdp-supplier.txt"),
    ],
)
def test_declarations_are_word_for_word(form_id: str, question_id: str, reference: str) -> None:
    question = get_form(form_id).question(question_id)
    assert question.type is AnswerType.DECLARATION
    expected = (DECLARATIONS / reference).read_bytes().rstrip(b"\n")
    assert question.text.encode("utf-8") == expected


def test_pa2023_uses_the_platforms_own_wording() -> None:
    """Word for word as the Central Digital Platform's source has it (its Welsh is kept in the
    reference file too, for when BidKit shows forms in Welsh)."""
    reference = json.loads((DECLARATIONS.parent / "cdp-question-wording.json").read_text())
    form = get_form("uk-pa2023-cdp-psq")
    for question_id, wording in reference["questions"].items():
        assert form.question(question_id).text == wording["en"], question_id


def test_pa2023_core_information_carries_no_invented_numbers() -> None:
    form = get_form("uk-pa2023-cdp-psq")
    core = form.sections[0]
    assert core.title == "Core supplier information (shared via the Central Digital Platform)"
    assert all(q.number == "" for q in core.all_questions())
    assert not any(n.startswith("A") for n in form.buyer_numbers())


def _rules(form: Form, answers: dict[str, object]) -> AnswerRules:
    return AnswerRules(form, {(k, BID_KEY): v for k, v in answers.items()}, [])


def test_pa2023_asks_one_health_and_safety_module_never_both() -> None:
    form = get_form("uk-pa2023-cdp-psq")
    standard = [q for q in form.questions() if q.number.startswith("B12.")]
    wales = [q for q in form.questions() if q.number.startswith("B13.")]
    assert standard and wales
    for choice, asked, hidden in (("yes", standard, wales), ("wales", wales, standard)):
        rules = _rules(form, {"hs_module": choice, "hs_policy": "yes"})
        assert all(rules.is_asked(q, BID_KEY) for q in asked if q.show_when)
        assert not any(rules.is_asked(q, BID_KEY) for q in hidden)
    neither = _rules(form, {"hs_module": "no"})
    assert not any(neither.is_asked(q, BID_KEY) for q in standard + wales)


def test_council_form_follows_the_procurement_act_alone() -> None:
    form = get_form("council-care-support-pqq")
    assert form.regime == "Procurement Act 2023"
    assert form.question("org_ppon").mandatory and form.question("org_share_code").mandatory
    exclusions = form.sections[1]
    text = " ".join(
        [s.title for s in exclusions.sections] + [q.text for q in exclusions.all_questions()]
    )
    assert "three years" not in text and "2015" not in text
    assert all("five years" in s.title for s in exclusions.sections[:2])
    grounds = {q.id for s in exclusions.sections[:2] for q in s.questions}
    assert not grounds & {"excl_conflict_of_interest", "excl_prior_involvement"}
    assert {"excl_national_security", "debarment_list"} <= {
        q.id for q in exclusions.all_questions()
    }


def test_set_up_questions_never_reach_the_buyer(workspace: Workspace) -> None:
    seed_demo(workspace, force=False)
    bid_id = create_bid(
        workspace, title="Set-up", buyer="Buyer", deadline=None, form_id="uk-pa2023-cdp-psq"
    ).created
    assert bid_id is not None
    snapshot = read_questionnaire(workspace, bid_id)
    for question_id, value in (("ms_module", "yes"), ("hs_module", "wales")):
        set_answer(workspace, snapshot.bid_form_id, question_id, None, value)
    document = build_document(
        load_content(workspace, bid_id), ExportOptions(), datetime(2026, 1, 5, tzinfo=UTC)
    )
    printed = [q for s in document.all_sections() for q in s.questions]
    texts = " ".join(q.text or "" for q in printed)
    assert "Does the buyer ask" not in texts and "Which health and safety module" not in texts
    numbers = [q.number for q in printed]
    assert "B7.1" in numbers and "B13.1" in numbers, "the modules the set-up opened are printed"
    assert not any(n.startswith("B12.") for n in numbers), "the other nation's module is not"


@pytest.mark.parametrize("form_id", ["uk-sq-ppn-03-23", "uk-sq-ppn-03-24"])
def test_bids_on_either_sq_edition_load_and_export(workspace: Workspace, form_id: str) -> None:
    seed_demo(workspace, force=False)
    bid_id = create_bid(
        workspace, title="SQ", buyer="Buyer", deadline=None, form_id=form_id
    ).created
    assert bid_id is not None
    content = load_content(workspace, bid_id)
    document = build_document(content, ExportOptions(), datetime(2026, 1, 5, tzinfo=UTC))
    numbers = [q.number for s in document.all_sections() for q in s.questions]
    assert numbers[0] == "1.1(a)"
    if form_id == "uk-sq-ppn-03-23":
        assert "1.3(g)" in numbers
    else:  # the declaration closes the questionnaire, unnumbered
        assert numbers[-2:] == ["", ""] and "1.3(g)" not in numbers


ANNEX_C = json.loads((DECLARATIONS.parent / "sq-ppn-03-24-annex-c.json").read_text("utf-8"))
_ITEM = re.compile(r"^\d+\.\d+")


def _printed_numbers(form: Form) -> list[str]:
    """The numbers a buyer reads in the form, in order, each template item once.

    Questions carry their item's number (rows of one item share it); a section carries a
    number only where the template numbers a heading that asks nothing itself (7.2 Data
    protection, 7.7(e) Supplier emissions declaration). Parts and sections ("Part 2", "5") are
    not items.
    """
    numbers: list[str] = []

    def add(number: str) -> None:
        if number and (not numbers or numbers[-1] != number):
            numbers.append(number)

    def walk(section: Section) -> None:
        if _ITEM.match(section.number):
            add(section.number)
        for question in section.questions:
            if not question.internal:
                add(question.number)
        for child in section.sections:
            walk(child)

    for part in form.sections:
        walk(part)
    return numbers


def test_sq_ppn_03_24_follows_the_published_numbering_in_order() -> None:
    """Annex C of PPN 03/24 (its facts: tests/reference/sq-ppn-03-24-annex-c.json)."""
    form = get_form("uk-sq-ppn-03-24")
    assert _printed_numbers(form) == ANNEX_C["numbers_in_order"]
    assert len(form.buyer_numbers()) == len(set(form.buyer_numbers()))
    parts = [(p.number, p.title) for p in form.sections[:3]]
    assert parts == [(p["part"], p["title"]) for p in ANNEX_C["parts"]]
    sections = {s.number: s.title for part in form.sections[1:3] for s in part.sections}
    for reference in (s for p in ANNEX_C["parts"][1:] for s in p["sections"]):
        number = reference["section"].removeprefix("Section ")
        assert sections[number].lower() == reference["title"].lower(), number
    declaration = (DECLARATIONS / ANNEX_C["declaration"]["wording"].split("/")[-1]).read_text()
    assert form.question("declaration").text == declaration.strip()


def _all_sections(sections: tuple[Section, ...]) -> list[Section]:
    return [s for section in sections for s in (section, *_all_sections(section.sections))]


#: How a question on each subject the template leaves out would be worded.
_SUBJECT_WORDS = {
    "Cyber Essentials": ("cyber essentials", "cyber"),
    "equality": ("equality", "diversity", "discriminat"),
    "environmental management": ("environmental management", "environmental policy", "14001"),
    "quality management": ("quality management", "quality standard", "9001"),
}


@pytest.mark.parametrize("subject", ANNEX_C["no_question_on"])
def test_sq_ppn_03_24_asks_nothing_the_template_does_not(subject: str) -> None:
    """Cyber Essentials may be cited as evidence (7.2(b)'s help says so), never asked about."""
    form = get_form("uk-sq-ppn-03-24")
    words = _SUBJECT_WORDS[subject]
    asked = [(q.id, q.text) for q in form.questions()]
    asked += [(s.number, s.title) for s in _all_sections(form.sections)]
    for where, text in asked:
        assert not [w for w in words if w in f"{where} {text}".lower()], (subject, where)


def test_sq_ppn_03_24_facts_of_the_template() -> None:
    form = get_form("uk-sq-ppn-03-24")
    facts = {
        number: text
        for part in ANNEX_C["parts"]
        for section in part["sections"]
        for number, text in section.get("facts", {}).items()
    }
    by_number: dict[str, list[str]] = {}
    for question in form.questions():
        by_number.setdefault(question.number, []).append(question.id)
    assert by_number["1.1(i)"] == ["is_vcse", "is_supported_employment",
                                   "is_public_service_mutual"]  # fmt: skip
    assert by_number["1.1(j)"] == ["is_sme"] and "SME" in facts["1.1(j)"]
    assert by_number["1.1(k)"] == ["psc_details"]
    assert by_number["1.4"] == ["lots"] and facts["1.4"] == "lots"
    assert form.question("contract_examples").max_rows == 3  # 6.1: up to three
    assert form.question("supply_chain_management").number == "6.3"
    assert form.question("insurance_confirmation").number == "7.1"
    assert form.question("thirty_day_terms").number == "7.5"
    # The central-government items are asked only when the buyer includes them.
    for set_up, first in (("payment_asked", "supply_chain_intended"),
                          ("carbon_asked", "carbon_reduction_plan"),
                          ("skills_asked", "skills_commitment"),
                          ("steel_asked", "steel_supply_chain_management"),
                          ("past_performance_asked", "principal_contracts_list"),
                          ("modern_slavery_asked", "ms_statement_contents")):  # fmt: skip
        assert form.question(set_up).internal
        question = form.question(first)
        assert question.show_when is not None and question.show_when.question == set_up
