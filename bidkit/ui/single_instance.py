"""Finding the BidKit window that already has a workspace open, and bringing it forward.

The window holding a workspace listens on a local socket named after the workspace folder. A
second BidKit that finds the workspace locked can ask it to come to the front.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(workspace_root: Path) -> str:
    digest = hashlib.sha256(str(workspace_root.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"bidkit-{digest}"


class InstanceServer(QObject):
    """Listens for "come to the front" requests for one workspace."""

    raise_requested = Signal()

    def __init__(self, workspace_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(workspace_root)
        # A server left by a crashed BidKit would block listen(); the lock proves it is stale.
        QLocalServer.removeServer(name)
        self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_MESSAGE.strip()):
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def close(self) -> None:
        self._server.close()


def ask_to_raise(workspace_root: Path) -> bool:
    """Ask the window holding `workspace_root` to come forward; True if it was reached."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(workspace_root))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(RAISE_MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True
