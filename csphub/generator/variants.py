"""How each partner writes the same person: case, spacing, accents, middle names, nicknames,
double-barrelled and transliterated surnames. The truth keeps who it really is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from csphub.generator.names import NICKNAMES, SURNAME_VARIANTS
from csphub.generator.population import Population

KINDS = ("upper", "lower", "nickname", "middle", "spaces", "accents", "barrel", "translit")


@dataclass(frozen=True)
class NameStyle:
    variant_rate: float  # share of person mentions written with one variation
    kinds: tuple[str, ...]
    upper_surname: bool = False  # e.g. nDelius exports surnames in capitals
    ascii_only: bool = False  # systems that cannot store accents


POLICE = NameStyle(0.15, ("upper", "nickname", "middle", "spaces", "accents", "barrel", "translit"))
COUNCIL = NameStyle(0.2, ("upper", "lower", "nickname", "middle", "spaces", "barrel", "translit"), ascii_only=True)
PROBATION = NameStyle(0.1, ("middle", "barrel", "translit", "nickname", "spaces"), upper_surname=True)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _vary(kind: str, fore: str, mid: str | None, sur: str, pick: float) -> tuple[str, str]:
    if kind == "upper":
        return fore.upper(), sur.upper()
    if kind == "lower":
        return fore.lower(), sur.lower()
    if kind == "nickname" and fore in NICKNAMES:
        options = NICKNAMES[fore]
        return options[int(pick * len(options))], sur
    if kind == "middle" and mid:
        return f"{fore} {mid}", sur
    if kind == "spaces":
        return (f" {fore}", f"{sur}  ") if pick < 0.5 else (fore, f"{sur} ")
    if kind == "accents":
        return strip_accents(fore), strip_accents(sur)
    if kind == "barrel" and "-" in sur:
        a, b = sur.split("-", 1)
        return fore, (f"{a} {b}" if pick < 0.6 else b)
    if kind == "translit" and sur in SURNAME_VARIANTS:
        options = SURNAME_VARIANTS[sur]
        return fore, options[int(pick * len(options))]
    return fore, sur


def write_names(
    pop: Population, idx: np.ndarray, rng: np.random.Generator, style: NameStyle
) -> tuple[np.ndarray, np.ndarray]:
    """Forename and surname as the partner writes them; ``idx < 0`` means no person (None)."""
    n = len(idx)
    fore = np.full(n, None, dtype=object)
    sur = np.full(n, None, dtype=object)
    vary = rng.random(n) < style.variant_rate
    kind = rng.integers(0, len(style.kinds), n)
    pick = rng.random(n)
    for i in np.flatnonzero(idx >= 0).tolist():
        p = idx[i]
        f, s = pop.forename[p], pop.surname[p]
        if vary[i]:
            f, s = _vary(style.kinds[kind[i]], f, pop.middle[p], s, pick[i])
        if style.ascii_only:
            f, s = strip_accents(f), strip_accents(s)
        if style.upper_surname:
            s = s.upper()
        fore[i], sur[i] = f, s
    return fore, sur
