"""British and American spellings of the same word, so a search finds either.

The porter stemmer already finds plurals and most word forms ("outcomes" finds "outcome"), but it
stems "organisation" and "organization" differently, so each search term is expanded into an OR
of its spellings. A variant that no item contains costs one index lookup that finds nothing.
"""

from __future__ import annotations

# Whole words whose spellings follow no general rule (both directions are built from this).
_PAIRS = {
    "programme": "program",
    "programmes": "programs",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyses": "analyzes",
    "analysing": "analyzing",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "catalogue": "catalog",
    "ageing": "aging",
    "judgement": "judgment",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "travelling": "traveling",
    "travelled": "traveled",
    "modelling": "modeling",
    "cancelled": "canceled",
    "counselling": "counseling",
    "counsellor": "counselor",
    "paediatric": "pediatric",
    "anaemia": "anemia",
    "grey": "gray",
    "cheque": "check",
    "tyre": "tire",
    "kerb": "curb",
}
_ALL_PAIRS = {**_PAIRS, **{us: uk for uk, us in _PAIRS.items()}}

# Words ending in -our, -re or -ise that have no other spelling.
_OUR_KEEP = frozenset(
    "our ours hour hours four flour sour tour tours your yours pour detour contour devour "
    "amour velour dour".split()
)
_RE_KEEP = frozenset("genre acre massacre mediocre ogre lucre".split())
_ISE_KEEP = frozenset(
    "advertise advise apprise arise chastise circumcise comprise compromise concise despise "
    "devise disguise enterprise excise exercise expertise franchise improvise incise merchandise "
    "noise poise precise premise promise raise revise rise supervise surmise surprise televise "
    "wise otherwise clockwise likewise treatise paradise porpoise anise praise".split()
)

# (British ending, American ending), longest first so "-isation" wins over "-ise".
_SUFFIXES = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("ise", "ize"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourful", "orful"),
    ("ourite", "orite"),
    ("ourable", "orable"),
    ("our", "or"),
    ("tres", "ters"),
    ("tre", "ter"),
    ("bres", "bers"),
    ("bre", "ber"),
)
# American -or words that are British -our (other -or words, like "doctor", are the same).
_OR_WORDS = frozenset(
    "color behavior labor neighbor favor honor humor flavor harbor rumor vapor vigor endeavor "
    "savior armor odor parlor tumor valor candor rigor clamor splendor glamor".split()
)
# American -er words that really are British -re (centre, theatre, metre, ...).
_ER_TO_RE = frozenset(
    "center centers theater theaters meter meters liter liters fiber fibers caliber somber "
    "specter centered centering".split()
)


def _stem_of(word: str, suffix: str) -> str:
    return word[: len(word) - len(suffix)]


def _is_ise_exception(word: str, british: str) -> bool:
    base = _stem_of(word, british) + "ise"
    return base in _ISE_KEEP or len(base) <= 5


def spelling_variants(word: str) -> tuple[str, ...]:
    """`word` (lower case) first, then its other spellings, if any."""
    word = word.casefold()
    found: list[str] = [word]
    pair = _ALL_PAIRS.get(word)
    if pair is not None:
        found.append(pair)
    for british, american in _SUFFIXES:
        if word.endswith(british) and len(word) > len(british) + 2:
            if british.startswith("is") and _is_ise_exception(word, british):
                break
            if "our" in british and (word in _OUR_KEEP or word.removesuffix("s") in _OUR_KEEP):
                break
            if word in _RE_KEEP:
                break
            found.append(_stem_of(word, british) + american)
            break
        if word.endswith(american) and len(word) > len(american) + 2:
            if american.startswith("iz"):
                found.append(_stem_of(word, american) + british)
                break
            if american.startswith("or"):
                if _stem_of(word, american) + "or" in _OR_WORDS:
                    found.append(_stem_of(word, american) + british)
                break
            if word in _ER_TO_RE:
                found.append(_stem_of(word, american) + british)
                break
    return tuple(dict.fromkeys(found))


def prefix_variants(prefix: str) -> tuple[str, ...]:
    """Other spellings of a word still being typed ("organiz" also as "organis")."""
    prefix = prefix.casefold()
    found = [prefix]
    for british, american in (("is", "iz"), ("our", "or"), ("tre", "ter")):
        if prefix.endswith(american) and len(prefix) > 4:
            found.append(_stem_of(prefix, american) + british)
        elif prefix.endswith(british) and len(prefix) > 4:
            found.append(_stem_of(prefix, british) + american)
    for british, american in (("isa", "iza"), ("isi", "izi")):
        if british in prefix[3:]:
            found.append(prefix.replace(british, american))
        elif american in prefix[3:]:
            found.append(prefix.replace(american, british))
    return tuple(dict.fromkeys(found))
