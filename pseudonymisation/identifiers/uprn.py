"""Unique Property Reference Number (UPRN, OS AddressBase).

One to twelve digits, no sign, no decimal point; surrounding whitespace is ignored. Leading zeros are
padding only, so the canonical form drops them (``000100070123`` → ``100070123``). Zero is not an
allocated UPRN.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import ArrayLike, as_string_array, finish, missing_mask

_SHAPE = re.compile(r"\d{1,12}")


def normalise_one(s: str | None) -> str | None:
    """Canonical UPRN without leading zeros, or None when missing or invalid."""
    if s is None:
        return None
    text = s.strip()
    if not _SHAPE.fullmatch(text):
        return None
    stripped = text.lstrip("0")
    return stripped or None


def is_valid(s: str) -> bool:
    """True when ``s`` is a syntactically valid UPRN."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    text = pc.utf8_trim_whitespace(arr)
    stripped = pc.utf8_ltrim(text, characters="0")
    valid = pc.and_(pc.match_substring_regex(text, r"^\d{1,12}$"), pc.not_equal(stripped, pa.scalar("")))
    return finish(missing, valid, stripped)
