"""Criminal Record Office (CRO) number.

Two written forms:

* standard ``NNNNNN/YYX`` (serial of up to six digits, two-digit year, check letter); the check letter
  is ``LETTERS[int(YY + serial zero-padded to 6) mod 23]``;
* "SF" form ``SF YY/NNNNNNX`` (numbers issued from the Scottish/fingerprint-less series); the check
  letter is ``LETTERS[int(YY + serial without leading zeros) mod 23]``.

Source for the scheme: the Ministry of Justice person-record service (``CROIdentifier``), which uses the
same ``ZABCDEFGHJKLMNPQRTUVWXY`` table as PNC IDs; its examples ``265416/21G``, ``SF05/482703J`` and
``SF83/50058Z`` are valid under these rules and ``85227/65G`` is not. Canonical forms: ``NNNNNN/YYX``
(serial padded to six digits) and ``SFYY/NNNNNNX`` (serial padded to six digits, no space).
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

_STANDARD = re.compile(r"(\d{1,6})/(\d{2})([A-Z])")
_SF = re.compile(r"SF(\d{2})/(\d{1,6})([A-Z])")
_ARROW_STANDARD = r"^(?P<serial>\d{1,6})/(?P<year>\d{2})(?P<check>[A-Z])$"
_ARROW_SF = r"^SF(?P<year>\d{2})/(?P<serial>\d{1,6})(?P<check>[A-Z])$"


def normalise_one(s: str | None) -> str | None:
    """Canonical CRO number, or None when missing or invalid."""
    if s is None:
        return None
    compact = re.sub(r"\s+", "", s).upper()
    if m := _STANDARD.fullmatch(compact):
        serial, year, check = m.group(1).zfill(6), m.group(2), m.group(3)
        ok = check_letter(int(year + serial)) == check
        return f"{serial}/{year}{check}" if ok else None
    if m := _SF.fullmatch(compact):
        year, serial, check = m.group(1), m.group(2), m.group(3)
        ok = check_letter(int(year + (serial.lstrip("0")))) == check
        return f"SF{year}/{serial.zfill(6)}{check}" if ok else None
    return None


def is_valid(s: str) -> bool:
    """True when ``s`` is a CRO number with a correct check letter."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    compact = pc.utf8_upper(strip_chars(arr))

    std = pc.extract_regex(compact, _ARROW_STANDARD)
    std_ok = pc.is_valid(std)
    std_year, std_check = pc.struct_field(std, "year"), pc.struct_field(std, "check")
    std_serial = pc.utf8_lpad(pc.struct_field(std, "serial"), 6, "0")
    std_number = pc.cast(safe_digits(pc.binary_join_element_wise(std_year, std_serial, ""), std_ok, "0"), pa.int64())
    std_valid = pc.and_(std_ok, pc.equal(check_letters(std_number), std_check))
    std_canonical = pc.binary_join_element_wise(std_serial, "/", std_year, std_check, "")

    sf = pc.extract_regex(compact, _ARROW_SF)
    sf_ok = pc.is_valid(sf)
    sf_year, sf_check = pc.struct_field(sf, "year"), pc.struct_field(sf, "check")
    sf_serial = pc.struct_field(sf, "serial")
    sf_digits = pc.binary_join_element_wise(sf_year, pc.utf8_ltrim(sf_serial, characters="0"), "")
    sf_number = pc.cast(safe_digits(sf_digits, sf_ok, "0"), pa.int64())
    sf_valid = pc.and_(sf_ok, pc.equal(check_letters(sf_number), sf_check))
    sf_canonical = pc.binary_join_element_wise("SF", sf_year, "/", pc.utf8_lpad(sf_serial, 6, "0"), sf_check, "")

    valid = pc.if_else(std_ok, std_valid, sf_valid)
    canonical = pc.if_else(std_ok, std_canonical, sf_canonical)
    return finish(missing, valid, canonical)
