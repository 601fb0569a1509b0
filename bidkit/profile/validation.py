"""Checks for UK organisation-profile fields.

Pure Python on purpose: the profile editor calls these while the user types, profile import calls
them on every row and the completeness checks call them in bulk, so nothing here may touch Qt or
the database.

Conventions shared by every check:

- a validator takes the raw text and returns `None` when it is fine, or a message that says what
  is wrong and what a correct value looks like;
- leading and trailing whitespace is ignored, and an empty value is always valid (a missing value
  is a completeness question, not a validation one);
- a normaliser returns the canonical form of a valid value, and the stripped input when the value
  is not valid, so that saving never loses what the user typed.

Amounts, dates and counts are read by `bidkit.profile.values` (re-exported here, so callers
have one place to import checks from).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final
from urllib.parse import urlsplit

from bidkit.profile.values import (
    MAXIMUM_AMOUNT,
    MAXIMUM_COUNT,
    format_date,
    format_money,
    parse_count,
    parse_date,
    parse_money,
    validate_amount,
    validate_date_order,
    validate_not_future,
)

__all__ = [
    "CHECKS",
    "COMPANY_NUMBER_PREFIXES",
    "MAXIMUM_AMOUNT",
    "MAXIMUM_COUNT",
    "NORMALISERS",
    "format_date",
    "format_money",
    "normalise_charity_ew",
    "normalise_charity_ni",
    "normalise_charity_sc",
    "normalise_colour",
    "normalise_company_number",
    "normalise_duns",
    "normalise_email",
    "normalise_fca_mutual",
    "normalise_postcode",
    "normalise_ppon",
    "normalise_url",
    "normalise_vat",
    "parse_count",
    "parse_date",
    "parse_money",
    "validate_amount",
    "validate_charity_ew",
    "validate_charity_ni",
    "validate_charity_sc",
    "validate_colour",
    "validate_company_number",
    "validate_date_order",
    "validate_duns",
    "validate_email",
    "validate_fca_mutual",
    "validate_not_future",
    "validate_phone",
    "validate_postcode",
    "validate_ppon",
    "validate_url",
    "validate_vat",
]

Validator = Callable[[str], str | None]
Normaliser = Callable[[str], str]


def _compact(text: str) -> str:
    """Upper-case with all whitespace removed, so "sc 123 456" and "SC123456" compare equal."""
    return "".join(text.split()).upper()


# --------------------------------------------------------------------------------------------
# Companies House

#: Prefixes Companies House puts before 6 digits, by register and type of body. Numbers with no
#: prefix (England and Wales companies) are 8 digits.
COMPANY_NUMBER_PREFIXES: Final[frozenset[str]] = frozenset(
    {
        # England and Wales
        "AC",  # assurance company
        "CE",  # charitable incorporated organisation
        "FC",  # overseas company
        "GE",  # European Economic Interest Grouping
        "IC",  # investment company with variable capital
        "IP",  # industrial and provident society
        "LP",  # limited partnership
        "OC",  # limited liability partnership
        "OE",  # overseas entity
        "RC",  # royal charter body
        "RS",  # registered society
        "SE",  # European company (Societas Europaea)
        "ZC",  # unregistered company
        "PC",  # protected cell company
        # Scotland
        "CS",  # Scottish charitable incorporated organisation
        "ES",  # European company
        "GS",  # European Economic Interest Grouping
        "SA",  # assurance company
        "SC",  # company
        "SF",  # overseas company (before October 2009)
        "SG",  # qualifying partnership
        "SI",  # investment company with variable capital
        "SL",  # limited partnership
        "SO",  # limited liability partnership
        "SP",  # industrial and provident society
        "SR",  # royal charter body
        "SZ",  # unregistered company
        # Northern Ireland
        "EN",  # European company
        "GN",  # European Economic Interest Grouping
        "NA",  # assurance company
        "NC",  # limited liability partnership
        "NF",  # overseas company (before October 2009)
        "NI",  # company
        "NL",  # limited partnership
        "NO",  # other body
        "NP",  # industrial and provident society
        "NR",  # royal charter body
        "NV",  # investment company with variable capital
        "NZ",  # unregistered company
        "R0",  # company registered before partition
    }
)

#: Society prefixes under which older records carry 5 digits and an "R" (IP12345R).
_SOCIETY_PREFIXES: Final = frozenset({"IP", "SP", "NP", "RS"})

_COMPANY_HELP: Final = (
    "A Companies House number is 8 characters: 8 digits (01234567) "
    "or 2 letters and 6 digits (SC123456)."
)
_COMPANY_PREFIXED = re.compile(r"([A-Z][A-Z0-9])([0-9]{1,6}R?)", re.ASCII)


def validate_company_number(text: str) -> str | None:
    """Check the shape of a Companies House registered number (not whether it exists)."""
    value = _compact(text)
    if not value:
        return None
    if re.fullmatch(r"[0-9]+", value):
        if len(value) == 8:
            return None
        if len(value) < 8:
            return (
                "A Companies House number is 8 digits; shorter numbers start with zeros, "
                f"so try {value.zfill(8)}."
            )
        return f"That has {len(value)} digits. {_COMPANY_HELP}"
    match = _COMPANY_PREFIXED.fullmatch(value)
    if match is None:
        return _COMPANY_HELP
    prefix, rest = match.groups()
    if prefix not in COMPANY_NUMBER_PREFIXES:
        return (
            f"{prefix} is not a Companies House prefix. Numbers start with 2 digits or with "
            "a prefix such as SC, NI or OC (SC123456)."
        )
    if len(rest) == 6 and rest.isdigit():
        return None
    if prefix in _SOCIETY_PREFIXES and len(rest) == 6 and rest.endswith("R"):
        return None
    if rest.isdigit():
        return (
            f"After {prefix} come 6 digits; shorter numbers start with zeros, "
            f"so try {prefix}{rest.zfill(6)}."
        )
    return _COMPANY_HELP


def normalise_company_number(text: str) -> str:
    """Upper-case without spaces, the form Companies House prints and searches on."""
    return _compact(text) if validate_company_number(text) is None else text.strip()


# --------------------------------------------------------------------------------------------
# Charity registers

_HMRC_CHARITY_REFERENCE = re.compile(r"X[A-Z][0-9]+", re.ASCII)
_HMRC_REFERENCE_HELP: Final = (
    "References starting XN or XR are HMRC charity tax references, not charity register numbers."
)
_EW_HELP: Final = (
    "A Charity Commission number (England and Wales) is 6 or 7 digits, such as 1123456, "
    "sometimes followed by a hyphen and a subsidiary number (1123456-1)."
)
_SC_HELP: Final = "A Scottish charity number (OSCR) is SC followed by 6 digits, such as SC012345."
_NI_HELP: Final = (
    "A Northern Ireland charity number is NIC followed by 6 digits, such as NIC100002."
)
_EW_RE = re.compile(r"[0-9]{6,7}(?:-[0-9]{1,3})?", re.ASCII)
_SC_RE = re.compile(r"SC[0-9]{6}", re.ASCII)
_NI_RE = re.compile(r"NIC[0-9]{6}", re.ASCII)


def _wrong_register(value: str, *, expected: str) -> str | None:
    """Say which register a number belongs to when it is typed into another register's field."""
    if _HMRC_CHARITY_REFERENCE.fullmatch(value):
        return _HMRC_REFERENCE_HELP
    if expected != "sc" and _SC_RE.fullmatch(value):
        return "That looks like a Scottish charity number; enter it as the OSCR number instead."
    if expected != "ni" and _NI_RE.fullmatch(value):
        return "That looks like a Northern Ireland charity number; enter it as the NI number."
    if expected != "ew" and _EW_RE.fullmatch(value):
        return (
            "That looks like a Charity Commission number for England and Wales; "
            "enter it as that number instead."
        )
    return None


def validate_charity_ew(text: str) -> str | None:
    """Check a Charity Commission for England and Wales registered charity number."""
    value = _compact(text)
    if not value or _EW_RE.fullmatch(value):
        return None
    wrong = _wrong_register(value, expected="ew")
    return f"{wrong} {_EW_HELP}" if wrong else _EW_HELP


def validate_charity_sc(text: str) -> str | None:
    """Check an OSCR (Scottish Charity Regulator) charity number."""
    value = _compact(text)
    if not value or _SC_RE.fullmatch(value):
        return None
    if re.fullmatch(r"SC[0-9]{1,5}", value, re.ASCII):
        return (
            f"After SC come 6 digits; shorter numbers start with zeros, so try SC{value[2:]:0>6}."
        )
    if re.fullmatch(r"[0-9]{6}", value, re.ASCII):
        return f"Scottish charity numbers start with SC, so try SC{value}."
    wrong = _wrong_register(value, expected="sc")
    return f"{wrong} {_SC_HELP}" if wrong else _SC_HELP


def validate_charity_ni(text: str) -> str | None:
    """Check a Charity Commission for Northern Ireland registered charity number."""
    value = _compact(text)
    if not value or _NI_RE.fullmatch(value):
        return None
    if re.fullmatch(r"[0-9]{6}", value, re.ASCII):
        return f"Northern Ireland charity numbers start with NIC, so try NIC{value}."
    wrong = _wrong_register(value, expected="ni")
    return f"{wrong} {_NI_HELP}" if wrong else _NI_HELP


def normalise_charity_ew(text: str) -> str:
    """Digits (and subsidiary number) without spaces, as the register prints them."""
    return _compact(text) if validate_charity_ew(text) is None else text.strip()


def normalise_charity_sc(text: str) -> str:
    """Upper-case without spaces (SC012345), as OSCR prints them."""
    return _compact(text) if validate_charity_sc(text) is None else text.strip()


def normalise_charity_ni(text: str) -> str:
    """Upper-case without spaces (NIC100002), as the NI register prints them."""
    return _compact(text) if validate_charity_ni(text) is None else text.strip()


# --------------------------------------------------------------------------------------------
# FCA Mutuals Public Register (co-operative and community benefit societies)

#: Current numbers (RS007123); older numbers are digits with an optional register suffix
#: (31234R in England and Wales, 2481RS in Scotland), sometimes written with an IP prefix.
_FCA_RE = re.compile(r"RS[0-9]{6}|(?:IP)?[0-9]{1,6}(?:R|RS)?", re.ASCII)
_FCA_HELP: Final = (
    "A Mutuals Public Register number is RS and 6 digits (RS007123), or for older societies "
    "digits usually followed by R (31234R or IP31234R)."
)


def validate_fca_mutual(text: str) -> str | None:
    """Check a society number on the FCA Mutuals Public Register."""
    value = _compact(text)
    if not value or _FCA_RE.fullmatch(value):
        return None
    return _FCA_HELP


def normalise_fca_mutual(text: str) -> str:
    """Upper-case without spaces, as the Mutuals Public Register prints them."""
    return _compact(text) if validate_fca_mutual(text) is None else text.strip()


# --------------------------------------------------------------------------------------------
# VAT

_VAT_HELP: Final = (
    "A UK VAT number is 9 digits, optionally after GB, such as GB 980 7806 84 "
    "(branch traders have 12 digits)."
)
_VAT_RE = re.compile(
    r"(?P<country>GB|XI)?(?:(?P<digits>[0-9]{9}|[0-9]{12})|(?P<kind>GD|HA)(?P<code>[0-9]{3}))",
    re.ASCII,
)
_VAT_WEIGHTS: Final = (8, 7, 6, 5, 4, 3, 2)
_VAT_LETTERS: Final = frozenset({"GB", "XI", "GD", "HA"})


def _vat_check_digits_pass(digits: str) -> bool:
    """HMRC's two schemes: weighted sum plus the last 2 digits (or that plus 55) divisible by 97."""
    total = sum(int(d) * w for d, w in zip(digits[:7], _VAT_WEIGHTS, strict=True))
    check = int(digits[7:9])
    return (total + check) % 97 == 0 or (total + 55 + check) % 97 == 0


def _vat_value(text: str) -> str:
    return _compact(text).replace("-", "").replace(".", "")


def validate_vat(text: str) -> str | None:
    """Check a UK (GB) or Northern Ireland (XI) VAT registration number, check digits included."""
    value = _vat_value(text)
    if not value:
        return None
    match = _VAT_RE.fullmatch(value)
    if match is None:
        if only_digits := re.fullmatch(r"(?:GB|XI)?([0-9]+)", value, re.ASCII):
            return f"That has {len(only_digits.group(1))} digits. {_VAT_HELP}"
        if re.fullmatch(r"[A-Z]{2}[0-9A-Z]+", value, re.ASCII) and value[:2] not in _VAT_LETTERS:
            return (
                "BidKit checks UK VAT numbers only: GB (or XI in Northern Ireland) "
                "followed by 9 digits, such as GB980780684."
            )
        return _VAT_HELP
    digits, kind, code = match.group("digits", "kind", "code")
    if digits is not None:
        if _vat_check_digits_pass(digits):
            return None
        return "That VAT number fails the check digit test; check for a typing error."
    if kind == "GD" and int(code) >= 500:
        return "A government department VAT number is GD and 3 digits from 000 to 499 (GD001)."
    if kind == "HA" and int(code) < 500:
        return "A health authority VAT number is HA and 3 digits from 500 to 999 (HA500)."
    return None


def normalise_vat(text: str) -> str:
    """Country prefix (GB unless XI was given) and digits with no spaces: GB980780684."""
    if validate_vat(text) is not None:
        return text.strip()
    value = _vat_value(text)
    if value.startswith(("GB", "XI")):
        return value
    return "GB" + value


# --------------------------------------------------------------------------------------------
# PPON and D-U-N-S

_PPON_PREFIX: Final = "GB-PPON-"
_PPON_RE = re.compile(r"([A-Z0-9]{4})-?([A-Z0-9]{4})-?([A-Z0-9]{4})", re.ASCII)
_PPON_HELP: Final = (
    "A PPON (from Find a Tender) is 12 letters and digits in 3 groups of 4, such as PMZV-7732-XNRB."
)


def _ppon_match(text: str) -> re.Match[str] | None:
    value = _compact(text)
    value = value.removeprefix(_PPON_PREFIX)
    return _PPON_RE.fullmatch(value)


def validate_ppon(text: str) -> str | None:
    """Check a Public Procurement Organisation Number from the Central Digital Platform."""
    if not text.strip() or _ppon_match(text) is not None:
        return None
    return _PPON_HELP


def normalise_ppon(text: str) -> str:
    """Upper-case, hyphenated, without the GB-PPON- scheme prefix: PMZV-7732-XNRB."""
    match = _ppon_match(text)
    return "-".join(match.groups()) if match is not None else text.strip()


_DUNS_HELP: Final = (
    "A D-U-N-S number is 9 digits, such as 123456789 (hyphens are fine: 12-345-6789)."
)


def _duns_digits(text: str) -> str:
    return _compact(text).replace("-", "")


def validate_duns(text: str) -> str | None:
    """Check a Dun & Bradstreet D-U-N-S number."""
    value = _duns_digits(text)
    if not value or re.fullmatch(r"[0-9]{9}", value, re.ASCII):
        return None
    return _DUNS_HELP


def normalise_duns(text: str) -> str:
    """The 9 digits alone, whatever separators were typed."""
    return _duns_digits(text) if validate_duns(text) is None else text.strip()


# --------------------------------------------------------------------------------------------
# Postcodes

# Outward code: area (1 or 2 letters) then district. Letters are restricted by position: the first
# is never Q, V or X; a second letter is never I, J or Z; a letter after a 1-letter area's digit
# comes from ABCDEFGHJKPSTUW, after a 2-letter area's digit from ABEHMNPRVWXY. The inward code is
# a digit and 2 letters, never C, I, K, M, O or V.
_AREA_1: Final = "[A-PR-UWYZ]"
_AREA_2: Final = "[A-HK-Y]"
_OUTWARD: Final = (
    f"(?:{_AREA_1}[0-9][0-9]?"
    f"|{_AREA_1}{_AREA_2}[0-9][0-9]?"
    f"|{_AREA_1}[0-9][A-HJKPSTUW]"
    f"|{_AREA_1}{_AREA_2}[0-9][ABEHMNPRVWXY])"
)
_INWARD: Final = "[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE_RE = re.compile(f"(?:{_OUTWARD}{_INWARD}|GIR0AA)", re.ASCII)
_POSTCODE_HELP: Final = (
    "A UK postcode looks like SW1A 1AA or M1 1AE: 2 to 4 letters and digits, "
    "then a digit and 2 letters."
)


def validate_postcode(text: str) -> str | None:
    """Check a UK postcode's format (not whether Royal Mail delivers to it)."""
    value = _compact(text)
    if not value or _POSTCODE_RE.fullmatch(value):
        return None
    if value.startswith("BFPO"):
        return "A BFPO number is not a postcode; put it in the address lines instead."
    return _POSTCODE_HELP


def normalise_postcode(text: str) -> str:
    """Upper-case with one space before the last 3 characters: SW1A 1AA."""
    if validate_postcode(text) is not None:
        return text.strip()
    value = _compact(text)
    return f"{value[:-3]} {value[-3:]}"


# --------------------------------------------------------------------------------------------
# Email, website, phone, colour

_EMAIL_MAX: Final = 254
_EMAIL_EXAMPLE: Final = "such as info@example.org.uk"
_DOMAIN_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


def _valid_domain(domain: str) -> bool:
    """Dotted labels of letters, digits and inner hyphens, ending in an alphabetic top level."""
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        return False
    return labels[-1].isalpha() and len(labels[-1]) >= 2


def validate_email(text: str) -> str | None:
    """A pragmatic check that catches typing slips; only sending a message proves an address."""
    value = text.strip()
    if not value:
        return None
    if any(ch.isspace() for ch in value):
        return f"An email address cannot contain spaces; enter one address, {_EMAIL_EXAMPLE}."
    if value.count("@") != 1:
        return f"An email address has exactly one @, {_EMAIL_EXAMPLE}."
    if len(value) > _EMAIL_MAX:
        return f"That email address is longer than {_EMAIL_MAX} characters; check it."
    local, domain = value.split("@")
    if not local:
        return f"Something must come before the @, {_EMAIL_EXAMPLE}."
    if len(local) > 64 or local.startswith(".") or local.endswith(".") or ".." in local:
        return f"The part before the @ does not look right; an address looks {_EMAIL_EXAMPLE}."
    if not _valid_domain(domain):
        return "The part after the @ must be a domain with a dot in it, as in info@example.org.uk."
    return None


def normalise_email(text: str) -> str:
    """Lower-case the domain (it is case-insensitive); the part before the @ is kept as typed."""
    value = text.strip()
    if validate_email(value) is not None:
        return value
    local, domain = value.split("@")
    return f"{local}@{domain.lower()}"


_URL_HELP: Final = "Enter a web address such as example.org.uk or https://www.example.org.uk."
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", re.DOTALL)


def _url_with_scheme(value: str) -> str | None:
    """The address with https:// added if it had no scheme, or None for a non-web scheme."""
    match = _SCHEME_RE.fullmatch(value)
    if match is not None:
        scheme, rest = match.groups()
        if scheme.lower() in ("http", "https"):
            return value
        if not re.match(r"[0-9]+(?:[/?#]|$)", rest, re.ASCII):
            return None
    return "https://" + value


def validate_url(text: str) -> str | None:
    """Accept http(s) addresses and bare domains; refuse other schemes such as javascript:."""
    value = text.strip()
    if not value:
        return None
    if any(ch.isspace() for ch in value):
        return f"A web address cannot contain spaces. {_URL_HELP}"
    full = _url_with_scheme(value)
    if full is None:
        return f"Only web addresses (http:// or https://) are accepted. {_URL_HELP}"
    try:
        parts = urlsplit(full)
        _ = parts.port
    except ValueError:
        return _URL_HELP
    if "@" in parts.netloc:
        return f"A web address should not contain a user name or password. {_URL_HELP}"
    host = parts.hostname
    if host is None or not _valid_domain(host):
        return _URL_HELP
    return None


def normalise_url(text: str) -> str:
    """Add https:// to a bare domain so that the address opens as a link."""
    value = text.strip()
    if validate_url(value) is not None:
        return value
    full = _url_with_scheme(value)
    return full if full is not None else value


_PHONE_HELP: Final = (
    "A UK phone number has 10 or 11 digits starting with 0, such as 020 7946 0000 "
    "or 01632 960000 (+44 can replace the first 0)."
)
_PHONE_CHARS = re.compile(r"\+?[0-9 ()\-]+", re.ASCII)


def validate_phone(text: str) -> str | None:
    """Check a UK phone number written with digits, spaces, brackets, hyphens or +44."""
    value = " ".join(text.split())
    if not value:
        return None
    if not _PHONE_CHARS.fullmatch(value):
        return f"Use only digits, spaces, brackets and +44. {_PHONE_HELP}"
    digits = re.sub(r"[^0-9]", "", value)
    if value.startswith("+") or digits.startswith("00"):
        digits = digits if value.startswith("+") else digits[2:]
        if not digits.startswith("44"):
            return f"BidKit accepts UK numbers only. {_PHONE_HELP}"
        # "+44 (0)20 ..." keeps the 0 that the international form drops; drop it once.
        digits = "0" + digits[2:].removeprefix("0")
    if not digits.startswith("0") or len(digits) not in (10, 11):
        return _PHONE_HELP
    return None


_COLOUR_RE = re.compile(r"#?([0-9A-F]{3}|[0-9A-F]{6})", re.ASCII)
_COLOUR_HELP: Final = (
    "A colour is # and 6 hexadecimal digits (0-9, A-F), such as #1D70B8 (or the short form #17B)."
)


def validate_colour(text: str) -> str | None:
    """Check a web colour code, as used for a brand colour."""
    value = _compact(text)
    if not value or _COLOUR_RE.fullmatch(value):
        return None
    return _COLOUR_HELP


def normalise_colour(text: str) -> str:
    """Always "#RRGGBB" in upper case; the 3-digit form is expanded (#17B -> #1177BB)."""
    match = _COLOUR_RE.fullmatch(_compact(text))
    if match is None:
        return text.strip()
    hex_digits = match.group(1)
    if len(hex_digits) == 3:
        hex_digits = "".join(ch * 2 for ch in hex_digits)
    return "#" + hex_digits


# --------------------------------------------------------------------------------------------
# Registries

#: Field checks by name, for code that knows a field only by the name of its check.
CHECKS: Final[dict[str, Validator]] = {
    "company_number": validate_company_number,
    "charity_ew": validate_charity_ew,
    "charity_sc": validate_charity_sc,
    "charity_ni": validate_charity_ni,
    "fca_mutual": validate_fca_mutual,
    "vat": validate_vat,
    "ppon": validate_ppon,
    "duns": validate_duns,
    "postcode": validate_postcode,
    "email": validate_email,
    "url": validate_url,
    "phone": validate_phone,
    "colour": validate_colour,
}

#: Normalisers for the checks that have a canonical form. Phone numbers have none: the user's
#: grouping of digits is kept as typed.
NORMALISERS: Final[dict[str, Normaliser]] = {
    "company_number": normalise_company_number,
    "charity_ew": normalise_charity_ew,
    "charity_sc": normalise_charity_sc,
    "charity_ni": normalise_charity_ni,
    "fca_mutual": normalise_fca_mutual,
    "vat": normalise_vat,
    "ppon": normalise_ppon,
    "duns": normalise_duns,
    "postcode": normalise_postcode,
    "email": normalise_email,
    "url": normalise_url,
    "colour": normalise_colour,
}
