"""Operations on a bid's questionnaires: attach, pre-fill, answer, mark ready, coverage.

Pre-fill runs when a form is attached and again, as its own operation (`reapply_prefill`), when
a profile or the evidence library changes, so answers follow their sources: an answer still
equal to what pre-fill put in takes the new value; an answer the writer edited is never
overwritten, only flagged "source changed" for a one-click update (`accept_source`).

Reading a questionnaire, its coverage and its progress never writes. Who answers, what is asked
and what counts as answered come from `bidkit.forms.rules`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bidkit.errors import InputRefused, NotFound
from bidkit.forms.catalog import get_form
from bidkit.forms.prefill import Computed, EvidenceCandidate, prefill_form
from bidkit.forms.rules import AnswerRules, OrgProgress, Participant, key_for
from bidkit.forms.schema import Form
from bidkit.model.bid import Bid
from bidkit.model.evidence import EvidenceItem, EvidenceUsage
from bidkit.model.organisation import Organisation
from bidkit.model.questionnaire import Answer, BidForm
from bidkit.model.types import utc_now
from bidkit.ops.changes import Changes
from bidkit.ops.library_credit import settle_library_credit
from bidkit.profile.completeness import ProfileData
from bidkit.store.queries import get_bid, partners_of, profile_data
from bidkit.store.workspace import Workspace

log = logging.getLogger(__name__)
QUESTIONNAIRE = "questionnaire"


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class AnswerView:
    """One stored answer, detached from the database, for the window and exports."""

    id: int
    question_id: str
    member_org_id: int | None
    value: Any
    source_kind: str
    source_ref: str
    source_label: str
    source_value: Any
    source_changed: bool
    ready: bool
    #: For an answer taken from the library: "Review was due 31 Oct 2026", "Expired ...".
    evidence_flag: str = ""

    @property
    def edited(self) -> bool:
        return self.source_kind in ("profile", "evidence") and self.value != self.source_value

    @property
    def prefilled(self) -> bool:
        return self.source_kind in ("profile", "evidence") and self.value == self.source_value


@dataclass(frozen=True)
class MissingAnswer:
    """A required answer not given yet (a gap of `bidkit.forms.rules`), with where to fix it."""

    question_id: str
    number: str
    reason: str
    #: Where to fix it: a profile field or table key, or "library"; "" to answer it directly.
    target: str
    #: The organisation that owes the answer (the lead for one given once for the bid).
    org_id: int | None
    organisation: str = ""
    #: The member key the answer is stored under (0: once for the bid).
    member_key: int = 0
    #: "unanswered" (the lead's), "partner" (a member's or subcontractor's) or "unsigned".
    kind: str = "unanswered"

    def describe(self) -> str:
        """ "B7.2 (Northside): No answer yet." """
        where = f"{self.number} ({self.organisation})" if self.organisation else self.number
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Coverage:
    """Pre-fill's provenance figure and the questionnaire's honest progress.

    `reusable` and `prefilled` count the asked answers that have a binding and those the
    binding found a value for (a provenance, not progress). `progress` is answered / required
    per organisation and `missing` every required answer not given, as the compliance report
    counts them.
    """

    form_id: str
    title: str
    questions: int
    reusable: int
    prefilled: int
    missing: tuple[MissingAnswer, ...]
    progress: tuple[OrgProgress, ...] = ()

    @property
    def coverage(self) -> float:
        return 1.0 if self.reusable == 0 else self.prefilled / self.reusable


@dataclass(frozen=True)
class QuestionnaireSnapshot:
    bid_id: int
    bid_title: str
    bid_form_id: int
    form_id: str
    participants: tuple[Participant, ...]
    answers: dict[tuple[str, int], AnswerView]  # (question id, member key) -> answer
    coverage: Coverage

    def answer(self, question_id: str, member_org_id: int | None) -> AnswerView | None:
        return self.answers.get((question_id, member_org_id or 0))

    @property
    def progress(self) -> tuple[OrgProgress, ...]:
        return self.coverage.progress

    def rules(self) -> AnswerRules:
        """The questionnaire rules over these answers (build once per snapshot)."""
        values = {key: view.value for key, view in self.answers.items()}
        return AnswerRules(get_form(self.form_id), values, self.participants)


# -- reading ------------------------------------------------------------------------------------
def participants_of_bid(session: Session, bid: Bid) -> list[Participant]:
    """The lead, then the members and subcontractors in the order they joined."""
    people: list[Participant] = []
    if bid.lead_org_id is not None:
        lead = session.get(Organisation, bid.lead_org_id)
        if lead is not None:
            people.append(Participant(lead.id or 0, lead.legal_name, "lead"))
    for partner in partners_of(session, bid.id or 0):
        org = session.get(Organisation, partner.organisation_id)
        if org is not None and all(p.org_id != org.id for p in people):
            people.append(Participant(partner.organisation_id, org.legal_name, partner.role))
    return people


def profiles_of(
    session: Session,
    participants: Sequence[Participant],
    known: dict[int, ProfileData] | None = None,
) -> dict[int, ProfileData]:
    """Each participant's profile by organisation id (reusing those already in `known`)."""
    known = {} if known is None else known
    for participant in participants:
        if participant.org_id not in known:
            known[participant.org_id] = profile_data(session, participant.org_id)
    return known


def evidence_candidates(session: Session) -> list[EvidenceCandidate]:
    """Every library item as pre-fill and matching read it.

    Read as plain rows, not ORM objects: at 20,000 items building and tracking the objects
    took several times longer than the query itself."""
    statement = sa_select(
        col(EvidenceItem.id),
        col(EvidenceItem.title),
        col(EvidenceItem.body),
        col(EvidenceItem.tags),
        col(EvidenceItem.expires_on),
        col(EvidenceItem.updated_at),
        col(EvidenceItem.version),
        col(EvidenceItem.kind),
    )
    # sqlmodel types `exec` for selects of up to four columns; the row shape is as listed.
    rows = session.exec(statement).all()  # type: ignore[call-overload]
    return [
        EvidenceCandidate(
            id=item_id or 0,
            title=title,
            body=body,
            tags=tuple(t.strip() for t in tags.split(",") if t.strip()),
            expires_on=expires_on,
            updated_at=updated_at,
            version=version,
            kind=kind,
        )
        for item_id, title, body, tags, expires_on, updated_at, version, kind in rows
    ]


def _form_of(session: Session, form_id: str) -> Form:
    """The form with `form_id`, a buyer's own questionnaire included."""
    if form_id.startswith("buyer-"):
        from bidkit.ops.buyer_forms import register_buyer_forms

        register_buyer_forms(session)
    return get_form(form_id)


def _bid_form(session: Session, bid_id: int, form_id: str | None) -> BidForm:
    statement = select(BidForm).where(col(BidForm.bid_id) == bid_id)
    if form_id is not None:
        statement = statement.where(col(BidForm.form_id) == form_id)
    found = session.exec(statement.order_by(col(BidForm.id))).first()
    if found is None:
        what = f"the questionnaire '{form_id}'" if form_id else "a questionnaire"
        attached = session.exec(select(BidForm.form_id).where(col(BidForm.bid_id) == bid_id))
        has = ", ".join(f"'{f}'" for f in attached.all())
        # The command line cannot attach a questionnaire to an existing bid: say what can.
        raise NotFound(
            f"Bid {bid_id} does not have {what} attached"
            + (f" (it has {has})" if has else "")
            + ". Attach one in the window (the Questionnaires page), or from the command line "
            f"attach a buyer's own Word questionnaire with 'bidkit forms import FILE.docx --bid "
            f"{bid_id}'; 'bidkit forms list' shows the questionnaires."
        )
    return found


def _answers(session: Session, bid_form_id: int) -> dict[tuple[str, int], Answer]:
    rows = session.exec(select(Answer).where(col(Answer.bid_form_id) == bid_form_id)).all()
    return {(a.question_id, a.member_key): a for a in rows}


def _evidence_flags(session: Session, today: date) -> dict[int, str]:
    """Items past their review date or expiring, by id, with the flag to show."""
    from bidkit.library.freshness import freshness

    flags: dict[int, str] = {}
    for item in session.exec(select(EvidenceItem)).all():
        state = freshness(item.review_on, item.expires_on, today)
        if state.flagged and item.id is not None:
            flags[item.id] = state.describe(item.review_on, item.expires_on)
    return flags


def _evidence_item_id(source_ref: str) -> int | None:
    head = _evidence_id(source_ref)
    return int(head) if head is not None and head.isdigit() else None


def _view(answer: Answer, flags: dict[int, str] | None = None) -> AnswerView:
    evidence_id = _evidence_item_id(answer.source_ref) if flags else None
    return AnswerView(
        evidence_flag=(flags or {}).get(evidence_id, "") if evidence_id is not None else "",
        id=answer.id or 0,
        question_id=answer.question_id,
        member_org_id=answer.member_org_id,
        value=json.loads(answer.value),
        source_kind=answer.source_kind,
        source_ref=answer.source_ref,
        source_label=answer.source_label,
        source_value=json.loads(answer.source_value),
        source_changed=answer.source_changed,
        ready=answer.ready,
    )


def forms_of_bid(ws: Workspace, bid_id: int) -> list[str]:
    with ws.session() as session:
        get_bid(session, bid_id)
        rows = session.exec(
            select(BidForm).where(col(BidForm.bid_id) == bid_id).order_by(col(BidForm.id))
        ).all()
        for row in rows:
            _form_of(session, row.form_id)  # a buyer's questionnaire: known to get_form
        return [r.form_id for r in rows]


# -- pre-fill -----------------------------------------------------------------------------------
@dataclass
class _Sources:
    """What pre-fill reads, read once per operation however many questionnaires it fills."""

    evidence: list[EvidenceCandidate]
    profiles: dict[int, ProfileData]


def _prefill(
    session: Session, bid: Bid, bid_form: BidForm, sources: _Sources, today: date | None
) -> bool:
    """Apply pre-fill to one questionnaire's stored answers; True when anything changed."""
    form = _form_of(session, bid_form.form_id)
    participants = participants_of_bid(session, bid)
    profiles = profiles_of(session, participants, sources.profiles)
    computed = prefill_form(form, participants, profiles, sources.evidence, today)
    answers = _answers(session, bid_form.id or 0)
    changed = False
    for item in computed:
        changed = _apply(session, bid_form.id or 0, item, answers) or changed
    return changed


def attach_in(session: Session, bid_id: int, form_id: str, today: date | None = None) -> Form:
    """Attach a questionnaire and pre-fill it inside the caller's write transaction."""
    form = _form_of(session, form_id)
    bid = get_bid(session, bid_id)
    exists = session.exec(
        select(BidForm).where(col(BidForm.bid_id) == bid_id, col(BidForm.form_id) == form_id)
    ).first()
    if exists is not None:
        raise InputRefused(f"'{form.title}' is already attached to this bid.")
    bid_form = BidForm(bid_id=bid_id, form_id=form.id, form_version=form.version)
    session.add(bid_form)
    session.flush()
    _prefill(session, bid, bid_form, _Sources(evidence_candidates(session), {}), today)
    return form


def attach_form(ws: Workspace, bid_id: int, form_id: str) -> Changes:
    """Attach a shipped questionnaire to a bid and pre-fill it, in one transaction."""
    with ws.write() as session:
        form = attach_in(session, bid_id, form_id)
    return Changes.of(QUESTIONNAIRE, bid_id, note=f"'{form.title}' attached and pre-filled")


def reapply_prefill(
    ws: Workspace,
    bid_ids: Sequence[int] | None = None,
    today: date | None = None,
    *,
    org_ids: Collection[int] | None = None,
) -> Changes:
    """Pre-fill every questionnaire of `bid_ids` (default: every bid) again, in one transaction.

    Run after a profile or the evidence library changed, so answers still equal to what
    pre-fill put in follow their source and edited ones are flagged. With `org_ids` (the
    profiles that changed), only the bids those organisations take part in. Returns the bids
    whose answers changed (no change: `Changes.none()`).
    """
    with ws.write() as session:
        changed = reapply_in(session, bid_ids, today, org_ids=org_ids)
    if not changed:
        return Changes.none()
    return Changes({QUESTIONNAIRE: frozenset(changed)})


def reapply_in(
    session: Session,
    bid_ids: Sequence[int] | None = None,
    today: date | None = None,
    *,
    org_ids: Collection[int] | None = None,
) -> set[int]:
    """`reapply_prefill` inside the caller's write transaction (for an operation that changes
    who takes part in a bid); returns the ids of the bids whose answers changed."""
    changed: set[int] = set()
    statement = select(BidForm).order_by(col(BidForm.id))
    if bid_ids is not None:
        statement = statement.where(col(BidForm.bid_id).in_(list(bid_ids)))
    bid_forms = session.exec(statement).all()
    sources = _Sources(evidence_candidates(session) if bid_forms else [], {})
    for bid_form in bid_forms:
        bid = session.get(Bid, bid_form.bid_id)
        if bid is None:
            continue
        if org_ids is not None and not _takes_part(session, bid, org_ids):
            continue
        if _prefill(session, bid, bid_form, sources, today):
            changed.add(bid_form.bid_id)
    return changed


def _takes_part(session: Session, bid: Bid, org_ids: Collection[int]) -> bool:
    if bid.lead_org_id in org_ids:
        return True
    return any(p.organisation_id in org_ids for p in partners_of(session, bid.id or 0))


def _apply(
    session: Session, bid_form_id: int, item: Computed, answers: dict[tuple[str, int], Answer]
) -> bool:
    """Bring one stored answer in line with what pre-fill found; True when it changed."""
    key = (item.question.id, item.member_org_id or 0)
    new = _dump(item.value)
    existing = answers.get(key)
    if existing is None:
        if not item.found:
            return False
        session.add(
            Answer(
                bid_form_id=bid_form_id,
                question_id=item.question.id,
                member_key=item.member_org_id or 0,
                member_org_id=item.member_org_id,
                value=new,
                source_kind=item.source_kind,
                source_ref=item.source_ref,
                source_label=item.source_label,
                source_value=new,
            )
        )
        return True
    if existing.source_kind == "typed":
        if existing.value == "null" and item.found:
            _take(existing, item, new)
            session.add(existing)
            return True
        return False
    if existing.source_kind not in ("profile", "evidence") or new == existing.source_value:
        if existing.source_changed and new == existing.source_value:
            existing.source_changed = False
            session.add(existing)
            return True
        return False
    if existing.source_kind == "evidence" and _evidence_id(existing.source_ref) != _evidence_id(
        item.source_ref
    ):
        return False  # the writer chose this library item (use_evidence): keep their choice
    untouched = existing.value == existing.source_value
    if (untouched or existing.value == new) and item.found:
        _take(existing, item, new)
    elif existing.source_changed:
        return False
    else:
        existing.source_changed = True
    session.add(existing)
    return True


def _evidence_id(source_ref: str) -> str | None:
    """The item id in "evidence:<id>@<version>", or None for any other source."""
    if not source_ref.startswith("evidence:"):
        return None
    return source_ref.removeprefix("evidence:").split("@", 1)[0]


def _take(answer: Answer, item: Computed, new: str) -> None:
    answer.value = answer.source_value = new
    answer.source_kind, answer.source_ref = item.source_kind, item.source_ref
    answer.source_label = item.source_label
    answer.source_changed = False
    answer.updated_at = utc_now()


# -- reading (never writes) ---------------------------------------------------------------------
def _coverage(form: Form, rules: AnswerRules, computed: Sequence[Computed]) -> Coverage:
    reusable = prefilled = 0
    misses: dict[tuple[str, int], tuple[str, str]] = {}
    for item in computed:
        key = key_for(item.question, item.member_org_id)
        if not rules.is_asked(item.question, key):
            continue
        reusable += 1
        if item.found:
            prefilled += 1
        else:
            misses[(item.question.id, key)] = (item.reason, item.target)
    missing = tuple(
        MissingAnswer(
            gap.question.id,
            gap.question.number,
            gap.reason,
            gap.target,
            gap.org_id,
            gap.organisation,
            gap.member_key,
            gap.kind.value,
        )
        for gap in rules.gaps(misses=misses)
    )
    return Coverage(
        form_id=form.id,
        title=form.title,
        questions=sum(1 for _ in form.questions()),
        reusable=reusable,
        prefilled=prefilled,
        missing=missing,
        progress=tuple(rules.progress()),
    )


def _read(
    session: Session, bid_id: int, form_id: str | None, today: date | None, sources: _Sources
) -> QuestionnaireSnapshot:
    bid = get_bid(session, bid_id)
    bid_form = _bid_form(session, bid_id, form_id)
    form = _form_of(session, bid_form.form_id)
    people = participants_of_bid(session, bid)
    stored = _answers(session, bid_form.id or 0)
    profiles = profiles_of(session, people, sources.profiles)
    computed = prefill_form(form, people, profiles, sources.evidence, today)
    flags = _evidence_flags(session, today or date.today())
    views = {key: _view(a, flags) for key, a in stored.items()}
    rules = AnswerRules(form, {key: view.value for key, view in views.items()}, people)
    coverage = _coverage(form, rules, computed)
    return QuestionnaireSnapshot(
        bid_id, bid.title, bid_form.id or 0, bid_form.form_id, tuple(people), views, coverage
    )


def read_questionnaire(
    ws: Workspace, bid_id: int, form_id: str | None = None, today: date | None = None
) -> QuestionnaireSnapshot:
    """Everything the questionnaire page shows, as stored. A pure read (works read-only)."""
    with ws.session() as session:
        return _read(session, bid_id, form_id, today, _Sources(evidence_candidates(session), {}))


#: The page's name for reading a questionnaire; reading never pre-fills (see `reapply_prefill`).
load_questionnaire = read_questionnaire


# -- answering ----------------------------------------------------------------------------------
def _answer_row(
    session: Session, bid_form_id: int, question_id: str, member_org_id: int | None
) -> Answer:
    bid_form = session.get(BidForm, bid_form_id)
    if bid_form is None:
        raise NotFound("That questionnaire is no longer attached to the bid.")
    form = _form_of(session, bid_form.form_id)
    try:
        question = form.question(question_id)
    except KeyError:
        raise InputRefused(f"'{question_id}' is not a question of {form.title}.") from None
    key = key_for(question, member_org_id)
    member_org_id = key or None
    row = session.exec(
        select(Answer).where(
            col(Answer.bid_form_id) == bid_form_id,
            col(Answer.question_id) == question_id,
            col(Answer.member_key) == key,
        )
    ).first()
    if row is None:
        row = Answer(
            bid_form_id=bid_form_id,
            question_id=question_id,
            member_key=key,
            member_org_id=member_org_id,
        )
    return row


def _computed(
    session: Session, bid: Bid, form: Form, question_id: str, member_key: int
) -> list[Computed]:
    """What pre-fill finds for one answer (empty when the question has no source)."""
    people = participants_of_bid(session, bid)
    everything = prefill_form(
        form, people, profiles_of(session, people), evidence_candidates(session)
    )
    return [
        c
        for c in everything
        if c.question.id == question_id and (c.member_org_id or 0) == member_key
    ]


def set_answer(
    ws: Workspace, bid_form_id: int, question_id: str, member_org_id: int | None, value: Any
) -> Changes:
    """The writer's answer. Keeps its provenance, so an edit of a pre-filled answer shows; a
    library item put in stays its source only while its text is there (`library_credit`)."""
    with ws.write() as session:
        row = _answer_row(session, bid_form_id, question_id, member_org_id)
        row.value = _dump(value)
        if row.source_kind in ("profile", "evidence") and row.value == row.source_value:
            row.source_changed = False
        bid_form = session.get(BidForm, bid_form_id)
        assert bid_form is not None  # _answer_row found it
        bid_id = bid_form.bid_id

        def prefill() -> Computed | None:
            form = _form_of(session, bid_form.form_id)
            found = _computed(session, get_bid(session, bid_id), form, question_id, row.member_key)
            return found[0] if found else None

        dropped = settle_library_credit(session, row, bid_id, prefill)
        row.updated_at = utc_now()
        session.add(row)
    changes = Changes.of(QUESTIONNAIRE, bid_id)
    if dropped is not None:
        changes = changes.merge(Changes.of("evidence", dropped))
    return changes


def set_ready(
    ws: Workspace, bid_form_id: int, question_id: str, member_org_id: int | None, ready: bool
) -> Changes:
    with ws.write() as session:
        row = _answer_row(session, bid_form_id, question_id, member_org_id)
        row.ready = ready
        session.add(row)
        bid_id = session.get(BidForm, bid_form_id).bid_id  # type: ignore[union-attr]
    return Changes.of(QUESTIONNAIRE, bid_id)


def use_evidence(
    ws: Workspace, bid_form_id: int, question_id: str, member_org_id: int | None, evidence_id: int
) -> Changes:
    """Answer with a library item's text, recording the item and its version as the source."""
    with ws.write() as session:
        item = session.get(EvidenceItem, evidence_id)
        if item is None:
            raise NotFound(f"There is no evidence item with id {evidence_id}.")
        row = _answer_row(session, bid_form_id, question_id, member_org_id)
        row.value = row.source_value = _dump(item.body)
        row.source_kind, row.source_ref = "evidence", f"evidence:{item.id}@{item.version}"
        row.source_label, row.source_changed = f"Library: {item.title}", False
        row.updated_at = utc_now()
        session.add(row)
        bid_id = session.get(BidForm, bid_form_id).bid_id  # type: ignore[union-attr]
        session.add(
            EvidenceUsage(
                evidence_id=evidence_id, bid_id=bid_id, question_id=question_id,
                version=item.version,
            )
        )  # fmt: skip
    return Changes.of(QUESTIONNAIRE, bid_id, note=f"Inserted '{item.title}' from the library")


def accept_source(
    ws: Workspace, bid_form_id: int, question_id: str, member_org_id: int | None
) -> Changes:
    """Replace an edited answer with what its source (profile or library) says now."""
    with ws.write() as session:
        bid_form = session.get(BidForm, bid_form_id)
        if bid_form is None:
            raise NotFound("That questionnaire is no longer attached to the bid.")
        bid = get_bid(session, bid_form.bid_id)
        form = _form_of(session, bid_form.form_id)
        try:
            question = form.question(question_id)
        except KeyError:
            raise InputRefused(f"'{question_id}' is not a question of {form.title}.") from None
        computed = _computed(session, bid, form, question_id, key_for(question, member_org_id))
        if not computed or not computed[0].found:
            reason = computed[0].reason if computed else "This question has no source."
            raise InputRefused(f"There is nothing to update from: {reason}.")
        row = _answer_row(session, bid_form_id, question_id, member_org_id)
        _take(row, computed[0], _dump(computed[0].value))
        session.add(row)
        bid_id = bid_form.bid_id
    return Changes.of(QUESTIONNAIRE, bid_id, note="Answer updated from its source")


def coverage_report(ws: Workspace, bid_id: int, today: date | None = None) -> list[Coverage]:
    """Coverage and progress of every questionnaire attached to the bid, as stored (a read)."""
    with ws.session() as session:
        get_bid(session, bid_id)
        form_ids = [
            r.form_id
            for r in session.exec(
                select(BidForm).where(col(BidForm.bid_id) == bid_id).order_by(col(BidForm.id))
            ).all()
        ]
        sources = _Sources(evidence_candidates(session), {})
        return [_read(session, bid_id, form_id, today, sources).coverage for form_id in form_ids]


@dataclass(frozen=True)
class Suggestion:
    evidence_id: int
    title: str
    snippet: str
    #: How surely the item answers the question (0..1), as pre-fill judges it.
    confidence: float
    #: One line for the writer: what in the question matched the item.
    why: str


def suggest_evidence(
    ws: Workspace, bid_form_id: int, question_id: str, limit: int = 10, today: date | None = None
) -> list[Suggestion]:
    """Library items for a question, best first, by the confidence pre-fill inserts with
    (`forms.matching`), each with its reason. Items found only by words in their text are
    the picker's search, not suggestions."""
    from bidkit.forms.matching import LibraryIndex, question_context, rank_library

    today = today or date.today()
    with ws.session() as session:
        bid_form = session.get(BidForm, bid_form_id)
        if bid_form is None:
            raise NotFound("That questionnaire is no longer attached to the bid.")
        form = _form_of(session, bid_form.form_id)
        question = form.question(question_id)
        items = evidence_candidates(session)
    ranked = rank_library(
        question, question_context(form, question), LibraryIndex(items), today, limit
    )
    bodies = {item.id: item.body for item in items}
    return [
        Suggestion(m.item_id, m.title, " ".join(bodies[m.item_id].split())[:160], m.confidence,
                   m.why)
        for m in ranked
    ]  # fmt: skip
