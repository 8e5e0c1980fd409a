"""UK postcodes (Royal Mail PAF formats).

Outward code formats ``A9``, ``A99``, ``A9A``, ``AA9``, ``AA99``, ``AA9A`` plus the special ``GIR 0AA``;
the inward code is ``9AA``. Positional letter rules: the first letter is not Q, V or X; the second is not
I, J or Z; a letter in third position (``A9A``) is one of ABCDEFGHJKPSTUW; a letter in fourth position
(``AA9A``) one of ABEHMNPRVWXY; the inward letters never use C, I, K, M, O or V.

Canonical form: upper case, outward and inward code separated by one space (``B15 2TT``). Helpers give
the postcode sector (``B15 2``) and district (``B15``).
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
    strip_chars,
)

_A1 = "[A-PR-UWYZ]"
_A2 = "[A-HK-Y]"
OUTWARD = f"(?:{_A1}[0-9][A-HJKPSTUW]|{_A1}{_A2}[0-9][ABEHMNPRV-Y]|{_A1}{_A2}[0-9]{{1,2}}|{_A1}[0-9]{{1,2}})"
INWARD = "[0-9][ABD-HJLNP-UW-Z]{2}"
_COMPACT = f"(?:({OUTWARD})({INWARD})|(GIR)(0AA))"
_COMPACT_RE = re.compile(_COMPACT)


def normalise_one(s: str | None) -> str | None:
    """Canonical ``OUT IN`` form, or None when missing or invalid."""
    if s is None:
        return None
    m = _COMPACT_RE.fullmatch(re.sub(r"\s+", "", s).upper())
    if not m:
        return None
    outward = m.group(1) or m.group(3)
    inward = m.group(2) or m.group(4)
    return f"{outward} {inward}"


def is_valid(s: str) -> bool:
    """True when ``s`` has a valid UK postcode shape."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    compact = pc.utf8_upper(strip_chars(arr))
    valid = pc.match_substring_regex(compact, f"^{_COMPACT}$")
    spaced = pc.replace_substring_regex(compact, r"^(.+)([0-9][A-Z]{2})$", r"\1 \2")
    return finish(missing, valid, spaced)


def sector(arr: ArrayLike) -> pa.Array:
    """Postcode sector (``B15 2TT`` → ``B15 2``); null for missing or invalid postcodes."""
    normalised, _ = normalise(arr)
    return pc.utf8_slice_codeunits(normalised, 0, -2)


def district(arr: ArrayLike) -> pa.Array:
    """Postcode district, i.e. the outward code (``B15 2TT`` → ``B15``); null when invalid."""
    normalised, _ = normalise(arr)
    return pc.utf8_slice_codeunits(normalised, 0, -4)
