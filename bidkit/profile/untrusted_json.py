"""Reading JSON written by another program, with every limit checked before trusting it.

Profile documents (and later partner packs) come from outside: a file can be huge, nested deep
enough to exhaust the interpreter, full of giant integers, NaN, duplicate keys, or text that
hides characters. These functions refuse such input with an `InputRefused` saying what is
wrong; `what` names the kind of document in the message ("BidKit profile document").
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any, NoReturn

from bidkit.errors import InputRefused

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 30

#: Trojan Source: control characters (but line breaks, carriage returns and tabs), lone
#: surrogates, and the characters that reorder or hide text.
HIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069]"
)
UTF8_BOM = b"\xef\xbb\xbf"
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|"', re.DOTALL)


def quote(text: str, limit: int = 40) -> str:
    """`text` quoted for a one-line message: shortened, with hidden characters spelled out."""
    short = text[:limit] + ("…" if len(text) > limit else "")
    shown = "".join(
        c if c.isprintable() and not HIDDEN_CHARACTERS.match(c) else f"\\u{ord(c):04x}"
        for c in short
    )
    return f'"{shown}"'


def refuse_size(size: int, max_bytes: int, what: str) -> NoReturn:
    raise InputRefused(
        f"That file is {size / 1048576:.1f} MB; a {what} is at most "
        f"{max_bytes / 1048576:.0f} MB. Check you chose the right file."
    )


def not_json(detail: str, what: str) -> NoReturn:
    raise InputRefused(f"This is not a {what}: {detail}. Choose one exported from BidKit (.json).")


def read_untrusted_file(source: Path, *, max_bytes: int, what: str) -> bytes:
    """The file's bytes, refusing anything larger than `max_bytes` before reading it all."""
    try:
        info = source.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"{source} is not a file. Choose a {what} (.json).")
        if info.st_size > max_bytes:
            refuse_size(info.st_size, max_bytes, what)
        with source.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        raise InputRefused(f"BidKit cannot find {source}. Check the file name.") from None
    except IsADirectoryError:
        raise InputRefused(f"{source} is a folder. Choose a {what} (.json).") from None
    except OSError as exc:
        raise InputRefused(f"BidKit cannot read {source}: {exc.strerror}.") from None
    if len(data) > max_bytes:
        refuse_size(len(data), max_bytes, what)
    return data


def _check_depth(text: str, what: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, scanning brackets outside strings, no recursion."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                not_json(f"it is nested more than {MAX_DEPTH} levels deep (line {line})", what)
        elif char in "]}":
            depth -= 1
        elif match.end() - match.start() == 1:
            return  # an unterminated string: json.loads reports where


def load_untrusted_json(raw: bytes, *, max_bytes: int, what: str) -> Any:
    """Decode JSON from another program with every limit checked."""
    if len(raw) > max_bytes:
        refuse_size(len(raw), max_bytes, what)
    raw = raw.removeprefix(UTF8_BOM)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        not_json(f"it is not UTF-8 text (byte {exc.start + 1} cannot be read)", what)
    _check_depth(text, what)

    def no_constants(name: str) -> NoReturn:
        not_json(f"it contains {name}, which is not a number BidKit accepts", what)

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
            not_json(f"it contains a number with more than {MAX_NUMBER_DIGITS} digits", what)
        return int(digits)

    def bounded_float(digits: str) -> float:
        if len(digits) > MAX_NUMBER_DIGITS + 10:
            not_json(f"it contains a number with more than {MAX_NUMBER_DIGITS} digits", what)
        return float(digits)

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    not_json(f"the key {quote(key)} appears twice in one object", what)
                seen.add(key)
        return result

    try:
        return json.loads(
            text,
            parse_constant=no_constants,
            parse_int=bounded_int,
            parse_float=bounded_float,
            object_pairs_hook=unique_keys,
        )
    except json.JSONDecodeError as exc:
        not_json(
            f"line {exc.lineno} column {exc.colno} is not valid JSON ({exc.msg.lower()})", what
        )
    except (RecursionError, ValueError):  # belt and braces: the checks above come first
        not_json("its numbers or nesting are beyond what BidKit reads", what)
