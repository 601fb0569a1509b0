"""Loading questionnaire files (forms/*.yaml) and refusing broken ones precisely.

Every problem is reported with the file, the line and the field: "council-care.yaml, line 212:
question 'tupe_experience' limit: words must be a whole number above 0". A form is either
loaded whole and valid, or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import yaml

from bidkit.errors import InputRefused
from bidkit.forms.bindings import BindingError, check_path
from bidkit.forms.schema import (
    COLUMN_TYPES,
    TEXT_TYPES,
    AnsweredBy,
    AnswerType,
    Binding,
    Column,
    Condition,
    Form,
    LibraryBinding,
    Limit,
    Option,
    ProfileBinding,
    Question,
    Section,
)
from bidkit.profile.catalogue import TABLE_COLUMNS

MAX_FORM_BYTES = 2 * 1024 * 1024
_FORM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUESTION_ID = re.compile(r"^[a-z0-9_]+$")

_FORM_KEYS = {
    "id", "title", "version", "regime", "source", "description", "superseded_by", "sections",
}  # fmt: skip
_SECTION_KEYS = {"number", "title", "help", "answered_by", "numbered", "sections", "questions"}
_QUESTION_KEYS = {
    "id", "number", "text", "help", "type", "mandatory", "answered_by", "limit", "details_when",
    "options", "columns", "max_rows", "show_when", "bind", "internal",
}  # fmt: skip


class _Map(dict[str, Any]):
    """A YAML mapping that remembers the line it and each of its keys started on."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        # Forms never need anchors and aliases; refusing aliases keeps a file of nested
        # aliases (a "billion laughs") from expanding into an exponential structure.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Problem(
                event.start_mark.line + 1,
                f"'*{event.anchor}' is a YAML alias; write the value out in full instead",
            )
        return super().compose_node(parent, index)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    mapping = _Map()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise _Problem(line, f"keys must be names, not {key!r}")
        if key in mapping:
            raise _Problem(line, f"'{key}' is given twice")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Problem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Checker:
    """Walks the raw YAML, building the schema objects and raising `_Problem` at the first fault."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.conditions: list[tuple[int, str, Condition]] = []

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def fail(where: _Map, key: str | None, message: str) -> NoReturn:
        line = where.key_lines.get(key, where.line) if key else where.line
        raise _Problem(line, message)

    def mapping(self, value: Any, parent: _Map, key: str, what: str) -> _Map:
        if not isinstance(value, _Map):
            self.fail(parent, key, f"{what} must be a mapping of names to values")
        return value

    def keys(self, node: _Map, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail(node, key, f"{what}: unknown key '{key}' (known keys: {known})")

    def text(self, node: _Map, key: str, what: str, *, required: bool = True) -> str:
        value = node.get(key)
        if value is None:
            if required:
                self.fail(node, None, f"{what}: '{key}' is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(node, key, f"{what}: '{key}' must be text")
        text = str(value).strip()
        if required and not text:
            self.fail(node, key, f"{what}: '{key}' is empty")
        return text

    def items(self, node: _Map, key: str, what: str) -> list[Any]:
        value = node.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            self.fail(node, key, f"{what}: '{key}' must be a list")
        return value

    # -- form -------------------------------------------------------------------------------
    def form(self, node: Any) -> Form:
        if not isinstance(node, _Map):
            raise _Problem(1, "a form must be a mapping with id, title, version... at the top")
        self.keys(node, _FORM_KEYS, "form")
        form_id = self.text(node, "id", "form")
        if not _FORM_ID.match(form_id):
            self.fail(node, "id", f"form id '{form_id}' must be lower case words and hyphens")
        sections = tuple(
            self.section(s, node, (), AnsweredBy.LEAD, numbered=True)
            for s in self.items(node, "sections", "form")
        )
        if not sections:
            self.fail(node, "sections", "form: it has no sections")
        for line, question_id, condition in self.conditions:
            if condition.question not in self.ids:
                raise _Problem(
                    line,
                    f"question '{question_id}' show_when: there is no question "
                    f"'{condition.question}' in this form",
                )
        self.refuse_loops()
        return Form(
            id=form_id,
            title=self.text(node, "title", "form"),
            version=self.text(node, "version", "form"),
            regime=self.text(node, "regime", "form"),
            source=self.text(node, "source", "form"),
            description=self.text(node, "description", "form", required=False),
            sections=sections,
            superseded_by=self.text(node, "superseded_by", "form", required=False),
        )

    def refuse_loops(self) -> None:
        """A question whose conditions lead back to itself would never be asked."""
        parent = {question_id: c.question for _, question_id, c in self.conditions}
        for line, question_id, _ in self.conditions:
            seen = [question_id]
            current = parent.get(question_id)
            while current is not None:
                if current == question_id:
                    chain = " -> ".join([*seen, question_id])
                    raise _Problem(
                        line,
                        f"question '{question_id}' show_when: the conditions go round in a "
                        f"loop ({chain}), so it would never be asked",
                    )
                if current in seen:
                    break  # a loop further up, reported at its own questions
                seen.append(current)
                current = parent.get(current)

    def answered_by(self, node: _Map, default: AnsweredBy, what: str) -> AnsweredBy:
        value = node.get("answered_by")
        if value is None:
            return default
        try:
            return AnsweredBy(value)
        except ValueError:
            known = ", ".join(a.value for a in AnsweredBy)
            self.fail(node, "answered_by", f"{what}: answered_by '{value}' is not one of {known}")

    def flag(self, node: _Map, key: str, what: str, default: bool) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            self.fail(node, key, f"{what}: {key} must be true or false")
        return value

    def section(
        self,
        raw: Any,
        parent: _Map,
        path: tuple[str, ...],
        inherited: AnsweredBy,
        *,
        numbered: bool,
    ) -> Section:
        node = self.mapping(raw, parent, "sections", "a section")
        self.keys(node, _SECTION_KEYS, "section")
        # A top-level section always has a number (it is how a part of the form is chosen for
        # export); inside an unnumbered part, such as information the buyer reads from the
        # Central Digital Platform, sections and questions carry none.
        numbered = self.flag(node, "numbered", "section", numbered)
        number = self.text(node, "number", "section", required=numbered or not path)
        what = f"section {number or self.text(node, 'title', 'section')}"
        answered_by = self.answered_by(node, inherited, what)
        here = (*path, number)
        questions = tuple(
            self.question(q, node, here, answered_by, numbered=numbered)
            for q in self.items(node, "questions", what)
        )
        subsections = tuple(
            self.section(s, node, here, answered_by, numbered=numbered)
            for s in self.items(node, "sections", what)
        )
        if not questions and not subsections:
            self.fail(node, None, f"{what}: it has no questions")
        return Section(
            number=number,
            title=self.text(node, "title", what),
            help=self.text(node, "help", what, required=False),
            questions=questions,
            sections=subsections,
        )

    # -- question ---------------------------------------------------------------------------
    def question(
        self,
        raw: Any,
        parent: _Map,
        path: tuple[str, ...],
        inherited: AnsweredBy,
        *,
        numbered: bool = True,
    ) -> Question:
        node = self.mapping(raw, parent, "questions", "a question")
        self.keys(node, _QUESTION_KEYS, "question")
        question_id = self.text(node, "id", "question")
        what = f"question '{question_id}'"
        if not _QUESTION_ID.match(question_id):
            self.fail(node, "id", f"{what}: ids are lower case letters, digits and underscores")
        if question_id in self.ids:
            self.fail(
                node, "id", f"{what}: the id is used twice (first on line {self.ids[question_id]})"
            )
        self.ids[question_id] = node.key_lines.get("id", node.line)
        type_name = self.text(node, "type", what)
        try:
            answer_type = AnswerType(type_name)
        except ValueError:
            known = ", ".join(t.value for t in AnswerType)
            self.fail(node, "type", f"{what}: unknown answer type '{type_name}' (known: {known})")
        mandatory = node.get("mandatory", True)
        if not isinstance(mandatory, bool):
            self.fail(node, "mandatory", f"{what}: mandatory must be true or false")
        options = self.options(node, what, answer_type)
        columns = self.columns(node, what, answer_type)
        limit = self.limit(node, what, answer_type)
        details_when = str(node.get("details_when", "yes"))
        if details_when not in ("yes", "no"):
            self.fail(node, "details_when", f'{what}: details_when must be "yes" or "no"')
        max_rows = node.get("max_rows")
        if max_rows is not None and (not isinstance(max_rows, int) or max_rows < 1):
            self.fail(node, "max_rows", f"{what}: max_rows must be a whole number above 0")
        condition = self.condition(node, what)
        if condition is not None:
            self.conditions.append((node.key_lines["show_when"], question_id, condition))
        internal = self.flag(node, "internal", what, False)
        number = self.text(node, "number", what, required=numbered and not internal)
        if number and (internal or not numbered):
            why = "a set-up question" if internal else "it sits in an unnumbered section"
            self.fail(node, "number", f"{what}: {why}, so it has no buyer's number")
        return Question(
            id=question_id,
            number=number,
            text=self.text(node, "text", what),
            type=answer_type,
            help=self.text(node, "help", what, required=False),
            mandatory=mandatory,
            answered_by=self.answered_by(node, inherited, what),
            limit=limit,
            details_when=details_when,
            options=options,
            columns=columns,
            max_rows=max_rows,
            show_when=condition,
            bind=self.binding(node, what, answer_type, options, columns),
            section_path=path,
            internal=internal,
        )

    def options(self, node: _Map, what: str, answer_type: AnswerType) -> tuple[Option, ...]:
        raw = self.items(node, "options", what)
        choice = answer_type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE)
        if choice and not raw:
            self.fail(node, None, f"{what}: a {answer_type.value} question needs options")
        if raw and not choice:
            self.fail(node, "options", f"{what}: only choice questions have options")
        options: list[Option] = []
        for item in raw:
            option = self.mapping(item, node, "options", f"{what} option")
            self.keys(option, {"id", "text"}, f"{what} option")
            option_id = self.text(option, "id", f"{what} option")
            if any(o.id == option_id for o in options):
                self.fail(option, "id", f"{what}: option '{option_id}' is listed twice")
            options.append(Option(option_id, self.text(option, "text", f"{what} option")))
        return tuple(options)

    def columns(self, node: _Map, what: str, answer_type: AnswerType) -> tuple[Column, ...]:
        raw = self.items(node, "columns", what)
        if answer_type is AnswerType.TABLE and not raw:
            self.fail(node, None, f"{what}: a table question needs columns")
        if raw and answer_type is not AnswerType.TABLE:
            self.fail(node, "columns", f"{what}: only table questions have columns")
        columns: list[Column] = []
        for item in raw:
            column = self.mapping(item, node, "columns", f"{what} column")
            self.keys(column, {"id", "title", "type"}, f"{what} column")
            column_id = self.text(column, "id", f"{what} column")
            type_name = self.text(column, "type", f"{what} column '{column_id}'")
            try:
                column_type = AnswerType(type_name)
            except ValueError:
                column_type = None
            if column_type not in COLUMN_TYPES:
                known = ", ".join(sorted(t.value for t in COLUMN_TYPES))
                self.fail(column, "type", f"{what} column '{column_id}': type '{type_name}' "
                          f"is not a column type (known: {known})")  # fmt: skip
            if any(c.id == column_id for c in columns):
                self.fail(column, "id", f"{what}: column '{column_id}' is listed twice")
            assert column_type is not None
            title = self.text(column, "title", f"{what} column '{column_id}'")
            columns.append(Column(column_id, title, column_type))
        return tuple(columns)

    def limit(self, node: _Map, what: str, answer_type: AnswerType) -> Limit | None:
        raw = node.get("limit")
        if raw is None:
            return None
        limit = self.mapping(raw, node, "limit", f"{what} limit")
        self.keys(limit, {"words", "characters"}, f"{what} limit")
        if answer_type not in TEXT_TYPES:
            self.fail(node, "limit", f"{what}: only text answers have a limit")
        if len(limit) != 1:
            self.fail(limit, None, f"{what} limit: give either words or characters")
        (unit, amount), = limit.items()  # fmt: skip
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
            self.fail(limit, unit, f"{what} limit: {unit} must be a whole number above 0")
        return Limit(**{unit: amount})

    def condition(self, node: _Map, what: str) -> Condition | None:
        raw = node.get("show_when")
        if raw is None:
            return None
        cond = self.mapping(raw, node, "show_when", f"{what} show_when")
        self.keys(cond, {"question", "equals", "in"}, f"{what} show_when")
        target = self.text(cond, "question", f"{what} show_when")
        if ("equals" in cond) == ("in" in cond):
            self.fail(cond, None, f"{what} show_when: give either equals or in")
        values = cond["in"] if "in" in cond else [cond["equals"]]
        if not isinstance(values, list) or not values:
            self.fail(cond, "in", f"{what} show_when: 'in' must be a list of answers")
        if not all(isinstance(v, str | int | float) for v in values):
            key = "in" if "in" in cond else "equals"
            self.fail(cond, key, f"{what} show_when: answers must be single values")
        return Condition(target, tuple(_answer_text(v) for v in values))

    def binding(
        self,
        node: _Map,
        what: str,
        answer_type: AnswerType,
        options: tuple[Option, ...],
        columns: tuple[Column, ...],
    ) -> Binding | None:
        raw = node.get("bind")
        if raw is None:
            return None
        bind = self.mapping(raw, node, "bind", f"{what} bind")
        self.keys(bind, {"profile", "library", "map", "present", "columns"}, f"{what} bind")
        if ("profile" in bind) == ("library" in bind):
            self.fail(bind, None, f"{what} bind: give either profile or library")
        if "library" in bind:
            library = self.mapping(bind["library"], bind, "library", f"{what} bind library")
            self.keys(library, {"tags"}, f"{what} bind library")
            tags = self.items(library, "tags", f"{what} bind library")
            if not tags or not all(isinstance(t, str) and t.strip() for t in tags):
                self.fail(library, "tags", f"{what} bind library: tags must be a list of words")
            return LibraryBinding(tuple(t.strip() for t in tags))
        path = self.text(bind, "profile", f"{what} bind")
        mapping = self.value_map(bind, what, options, answer_type)
        column_map = self.column_map(bind, what, columns, answer_type, path)
        present = bind.get("present")
        if present is not None:
            present = _answer_text(present)  # `present: yes` unquoted reads as a boolean
        if present is not None and (answer_type is not AnswerType.YES_NO or present != "yes"):
            self.fail(bind, "present", f'{what} bind: present: "yes" is for yes_no questions')
        try:
            spec = check_path(path, column_map)
        except BindingError as exc:
            self.fail(bind, "profile", f"{what} bind: {exc}")
        if mapping and spec is not None and spec.choices is not None:
            allowed = {m.value for m in spec.choices}
            for key in mapping:
                if key not in allowed:
                    self.fail(bind, "map", f"{what} bind map: '{key}' is not a value of {path}")
        return ProfileBinding(
            path=path,
            map=mapping,
            present=str(present) if present is not None else None,
            columns=column_map,
        )

    def value_map(
        self, bind: _Map, what: str, options: tuple[Option, ...], answer_type: AnswerType
    ) -> dict[str, str] | None:
        raw = bind.get("map")
        if raw is None:
            return None
        mapping = self.mapping(raw, bind, "map", f"{what} bind map")
        result = {str(_answer_text(k)): _answer_text(v) for k, v in mapping.items()}
        if options:
            ids = {o.id for o in options}
            for value in result.values():
                if value not in ids:
                    self.fail(bind, "map", f"{what} bind map: '{value}' is not one of the options")
        elif answer_type in (AnswerType.YES_NO, AnswerType.YES_NO_DETAILS):
            for value in result.values():
                if value not in ("yes", "no"):
                    self.fail(bind, "map", f'{what} bind map: yes/no answers are "yes" or "no"')
        return result

    def column_map(
        self,
        bind: _Map,
        what: str,
        columns: tuple[Column, ...],
        answer_type: AnswerType,
        path: str,
    ) -> dict[str, str] | None:
        raw = bind.get("columns")
        if raw is None:
            if answer_type is AnswerType.TABLE:
                self.fail(bind, None, f"{what} bind: a table binding needs columns")
            return None
        mapping = self.mapping(raw, bind, "columns", f"{what} bind columns")
        ids = {c.id for c in columns}
        for key in mapping:
            if key not in ids:
                self.fail(mapping, key, f"{what} bind columns: the table has no column '{key}'")
            table = path.split("[", 1)[0]
            if table in TABLE_COLUMNS and str(mapping[key]) not in TABLE_COLUMNS[table]:
                self.fail(mapping, key, f"{what} bind columns: '{table}' has no column "
                          f"'{mapping[key]}'")  # fmt: skip
        return {str(k): str(v) for k, v in mapping.items()}


def _answer_text(value: Any) -> str:
    """YAML reads yes/no unquoted as booleans; answers compare as "yes"/"no" text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def load_form(path: Path) -> Form:
    """Load and check one form file; refuses it with InputRefused naming file, line and field."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputRefused(f"{name}: BidKit cannot read it ({exc.strerror}).") from None
    if len(raw) > MAX_FORM_BYTES:
        raise InputRefused(f"{name}: it is larger than a questionnaire file can be (2 MB).")
    try:
        text = raw.decode("utf-8")
        node = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: no Python objects
        return _Checker().form(node)
    except UnicodeDecodeError:
        raise InputRefused(f"{name}: it is not UTF-8 text.") from None
    except _Problem as problem:
        raise InputRefused(f"{name}, line {problem.line}: {problem.message}.") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise InputRefused(f"{name}, line {line}: not valid YAML ({exc.problem}).") from None
    except yaml.YAMLError as exc:
        raise InputRefused(f"{name}: not valid YAML ({exc}).") from None


def shipped_form_files(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.glob("*.yaml"))
