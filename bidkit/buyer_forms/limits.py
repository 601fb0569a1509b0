"""Word and character limits as buyers write them: "(Maximum 500 words)", "[max. 400 words]",
"Word limit: 300", "no more than 2,000 characters", "500 words max"."""

from __future__ import annotations

import re

from bidkit.forms.schema import Limit

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
_UNIT = r"(words?|characters?|chars)"
_BEFORE = (
    r"(?:max(?:imum)?\.?|up\s+to|no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|"
    r"limit(?:ed)?\s+(?:of|to)|at\s+most)"
)
_PATTERNS = (
    # "Maximum 500 words", "no more than 2,000 characters", "max. 400 words"
    re.compile(rf"{_BEFORE}\s*(?:of\s+)?{_NUMBER}\s*{_UNIT}", re.IGNORECASE),
    # "Word limit: 300", "Character limit 1,500"
    re.compile(rf"(word|character)\s+(?:limit|count)\s*[:\-–]?\s*{_NUMBER}", re.IGNORECASE),
    # "500 words max", "(500 words maximum)", "500-word limit"
    re.compile(rf"{_NUMBER}[\s\-]*{_UNIT}\s*(?:max(?:imum)?|limit)\b", re.IGNORECASE),
)


def find_limit(text: str) -> Limit | None:
    """The first limit stated in `text`, or None."""
    for index, pattern in enumerate(_PATTERNS):
        found = pattern.search(text)
        if found is None:
            continue
        if index == 1:
            unit, number = found.group(1), found.group(2)
        else:
            number, unit = found.group(1), found.group(2)
        amount = int(number.replace(",", ""))
        if amount <= 0:
            continue
        if unit.casefold().startswith("word"):
            return Limit(words=amount)
        return Limit(characters=amount)
    return None
