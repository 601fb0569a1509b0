"""The form loader: a valid file loads; a broken one is refused naming file, line and field.

Each broken form below marks the line the message must name with a trailing `#<` comment.
"""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path

import pytest

from bidkit.errors import InputRefused
from bidkit.forms.loader import MAX_FORM_BYTES, load_form
from bidkit.forms.schema import (
    AnsweredBy,
    AnswerType,
    LibraryBinding,
    Limit,
    ProfileBinding,
)

HEAD = """\
id: tiny-form
title: Tiny form
version: "1"
regime: Test regime
source: Test source
sections:
  - number: "1"
    title: About you
    questions:
"""


def questions(text: str) -> str:
    """A form whose single section holds `text` (questions written from column 0)."""
    return HEAD + textwrap.indent(textwrap.dedent(text), " " * 6)


def write(tmp_path: Path, text: str, name: str = "broken-form.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def marked_line(text: str) -> int:
    (line,) = [n for n, row in enumerate(text.splitlines(), start=1) if "#<" in row]
    return line


def refusal(path: Path) -> str:
    with pytest.raises(InputRefused) as caught:
        load_form(path)
    return caught.value.message


VALID = questions(
    """\
    - id: legal_name
      number: "1.1"
      text: Full legal name
      type: short_text
      answered_by: every_member
      bind: {profile: legal_name}
    - id: has_parent
      number: "1.2"
      text: Do you have a parent company?
      type: yes_no
    - id: parent_name
      number: "1.3"
      text: Parent company's name
      type: short_text
      mandatory: false
      show_when: {question: has_parent, equals: yes}
    - id: trading_status
      number: "1.4"
      text: Trading status
      type: single_choice
      options:
        - {id: company, text: A company}
        - {id: third_sector, text: A charity or social enterprise}
      bind:
        profile: legal_form
        map: {cic: third_sector, company_shares: company}
    - id: safeguarding
      number: "1.5"
      text: Describe your approach to safeguarding
      type: long_text
      limit: {words: 500}
      bind: {library: {tags: [safeguarding]}}
    - id: cyber
      number: "1.6"
      text: Do you hold Cyber Essentials?
      type: yes_no
      bind: {profile: "accreditations[name~Cyber Essentials]", present: yes}
    - id: contracts
      number: "1.7"
      text: Recent contracts
      type: table
      max_rows: 3
      columns:
        - {id: customer, title: Customer, type: short_text}
        - {id: value, title: Value, type: money}
      bind:
        profile: contract_examples
        columns: {customer: customer, value: value}
    """
)


def test_a_valid_minimal_form_loads(tmp_path: Path) -> None:
    form = load_form(write(tmp_path, VALID, "tiny-form.yaml"))
    assert (form.id, form.title, form.version) == ("tiny-form", "Tiny form", "1")
    assert [q.id for q in form.questions()] == [
        "legal_name", "has_parent", "parent_name", "trading_status", "safeguarding", "cyber",
        "contracts",
    ]  # fmt: skip
    assert form.question("legal_name").answered_by is AnsweredBy.EVERY_MEMBER
    assert form.question("legal_name").bind == ProfileBinding("legal_name")
    assert form.question("has_parent").answered_by is AnsweredBy.LEAD
    parent = form.question("parent_name")
    assert parent.mandatory is False
    assert parent.show_when is not None and parent.show_when.values == ("yes",)
    assert parent.section_path == ("1",)
    status = form.question("trading_status")
    assert status.type is AnswerType.SINGLE_CHOICE
    assert isinstance(status.bind, ProfileBinding)
    assert status.bind.map == {"cic": "third_sector", "company_shares": "company"}
    assert form.question("safeguarding").limit == Limit(words=500)
    assert form.question("safeguarding").bind == LibraryBinding(("safeguarding",))
    cyber = form.question("cyber").bind
    assert isinstance(cyber, ProfileBinding) and cyber.present == "yes"
    contracts = form.question("contracts")
    assert contracts.max_rows == 3 and [c.id for c in contracts.columns] == ["customer", "value"]


# (case id, form text, words the message must contain besides file and line)
BROKEN: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "unknown top-level key",
        HEAD.replace("source: Test source\n", "source: Test source\ncolour: blue  #<\n")
        + "      - {id: a, number: '1', text: A, type: yes_no}\n",
        ("form", "unknown key 'colour'"),
    ),
    (
        "unknown section key",
        HEAD.replace("    title: About you\n", "    title: About you\n    colour: blue  #<\n")
        + "      - {id: a, number: '1', text: A, type: yes_no}\n",
        ("section", "unknown key 'colour'"),
    ),
    (
        "unknown question key",
        questions(
            """\
            - id: a
              number: "1"
              text: A
              type: yes_no
              colour: blue  #<
            """
        ),
        ("question", "unknown key 'colour'"),
    ),
    (
        "unknown answer type",
        questions(
            """\
            - id: essay_question
              number: "1"
              text: A
              type: essay  #<
            """
        ),
        ("question 'essay_question'", "unknown answer type 'essay'"),
    ),
    (
        "condition on a missing question",
        questions(
            """\
            - id: a
              number: "1"
              text: A
              type: short_text
              show_when: {question: nowhere, equals: "yes"}  #<
            """
        ),
        ("question 'a' show_when", "no question 'nowhere'"),
    ),
    (
        "conditions that loop",
        questions(
            """\
            - id: a
              number: "1"
              text: A
              type: yes_no
              show_when: {question: b, equals: "yes"}  #<
            - id: b
              number: "2"
              text: B
              type: yes_no
              show_when: {question: a, equals: "yes"}
            """
        ),
        ("question 'a' show_when", "loop (a -> b -> a)"),
    ),
    (
        "condition answer that is not a single value",
        questions(
            """\
            - id: a
              number: "1"
              text: A
              type: yes_no
            - id: b
              number: "2"
              text: B
              type: short_text
              show_when:
                question: a
                in: [[yes], no]  #<
            """
        ),
        ("question 'b' show_when", "single values"),
    ),
    (
        "binding to a profile field that does not exist",
        questions(
            """\
            - id: colour
              number: "1"
              text: A
              type: short_text
              bind: {profile: favourite_colour}  #<
            """
        ),
        ("question 'colour' bind", "'favourite_colour'"),
    ),
    (
        "binding with an enum filter value that does not exist",
        questions(
            """\
            - id: cover
              number: "1"
              text: A
              type: money
              bind:
                profile: "insurance[insurance_type=nope].cover"  #<
            """
        ),
        ("question 'cover' bind", "'nope'", "insurance_type"),
    ),
    (
        "table binding to a missing column",
        questions(
            """\
            - id: contracts
              number: "1"
              text: A
              type: table
              columns:
                - {id: customer, title: Customer, type: short_text}
              bind:
                profile: contract_examples
                columns:
                  customer: buyer_name  #<
            """
        ),
        ("question 'contracts' bind columns", "'buyer_name'"),
    ),
    (
        "table binding column the question does not have",
        questions(
            """\
            - id: contracts
              number: "1"
              text: A
              type: table
              columns:
                - {id: customer, title: Customer, type: short_text}
              bind:
                profile: contract_examples
                columns:
                  customer: customer
                  value: value  #<
            """
        ),
        ("question 'contracts' bind columns", "no column 'value'"),
    ),
    (
        "choice question without options",
        questions(
            """\
            - id: pick  #<
              number: "1"
              text: A
              type: single_choice
            """
        ),
        ("question 'pick'", "needs options"),
    ),
    (
        "options on a non-choice question",
        questions(
            """\
            - id: words
              number: "1"
              text: A
              type: short_text
              options: [{id: a, text: A}]  #<
            """
        ),
        ("question 'words'", "only choice questions have options"),
    ),
    (
        "limit on a non-text question",
        questions(
            """\
            - id: started
              number: "1"
              text: A
              type: date
              limit: {words: 10}  #<
            """
        ),
        ("question 'started'", "limit"),
    ),
    (
        "both words and characters in a limit",
        questions(
            """\
            - id: essay
              number: "1"
              text: A
              type: long_text
              limit: {words: 10, characters: 100}  #<
            """
        ),
        ("question 'essay' limit", "either words or characters"),
    ),
    (
        "a limit that is not a whole number",
        questions(
            """\
            - id: essay
              number: "1"
              text: A
              type: long_text
              limit:
                words: lots  #<
            """
        ),
        ("question 'essay' limit", "whole number"),
    ),
    (
        "a map value not among the options",
        questions(
            """\
            - id: status
              number: "1"
              text: A
              type: single_choice
              options: [{id: company, text: Company}]
              bind:
                profile: legal_form
                map: {company_shares: charity}  #<
            """
        ),
        ("question 'status' bind map", "'charity'"),
    ),
    (
        "a map key that is not a value of the field",
        questions(
            """\
            - id: status
              number: "1"
              text: A
              type: single_choice
              options: [{id: company, text: Company}]
              bind:
                profile: legal_form
                map: {plc: company}  #<
            """
        ),
        ("question 'status' bind map", "'plc'", "legal_form"),
    ),
    (
        "present on a non-yes_no question",
        questions(
            """\
            - id: cyber
              number: "1"
              text: A
              type: short_text
              bind:
                profile: "accreditations[name~Cyber]"
                present: "yes"  #<
            """
        ),
        ("question 'cyber' bind", "present"),
    ),
    (
        "duplicate YAML key",
        questions(
            """\
            - id: a
              number: "1"
              text: A
              text: Again  #<
              type: yes_no
            """
        ),
        ("'text' is given twice",),
    ),
    (
        "tab indentation",
        questions(
            """\
            - id: a
              number: "1"
              text: A
            \ttype: yes_no  #<
            """
        ),
        ("not valid YAML",),
    ),
    (
        "unclosed bracket",
        questions(
            """\
            - id: a
              number: "1"
              text: A
              type: single_choice
              options: [{id: x, text: X}, {id: y, text: Y}
              help: Pick one  #<
            """
        ),
        ("not valid YAML",),
    ),
    (
        "a form with no sections",
        HEAD.split("sections:", maxsplit=1)[0] + "sections: []  #<\n",
        ("form", "no sections"),
    ),
    (
        "a section with no questions",
        HEAD.replace("    questions:\n", "    questions: []\n").replace(
            '  - number: "1"\n', '  - number: "1"  #<\n'
        ),
        ("section 1", "no questions"),
    ),
]


@pytest.mark.parametrize(
    ("text", "words"), [(text, words) for _, text, words in BROKEN], ids=[c for c, _, _ in BROKEN]
)
def test_a_broken_form_is_refused_naming_file_line_and_field(
    tmp_path: Path, text: str, words: tuple[str, ...]
) -> None:
    message = refusal(write(tmp_path, text))
    assert message.startswith(f"broken-form.yaml, line {marked_line(text)}: "), message
    for word in words:
        assert word in message, message
    assert "\n" not in message


def test_a_duplicate_question_id_names_both_lines(tmp_path: Path) -> None:
    text = questions(
        """\
        - id: name
          number: "1"
          text: A
          type: short_text
        - id: other
          number: "2"
          text: B
          type: yes_no
        - id: name  #<
          number: "3"
          text: C
          type: short_text
        """
    )
    message = refusal(write(tmp_path, text))
    first = text.splitlines().index("      - id: name") + 1
    assert message.startswith(f"broken-form.yaml, line {marked_line(text)}: "), message
    assert "question 'name'" in message
    assert f"first on line {first}" in message


def test_present_yes_unquoted_is_accepted_on_a_yes_no_question(tmp_path: Path) -> None:
    """YAML reads an unquoted `yes` as true; the loader treats it as "yes", as `map` does."""
    text = questions(
        """\
        - id: cyber
          number: "1"
          text: A
          type: yes_no
          bind: {profile: "accreditations[name~Cyber]", present: yes}
        """
    )
    bind = load_form(write(tmp_path, text)).question("cyber").bind
    assert isinstance(bind, ProfileBinding) and bind.present == "yes"


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(VALID.replace("Tiny form", "Caf\u00e9 form").encode("latin-1"))
    message = refusal(path)
    assert message.startswith("latin.yaml: ") and "UTF-8" in message


def test_a_file_over_2_mb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(VALID + "#" * MAX_FORM_BYTES + "\n", encoding="utf-8")
    message = refusal(path)
    assert message.startswith("huge.yaml: ") and "2 MB" in message


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_an_empty_file_is_refused(tmp_path: Path, content: str) -> None:
    message = refusal(write(tmp_path, content, "empty.yaml"))
    assert message.startswith("empty.yaml, line 1: "), message
    assert "mapping" in message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path / "nowhere.yaml")
    assert message.startswith("nowhere.yaml: ") and "cannot read" in message


def test_an_alias_is_refused_with_its_line(tmp_path: Path) -> None:
    """Forms never need anchors and aliases, so the loader refuses aliases outright."""
    text = questions(
        """\
        - id: a
          number: "1"
          text: &same Same text
          type: short_text
        - id: b
          number: "2"
          text: *same  #<
          type: short_text
        """
    )
    message = refusal(write(tmp_path, text))
    assert message.startswith(f"broken-form.yaml, line {marked_line(text)}: "), message
    assert "alias" in message and "*same" in message


def test_a_nested_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """A "billion laughs": ten levels of nine aliases each would be 9**10 strings to walk.

    Before aliases were refused, the checker turned each condition value into text, so a
    bomb in `show_when: in` took seconds at eight levels and grew ninefold with each level.
    """
    lines = [
        "- id: a",
        '  number: "1"',
        "  text: A",
        "  type: yes_no",
        "- id: b",
        '  number: "2"',
        "  text: B",
        "  type: short_text",
        "  show_when:",
        "    question: a",
        "    in:",
        "      - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    ]
    lines += [f"      - &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = write(tmp_path, questions("\n".join(lines) + "\n"), "bomb.yaml")
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            load_form(path)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "the loader is still expanding the aliases after 5 s"
    (error,) = outcome
    assert isinstance(error, InputRefused)
    assert error.message.startswith("bomb.yaml, line ") and "alias" in error.message
