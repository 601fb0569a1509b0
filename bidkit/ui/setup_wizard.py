"""Setting up your own organisation in three short steps: name, registration, contact.

Nothing is written until Finish: then the organisation is created on the database worker with
every value filled in, and the window shows it on the Organisations page. Values that fail a
format check are kept (and pointed out as the user types), so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from bidkit.model.enums import CHARITY_FORMS, COMPANY_FORMS, MUTUAL_FORMS, LegalForm
from bidkit.profile.validation import CHECKS
from bidkit.ui.context import AppContext

if TYPE_CHECKING:
    from bidkit.ops.changes import Changes


@dataclass
class _Field:
    """One line of the wizard: the profile field it fills and its controls."""

    key: str
    label: QLabel
    edit: QLineEdit | QPlainTextEdit
    message: QLabel
    check: str | None

    def text(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText().strip()
        return self.edit.text().strip()

    def set_visible(self, visible: bool) -> None:
        self.label.setVisible(visible)
        self.edit.setVisible(visible)
        self.message.setVisible(visible and bool(self.message.text()))

    def validate(self) -> None:
        problem = CHECKS[self.check](self.text()) if self.check else None
        self.message.setText(problem or "")
        self.message.setVisible(bool(problem) and self.edit.isVisible())
        self.edit.setProperty("invalid", bool(problem))
        self.edit.setAccessibleDescription(problem or "")
        # Re-apply the stylesheet so rules on [invalid="true"] follow the property.
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)


class _FieldsPage(QWizardPage):
    """A wizard page of labelled fields, each with an inline message for format problems."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.fields: dict[str, _Field] = {}
        outer = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.hide()
        outer.addWidget(self.note)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(self.form)
        outer.addStretch(1)

    def add_field(
        self,
        key: str,
        label_text: str,
        *,
        check: str | None = None,
        example: str = "",
        multiline: bool = False,
    ) -> _Field:
        edit: QLineEdit | QPlainTextEdit
        if multiline:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 14)
        else:
            edit = QLineEdit(self)
            edit.setPlaceholderText(example)
        edit.setObjectName(f"setup_{key}")
        label = QLabel(label_text, self)
        label.setBuddy(edit)
        edit.setAccessibleName(label_text.replace("&", ""))
        message = QLabel(self)
        message.setWordWrap(True)
        message.setProperty("role", "warning")
        message.setAccessibleName(
            self.tr("Problem with {field}").format(field=edit.accessibleName())
        )
        message.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(edit)
        column.addWidget(message)
        self.form.addRow(label, column)
        field = _Field(key, label, edit, message, check)
        edit.textChanged.connect(lambda *_: field.validate())
        self.fields[key] = field
        return field

    def values(self) -> dict[str, str]:
        return {
            key: field.text()
            for key, field in self.fields.items()
            if field.edit.isVisibleTo(self) and field.text()
        }


class NamePage(_FieldsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Your organisation"),
            self.tr("Its name and legal form, exactly as registered."),
            parent,
        )
        self.name = self.add_field("legal_name", self.tr("&Legal name"))
        self.name.edit.setPlaceholderText(self.tr("For example, Riverside Community Care CIC"))
        # The asterisk makes the name mandatory: Next stays disabled until it is filled.
        self.registerField("legal_name*", self.name.edit)
        self.legal_form = QComboBox(self)
        self.legal_form.setObjectName("setup_legal_form")
        self.legal_form.setAccessibleName(self.tr("Legal form"))
        for value, label in LegalForm.choices():
            self.legal_form.addItem(label, value)
        self.legal_form.setPlaceholderText(self.tr("Choose the legal form…"))
        self.legal_form.setCurrentIndex(-1)
        form_label = QLabel(self.tr("Legal &form"), self)
        form_label.setBuddy(self.legal_form)
        self.form.addRow(form_label, self.legal_form)
        hint = QLabel(
            self.tr("Not sure? It is on your certificate of incorporation or registration."),
            self,
        )
        hint.setWordWrap(True)
        hint.setAccessibleName(self.tr("Legal form hint"))
        self.form.addRow("", hint)

    def chosen_form(self) -> LegalForm | None:
        value = self.legal_form.currentData()
        return LegalForm(value) if value else None

    def values(self) -> dict[str, str]:
        values = super().values()
        form = self.chosen_form()
        if form is not None:
            values["legal_form"] = str(form)
        return values


class RegistrationPage(_FieldsPage):
    """Shows only the registers the chosen legal form is on."""

    def __init__(self, name_page: NamePage, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Registration numbers"),
            self.tr("Buyers check these on the public registers. Leave blank any you do not have."),
            parent,
        )
        self.name_page = name_page
        self.add_field(
            "companies_house_number",
            self.tr("&Companies House number"),
            check="company_number",
            example="01234567",
        )
        self.add_field(
            "charity_number_ew",
            self.tr("Charity number (&England and Wales)"),
            check="charity_ew",
            example="1123456",
        )
        self.add_field(
            "charity_number_sc",
            self.tr("Charity number (&Scotland, OSCR)"),
            check="charity_sc",
            example="SC012345",
        )
        self.add_field(
            "charity_number_ni",
            self.tr("Charity number (Northern &Ireland)"),
            check="charity_ni",
            example="NIC100002",
        )
        self.add_field(
            "fca_mutuals_number",
            self.tr("&FCA Mutuals Register number"),
            check="fca_mutual",
            example="RS007123",
        )

    def relevant_keys(self, form: LegalForm | None) -> set[str]:
        charity = {"charity_number_ew", "charity_number_sc", "charity_number_ni"}
        if form is None:
            return {"companies_house_number", *charity}
        keys: set[str] = set()
        if form in COMPANY_FORMS:
            keys.add("companies_house_number")
        if form in CHARITY_FORMS:
            keys |= charity
        if form in MUTUAL_FORMS:
            keys.add("fca_mutuals_number")
        return keys

    def initializePage(self) -> None:
        form = self.name_page.chosen_form()
        keys = self.relevant_keys(form)
        for key, field in self.fields.items():
            field.set_visible(key in keys)
        if form is None:
            self.note.setText(
                self.tr("You have not chosen a legal form, so the most common registers are shown.")
            )
        elif not keys:
            self.note.setText(
                self.tr(
                    "Your legal form ({form}) is not on Companies House, the charity registers "
                    "or the FCA Mutuals Register, so there is nothing to add here. Other "
                    "numbers, such as a VAT number, can be added to the profile later."
                ).format(form=form.label)
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        first = next((f for k, f in self.fields.items() if k in keys), None)
        if first is not None:
            QTimer.singleShot(0, first.edit.setFocus)

    def values(self) -> dict[str, str]:
        keys = self.relevant_keys(self.name_page.chosen_form())
        return {k: v for k, v in super().values().items() if k in keys}


class ContactPage(_FieldsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Address and contact"),
            self.tr("Where buyers write to, and how they reach you."),
            parent,
        )
        self.add_field("registered_address", self.tr("Registered &address"), multiline=True)
        self.add_field(
            "registered_postcode", self.tr("&Postcode"), check="postcode", example="M1 1AE"
        )
        self.add_field(
            "email", self.tr("Main &email"), check="email", example="bids@example.org.uk"
        )
        self.add_field("phone", self.tr("Main p&hone"), check="phone", example="0161 496 0000")


class SetupWizard(QWizard):
    """ "Set up my organisation": creates the user's own organisation when they finish."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("setupWizard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Set up my organisation"))
        self.setAccessibleName(self.tr("Set up my organisation"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(620, 460)
        self.name_page = NamePage(self)
        self.registration_page = RegistrationPage(self.name_page, self)
        self.contact_page = ContactPage(self)
        for page in (self.name_page, self.registration_page, self.contact_page):
            self.addPage(page)
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            button.setAccessibleName(button.text().replace("&", "").strip(" <>"))

    def values(self) -> dict[str, str]:
        """Every filled value, by profile field key (the legal name included)."""
        values: dict[str, str] = {}
        for page in (self.name_page, self.registration_page, self.contact_page):
            values.update(page.values())
        return values

    def accept(self) -> None:
        values = self.values()
        name = values.pop("legal_name", "")
        legal_form = values.pop("legal_form", None)

        context = self.context
        message = self.tr("{name} has been set up.").format(name=name)

        def done(changes: Any) -> None:
            # Let the pages hear of the new organisation before the shell is asked to show it.
            QTimer.singleShot(
                0, lambda: context.signals.navigate.emit("organisations", changes.created)
            )
            context.report(message)

        context.run_op(_set_up, name, legal_form, values, initiator=self, done=done)
        super().accept()


def _set_up(ws: Any, name: str, legal_form: str | None, values: dict[str, str]) -> Changes:
    """Create the own organisation with what the wizard asked, in one go."""
    from bidkit.ops.organisations import create_organisation, set_field

    changes = create_organisation(ws, name=name, own=True, legal_form=legal_form)
    org_id = changes.created
    assert org_id is not None
    for key, value in values.items():
        changes = changes.merge(set_field(ws, org_id, key, value))
    return changes
