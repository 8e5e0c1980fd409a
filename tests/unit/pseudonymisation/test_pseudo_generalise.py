"""Generalisation of dates of birth, ages, postcodes and timestamps."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from pseudonymisation import generalise as g


def test_age_at_completed_years_and_invalid_mask():
    """Guards completed-years ages (birthdays, leap days), null safety and the out-of-range mask."""
    dob = pa.array(
        [
            dt.date(2000, 2, 29),
            dt.date(1990, 6, 15),
            dt.date(1990, 6, 15),
            None,
            dt.date(2030, 1, 1),
            dt.date(1850, 1, 1),
        ],
        pa.date32(),
    )
    at = pa.array(
        [
            dt.datetime(2021, 2, 28, 23),
            dt.datetime(2024, 6, 15),
            dt.datetime(2024, 6, 14),
            dt.datetime(2024, 1, 1),
            dt.datetime(2024, 1, 1),
            dt.datetime(2024, 1, 1),
        ],
        pa.timestamp("s"),
    )
    ages, invalid = g.age_at(dob, at)
    assert ages.to_pylist() == [20, 34, 33, None, None, None]
    assert invalid.to_pylist() == [False, False, False, False, True, True]


def test_age_at_accepts_dates():
    """Guards that the event date may be a date32 column as well as a timestamp."""
    ages, _ = g.age_at(pa.array([dt.date(2001, 1, 1)]), pa.array([dt.date(2019, 1, 1)]))
    assert ages.to_pylist() == [18]


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-9"),
        (9, "0-9"),
        (10, "10-17"),
        (17, "10-17"),
        (18, "18-24"),
        (24, "18-24"),
        (25, "25-34"),
        (44, "35-44"),
        (54, "45-54"),
        (64, "55-64"),
        (65, "65+"),
        (120, "65+"),
        (None, None),
        (-1, None),
    ],
)
def test_default_age_bands(age, band):
    """Guards the default band boundaries used by board outputs."""
    assert g.age_band(pa.array([age], pa.int32())).to_pylist() == [band]


def test_custom_bands_and_bad_bands():
    """Guards configurable lower bounds and the error for unsorted bounds."""
    assert g.age_band(pa.array([5, 16, 40]), bands=[0, 16, 65]).to_pylist() == ["0-15", "16-64", "16-64"]
    with pytest.raises(ValueError, match="ascending"):
        g.age_band(pa.array([1]), bands=[18, 10])


def test_time_parts_and_sector():
    """Guards hour, weekday name, YYYY-MM month and postcode sector outputs (nulls kept)."""
    ts = pa.array([dt.datetime(2024, 3, 3, 23, 59), None], pa.timestamp("us"))
    assert g.hour_of_day(ts).to_pylist() == [23, None]
    assert g.weekday(ts).to_pylist() == ["Sunday", None]
    assert g.month(ts).to_pylist() == ["2024-03", None]
    assert g.weekday(pa.array([dt.date(2024, 3, 4)])).to_pylist() == ["Monday"]
    assert g.postcode_sector(pa.array(["b15 2tt", "nope"])).to_pylist() == ["B15 2", None]
