"""Keep the page's copy of the answers in step with its own saves, without reading them back.

After the page saves an answer (or its ready mark) it knows exactly what was stored, so it
updates its snapshot in place and recomputes statuses from it, instead of reloading the whole
questionnaire from the database after every pause in typing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bidkit.forms.schema import AnsweredBy, Question


@dataclass(frozen=True)
class TypedAnswer:
    """An answer first stored by the writer in this session (the page had no copy of it)."""

    question_id: str
    member_org_id: int | None
    value: Any
    source_kind: str = "typed"
    source_ref: str = ""
    source_label: str = ""
    source_value: Any = None
    source_changed: bool = False
    ready: bool = False
    evidence_flag: str = ""

    @property
    def edited(self) -> bool:
        return self.source_kind in ("profile", "evidence") and self.value != self.source_value

    @property
    def prefilled(self) -> bool:
        return self.source_kind in ("profile", "evidence") and self.value == self.source_value


def answer_key(question: Question, member: int | None) -> tuple[str, int]:
    member = None if question.answered_by is AnsweredBy.LEAD else member
    return question.id, member or 0


def store_value(answers: dict[tuple[str, int], Any], question: Question, member: int | None,
                value: Any) -> None:  # fmt: skip
    """What `set_answer` stored: the value, keeping the provenance; back at the source clears
    the "source changed" flag."""
    key = answer_key(question, member)
    view = answers.get(key)
    if view is None:
        answers[key] = TypedAnswer(question.id, None if key[1] == 0 else key[1], value)
        return
    changed = view.source_changed
    if view.source_kind in ("profile", "evidence") and value == view.source_value:
        changed = False
    answers[key] = replace(view, value=value, source_changed=changed)


def store_ready(answers: dict[tuple[str, int], Any], question: Question, member: int | None,
                ready: bool) -> None:  # fmt: skip
    key = answer_key(question, member)
    view = answers.get(key)
    if view is None:
        answers[key] = TypedAnswer(question.id, None if key[1] == 0 else key[1], None, ready=ready)
    else:
        answers[key] = replace(view, ready=ready)


def store_library_use(answers: dict[tuple[str, int], Any], question: Question,
                      member: int | None, value: Any, text: Any) -> None:  # fmt: skip
    """What `use_library_item` stored: the value, with the library item as its source."""
    key = answer_key(question, member)
    used: Any = text.body
    if isinstance(value, dict) and "evidence_id" in value:
        used = {"evidence_id": text.id, "title": text.title}
    view = answers.get(key) or TypedAnswer(question.id, None if key[1] == 0 else key[1], None)
    answers[key] = replace(
        view,
        value=value,
        source_kind="evidence",
        source_ref=f"evidence:{text.id}@{text.version}",
        source_label=f"Library: {text.title}",
        source_value=used,
        source_changed=False,
        evidence_flag=text.flag,
    )
