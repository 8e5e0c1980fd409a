"""Generalisation of quasi-identifiers over Arrow arrays (ages, age bands, postcode sectors, time parts).

All functions are vectorised with :mod:`pyarrow.compute` and null-safe: a null input gives a null
output. Timestamps with a time zone are read in that zone (so ``hour_of_day`` is local time).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any, TypeAlias, cast

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers import postcode

MAX_AGE = 120
DEFAULT_BANDS: tuple[int, ...] = (0, 10, 18, 25, 35, 45, 55, 65)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ArrayLike: TypeAlias = pa.Array | pa.ChunkedArray


def _array(arr: ArrayLike) -> Any:
    """One contiguous array, typed ``Any``: pyarrow-stubs type the temporal kernels per concrete
    array class (``TimestampArray``, ``Date32Array``...) while callers may pass any of them."""
    if isinstance(arr, pa.ChunkedArray):
        return arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr


def age_at(dob: ArrayLike, at: ArrayLike) -> tuple[pa.Array, pa.Array]:
    """Completed years between ``dob`` (date32) and ``at`` (date or timestamp), plus an invalid mask.

    Returns ``(ages, invalid)``: ``ages`` is int32, null where either input is null or the age is
    negative or above 120; ``invalid`` is True exactly where both inputs were present but the age was
    out of range (a data-quality finding, e.g. an event before birth).
    """
    dob_arr, at_arr = _array(dob), _array(at)
    if len(dob_arr) != len(at_arr):
        raise ValueError("dob and at must have the same length")
    years = pc.subtract(pc.year(at_arr), pc.year(dob_arr))
    before_birthday = pc.or_(
        pc.less(pc.month(at_arr), pc.month(dob_arr)),
        pc.and_(pc.equal(pc.month(at_arr), pc.month(dob_arr)), pc.less(pc.day(at_arr), pc.day(dob_arr))),
    )
    ages = pc.subtract(years, pc.cast(before_birthday, pa.int64()))
    out_of_range = pc.or_(pc.less(ages, pa.scalar(0)), pc.greater(ages, pa.scalar(MAX_AGE)))
    invalid = out_of_range.fill_null(False)
    ages = pc.if_else(invalid, pa.nulls(len(dob_arr), pa.int64()), ages)
    return pc.cast(ages, pa.int32()), invalid


def band_labels(bands: Sequence[int]) -> list[str]:
    """Labels for ascending lower bounds: ``(0, 10, 18)`` → ``["0-9", "10-17", "18+"]``."""
    if not bands or list(bands) != sorted(set(bands)) or bands[0] < 0:
        raise ValueError("bands must be a non-empty, strictly ascending list of non-negative lower bounds")
    labels = [f"{lo}-{hi - 1}" if hi - 1 > lo else str(lo) for lo, hi in pairwise(bands)]
    return [*labels, f"{bands[-1]}+"]


def age_band(ages: ArrayLike, bands: Sequence[int] = DEFAULT_BANDS) -> pa.Array:
    """Age band label per age; null for null ages or ages below the first lower bound."""
    arr = pc.cast(_array(ages), pa.int64())
    labels = pa.array(band_labels(bands), type=pa.string())
    # Count the lower bounds each age reaches: 1 → first band; 0 → below every band (null).
    reached = pc.cast(pc.greater_equal(arr, pa.scalar(bands[0])), pa.int64())
    for bound in bands[1:]:
        reached = pc.add(reached, pc.cast(pc.greater_equal(arr, pa.scalar(bound)), pa.int64()))
    index = pc.subtract(reached, pa.scalar(1, pa.int64()))
    index = pc.if_else(pc.less(index, pa.scalar(0)), pa.nulls(len(arr), pa.int64()), index)
    return pc.take(labels, cast(pa.Array, index))


def postcode_sector(arr: ArrayLike) -> pa.Array:
    """Postcode sector (``B15 2TT`` → ``B15 2``); null for missing or invalid postcodes."""
    return postcode.sector(arr)


def hour_of_day(ts: ArrayLike) -> pa.Array:
    """Hour 0-23 of each timestamp (int8)."""
    return cast(pa.Array, pc.cast(pc.hour(_array(ts)), pa.int8()))


def weekday(ts: ArrayLike) -> pa.Array:
    """English weekday name (``Monday`` ... ``Sunday``) of each date or timestamp."""
    names = pa.array(WEEKDAYS, type=pa.string())
    return pc.take(names, cast(pa.Array, pc.day_of_week(_array(ts))))


def month(ts: ArrayLike) -> pa.Array:
    """``YYYY-MM`` of each date or timestamp."""
    arr = _array(ts)
    year = pc.cast(pc.year(arr), pa.string())
    mon = pc.utf8_lpad(pc.cast(pc.month(arr), pa.string()), 2, "0")
    return cast(pa.Array, pc.binary_join_element_wise(year, mon, "-"))
