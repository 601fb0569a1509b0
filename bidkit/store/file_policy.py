"""One policy for every file a user hands BidKit to keep: logos, policy documents and evidence
attachments (and the files inside profile documents).

- Only ordinary files are read (never folders, pipes or devices), and their size is checked
  before anything is read, so a named pipe cannot hang BidKit and a 2 GB file is refused at once.
- Files that could run code on the computer of whoever opens them later are refused, by name
  and by their first bytes (a renamed program is caught), and so are macro-enabled documents.
- Logos must be PNG or JPEG images (what both export writers embed) whose header decodes, with
  at most MAX_LOGO_PIXELS pixels, so one image cannot break every later PDF export.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
import zipfile
from pathlib import Path
from typing import Final

from bidkit.errors import InputRefused

MAX_FILE_BYTES: Final = 25 * 1024 * 1024
MAX_LOGO_PIXELS: Final = 16_000_000
MAX_LOGO_SIDE: Final = 10_000

UNSAFE_EXTENSIONS = frozenset(
    """exe dll com bat cmd ps1 psm1 vbs vbe js jse wsf wsh msi msp scr pif jar sh bash zsh
    app lnk hta cpl msc reg inf scf url py pyw rb pl php apk dmg pkg deb rpm iso img vhd vhdx
    docm dotm xlsm xltm xlam pptm potm ppsm ppam sldm""".split()
)
_MAGIC = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xfe\xed\xfa\xcf", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a program (Java or macOS)"),
    (b"#!", "a script"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")


def safe_name(name: str) -> str:
    """The last part of a file name, without control characters (names are shown, not used)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable()).strip()
    return cleaned[:200] or "file"


def read_user_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES, what: str = "file") -> bytes:
    """The bytes of an ordinary file the user chose, refusing anything else before reading."""
    path = Path(path)
    shown = safe_name(str(path))
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused(f"“{shown}” is a folder. Choose a {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(
                f"“{shown}” is not an ordinary file (it is a pipe, a device or a socket). "
                f"Choose a {what} saved on a disk."
            )
        _check_size(shown, info.st_size, max_bytes)
        # O_NONBLOCK: should a pipe have been swapped in since stat(), opening it cannot hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputRefused(f"“{shown}” is not an ordinary file. Choose a {what}.")
            data = handle.read(max_bytes + 1)  # it may have grown since stat()
    except FileNotFoundError:
        raise InputRefused(f"BidKit cannot read “{path}”: there is no such file.") from None
    except OSError as exc:
        raise InputRefused(f"BidKit cannot read “{path}”: {exc.strerror}.") from exc
    _check_size(shown, len(data), max_bytes)
    return data


def read_checked_file(path: Path, *, what: str = "file") -> bytes:
    """An ordinary file the user chose, read and checked against the policy. A file refused
    before reading (too big, not ordinary) is first checked by name, so a program is refused
    as such whatever its size."""
    path = Path(path)
    try:
        data = read_user_file(path, what=what)
    except InputRefused:
        check_file(path.name, b"")
        raise
    check_file(path.name, data)
    return data


def _check_size(shown: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputRefused(
            f"“{shown}” is {size / 1048576:.1f} MB; BidKit keeps files up to "
            f"{max_bytes // 1048576} MB. Save a smaller copy (for example a compressed PDF) "
            "and add that."
        )


def check_file(name: str, data: bytes) -> None:
    """Refuse a file that is too big or could run code; the message names the file."""
    shown = safe_name(name)
    _check_size(shown, len(data), MAX_FILE_BYTES)
    extension = shown.rsplit(".", 1)[-1].casefold() if "." in shown else ""
    if extension in UNSAFE_EXTENSIONS:
        raise InputRefused(
            f"“{shown}” was not added: .{extension} files can run programs or macros when "
            "opened. Attach a PDF or a plain document (for example .docx, .xlsx, .pdf) instead."
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputRefused(
                f"“{shown}” was not added: it is {what}, whatever its name says. Files kept in "
                "BidKit must be documents or images."
            )
    if data.startswith(_OLE) and _VBA_STREAM in data:
        raise InputRefused(
            f"“{shown}” was not added: it contains macros. Save it without macros (for "
            "example as .docx or PDF) and attach that copy."
        )
    if data.startswith(b"PK\x03\x04") and _zip_has_macros(data):
        raise InputRefused(
            f"“{shown}” was not added: it is a macro-enabled Office document. Save it as a "
            "normal document (.docx, .xlsx, .pptx) or PDF and attach that copy."
        )


def _zip_has_macros(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n.casefold() for n in archive.namelist()]
    except (zipfile.BadZipFile, ValueError):
        return False
    return any(n.endswith("vbaproject.bin") or "/activex/" in f"/{n}" for n in names)


def logo_problem(data: bytes) -> str | None:
    """Why `data` cannot be a logo, or None when it is a sound PNG or JPEG of sensible size."""
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "it is not a PNG or JPEG image"
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE:
                    return f"it is {width} × {height} pixels; a logo can be up to {MAX_LOGO_SIDE}"
                if width * height > MAX_LOGO_PIXELS:
                    return (
                        f"it is {width} × {height} pixels; a logo can have up to "
                        f"{MAX_LOGO_PIXELS // 1_000_000} million"
                    )
                image.load()  # decode it all: a damaged image is found now, not at export
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (
            f"it has far too many pixels; a logo can have up to "
            f"{MAX_LOGO_PIXELS // 1_000_000} million"
        )
    except (OSError, ValueError, SyntaxError) as exc:
        return f"the image cannot be read ({type(exc).__name__})"
    return None


def check_logo(name: str, data: bytes) -> None:
    """Refuse a logo the exports could not use, naming the file and the reason."""
    check_file(name, data)
    problem = logo_problem(data)
    if problem is not None:
        raise InputRefused(
            f"“{safe_name(name)}” cannot be the logo: {problem}. Choose a PNG or JPEG image "
            "(a few hundred pixels across is plenty)."
        )
