"""The shared synthetic population of Birmingham residents, and the people each month plants across feeds.

One :class:`Population` (seeded, ~60,000 people) serves every feed, so the same person can be a police
victim, a homelessness applicant and an ASB complainant. :meth:`Population.cohort` fixes, for a month
and seed, the ordered lists feeds draw shared people from: domestic-abuse victims (with their abusers)
and known offenders. Every feed takes its shared people from the *head* of these lists, so any two
feeds generated for the same month and seed overlap, whichever row counts they use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from csphub.generator import geography, ids, names
from csphub.generator.calendar import Month
from csphub.generator.params import DA_HOTSPOTS

POPULATION_SIZE = 60_000
REFERENCE_DAY = np.datetime64("2026-07-01")  # ages below are ages on this day
PNC_SHARE = 0.03
_ETH_CSV = "ethnicity_18plus1"

#: ward affinity multipliers by ethnicity group (Birmingham's uneven settlement pattern; indicative)
_AFFINITY: dict[str, dict[str, float]] = {
    "asian": {"Alum Rock": 4, "Bordesley Green": 4, "Sparkbrook & Balsall Heath East": 4, "Sparkhill": 4,
              "Small Heath": 4, "Ward End": 3, "Lozells": 3, "Heartlands": 3, "Handsworth": 2.5,
              "Balsall Heath West": 3, "Hall Green North": 2.5, "Aston": 2.5, "Moseley": 1.5},
    "black": {"Handsworth": 3, "Lozells": 3, "Aston": 2.5, "Newtown": 2.5, "Soho & Jewellery Quarter": 2.5,
              "Nechells": 2.5, "Birchfield": 3, "Holyhead": 3, "Ladywood": 2, "Kingstanding": 1.5},
    "white": {"Sutton Four Oaks": 3, "Sutton Mere Green": 3, "Sutton Reddicap": 3, "Sutton Roughley": 3,
              "Sutton Trinity": 3, "Sutton Vesey": 3, "Sutton Walmley & Minworth": 3, "Sutton Wylde Green": 3,
              "Northfield": 2, "Longbridge & West Heath": 2, "Castle Vale": 2, "Rubery & Rednal": 2,
              "Frankley Great Park": 2, "Kingstanding": 1.5, "Shard End": 1.8, "Bartley Green": 1.8},
}  # fmt: skip
_ASIAN_LOW = ("Sutton", "Northfield", "Longbridge", "Rubery", "Frankley", "Castle Vale")

#: single-year age weights 0..100 (young city: ~25% under 18, ~13% 65+)
_AGE_WEIGHTS = np.concatenate([
    np.full(18, 1.38), np.full(12, 1.55), np.full(15, 1.40), np.full(20, 1.08), np.full(15, 0.68),
    np.linspace(0.6, 0.02, 21),
])  # fmt: skip


def ethnicity_shares() -> tuple[np.ndarray, np.ndarray]:
    """(codes, population shares) of the 18+1 list, excluding 'not stated'."""
    import csv

    with (geography.REFERENCE_DIR / f"{_ETH_CSV}.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["code"] != "NS"]
    shares = np.array([float(r["birmingham_share_pct"]) for r in rows])
    return np.array([r["code"] for r in rows], dtype=object), shares / shares.sum()


def _month_day(d: np.ndarray) -> np.ndarray:
    """month * 32 + day, for comparing anniversaries."""
    month = d.astype("datetime64[M]").astype(int) % 12
    day = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(int)
    return month * 32 + day


def _group(code: str) -> str:
    return {"A": "asian", "B": "black", "W": "white"}.get(code[0], "other")


@dataclass(frozen=True)
class Cohort:
    """Who is shared across feeds in one month (indexes into the population, head first)."""

    da_victims: np.ndarray
    da_abusers: np.ndarray  # the abuser of each victim, same order
    da_repeats: np.ndarray  # police-recorded DA crimes per victim in the month (>= 1)
    offenders: np.ndarray  # PNC holders aged 18-75, head shared by police accused and probation


class Population:
    """Synthetic residents: identity, demographics, identifiers and home address, as numpy columns."""

    def __init__(self, seed: int = 2025, size: int = POPULATION_SIZE) -> None:
        self.seed = seed
        self.size = size
        rng = np.random.default_rng([seed, 1])
        geo = geography.load()
        n = size
        self.person_id = np.array([f"P{i:06d}" for i in range(n)], dtype=object)
        self.female = rng.random(n) < 0.505
        ages = rng.choice(len(_AGE_WEIGHTS), n, p=_AGE_WEIGHTS / _AGE_WEIGHTS.sum())
        self.dob = REFERENCE_DAY - (ages * 365.25 + rng.integers(0, 365, n)).astype("timedelta64[D]")
        codes, shares = ethnicity_shares()
        self.ethnicity = codes[rng.choice(len(codes), n, p=shares)]
        self._names(rng)
        # home address: ward chosen by population and ethnic affinity
        self.ward = np.empty(n, dtype=np.int64)
        for group in ("asian", "black", "white", "other"):
            members = np.flatnonzero([_group(c) == group for c in self.ethnicity])
            w = geo.ward_population.copy()
            for name, m in _AFFINITY.get(group, {}).items():
                w[geo.ward_index(name)] *= m
            if group == "asian":
                for i, name in enumerate(geo.ward_name):
                    if name.startswith(_ASIAN_LOW):
                        w[i] *= 0.15
            self.ward[members] = rng.choice(len(w), len(members), p=w / w.sum())
        self.postcode_idx = geo.postcodes_in(rng, self.ward)
        self.postcode = geo.pc_code[self.postcode_idx]
        self.street = geo.streets(rng, self.ward)
        house = rng.integers(1, 260, n)
        flat = rng.random(n) < 0.18
        flat_no = rng.integers(1, 40, n)
        self.address = np.array(
            [
                f"Flat {f}, {h} {s}" if fl else f"{h} {s}"
                for f, h, s, fl in zip(flat_no, house, self.street, flat, strict=True)
            ],
            dtype=object,
        )
        self.uprn = np.array([str(u) for u in rng.choice(89_000_000, n, replace=False) + 100_010_000_000], dtype=object)
        self.nhs = ids.nhs_numbers(rng, n)
        adult = ages >= 16
        self.nino = ids.nino_numbers(rng, n)
        self.nino[~adult] = None
        self.phone = ids.phone_numbers(rng, n)
        self.phone[ages < 12] = None
        # PNC: ~3%, aged 14+, mostly male
        eligible = np.flatnonzero(ages >= 14)
        w = np.where(self.female[eligible], 0.25, 1.0) * np.where(ages[eligible] < 60, 1.0, 0.3)
        holders = rng.choice(eligible, int(n * PNC_SHARE), replace=False, p=w / w.sum())
        birth_year = self.dob.astype("datetime64[Y]").astype(int) + 1970
        first = np.minimum(birth_year[holders] + 14 + rng.integers(0, 15, len(holders)), 2025)
        self.pnc = np.full(n, None, dtype=object)
        self.pnc[holders] = ids.pnc_ids(rng, first)
        self.pnc_holders = np.sort(holders)
        self._cohorts: dict[tuple[str, int], Cohort] = {}

    def _names(self, rng: np.random.Generator) -> None:
        n = self.size
        self.forename = np.empty(n, dtype=object)
        self.middle = np.full(n, None, dtype=object)
        self.surname = np.empty(n, dtype=object)
        u = rng.random((n, 4))
        for i in range(n):
            traditions = names.ETHNICITY_TRADITIONS[self.ethnicity[i]]
            t_sur = names.TRADITIONS[traditions[0]]
            t_fore = names.TRADITIONS[traditions[int(u[i, 0] * len(traditions))]]
            pool = t_fore[1] if self.female[i] else t_fore[0]
            self.forename[i] = pool[int(u[i, 1] * len(pool))]
            surnames = t_sur[2]
            self.surname[i] = surnames[int(u[i, 2] * len(surnames))]
            if u[i, 3] < 0.35:
                mid = pool[int((u[i, 3] / 0.35) * len(pool))]
                self.middle[i] = mid if mid != self.forename[i] else None
        # Sikh naming: Kaur for women, Singh for men, when the surname drawn was the other one
        kaur = (self.surname == "Kaur") & ~self.female
        singh = (self.surname == "Singh") & self.female
        self.surname[kaur] = "Singh"
        self.surname[singh] = "Kaur"

    # -- selection ---------------------------------------------------------------------------------
    @cached_property
    def _by_gender_dob(self) -> tuple[np.ndarray, np.ndarray]:
        key = self.female.astype(np.int64) * 1_000_000 + self.dob.astype(np.int64)
        order = np.argsort(key, kind="stable")
        return order, key[order]

    @cached_property
    def _holders_by_gender_dob(self) -> tuple[np.ndarray, np.ndarray]:
        h = self.pnc_holders
        key = self.female[h].astype(np.int64) * 1_000_000 + self.dob[h].astype(np.int64)
        order = np.argsort(key, kind="stable")
        return h[order], key[order]

    def pick(
        self,
        rng: np.random.Generator,
        female: np.ndarray,
        age: np.ndarray,
        at: np.datetime64,
        *,
        pnc_only: bool = False,
        window: int = 2,
    ) -> np.ndarray:
        """One person per row with the given gender and (approximate) age in years at ``at``."""
        order, keys = self._holders_by_gender_dob if pnc_only else self._by_gender_dob
        at_day = at.astype("datetime64[D]").astype(np.int64)
        g = female.astype(np.int64) * 1_000_000
        out = np.empty(len(age), dtype=np.int64)
        todo = np.arange(len(age))
        for w in (window, window * 3, 40, 120):
            young = at_day - ((age[todo] - w) * 365.25).astype(np.int64)
            old = at_day - ((age[todo] + w + 1) * 365.25).astype(np.int64)
            lo = np.searchsorted(keys, g[todo] + old, "left")
            hi = np.searchsorted(keys, g[todo] + young, "right")
            ok = hi > lo
            chosen = lo[ok] + (rng.random(ok.sum()) * (hi[ok] - lo[ok])).astype(np.int64)
            out[todo[ok]] = order[chosen]
            todo = todo[~ok]
            if not len(todo):
                break
        if len(todo):  # nobody of that gender at all within 120 years: any person
            out[todo] = order[rng.integers(0, len(order), len(todo))]
        return out

    @cached_property
    def _by_ward(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        order = np.argsort(self.ward, kind="stable")
        counts = np.bincount(self.ward, minlength=int(self.ward.max()) + 1)
        return order, np.concatenate([[0], np.cumsum(counts)[:-1]]), counts

    def residents(
        self, rng: np.random.Generator, wards: np.ndarray, at: np.datetime64, min_age: int = 16, max_age: int = 95
    ) -> np.ndarray:
        """A resident of each given ward aged within [min_age, max_age] at ``at``."""
        order, start, counts = self._by_ward
        out = np.full(len(wards), -1, dtype=np.int64)
        todo = np.arange(len(wards))
        for _ in range(12):
            w = wards[todo]
            cand = order[start[w] + (rng.random(len(todo)) * counts[w]).astype(np.int64)]
            age = self.age_at(cand, at)
            ok = (age >= min_age) & (age <= max_age)
            out[todo[ok]] = cand[ok]
            todo = todo[~ok]
            if not len(todo):
                return out
        ages = np.full(len(todo), (min_age + max_age) // 2)
        out[todo] = self.pick(
            rng, rng.random(len(todo)) < 0.5, np.minimum(ages, 45), at, window=min(10, (max_age - min_age) // 2)
        )
        return out

    def age_at(self, idx: np.ndarray, at: np.ndarray | np.datetime64) -> np.ndarray:
        """Completed years at ``at`` (date or datetime) for the given people."""
        dob = self.dob[idx]
        at_d = np.asarray(at).astype("datetime64[D]")
        years = at_d.astype("datetime64[Y]").astype(int) - dob.astype("datetime64[Y]").astype(int)
        before = _month_day(at_d) < _month_day(dob)
        return years - before.astype(int)

    # -- the month's shared people -----------------------------------------------------------------
    def cohort(self, month: Month, seed: int) -> Cohort:
        key = (month.label, seed)
        if key not in self._cohorts:
            self._cohorts[key] = self._make_cohort(month, seed)
        return self._cohorts[key]

    def _make_cohort(self, month: Month, seed: int) -> Cohort:
        rng = np.random.default_rng([seed, month.year, month.month, 7])
        geo = geography.load()
        age = self.age_at(np.arange(self.size), month.mid)
        ward_w = geo.weights(DA_HOTSPOTS)[self.ward]
        n_victims = 4000
        victims = []
        for is_female, share in ((True, 0.73), (False, 0.27)):
            cand = np.flatnonzero((self.female == is_female) & (age >= 17) & (age <= 64))
            w = ward_w[cand] * np.exp(-(((age[cand] - 32) / 11.0) ** 2))
            victims.append(rng.choice(cand, int(n_victims * share), replace=False, p=w / w.sum()))
        da_victims = np.concatenate(victims)[rng.permutation(n_victims)]
        v_female = self.female[da_victims]
        abuser_female = np.where(v_female, rng.random(n_victims) < 0.05, rng.random(n_victims) < 0.8)
        abuser_age = np.clip(age[da_victims] + rng.normal(2, 4, n_victims).round().astype(int), 17, 80)
        abusers = self.pick(rng, abuser_female, abuser_age, month.mid)
        with_pnc = rng.random(n_victims) < 0.35
        if with_pnc.any():
            abusers[with_pnc] = self.pick(
                rng, abuser_female[with_pnc], abuser_age[with_pnc], month.mid, pnc_only=True, window=6
            )
        clash = abusers == da_victims
        abusers[clash] = self.pick(rng, ~v_female[clash], age[da_victims[clash]], month.mid)
        repeats = np.minimum(rng.geometric(0.72, n_victims), 5)
        holders = self.pnc_holders
        h_age = age[holders]
        offenders = rng.permutation(holders[(h_age >= 18) & (h_age <= 75)])
        return Cohort(da_victims=da_victims, da_abusers=abusers, da_repeats=repeats, offenders=offenders)
