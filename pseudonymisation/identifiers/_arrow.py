"""Small pyarrow helpers shared by the identifier normalisers.

Every normaliser follows the same contract:

* input: an Arrow string-like array (``pa.Array`` or ``pa.ChunkedArray``);
* output: ``(normalised, validity)``, both the same length as the input;
* a null, empty or whitespace-only input is *missing*: normalised is null and validity is null;
* a present but malformed value (bad shape or failed check digit): normalised is null, validity False;
* a valid value: normalised holds the canonical form, validity True.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias, cast

import pyarrow as pa
import pyarrow.compute as pc

ArrayLike: TypeAlias = pa.Array | pa.ChunkedArray


def as_string_array(arr: ArrayLike) -> pa.Array:
    """Return ``arr`` as one contiguous ``pa.string()`` array (chunks combined, other types cast)."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if not isinstance(arr, pa.Array):
        arr = pa.array(arr, type=pa.string())
    if arr.type != pa.string():
        arr = pc.cast(arr, pa.string())
    return arr


def missing_mask(arr: pa.Array) -> pa.Array:
    """True where the input is null or blank (only whitespace); never null itself."""
    blank = pc.equal(pc.utf8_trim_whitespace(arr), pa.scalar(""))
    return pc.or_kleene(pc.is_null(arr), blank).fill_null(True)


def strip_chars(arr: pa.Array, pattern: str = r"\s+") -> pa.Array:
    """Remove every match of ``pattern`` (RE2 syntax)."""
    return pc.replace_substring_regex(arr, pattern, "")


def finish(missing: pa.Array, valid: pa.Array, normalised: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Apply the shared null/validity contract described in the module docstring."""
    valid_filled = pc.fill_null(valid, pa.scalar(False))
    null_bool = pa.nulls(len(missing), pa.bool_())
    validity = pc.if_else(missing, null_bool, valid_filled)
    keep = pc.fill_null(validity, pa.scalar(False))
    out = pc.if_else(keep, normalised, pa.nulls(len(missing), normalised.type))
    return out, validity


def map_distinct(arr: pa.Array, fn: Callable[[str], str | None]) -> pa.Array:
    """Apply a scalar string function once per distinct value and broadcast the results back."""
    uniques = pc.unique(arr).drop_null()
    mapped = pa.array([fn(str(v)) for v in uniques.to_pylist()], type=pa.string())
    idx = pc.index_in(arr, value_set=uniques)
    return pc.take(mapped, idx)


def digit_at(arr: pa.Array, i: int) -> pa.Array:
    """Integer value of the ``i``-th character; ``arr`` must only hold digit strings at that position."""
    return pc.cast(pc.utf8_slice_codeunits(arr, i, i + 1), pa.int64())


def safe_digits(arr: pa.Array, ok: pa.Array, filler: str) -> pa.Array:
    """Replace rows that are not ``ok`` by ``filler`` so a following integer cast cannot fail."""
    return pc.if_else(pc.fill_null(ok, pa.scalar(False)), arr, pa.scalar(filler))


def int_mod(values: pa.Array, m: int) -> pa.Array:
    """Remainder of non-negative integers by ``m`` (integer division in Arrow truncates)."""
    divisor = pa.scalar(m, pa.int64())
    return pc.subtract(values, pc.multiply(pc.divide(values, divisor), divisor))


def join(*parts: pa.Array | str, sep: str = "") -> pa.Array:
    """Element-wise string concatenation (null if any part is null); ``str`` parts are broadcast."""
    kernel: Any = pc.binary_join_element_wise
    return cast(pa.Array, kernel(*parts, sep))
