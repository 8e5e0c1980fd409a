"""Free-form partner identifiers (crime references, case numbers, CRNs) with no check digit.

Normalisation: strip surrounding whitespace and upper-case; every present value is valid.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import ArrayLike, as_string_array, finish, missing_mask


def normalise_one(s: str | None) -> str | None:
    """Stripped, upper-cased value, or None when missing."""
    if s is None:
        return None
    return s.strip().upper() or None


def is_valid(s: str) -> bool:
    """True for any non-blank value."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    out = pc.utf8_upper(pc.utf8_trim_whitespace(arr))
    return finish(missing, pc.invert(missing), out)
