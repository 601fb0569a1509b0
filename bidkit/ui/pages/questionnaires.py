"""The Questionnaires page: answer a bid's questionnaire, pre-filled from the profiles.

Top, the bid and questionnaire choosers and how much pre-fill found. Left, the buyer's
sections and questions with each answer's status, and filters. Right, the question being
answered. Every answer is saved as it is typed; a reload (after any save or profile change)
runs pre-fill again, so untouched answers follow the profile and edited ones are flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bidkit.forms.schema import Form, Question
from bidkit.ui.context import AppContext, Page, WorkspaceInfo
from bidkit.ui.questionnaire import answer_progress, local_answers, snapshot_jobs
from bidkit.ui.questionnaire.answer_status import AnswerLookup, Participant, Status, members_for
from bidkit.ui.questionnaire.library_use import LibraryUse
from bidkit.ui.questionnaire.question_delegate import WrappingDelegate
from bidkit.ui.questionnaire.question_panel import QuestionPanel
from bidkit.ui.questionnaire.tree_model import (
    QUESTION_ID_ROLE,
    Filter,
    QuestionFilter,
    QuestionTreeModel,
    filter_text,
)
from bidkit.ui.widgets import push_button

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes

QUESTIONNAIRE = "questionnaire"


class QuestionnairesPage(Page):
    key = "questionnaires"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Questionnaires")
        self.read_only = False
        self._opened = False
        self.choices: snapshot_jobs.BidChoices | None = None
        self.bid_id: int | None = None
        self.form_id: str | None = None
        self.form: Form | None = None
        self.snapshot: Any = None
        self.lookup: AnswerLookup | None = None
        self.progress: answer_progress.Progress | None = None
        self.question_id: str | None = None
        self._wanted_bid: int | None = None
        self._wanted_form: str | None = None
        self._serial = 0
        #: Put the focus in the first answer once the questionnaire shows (after attaching).
        self._focus_after_load = False
        self.dialog: QDialog | None = None  # the dialog open now, if any

        self.model = QuestionTreeModel(self)
        self.proxy = QuestionFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._build_actions()
        self._show_state()

    # -- layout -------------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = push_button(self, text, slot, name)
        button.setAutoDefault(True)  # Enter presses the focused button (the page is no dialog)
        return button

    def _build(self) -> None:
        heading = QLabel(self.tr("Questionnaires"), self)
        heading.setObjectName("pageTitle")
        self.bid_combo = QComboBox(self)
        self.bid_combo.setAccessibleName(self.tr("Bid"))
        self.bid_combo.setMinimumContentsLength(24)
        self.bid_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.bid_combo.activated.connect(self._on_bid_chosen)
        self.form_combo = QComboBox(self)
        self.form_combo.setAccessibleName(self.tr("Questionnaire"))
        self.form_combo.setMinimumContentsLength(24)
        self.form_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.form_combo.activated.connect(self._on_form_chosen)
        bid_label = QLabel(self.tr("&Bid:"), self)
        bid_label.setBuddy(self.bid_combo)
        form_label = QLabel(self.tr("&Questionnaire:"), self)
        form_label.setBuddy(self.form_combo)
        self.attach_button = self._button(
            self.tr("Attach questionnaire…"), self.tr("Attach questionnaire"), self.attach
        )
        self.new_bid_button = self._button(self.tr("New bid…"), self.tr("New bid"), self.new_bid)
        # The title and the page's actions on one row, the choosers on the next: at 1024 pixels
        # wide (or at 200%) a single row cut the title, the choosers and the buttons.
        title_row = QHBoxLayout()
        title_row.addWidget(heading)
        title_row.addStretch(1)
        title_row.addWidget(self.attach_button)
        title_row.addWidget(self.new_bid_button)
        choosers = QHBoxLayout()
        choosers.addWidget(bid_label)
        choosers.addWidget(self.bid_combo, 3)
        choosers.addSpacing(8)
        choosers.addWidget(form_label)
        choosers.addWidget(self.form_combo, 2)
        for combo in (self.bid_combo, self.form_combo):
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(
                lambda _row, combo=combo: combo.setToolTip(combo.currentText())
            )

        self.coverage = QLabel(self)
        self.coverage.setAccessibleName(self.tr("Pre-fill coverage"))
        self.coverage.setWordWrap(True)
        self.missing_button = self._button(
            self.tr("Missing (0)"), self.tr("Missing answers"), self.show_missing
        )
        self.toolbar = QToolBar(self.tr("Questionnaire"), self)
        self.toolbar.setAccessibleName(self.tr("Questionnaire actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        coverage_row = QHBoxLayout()
        coverage_row.addWidget(self.coverage, 1)
        coverage_row.addWidget(self.missing_button)
        coverage_row.addWidget(self.toolbar)

        # Left: filter and tree.
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.filter_combo = QComboBox(left)
        self.filter_combo.setAccessibleName(self.tr("Show"))
        for kind in Filter:
            self.filter_combo.addItem(filter_text(kind), str(kind))
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        filter_label = QLabel(self.tr("&Show:"), left)
        filter_label.setBuddy(self.filter_combo)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_combo, 1)
        self.tree = QTreeView(left)
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tr("Sections and questions"))
        # Questions wrap onto as many lines as they need: the whole question reads in the list.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.delegate = WrappingDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Sized to its text when a questionnaire opens, not on every save (measuring every row
        # again after each answer would hold up typing).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection)
        self.proxy.layoutChanged.connect(self._keep_selection_visible)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.tree, 1)
        left.setMinimumWidth(260)

        # Right: the question.
        self.panel = QuestionPanel(self)
        self.library = LibraryUse(self)
        self.panel.save_requested.connect(self.save_answer)
        self.panel.ready_requested.connect(self.set_ready)
        self.panel.library_requested.connect(self.open_library)
        self.panel.update_requested.connect(self.update_from_source)
        self.question_scroll = QScrollArea(self)
        self.question_scroll.setWidgetResizable(True)
        # The panel wraps and shortens what it shows to the room it has; it scrolls down only.
        self.question_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.question_scroll.setWidget(self.panel)
        self.question_scroll.setAccessibleName(self.tr("Question"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.question_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 700])
        self.splitter.setChildrenCollapsible(False)

        # The empty state: no bid yet, or no questionnaire on the bid.
        self.empty = QWidget(self)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_text = QLabel(self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setAccessibleName(self.tr("No questionnaire to show"))
        self.empty_new = self._button(self.tr("New bid…"), self.tr("Start a new bid"),
                                      self.new_bid)  # fmt: skip
        self.empty_new.setObjectName("emptyAction")
        self.empty_attach = self._button(
            self.tr("Attach questionnaire…"), self.tr("Attach a questionnaire"), self.attach
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_new)
        buttons.addWidget(self.empty_attach)
        buttons.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)

        self.body = QStackedWidget(self)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(title_row)
        layout.addLayout(choosers)
        layout.addLayout(coverage_row)
        layout.addWidget(self.body, 1)

        self.setTabOrder(self.bid_combo, self.form_combo)
        self.setTabOrder(self.form_combo, self.attach_button)
        self.setTabOrder(self.attach_button, self.new_bid_button)
        self.setTabOrder(self.new_bid_button, self.missing_button)
        self.setTabOrder(self.missing_button, self.filter_combo)
        self.setTabOrder(self.filter_combo, self.tree)
        self.setTabOrder(self.tree, self.panel.members_bar)

    def _build_actions(self) -> None:
        def action(text: str, name: str, shortcut: str, slot: Any) -> QAction:
            made = QAction(text, self)
            made.setShortcut(QKeySequence(shortcut))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.setToolTip(f"{name} ({QKeySequence(shortcut).toString()})")
            made.setStatusTip(name)
            made.triggered.connect(slot)
            self.addAction(made)
            self.toolbar.addAction(made)
            self.toolbar.widgetForAction(made).setAccessibleName(name)
            return made

        self.action_next_empty = action(
            self.tr("Next unanswered"), self.tr("Go to the next unanswered question"), "F8",
            self.next_unanswered,
        )  # fmt: skip
        self.action_next_over = action(
            self.tr("Next over limit"), self.tr("Go to the next answer over its limit"),
            "Shift+F8", self.next_over_limit,
        )  # fmt: skip
        self.action_ready_next = action(
            self.tr("Ready, next"), self.tr("Mark ready and go to the next question"),
            "Ctrl+Return", self.ready_and_next,
        )  # fmt: skip

    # -- state --------------------------------------------------------------------------------
    def _show_state(self) -> None:
        bids = self.choices.bids if self.choices is not None else []
        has_forms = bool(self.form_id)
        writable = self._opened and not self.read_only
        if not self._opened:
            self.empty_text.setText(self.tr("Opening workspace…"))
        elif not bids:
            self.empty_text.setText(
                self.tr(
                    "No bids yet.\n\nStart one with “New bid…”: give it a title, the buyer and "
                    "the questionnaire they ask for, and BidKit fills in what the profile "
                    "already knows. (Bids can also be added with 'bidkit bid new'.)"
                )
            )
        elif not has_forms:
            self.empty_text.setText(
                self.tr(
                    "This bid has no questionnaire yet.\n\nAttach the one the buyer asks "
                    "for, and BidKit fills in what the profile already knows."
                )
            )
        self.empty_new.setVisible(self._opened and not bids)
        self.empty_attach.setVisible(self._opened and bool(bids) and not has_forms)
        self.body.setCurrentWidget(self.splitter if has_forms and self.form else self.empty)
        self.bid_combo.setEnabled(bool(bids))
        self.form_combo.setEnabled(has_forms)
        self.filter_combo.setEnabled(self.form is not None)
        self.attach_button.setEnabled(writable and self.bid_id is not None)
        self.new_bid_button.setEnabled(writable)
        self.empty_new.setEnabled(writable)
        self.empty_attach.setEnabled(writable)
        self.missing_button.setEnabled(self.snapshot is not None and self._missing_count() > 0)
        self.coverage.setVisible(self.snapshot is not None)
        self.missing_button.setVisible(self.snapshot is not None)
        for action in (self.action_next_empty, self.action_next_over):
            action.setEnabled(self.form is not None)
        self.action_ready_next.setEnabled(self.form is not None and writable)
        self.panel.set_read_only(self.read_only)

    def _missing_count(self) -> int:
        if self.snapshot is None or self.progress is None:
            return 0
        return len(self.progress.gaps)

    # -- loading ------------------------------------------------------------------------------
    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self._opened = True
        self.read_only = info.read_only
        self.choices = None
        self.bid_id = self.form_id = self.form = self.snapshot = None
        self.question_id = None
        self.panel.clear()
        self.model.set_form(None, None)
        self.refresh_bids()

    def on_changes(self, changes: Changes) -> None:
        if not self._opened or changes.made_by(self):
            return  # the page's own saves: what they stored is on screen already
        if changes.touches("bid"):
            self.refresh_bids()
        elif self.bid_id is not None and (
            changes.touches(QUESTIONNAIRE, self.bid_id)
            or changes.touches("organisation")
            or changes.touches("evidence")
        ):
            self.load_current()

    def refresh_bids(self) -> None:
        self.context.runner.run(snapshot_jobs.load_bid_choices, self._bids_loaded, quiet=True)

    def _bids_loaded(self, choices: snapshot_jobs.BidChoices | None) -> None:
        if choices is None:
            return
        self.choices = choices
        known = {b.id for b in choices.bids}
        wanted = self._wanted_bid if self._wanted_bid in known else self.bid_id
        self._wanted_bid = None
        if wanted not in known:
            with_forms = [b.id for b in choices.bids if choices.forms_of.get(b.id)]
            wanted = with_forms[0] if with_forms else (choices.bids[0].id if choices.bids else None)
        self.bid_combo.blockSignals(True)
        self.bid_combo.clear()
        for bid in choices.bids:
            text = f"{bid.title} — {bid.buyer}" if bid.buyer else bid.title
            self.bid_combo.addItem(text, bid.id)
        self.bid_combo.blockSignals(False)
        self._choose_bid(wanted)

    def _choose_bid(self, bid_id: int | None) -> None:
        if bid_id != self.bid_id:
            self.panel.clear()
            self.question_id = None
            self.form = self.snapshot = None
        self.bid_id = bid_id
        self.bid_combo.setCurrentIndex(self.bid_combo.findData(bid_id) if bid_id else -1)
        forms = self.choices.forms_of.get(bid_id, []) if self.choices and bid_id else []
        wanted = self._wanted_form if self._wanted_form in forms else self.form_id
        self._wanted_form = None
        if wanted not in forms:
            wanted = forms[0] if forms else None
        self.form_combo.clear()
        titles = self.choices.form_titles if self.choices else {}
        for form_id in forms:
            self.form_combo.addItem(titles.get(form_id, form_id), form_id)
        self.form_combo.setCurrentIndex(self.form_combo.findData(wanted) if wanted else -1)
        if wanted != self.form_id:
            self.panel.clear()
            self.form = self.snapshot = None
            self.question_id = None
        self.form_id = wanted
        self._show_state()
        if self.form_id is not None:
            self.load_current()

    def _on_bid_chosen(self, _row: int) -> None:
        self.panel.flush()
        self._choose_bid(self.bid_combo.currentData())

    def _on_form_chosen(self, _row: int) -> None:
        self.panel.flush()
        self._wanted_form = self.form_combo.currentData()
        self._choose_bid(self.bid_id)

    def load_current(self) -> None:
        bid_id, form_id = self.bid_id, self.form_id
        if bid_id is None or form_id is None:
            return
        self._serial += 1
        serial = self._serial

        def job(ws: Any) -> Any:
            return snapshot_jobs.load_snapshot(ws, bid_id, form_id)

        def done(result: tuple[Form, Any]) -> None:
            if serial == self._serial and (bid_id, form_id) == (self.bid_id, self.form_id):
                self._show_snapshot(*result)

        self.context.runner.run(job, done, self.context.signals.error.emit, quiet=True)

    def _show_snapshot(self, form: Form, snapshot: Any) -> None:
        self.form, self.snapshot = form, snapshot
        participants = tuple(Participant(*p) for p in snapshot.participants)
        self.lookup = AnswerLookup(form, snapshot.answers, participants)
        rebuilt = self.model.form is None or self.model.form.id != form.id
        self.model.set_form(form, self.lookup)
        if rebuilt:
            self.tree.expandAll()
            self._fit_status_column()
            self.delegate.measure_when_idle()  # so a jump far down the list does not wait
        self._show_progress()
        self._show_state()
        question_id = self.question_id
        ids = self.model.question_ids()
        if question_id not in ids:
            question_id = ids[0] if ids else None
        focus, self._focus_after_load = self._focus_after_load, False
        if question_id is not None:
            self.select_question(question_id, focus=focus)

    def _fit_status_column(self) -> None:
        """The status column wide enough for the longest status (who still owes an answer is
        cut short there and named in full in the tooltip)."""
        from bidkit.ui.questionnaire.tree_model import status_text

        metrics = self.tree.fontMetrics()
        longest = max(metrics.horizontalAdvance(status_text(s)) for s in Status)
        self.tree.setColumnWidth(1, longest + metrics.horizontalAdvance("M") + 32)

    def _show_progress(self) -> None:
        """One figure per organisation, as the compliance report counts: answered / required."""
        if self.form is None or self.snapshot is None:
            return
        progress = answer_progress.Progress.of(self.form, self.snapshot)
        self.progress = progress
        self.coverage.setText(progress.summary())
        self.coverage.setAccessibleName(self.tr("Progress: {figures}").format(
            figures=progress.summary()))  # fmt: skip
        coverage = self.snapshot.coverage
        self.coverage.setToolTip(
            self.tr("Answered / required, for each organisation. Pre-fill found {done} of "
                    "{total} answers the profile and library could give.").format(
                done=coverage.prefilled, total=coverage.reusable)
        )  # fmt: skip
        self.missing_button.setText(self.tr("Missing ({count})").format(count=len(progress.gaps)))
        self.model.set_owing(progress.owing)
        self.missing_button.setEnabled(bool(progress.gaps))

    # -- the current question -----------------------------------------------------------------
    def select_question(self, question_id: str, *, focus: bool = True) -> None:
        if self.form is None or self.lookup is None:
            return
        source = self.model.index_of(question_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_combo.setCurrentIndex(0)  # the filter hides it: show everything
            index = self.proxy.mapFromSource(source)
        self.question_id = question_id
        self.panel.show_question(self.form.question(question_id), self.lookup)
        if self.tree.currentIndex() != index:
            self.tree.blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.blockSignals(False)
        self.tree.scrollTo(index)
        if focus:
            self.panel.focus_editor()

    def _on_tree_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        question_id = indexes[0].data(QUESTION_ID_ROLE)
        if question_id and question_id != self.question_id:
            self.select_question(str(question_id), focus=False)

    def _keep_selection_visible(self) -> None:
        if self.question_id is not None:
            index = self.proxy.mapFromSource(self.model.index_of(self.question_id))
            if index.isValid():
                self.tree.scrollTo(index)

    def _on_filter(self, _row: int) -> None:
        self.proxy.set_kind(Filter(self.filter_combo.currentData()))
        self.tree.expandAll()
        self._keep_selection_visible()

    def current_question(self) -> Question | None:
        if self.form is None or self.question_id is None:
            return None
        return self.form.question(self.question_id)

    def _next(self, wanted: set[Status] | Callable[[Question, int | None], bool]) -> bool:
        """Go to the next answer (after the one on screen, wrapping) with a wanted status (or
        for which `wanted(question, member)` is true).

        For a question each member answers, that is the member's tab: F8 stops on each
        organisation that has not answered yet.
        """
        if self.form is None or self.lookup is None:
            return False
        places: list[tuple[str, int | None]] = []
        for question in self.form.questions():
            places += [(question.id, m) for m in members_for(question, self.lookup.participants)]
        if not places:
            return False
        here = (self.question_id, self.panel.current_member())
        start = places.index(here) + 1 if here in places else 0
        for step in range(len(places)):
            question_id, member = places[(start + step) % len(places)]
            question = self.form.question(question_id)
            if (
                wanted(question, member)
                if callable(wanted)
                else self.lookup.member_status(question, member) in wanted
            ):
                self.panel.flush()
                self.select_question(question_id, focus=False)
                self.panel.show_member(member)
                self.panel.focus_editor()
                return True
        return False

    def next_unanswered(self) -> None:
        """F8: the next required answer not given, as the Missing list has them (the rules'
        gaps); optional questions left empty are not stops."""
        self.panel.flush()
        gaps = {(gap.question.id, gap.member_key or None)
                for gap in (self.progress.gaps if self.progress is not None else ())}  # fmt: skip
        if not gaps or not self._next(lambda question, member: (question.id, member) in gaps):
            self.context.report(self.tr("Every required question asked has an answer."))

    def next_over_limit(self) -> None:
        self.panel.flush()
        if not self._next({Status.OVER_LIMIT}):
            self.context.report(self.tr("No answer is over its limit."))

    def ready_and_next(self) -> None:
        question = self.current_question()
        if question is None or self.read_only:
            return
        self.panel.flush()
        if self.panel.ready.isEnabled() and not self.panel.ready.isChecked():
            self.panel.ready.setChecked(True)
            self.set_ready(question.id, self.panel.current_member(), True)
        members = self.panel.members
        current = self.panel.current_member()
        if current in members and members.index(current) + 1 < len(members):
            self.panel.members_bar.setCurrentIndex(members.index(current) + 1)
            self.panel.focus_editor()
            return
        wanted = set(Status) - {Status.NOT_ASKED}
        self._next(wanted)

    # -- saving -------------------------------------------------------------------------------
    def _bid_form_id(self) -> int | None:
        if self.snapshot is None or self.read_only:
            return None
        return int(self.snapshot.bid_form_id)

    def save_answer(self, question_id: str, member: int | None, value: Any) -> None:
        """Save typing (on the worker); the page's copy follows without reading it back."""
        from bidkit.ops.questionnaires import set_answer

        bid_form_id, snapshot = self._bid_form_id(), self.snapshot
        if bid_form_id is None or self.form is None:
            return
        question = self.form.question(question_id)

        def saved(changes: Changes) -> None:
            if self.snapshot is snapshot:
                local_answers.store_value(snapshot.answers, question, member, value)
                self.answers_changed()
                if changes.touches("evidence"):
                    self.load_current()  # a library item's credit went with its text

        self.context.run_op(set_answer, bid_form_id, question_id, member, value,
                            initiator=self, done=saved)  # fmt: skip

    def set_ready(self, question_id: str, member: int | None, ready: bool) -> None:
        from bidkit.ops.questionnaires import set_ready

        bid_form_id, snapshot = self._bid_form_id(), self.snapshot
        if bid_form_id is None or self.form is None:
            return
        question = self.form.question(question_id)

        def saved(_changes: Changes) -> None:
            if self.snapshot is snapshot:
                local_answers.store_ready(snapshot.answers, question, member, ready)
                self.answers_changed()

        self.context.run_op(set_ready, bid_form_id, question_id, member, ready,
                            initiator=self, done=saved)  # fmt: skip

    def update_from_source(self, question_id: str, member: int | None) -> None:
        """Take the source's value again; it comes back through a reload, as one undoable edit."""
        from bidkit.ops.questionnaires import accept_source

        bid_form_id = self._bid_form_id()
        if bid_form_id is not None:
            self.context.run_op(accept_source, bid_form_id, question_id, member)

    def answers_changed(self) -> None:
        """Statuses, counts and the panel from the page's copy of the answers."""
        if self.form is None or self.snapshot is None:
            return
        participants = tuple(Participant(*p) for p in self.snapshot.participants)
        self.lookup = AnswerLookup(self.form, self.snapshot.answers, participants)
        self.model.set_answers(self.lookup)
        if self.panel.question is not None:
            self.panel.show_answers(self.lookup)
        self._show_progress()

    def flush_edits(self) -> None:
        self.panel.flush()

    # -- dialogs ------------------------------------------------------------------------------
    def open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.adjustSize()  # settle the size before the window exists
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def show_missing(self) -> None:
        from bidkit.ui.questionnaire.missing_dialog import MissingDialog

        if self.snapshot is None or self.progress is None:
            return
        dialog = MissingDialog(self.progress.gaps, self)
        dialog.jump_requested.connect(self.go_to_gap)
        dialog.source_requested.connect(self.go_to_source)
        self.open_dialog(dialog)

    def go_to_gap(self, gap: Any) -> None:
        """Show the question a gap is in, on the tab of the organisation that owes it."""
        self.panel.flush()
        self.select_question(gap.question.id, focus=False)
        self.panel.show_member(None if gap.member_key == 0 else gap.member_key)
        self.panel.focus_editor()

    def go_to_source(self, gap: Any) -> None:
        """Where pre-fill looks for the answer: a profile field, or the library."""
        if gap.target == "library":
            self.go_to_gap(gap)
            self.open_library(gap.question.id, gap.org_id, False)
            return
        lead = next((b.lead_org_id for b in self.choices.bids if b.id == self.bid_id), None) \
            if self.choices else None  # fmt: skip
        org_id = gap.org_id or lead
        if org_id is not None:
            self.context.signals.navigate.emit("organisations", (org_id, gap.target))

    def open_library(self, question_id: str, member: int | None, _every: bool = True) -> None:
        """Suggest…, Insert from library… and an evidence answer's Choose… (one picker)."""
        self.library.open(question_id, member)

    def attach(self) -> None:
        from bidkit.ui.questionnaire.attach_dialog import AttachDialog

        bid_id = self.bid_id
        if bid_id is None or self.read_only:
            return
        attached = self.choices.forms_of.get(bid_id, []) if self.choices else []

        def job(_ws: Any) -> Any:
            from bidkit.forms.catalog import shipped_forms

            return shipped_forms()

        def done(forms: list[Form]) -> None:
            dialog = AttachDialog(forms, attached, self)
            dialog.accepted.connect(lambda: self._attach(bid_id, dialog.form_id()))
            self.open_dialog(dialog)

        self.context.runner.run(job, done, self.context.signals.error.emit, quiet=True)

    def _attach(self, bid_id: int, form_id: str | None) -> None:
        from bidkit.ops.questionnaires import attach_form

        if form_id is None:
            return

        def done(_changes: Changes) -> None:
            self._wanted_bid, self._wanted_form = bid_id, form_id
            self._focus_after_load = True
            self.refresh_bids()

        self.context.run_op(attach_form, bid_id, form_id, initiator=self, done=done)

    def new_bid(self) -> None:
        from bidkit.ui.bids.new_bid_dialog import NewBidDialog

        if self.read_only:
            return

        def done(result: tuple[list[Any], list[Form]]) -> None:
            organisations, forms = result
            dialog = NewBidDialog(organisations, self, forms=forms)
            dialog.accepted.connect(lambda: self._create_bid(dialog.values()))
            self.open_dialog(dialog)

        self.context.runner.run(
            snapshot_jobs.new_bid_choices, done, self.context.signals.error.emit, quiet=True
        )

    def _create_bid(self, values: dict[str, Any]) -> None:
        from bidkit.ops.bids import create_bid

        def done(changes: Changes) -> None:
            self._wanted_bid = changes.created
            self._wanted_form = values.get("form_id")
            self._focus_after_load = True
            self.context.signals.navigate.emit(self.key, None)
            self.refresh_bids()

        self.context.run_op(create_bid, initiator=self, done=done, **values)

    # -- the shell ----------------------------------------------------------------------------
    def show_record(self, record_id: object) -> None:
        if isinstance(record_id, tuple) and len(record_id) == 2:  # (bid, questionnaire)
            self.panel.flush()
            self._wanted_bid, self._wanted_form = record_id
            self._focus_after_load = True
            self.refresh_bids()
            return
        if not isinstance(record_id, int):
            return
        if self.choices is not None and any(b.id == record_id for b in self.choices.bids):
            self.panel.flush()
            self._choose_bid(record_id)
        else:
            self._wanted_bid = record_id
