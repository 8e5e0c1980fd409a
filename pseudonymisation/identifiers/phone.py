"""UK telephone numbers, normalised to E.164 (``+44`` followed by the national significant number).

Accepted writing: national ``07700 900123`` / ``0121 496 0000`` / ``020 7946 0000``, international
``+44 7700 900123``, ``0044 ...``, ``44 ...`` (12 digits), the ``+44 (0)121 ...`` form, with spaces,
hyphens, dots and brackets. Valid national significant numbers (NSN):

* mobiles ``7`` + 9 digits (07xxx xxxxxx);
* geographic ``1`` + 8 or 9 digits (01 numbers, some areas have nine-digit NSNs);
* ``2`` + 9 digits (02 numbers) and ``3`` + 9 digits (03 non-geographic, charged as geographic).

Freephone/premium (08, 09) numbers are organisations, not people, and are treated as invalid here.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import ArrayLike, as_string_array, finish, missing_mask

NSN = r"(?:7\d{9}|1\d{8,9}|[23]\d{9})"
_TRUNK = r"\(0\)"
_PUNCT = r"[\s\-\.\(\)/]+"
_NSN_RE = re.compile(NSN)


def _nsn(s: str) -> str | None:
    compact = re.sub(_PUNCT, "", re.sub(_TRUNK, "", s.strip()))
    for prefix in ("+44", "0044"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :]
            break
    else:
        if compact.startswith("44") and len(compact) == 12:
            rest = compact[2:]
        elif compact.startswith("0"):
            rest = compact[1:]
        else:
            return None
    return rest if _NSN_RE.fullmatch(rest) else None


def normalise_one(s: str | None) -> str | None:
    """E.164 form ``+44...``, or None when missing or not a valid UK personal number."""
    if s is None:
        return None
    nsn = _nsn(s)
    return None if nsn is None else "+44" + nsn


def is_valid(s: str) -> bool:
    """True when ``s`` is a UK mobile or 01/02/03 number."""
    return normalise_one(s) is not None


def normalise(arr: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Vectorised :func:`normalise_one` returning ``(normalised, validity)``."""
    arr = as_string_array(arr)
    missing = missing_mask(arr)
    compact = pc.replace_substring_regex(pc.replace_substring_regex(arr, _TRUNK, ""), _PUNCT, "")
    # The bare "44" + ten digits international form (no "+" or "00") gets its "+" back first.
    compact = pc.replace_substring_regex(compact, r"^(44\d{10})$", r"+\1")
    nsn = pc.replace_substring_regex(compact, r"^(?:\+44|0044|0)", "")
    has_prefix = pc.match_substring_regex(compact, r"^(?:\+44|0044|0)")
    valid = pc.and_(has_prefix, pc.match_substring_regex(nsn, f"^{NSN}$"))
    return finish(missing, valid, pc.replace_substring_regex(nsn, "^", "+44"))
