"""The reporting month a synthetic extract covers, and vectorised sampling of event times inside it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        m = _MONTH.match(text)
        if not m:
            raise ValueError(f"month must look like YYYY-MM, got {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def compact(self) -> str:
        return f"{self.year:04d}{self.month:02d}"

    @property
    def start(self) -> np.datetime64:
        return np.datetime64(self.label, "D")

    @property
    def end(self) -> np.datetime64:
        """First day after the month."""
        return (np.datetime64(self.label, "M") + 1).astype("datetime64[D]")

    @property
    def days(self) -> int:
        return int((self.end - self.start).astype(int))

    @property
    def mid(self) -> np.datetime64:
        return self.start + np.timedelta64(self.days // 2, "D")

    @property
    def last_second(self) -> np.datetime64:
        return self.end.astype("datetime64[s]") - np.timedelta64(1, "s")

    def delivery(self, latency_days: int) -> np.datetime64:
        """The day the extract is produced, after the month."""
        return self.end + np.timedelta64(latency_days, "D")

    def sample_days(self, rng: np.random.Generator, n: int, weekday_weights: tuple[float, ...]) -> np.ndarray:
        """Days in the month (datetime64[D]) weighted by weekday (Monday first)."""
        days = self.start + np.arange(self.days).astype("timedelta64[D]")
        weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
        w = np.asarray(weekday_weights, dtype=float)[weekday]
        return days[rng.choice(len(days), n, p=w / w.sum())]

    def sample_times(
        self,
        rng: np.random.Generator,
        n: int,
        hours: tuple[float, ...],
        weekdays: tuple[float, ...],
        *,
        weekend_hours: tuple[float, ...] | None = None,
        seconds: bool = False,
    ) -> np.ndarray:
        """Event times (datetime64[s]) in the month with the given hour-of-day and weekday profiles."""
        days = self.sample_days(rng, n, weekdays)
        hour = rng.choice(24, n, p=np.asarray(hours) / np.sum(hours))
        if weekend_hours is not None:
            weekend = weekday(days) >= 5
            hour[weekend] = rng.choice(24, int(weekend.sum()), p=np.asarray(weekend_hours) / np.sum(weekend_hours))
        minute = rng.integers(0, 60, n)
        sec = rng.integers(0, 60, n) if seconds else np.zeros(n, dtype=np.int64)
        return days.astype("datetime64[s]") + (hour * 3600 + minute * 60 + sec).astype("timedelta64[s]")


def weekday(t: np.ndarray) -> np.ndarray:
    """Monday=0 .. Sunday=6 for datetime64 arrays."""
    return (t.astype("datetime64[D]").astype(np.int64) + 3) % 7


def hour(t: np.ndarray) -> np.ndarray:
    return (t.astype("datetime64[s]").astype(np.int64) // 3600) % 24
