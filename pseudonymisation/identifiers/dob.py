"""Dates of birth in the formats partners send, normalised to Arrow ``date32``.

Accepted (day-first, as UK systems write dates; surrounding whitespace ignored):

* ``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy`` (and the same with a two-digit year);
* ISO ``yyyy-mm-dd`` / ``yyyy/mm/dd``, optionally followed by a midnight time (``T00:00:00``) as
  spreadsheet and database exports write it;
* ``dd Mon yyyy`` / ``dd Month yyyy`` / ``dd-Mon-yy`` (English month names, any case).

Two-digit years use a pivot on the reference date: ``yy`` becomes ``20yy`` when that is not after the
reference year, otherwise ``19yy`` (a date of birth is never in the future). So with reference year
2025, ``03/04/25`` is 2025-04-03 and ``03/04/26`` is 1926-04-03.

Invalid: impossible calendar dates (31/02, 29/02 in a non-leap year, month 13), years before 1900 and
dates after the reference date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import ArrayLike, as_string_array, map_distinct, missing_mask

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MIN_YEAR = 1900

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?")
_DMY = re.compile(r"(\d{1,2})([/\-.])(\d{1,2})\2(\d{4}|\d{2})")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-]*([A-Za-z]{3,9})\.?[\s\-,]*(\d{4}|\d{2})")
_MONTH_NAMES = (
    {name: i + 1 for i, name in enumerate(MONTHS)}
    | {calendar.month_name[i].lower(): i for i in range(1, 13)}
    | {"sept": 9}
)


def _year(text: str, reference: date) -> int:
    if len(text) == 4:
        return int(text)
    yy = int(text)
    return 2000 + yy if 2000 + yy <= reference.year else 1900 + yy


def parse(s: str | None, *, reference: date | None = None) -> date | None:
    """Parse one date of birth; None when missing, unparseable or impossible."""
    if s is None:
        return None
    ref = reference or date.today()
    text = " ".join(s.split())
    if m := _ISO.fullmatch(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY.fullmatch(text):
        d, mo, y = int(m.group(1)), int(m.group(3)), _year(m.group(4), ref)
    elif (m := _NAMED.fullmatch(text)) and m.group(2).lower() in _MONTH_NAMES:
        d, mo, y = int(m.group(1)), _MONTH_NAMES[m.group(2).lower()], _year(m.group(3), ref)
    else:
        return None
    try:
        result = date(y, mo, d)
    except ValueError:
        return None
    return result if result.year >= MIN_YEAR and result <= ref else None


def normalise_one(s: str | None, *, reference: date | None = None) -> str | None:
    """ISO ``yyyy-mm-dd`` string, or None when missing or invalid."""
    parsed = parse(s, reference=reference)
    return None if parsed is None else parsed.isoformat()


def is_valid(s: str, *, reference: date | None = None) -> bool:
    """True when ``s`` is a possible date of birth in an accepted format."""
    return parse(s, reference=reference) is not None


def normalise(arr: ArrayLike, *, reference: date | None = None) -> tuple[pa.Array, pa.Array]:
    """Return ``(date32 array, validity)``; nulls/blanks give null validity, bad dates False.

    Partner extracts repeat a limited set of distinct birth dates, so each distinct string is parsed
    once and the results are broadcast back with Arrow kernels.
    """
    arr = as_string_array(arr)
    ref = reference or date.today()
    iso = map_distinct(arr, lambda v: normalise_one(v, reference=ref))
    dates = pc.cast(iso, pa.date32())
    missing = missing_mask(arr)
    validity = pc.if_else(missing, pa.nulls(len(arr), pa.bool_()), pc.is_valid(dates))
    return dates, validity
