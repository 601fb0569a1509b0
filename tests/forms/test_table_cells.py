"""One way to read and type a table answer's cells, on the answer page and in a Word form."""

from __future__ import annotations

import pytest

from bidkit.forms.schema import AnswerType
from bidkit.forms.table_cells import cell_text, parse_cell


@pytest.mark.parametrize(
    ("kind", "typed", "stored", "shown"),
    [
        (AnswerType.DATE, "31/3/2025", "2025-03-31", "31/03/2025"),
        (AnswerType.MONEY, "£1,250", "1250.00", "£1,250.00"),
        (AnswerType.NUMBER, "1,250", "1250", "1250"),
        (AnswerType.NUMBER, "15 %", "15", "15"),
        (AnswerType.YES_NO, "y", "yes", "Yes"),
        (AnswerType.YES_NO, "X", "yes", "Yes"),
        (AnswerType.YES_NO, "No", "no", "No"),
        (AnswerType.SHORT_TEXT, "  Manchester  ", "Manchester", "Manchester"),
        (AnswerType.LONG_TEXT, "  indented line \n", "  indented line", "  indented line"),
    ],
)
def test_typed_text_is_stored_in_the_forms_shape_and_reads_back(
    kind: AnswerType, typed: str, stored: str, shown: str
) -> None:
    assert parse_cell(kind, typed) == stored
    assert cell_text(kind, stored) == shown
    assert parse_cell(kind, cell_text(kind, stored)) == stored  # what is shown reads back


def test_an_empty_cell_is_none_and_nonsense_says_what_is_wrong() -> None:
    assert parse_cell(AnswerType.MONEY, "   ") is None
    assert cell_text(AnswerType.MONEY, None) == ""
    with pytest.raises(ValueError, match="Yes or No"):
        parse_cell(AnswerType.YES_NO, "perhaps")
    with pytest.raises(ValueError):
        parse_cell(AnswerType.DATE, "31st of never")
    assert cell_text(AnswerType.DATE, "not a date") == "not a date"  # kept as it is
