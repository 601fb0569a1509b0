"""One place for every path BidKit uses.

The workspace is a folder. By default it is the platform's user-data folder; `--data-dir` or the
`BIDKIT_HOME` environment variable choose another. Its layout (documented in docs/workspace.md):

    bidkit.sqlite3           the database (SQLite, WAL mode: -wal and -shm files beside it)
    files/ab/abcdef...       stored files (logos, policy documents), named by SHA-256
    backups/                 automatic copies taken before upgrades and risky operations
    logs/bidkit.log          rotating log (never secrets, never profile contents at INFO)
    settings.toml            typed, versioned settings
    bidkit.lock              held while a BidKit writes to the workspace
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "BIDKIT_HOME"
DATABASE_NAME = "bidkit.sqlite3"


def default_workspace_dir() -> Path:
    """The platform user-data folder (e.g. ~/.local/share/BidKit on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("BidKit", appauthor=False, roaming=False))


def resolve_workspace_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then `BIDKIT_HOME`, then the platform default."""
    if data_dir:
        return Path(data_dir).expanduser().resolve()
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    return default_workspace_dir()


@dataclass(frozen=True)
class WorkspacePaths:
    """The files and folders inside one workspace folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "bidkit.log"

    @property
    def settings(self) -> Path:
        return self.root / "settings.toml"

    @property
    def lock(self) -> Path:
        return self.root / "bidkit.lock"

    def create(self) -> None:
        """Create the folder and its sub-folders (safe to call again)."""
        for folder in (self.root, self.files, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
