"""NHS number: ten digits, the last a modulus-11 check digit.

Rule (NHS Data Dictionary): multiply the first nine digits by weights 10, 9, ... 2, sum, take
``11 - (sum mod 11)``; a result of 11 becomes 0 and a result of 10 means the number is invalid.
Spaces and hyphens are ignored (``943 476 5919``, ``943-476-5919``); the canonical form is the bare
ten digits.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import (
    ArrayLike,
    as_string_array,
    digit_at,
    finish,
    int_mod,
    missing_mask,
    safe_digits,
    strip_chars,
)

_SEPARATORS = re.compile(r"[\s\-]+")
_SHAPE = re.compile(r"\d{10}")


def check_digit(first_nine: str) -> int | None:
    """Return the check digit for nine leading digits, or None when no valid number can end them."""
    total = sum(int(c) * w for c, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def normalise_one(s: str | None) -> str | None:
    """Canonical ten-digit form, or None when missing or invalid."""
    if s is None:
        return None
    digits = _SEPARATORS.sub("", s)
    if not _SHAPE.fullmatch(digits):
        return None
    return digits if check_digit(digits[:9]) == int(digits[9]) else None


def is_valid(s: str) -> bool:
    """True when ``s`` is a well-formed NHS number with a correct check digit."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    digits = strip_chars(arr, r"[\s\-]+")
    shape_ok = pc.match_substring_regex(digits, r"^\d{10}$")
    safe = safe_digits(digits, shape_ok, "0000000000")
    total = pc.multiply(digit_at(safe, 0), pa.scalar(10, pa.int64()))
    for i, weight in enumerate(range(9, 1, -1), start=1):
        total = pc.add(total, pc.multiply(digit_at(safe, i), pa.scalar(weight, pa.int64())))
    eleven = pa.scalar(11, pa.int64())
    check = pc.subtract(eleven, int_mod(total, 11))
    check = pc.if_else(pc.equal(check, eleven), pa.scalar(0, pa.int64()), check)
    checks_out = pc.and_(pc.not_equal(check, pa.scalar(10, pa.int64())), pc.equal(check, digit_at(safe, 9)))
    valid = pc.and_(checks_out, shape_ok)
    return finish(missing, valid, digits)
