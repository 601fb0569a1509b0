"""File names for exports: `<buyer> - <bid> - <form> - <YYYY-MM-DD>.docx`, safe everywhere.

Windows is the strictest: no `<>:"/\\|?*` or control characters, no trailing dot or space, no
reserved device names (CON, NUL, COM1...), and paths kept short of the 260-character limit.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)
#: Room for a folder path on Windows (MAX_PATH is 260).
MAX_STEM = 120
EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "package": ".zip"}


def safe_part(text: str) -> str:
    """One part of a file name: forbidden characters become spaces; runs of space collapse."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", _FORBIDDEN.sub(" ", text)).strip(" .")
    return text


def safe_file_name(stem: str, extension: str) -> str:
    stem = safe_part(stem)[:MAX_STEM].rstrip(" .") or "Bid"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem + extension


def export_file_name(buyer: str, bid: str, form: str, on: date, fmt: str) -> str:
    """The suggested name, e.g. 'Trafford Council - Carers Support - Selection Questionnaire
    - 2026-03-31.pdf'. Empty parts are left out."""
    parts = [safe_part(p) for p in (buyer, bid, form)]
    stem = " - ".join(p for p in parts if p)
    budget = MAX_STEM - len(" - YYYY-MM-DD")
    stem = stem[:budget].rstrip(" .-")
    stem = f"{stem} - {on.isoformat()}" if stem else on.isoformat()
    return safe_file_name(stem, EXTENSIONS[fmt])
