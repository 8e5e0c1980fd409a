"""Police National Computer ID (PNC ID): ``YY/NNNNNNNX``.

``YY`` is the year the record was created, ``NNNNNNN`` a serial (written with or without leading
zeros), ``X`` a check letter computed as ``LETTERS[int(YY + serial zero-padded to 7) mod 23]`` (see
:mod:`pseudonymisation.identifiers._mod23`). Accepted input variations: four-digit year
(``2003/0011985X``), missing slash when the serial has all seven digits (``20030011985X``), lower case,
spaces. Canonical form: ``YY/NNNNNNNX``.

The rule reproduces the published valid examples used by the Ministry of Justice person-record
service test-suite (e.g. ``2001/0171310W``, ``1981/0154257C``, ``20120052494Q``).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import (
    ArrayLike,
    as_string_array,
    finish,
    missing_mask,
    safe_digits,
    strip_chars,
)
from pseudonymisation.identifiers._mod23 import check_letter, check_letters

_WITH_SLASH = re.compile(r"(\d{2}|\d{4})/(\d{1,7})([A-Z])")
_NO_SLASH = re.compile(r"(\d{2}|\d{4})(\d{7})([A-Z])")
_ARROW_NO_SLASH = r"^(\d{2}|\d{4})(\d{7}[A-Z])$"
_ARROW_SHAPE = r"^(?P<year>\d{2}|\d{4})/(?P<serial>\d{1,7})(?P<check>[A-Z])$"


def normalise_one(s: str | None) -> str | None:
    """Canonical ``YY/NNNNNNNX`` form, or None when missing or invalid."""
    if s is None:
        return None
    compact = re.sub(r"\s+", "", s).upper()
    m = _WITH_SLASH.fullmatch(compact) or _NO_SLASH.fullmatch(compact)
    if not m:
        return None
    year, serial, check = m.group(1)[-2:], m.group(2).zfill(7), m.group(3)
    if check_letter(int(year + serial)) != check:
        return None
    return f"{year}/{serial}{check}"


def is_valid(s: str) -> bool:
    """True when ``s`` is a PNC ID with a correct check letter."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    compact = pc.utf8_upper(strip_chars(arr))
    compact = pc.replace_substring_regex(compact, _ARROW_NO_SLASH, r"\1/\2")
    parts = pc.extract_regex(compact, _ARROW_SHAPE)
    shape_ok = pc.is_valid(parts)
    year = pc.utf8_slice_codeunits(pc.struct_field(parts, "year"), -2)
    serial = pc.utf8_lpad(pc.struct_field(parts, "serial"), 7, "0")
    check = pc.struct_field(parts, "check")
    number = pc.cast(safe_digits(pc.binary_join_element_wise(year, serial, ""), shape_ok, "0"), pa.int64())
    valid = pc.and_(shape_ok, pc.equal(check_letters(number), check))
    canonical = pc.binary_join_element_wise(year, "/", serial, check, "")
    return finish(missing, valid, canonical)
