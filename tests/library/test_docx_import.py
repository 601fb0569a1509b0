"""Word documents split into items: headings, paragraphs, lists, bold and italic, tags."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bidkit.errors import InputRefused
from bidkit.library.docx_import import items_from_docx, plan_import
from tests.library.docx_corpus import good_docx


def test_a_document_is_split_at_its_top_headings() -> None:
    found = items_from_docx("Bid answers_2025.docx", good_docx(sections=2))
    assert [i.title for i in found] == [
        "Evidence pack",
        "Safeguarding section 1",
        "Safeguarding section 2",
    ]
    first = found[1]
    assert first.tags == ("Bid answers 2025", "Safeguarding section 1", "How we know")
    assert first.body.splitlines()[:4] == [
        "We train every volunteer. **Outcome: 94% confident.** Checked *independently*",
        "",
        "- Annual refresher",
        "- Named lead",
    ]
    assert "**How we know**" in first.body
    assert found[-1].body.endswith("Staff trained | 212")


def test_a_document_without_headings_is_one_item() -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Our policy on lone working.")
    document.add_paragraph("Staff carry a personal alarm.")
    out = io.BytesIO()
    document.save(out)
    (only,) = items_from_docx("Lone working policy.docx", out.getvalue())
    assert only.title == "Lone working policy"
    assert only.kind == "policy"
    assert only.body == "Our policy on lone working.\n\nStaff carry a personal alarm."


def test_the_kind_follows_the_heading() -> None:
    from docx import Document

    document = Document()
    for heading in ("Case study: Ms B", "Testimonial from a carer", "Outcomes last year"):
        document.add_heading(heading, level=1)
        document.add_paragraph("Text.")
    out = io.BytesIO()
    document.save(out)
    kinds = [i.kind for i in items_from_docx("x.docx", out.getvalue())]
    assert kinds == ["case_study", "testimonial", "statistic"]


def test_progress_is_reported_and_can_cancel(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"d{n}.docx").write_bytes(good_docx(sections=1))
    seen: list[tuple[int, int, str]] = []
    plan = plan_import([tmp_path], progress=lambda d, t, n: seen.append((d, t, n)))
    assert len(plan.items) == 6 and seen[0] == (0, 3, "d0.docx") and seen[-1] == (3, 3, "")

    def cancel(done: int, _total: int, _name: str) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        plan_import([tmp_path], progress=cancel)


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match="no file or folder"):
        plan_import([tmp_path / "nowhere"])


def _saved(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def test_a_section_with_many_sub_headings_is_imported_with_the_first_as_tags() -> None:
    from docx import Document

    from bidkit.library.items import MAX_TAGS

    document = Document()
    document.add_heading("Policies handbook", 1)
    for number in range(MAX_TAGS + 5):
        document.add_heading(f"Section {number}", 2)
        document.add_paragraph(f"The text of section {number}.")
    found = items_from_docx("handbook.docx", _saved(document))
    assert [i.title for i in found] == ["Policies handbook"]
    assert len(found[0].tags) == MAX_TAGS
    assert found[0].tags[:3] == ("handbook", "Policies handbook", "Section 0")
    assert "The text of section 44." in found[0].body


def test_a_section_too_long_for_one_item_is_refused_naming_the_file_and_section() -> None:
    from docx import Document

    document = Document()
    document.add_heading("Annual report", 1)
    for _ in range(3000):
        document.add_paragraph("word " * 15)
    with pytest.raises(InputRefused) as refused:
        items_from_docx("report.docx", _saved(document))
    message = str(refused.value)
    assert "“report.docx” was not imported" in message
    assert "“Annual report”" in message
    assert "Add headings" in message
