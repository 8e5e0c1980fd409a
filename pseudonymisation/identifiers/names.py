"""Person-name normalisation for record linkage.

Steps, in order: Unicode case-folding; NFKD decomposition with combining marks removed (``Zoë`` →
``zoe``) plus a few letters NFKD does not decompose (``ø``, ``ł``, ``đ``, ``æ``, ``œ``); apostrophes
removed (``O'Brien`` → ``obrien``); every other non-letter/digit (hyphens, dots, commas) becomes a space;
whitespace collapsed. With ``nicknames=True`` each token is mapped through :data:`NICKNAMES` (a small
shipped table of common English diminutives and transliteration variants, e.g. ``bob`` → ``robert``,
``muhammad`` → ``mohammed``). :func:`order_insensitive` additionally sorts the tokens, so ``Khan Imran``
and ``Imran Khan`` compare equal.
"""

from __future__ import annotations

import re
import unicodedata

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import ArrayLike, as_string_array, map_distinct, missing_mask

_EXTRA_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})
_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[\W_]+")

_VARIANTS: dict[str, tuple[str, ...]] = {
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "william": ("bill", "billy", "will", "willie", "liam"),
    "elizabeth": ("liz", "lizzie", "lizzy", "beth", "betty", "eliza", "libby"),
    "mohammed": (
        "mo",
        "moe",
        "mohammad",
        "muhammad",
        "muhammed",
        "mohamed",
        "mohamad",
        "mohammod",
        "muhamad",
        "mohd",
        "mhd",
        "mahomed",
    ),
    "ahmed": ("ahmad", "ahmet"),
    "hussain": ("hussein", "husain", "husein"),
    "abdul": ("abdal", "abdel", "abdool"),
    "yusuf": ("yousef", "yousuf", "yusef", "youssef"),
    "mustafa": ("mostafa", "mustapha"),
    "fatima": ("fatimah", "fatma"),
    "aisha": ("ayesha", "aysha", "aishah"),
    "margaret": ("maggie", "peggy", "meg", "marge"),
    "katherine": ("kate", "katie", "kathy", "cathy", "catherine", "kathryn", "kat"),
    "james": ("jim", "jimmy", "jamie"),
    "john": ("johnny", "jack", "jon"),
    "michael": ("mike", "mick", "micky", "mickey"),
    "richard": ("rick", "ricky", "dick", "rich", "richie"),
    "thomas": ("tom", "tommy"),
    "anthony": ("tony", "ant", "antony"),
    "christopher": ("chris", "kit"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davey"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "joseph": ("joe", "joey"),
    "matthew": ("matt",),
    "nicholas": ("nick", "nicky"),
    "samuel": ("sam", "sammy"),
    "stephen": ("steve", "steven", "stevie"),
    "alexander": ("alex", "sasha"),
    "benjamin": ("ben", "benny"),
    "jennifer": ("jen", "jenny"),
    "rebecca": ("becky", "becca"),
    "susan": ("sue", "suzie", "susie"),
    "patricia": ("pat", "patty", "tricia"),
    "victoria": ("vicky", "vicki", "tori"),
    "deborah": ("debbie", "debra", "deb"),
    "jacqueline": ("jackie",),
}

NICKNAMES: dict[str, str] = {variant: canonical for canonical, variants in _VARIANTS.items() for variant in variants}


def _clean(s: str) -> str:
    folded = unicodedata.normalize("NFKD", s.casefold().translate(_EXTRA_FOLD))
    stripped = "".join(c for c in folded if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped)
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def normalise_one(s: str | None, *, nicknames: bool = False) -> str | None:
    """Normalised name, or None when missing or nothing name-like remains."""
    if s is None:
        return None
    tokens = _clean(s).split()
    if nicknames:
        tokens = [NICKNAMES.get(t, t) for t in tokens]
    return " ".join(tokens) or None


def order_insensitive_one(s: str | None, *, nicknames: bool = False) -> str | None:
    """Normalised name with tokens sorted, so name order does not matter."""
    normalised = normalise_one(s, nicknames=nicknames)
    return None if normalised is None else " ".join(sorted(normalised.split()))


def is_valid(s: str) -> bool:
    """True when at least one letter or digit survives normalisation."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike, *, nicknames: bool = False) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    out = map_distinct(arr, lambda v: normalise_one(v, nicknames=nicknames))
    return out, _validity(arr, out)


def order_insensitive(arr: ArrayLike, *, nicknames: bool = False) -> pa.Array:
    """Vectorised :func:`order_insensitive_one`."""
    return map_distinct(as_string_array(arr), lambda v: order_insensitive_one(v, nicknames=nicknames))


def _validity(arr: pa.Array, out: pa.Array) -> pa.Array:
    missing = missing_mask(arr)
    return pc.if_else(missing, pa.nulls(len(arr), pa.bool_()), pc.is_valid(out))
