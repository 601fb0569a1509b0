"""A bid's e-tendering portal login (site, user name, password), kept in the system keyring.

The login is read from the keyring only when this dialog opens (on the database worker, where
a slow keyring cannot freeze the window), the password stays hidden until asked for, and
nothing of it is kept anywhere else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bidkit.ui.context import AppContext


class PortalLoginDialog(QDialog):
    def __init__(self, context: AppContext, bid_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.bid_id = context, bid_id
        self.setObjectName("portalLoginDialog")
        self.setWindowTitle(self.tr("Portal login"))
        self.setAccessibleName(self.tr("Portal login"))
        self.resize(460, 0)
        note = QLabel(
            self.tr(
                "The login for this bid's e-tendering portal is kept in your system's secure "
                "keyring only: never in the workspace, its backups or exports."
            ),
            self,
        )
        note.setWordWrap(True)
        self.site = QLineEdit(self)
        self.site.setAccessibleName(self.tr("Portal address"))
        self.user = QLineEdit(self)
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit(self)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(self.tr("Sho&w password"), self)
        self.show_password.toggled.connect(
            lambda on: self.password.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("&Portal"), self.site)
        form.addRow(self.tr("&User name"), self.user)
        form.addRow(self.tr("Pass&word"), self.password)
        form.addRow("", self.show_password)
        self.state = QLabel(self.tr("Reading the keyring…"), self)
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.forget = QPushButton(self.tr("&Forget login"), self)
        self.forget.setAccessibleName(self.tr("Remove the login from the keyring"))
        buttons.addButton(self.forget, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.forget.clicked.connect(self._forget)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        from bidkit.ops.portal_logins import portal_login

        bid_id = self.bid_id
        self.context.runner.run(lambda ws: portal_login(ws, bid_id), self._loaded, self._failed)

    def _loaded(self, login: Any) -> None:
        if login is None:
            self.state.setText(self.tr("No login kept for this bid yet."))
            return
        self.site.setText(login.site)
        self.user.setText(login.user)
        self.password.setText(login.password)
        self.state.setText(self.tr("Kept in the system keyring."))

    def _failed(self, error: BaseException) -> None:
        message = getattr(error, "message", None) or str(error)
        self.state.setText(message)

    def _save(self) -> None:
        from bidkit.ops.portal_logins import save_portal_login

        site, user, password = self.site.text(), self.user.text(), self.password.text()
        self.context.run_op(
            save_portal_login, self.bid_id, site, user, password,
            done=lambda _changes: self.accept(), failed=self._failed,
        )  # fmt: skip

    def _forget(self) -> None:
        from bidkit.ops.portal_logins import forget_portal_login

        self.context.run_op(
            forget_portal_login, self.bid_id, done=lambda _c: self.accept(), failed=self._failed
        )
