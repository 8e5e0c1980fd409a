"""Modulus-23 check letters shared by PNC IDs and CRO numbers.

The check letter is ``LETTERS[n mod 23]`` where ``LETTERS`` is the alphabet without I, O and S, starting
at Z for remainder 0 (0→Z, 1→A, ... 22→Y). The same table is used by the Police National Computer
for PNC IDs and by ACRO for Criminal Record Office numbers.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import int_mod

LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
_LETTER_ARRAY = pa.array(list(LETTERS), type=pa.string())


def check_letter(number: int) -> str:
    """Check letter for a non-negative integer."""
    return LETTERS[number % 23]


def check_letters(numbers: pa.Array) -> pa.Array:
    """Vectorised :func:`check_letter` over an int64 array (nulls stay null)."""
    return pc.take(_LETTER_ARRAY, int_mod(numbers, 23))
