"""What the user typed in the search box, turned into a safe SQLite FTS5 query.

Every user term is quoted before it reaches MATCH (so "e-mail", "AND" or a stray quote is just
text, never FTS5 syntax). Supported: plain words (each also matched in its British or American
spelling), "a phrase" in double quotes, `tag:name` or `tag:"two words"` filters, and prefix
matching on the last word while it is still being typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bidkit.library.spelling import prefix_variants, spelling_variants
from bidkit.library.stemming import porter_stem

#: Words shorter than this are matched whole even while typed (a one- or two-letter prefix
#: would match much of the index and be slow).
MIN_PREFIX = 3
_TOKEN = re.compile(r'(?i)tag:"([^"]*)"?|tag:(\S*)|"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: The last word, when it may still be being typed (no space after it yet).
    partial: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.tags or self.partial)

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        terms = [*self.words, *self.phrases]
        if self.partial:
            terms.append(self.partial)
        return tuple(terms)


def parse_query(text: str, *, as_you_type: bool = True) -> ParsedQuery:
    """Split the search text into words, phrases and tag filters."""
    words: list[str] = []
    phrases: list[str] = []
    tags: list[str] = []
    last_kind = ""
    for match in _TOKEN.finditer(text):
        quoted_tag, bare_tag, phrase, bare = match.groups()
        if quoted_tag is not None or bare_tag is not None:
            tag = " ".join(_WORD.findall(quoted_tag if quoted_tag is not None else bare_tag))
            if tag:
                tags.append(tag.casefold())
            last_kind = "tag"
        elif phrase is not None:
            cleaned = " ".join(_WORD.findall(phrase))
            if cleaned:
                phrases.append(cleaned.casefold())
            last_kind = "phrase"
        else:
            words.extend(w.casefold() for w in _WORD.findall(bare))
            last_kind = "word"
    partial = None
    typing = as_you_type and text[-1:].isalnum() and last_kind == "word" and words
    if typing and len(words[-1]) >= MIN_PREFIX:
        partial = words.pop()
    return ParsedQuery(
        tuple(dict.fromkeys(words)), tuple(phrases), tuple(dict.fromkeys(tags)), partial
    )


def quote(term: str) -> str:
    """An FTS5 string: the term in double quotes, with any double quote doubled."""
    return '"' + term.replace('"', '""') + '"'


def _word_expression(word: str) -> str:
    variants = spelling_variants(word)
    if len(variants) == 1:
        return quote(word)
    return "(" + " OR ".join(quote(v) for v in variants) + ")"


# Word endings the porter stemmer removes, as they look while still being typed.
_PARTIAL_SUFFIXES = (
    "atio",
    "ati",
    "at",
    "iti",
    "it",
    "ing",
    "in",
    "i",
    "ed",
    "es",
    "e",
    "ment",
    "men",
    "ness",
    "nes",
    "ful",
    "abl",
    "ibl",
    "ous",
    "iv",
    "ist",
    "ism",
)


def typed_stem(prefix: str) -> str:
    """`prefix` without a half-typed ending the index will not hold ("safeguardi")."""
    for suffix in _PARTIAL_SUFFIXES:
        if prefix.endswith(suffix) and len(prefix) - len(suffix) >= MIN_PREFIX + 1:
            return prefix[: len(prefix) - len(suffix)]
    return prefix


def _prefix_expression(prefix: str) -> str:
    """The whole word, or any word starting like it.

    The index holds porter stems ("safeguarding" is kept as "safeguard") and a prefix is
    stemmed too, so a half-typed word can run past its stem ("safeguardi"): the prefix is
    matched without such a half-typed ending. The word is matched whole as well when its stem
    can be shorter than the shortened prefix ("certificate" is kept as "certific", which
    "certificat*" would miss); when a prefix already covers the whole word's stem, the whole
    word is left out, so the index is not read twice for the same words.
    """
    spellings = dict.fromkeys([*prefix_variants(prefix), *spelling_variants(prefix)])
    prefixes = list(dict.fromkeys(typed_stem(v) for v in spellings))
    stems = [porter_stem(p) for p in prefixes]
    parts = [quote(v) for v in spelling_variants(prefix) if not _covered(porter_stem(v), stems)]
    parts += [quote(p) + " *" for p in prefixes]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _covered(stem: str | None, prefix_stems: list[str | None]) -> bool:
    """Whether a word with this index stem is found by one of the stemmed prefixes."""
    return stem is not None and any(p is not None and stem.startswith(p) for p in prefix_stems)


def match_expression(query: ParsedQuery) -> str | None:
    """The FTS5 MATCH text for `query`, or None when it has no search terms."""
    parts = [_word_expression(w) for w in query.words]
    parts += [quote(p) for p in query.phrases]
    parts += ["{tags} : " + quote(t) for t in query.tags]
    if query.partial:
        parts.append(_prefix_expression(query.partial))
    return " AND ".join(parts) if parts else None
