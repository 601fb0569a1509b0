"""The first thing a new user sees: what BidKit is for, and two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.context import AppContext, Page, WorkspaceInfo

#: Readable line length for the welcome text, in pixels.
CONTENT_WIDTH = 560


class ActionButton(QPushButton):
    """A large button with a title and, beneath it, one line on what it does."""

    def __init__(self, text: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(text)
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title_label = QLabel(text, self)
        self.title_label.setObjectName("actionTitle")
        self.description_label = QLabel(description, self)
        self.description_label.setObjectName("actionDescription")
        self.description_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(2)
        for label in (self.title_label, self.description_label):
            # Clicks on the text belong to the button.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = super().sizeHint()
        if layout is None:
            return hint
        return hint.expandedTo(layout.sizeHint())

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = super().minimumSizeHint()
        if layout is None:
            return hint
        return hint.expandedTo(layout.minimumSize())


class WelcomePage(Page):
    """Shown on an empty workspace: set up your own organisation, or look around the demo."""

    key = "welcome"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Welcome")
        self.setObjectName("welcomePage")
        self.wizard: QWidget | None = None
        self._read_only = False

        heading = QLabel(self.tr("Welcome to BidKit"), self)
        heading.setObjectName("welcomeHeading")
        heading.setAccessibleName(self.tr("Welcome to BidKit"))

        intro = QLabel(
            self.tr(
                "BidKit helps charities, co-operatives and social enterprises prepare bids for "
                "public-service contracts. It is for keeping your organisation's profile in one "
                "place, so the facts buyers ask for every time (legal form, registration "
                "numbers, finances, insurance, policies and key people) are typed once and "
                "ready for each questionnaire. Everything stays on this computer and works "
                "offline."
            ),
            self,
        )
        intro.setObjectName("welcomeIntro")
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("What BidKit is for"))

        self.setup_button = self._action_button(
            self.tr("Set up my organisation"),
            self.tr("Enter your organisation's name, registration numbers and contact details."),
            "primaryAction",
        )
        self.setup_button.clicked.connect(self.start_setup)
        self.demo_button = self._action_button(
            self.tr("Explore the demo"),
            self.tr("Look around a fictional community interest company with a full profile."),
            "secondaryAction",
        )
        self.demo_button.clicked.connect(context.signals.open_demo.emit)

        self.read_only_note = QLabel(
            self.tr("This workspace is open read-only, so an organisation cannot be added here."),
            self,
        )
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setProperty("role", "warning")
        self.read_only_note.setAccessibleName(self.tr("Read-only notice"))
        self.read_only_note.hide()

        content = QFrame(self)
        content.setObjectName("welcomeContent")
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addWidget(self.setup_button)
        column.addWidget(self.demo_button)
        column.addWidget(self.read_only_note)

        # Stretches rather than alignment flags: an aligned widget loses height-for-width,
        # and the wrapped paragraph would be cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(content, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.setFocusProxy(self.setup_button)

    def _action_button(self, text: str, description: str, name: str) -> ActionButton:
        button = ActionButton(text, description, self)
        button.setObjectName(name)
        return button

    # -- page hooks -------------------------------------------------------------------------
    def on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self._read_only = info.read_only
        self.setup_button.setEnabled(not info.read_only)
        self.read_only_note.setVisible(info.read_only)
        self.setFocusProxy(self.demo_button if info.read_only else self.setup_button)
        if not info.organisation_count:
            # The shell shows this page once every page has heard of the workspace.
            QTimer.singleShot(0, self.context.signals.data_shown.emit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        target = self.demo_button if self._read_only else self.setup_button
        target.setDefault(True)
        QTimer.singleShot(0, target.setFocus)

    # -- actions ----------------------------------------------------------------------------
    def start_setup(self) -> None:
        """Open the set-up wizard; it creates the organisation when the user finishes."""
        from bidkit.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.context, self.window())
        wizard.finished.connect(self._on_wizard_finished)
        self.wizard = wizard
        wizard.open()

    def _on_wizard_finished(self, _result: int) -> None:
        self.wizard = None
