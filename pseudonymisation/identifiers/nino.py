"""National Insurance number (NINO), HMRC allocation rules.

Shape: two prefix letters, six digits, an optional suffix letter A-D (``AB 12 34 56 C``).

* first prefix letter is not D, F, I, Q, U or V;
* second prefix letter is not D, F, I, O, Q, U or V;
* prefixes BG, GB, KN, NK, NT, TN and ZZ are never allocated.

Suffix choice: the suffix is accepted when missing, and it is **dropped from the canonical form**.
HMRC does not allocate two people the same prefix and digits with different suffixes, and partner
systems disagree on whether to store it, so ``AB123456C`` and ``AB 12 34 56`` must link. Canonical form:
``AB123456`` (upper case, no spaces).
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

FIRST_LETTERS = "[A-CEGHJ-PR-TW-Z]"
SECOND_LETTERS = "[A-CEGHJ-NPR-TW-Z]"
UNALLOCATED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_SHAPE = f"({FIRST_LETTERS}{SECOND_LETTERS})(\\d{{6}})([A-D]?)"
_SHAPE_RE = re.compile(_SHAPE)
_UNALLOCATED = pa.array(sorted(UNALLOCATED_PREFIXES))


def normalise_one(s: str | None) -> str | None:
    """Canonical ``AB123456`` form, or None when missing or invalid."""
    if s is None:
        return None
    m = _SHAPE_RE.fullmatch(re.sub(r"\s+", "", s).upper())
    if not m or m.group(1) in UNALLOCATED_PREFIXES:
        return None
    return m.group(1) + m.group(2)


def is_valid(s: str) -> bool:
    """True when ``s`` satisfies the HMRC allocation rules."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    compact = pc.utf8_upper(strip_chars(arr))
    shape_ok = pc.match_substring_regex(compact, f"^{_SHAPE}$")
    prefix = pc.utf8_slice_codeunits(compact, 0, 2)
    valid = pc.and_(shape_ok, pc.invert(pc.is_in(prefix, value_set=_UNALLOCATED)))
    return finish(missing, valid, pc.utf8_slice_codeunits(compact, 0, 8))
