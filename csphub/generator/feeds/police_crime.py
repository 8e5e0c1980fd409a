"""West Midlands Police recorded crime: offence mix, DA and VAWG flags, weapons, times, places,
victims and accused drawn from the seeds' proportions; DA victims and known offenders come from the
month's shared cohort so they reappear in council and probation extracts.
"""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params, variants
from csphub.generator.base import FeedContext, Frame
from csphub.generator.calendar import hour, weekday
from csphub.generator.feeds._common import (
    categorical,
    dobs,
    drop_out_of_range,
    gender_of,
    lookup,
    masked,
    normal_ages,
    person_names,
    reorder,
    take,
)
from csphub.generator.freetext import TextWriter
from csphub.generator.population import ethnicity_shares

_VIOLENT = (*params.VAP_CLASSES, *params.SEXUAL_CLASSES, "ROBBERY", "PUBLIC_ORDER")
_LOCATIONS: dict[str, dict[str, float]] = {
    "DA": {"RESIDENTIAL": 0.92, "STREET": 0.05, "OTHER": 0.03},
    "SHOPLIFTING": {"SHOP": 1.0},
    "BURGLARY": {"RESIDENTIAL": 0.74, "OTHER": 0.22, "SHOP": 0.04},
    "VEHICLE_CRIME": {"STREET": 0.78, "OTHER": 0.18, "RESIDENTIAL": 0.04},
    "ROBBERY": {"STREET": 0.68, "SHOP": 0.13, "PUBLIC_TRANSPORT": 0.09, "OPEN_SPACE": 0.06, "OTHER": 0.04},
    "RAPE": {"RESIDENTIAL": 0.55, "HOTEL": 0.07, "STREET": 0.10, "OPEN_SPACE": 0.08, "LICENSED_PREMISES": 0.05, "OTHER": 0.15},
    "OTHER_SEXUAL": {"RESIDENTIAL": 0.40, "STREET": 0.16, "EDUCATION": 0.08, "PUBLIC_TRANSPORT": 0.07,
                     "LICENSED_PREMISES": 0.07, "HOTEL": 0.04, "SHOP": 0.05, "OPEN_SPACE": 0.05, "OTHER": 0.08},
    "VIOLENCE": {"RESIDENTIAL": 0.34, "STREET": 0.30, "LICENSED_PREMISES": 0.08, "SHOP": 0.07, "PUBLIC_TRANSPORT": 0.05,
                 "EDUCATION": 0.05, "HEALTH": 0.03, "OPEN_SPACE": 0.04, "OTHER": 0.03, "UNKNOWN": 0.01},
    "DEFAULT": {"STREET": 0.35, "RESIDENTIAL": 0.30, "SHOP": 0.08, "OPEN_SPACE": 0.07, "OTHER": 0.18, "UNKNOWN": 0.02},
}  # fmt: skip
#: offence groups whose MO template names the suspect (DA always does)
_SUSPECT_QUOTED = ("VIOLENCE_WITH_INJURY", "VIOLENCE_WITHOUT_INJURY", "HOMICIDE", "STALKING_HARASSMENT", "RAPE",
                   "OTHER_SEXUAL", "SHOPLIFTING")  # fmt: skip
_OUTCOME_KNOWN = {"CHARGED": 0.24, "CAUTION": 0.04, "COMMUNITY_RESOLUTION": 0.06, "NFA_EVIDENTIAL_DIFFICULTIES": 0.22,
                  "VICTIM_DOES_NOT_SUPPORT": 0.24, "UNDER_INVESTIGATION": 0.18, "OTHER": 0.02}  # fmt: skip
_OUTCOME_UNKNOWN = {"SUSPECT_NOT_IDENTIFIED": 0.72, "UNDER_INVESTIGATION": 0.2, "NFA_EVIDENTIAL_DIFFICULTIES": 0.08}


class CrimeRecords:
    partner = "police"
    feed = "crime_records"

    def file_name(self, ctx: FeedContext) -> str:
        return f"wmp_crime_{ctx.month.compact}.csv"

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        geo = geography.load()
        cohort = pop.cohort(month, ctx.seed)
        cls = categorical(rng, params.OFFENCE_CLASS_SHARE, n)
        code = np.empty(n, dtype=object)
        for c, codes in params.OFFENCE_CODES.items():
            m = cls == c
            if m.any():
                code[m] = categorical(rng, codes, int(m.sum()))
        da = rng.random(n) < lookup(cls, params.DA_RATE, 0.0)

        # victims: DA victims from the shared cohort (head first, with repeats); others by class profile
        victim = np.full(n, -1, dtype=np.int64)
        abuser = np.full(n, -1, dtype=np.int64)
        da_rows = np.flatnonzero(da)
        if len(da_rows):
            k = int(np.searchsorted(np.cumsum(cohort.da_repeats), len(da_rows))) + 1
            v = np.repeat(cohort.da_victims[:k], cohort.da_repeats[:k])[: len(da_rows)]
            a = np.repeat(cohort.da_abusers[:k], cohort.da_repeats[:k])[: len(da_rows)]
            extra = len(da_rows) - len(v)
            if extra > 0:  # more DA crimes than the cohort holds (very large extracts): other residents
                f = rng.random(extra) < params.VICTIM_FEMALE_DA
                mean, sd, lo = params.VICTIM_AGE_DA
                ages = normal_ages(rng, extra, mean, sd, lo, 80)
                v = np.concatenate([v, pop.pick(rng, f, ages, month.mid)])
                a = np.concatenate([a, pop.pick(rng, ~f, ages + 2, month.mid)])
            shuffle = rng.permutation(len(da_rows))
            victim[da_rows], abuser[da_rows] = v[shuffle], a[shuffle]
        has_victim = ~np.isin(cls, params.NO_PERSON_VICTIM) & ~da
        p_female = lookup(cls, params.VICTIM_FEMALE, params.VICTIM_FEMALE_DEFAULT)
        v_female = rng.random(n) < p_female
        v_age = np.zeros(n, dtype=np.int64)
        for c in np.unique(cls):
            m = cls == c
            mean, sd, lo = params.VICTIM_AGE.get(str(c), params.VICTIM_AGE_DEFAULT)
            v_age[m] = normal_ages(rng, int(m.sum()), mean, sd, lo)
        robbery_teen = (cls == "ROBBERY") & (rng.random(n) < 0.4)
        v_age[robbery_teen] = rng.integers(14, 19, int(robbery_teen.sum()))
        rows = np.flatnonzero(has_victim)
        victim[rows] = pop.pick(rng, v_female[rows], v_age[rows], month.mid)
        female_victim = np.where(victim >= 0, pop.female[np.maximum(victim, 0)], False)

        # when
        committed = np.empty(n, dtype="datetime64[s]")
        vap_or_sex = np.isin(cls, (*params.VAP_CLASSES, *params.SEXUAL_CLASSES))
        groups = [
            (da, params.HOURS_DA, params.DAYS_DA, None),
            (~da & (cls == "VIOLENCE_WITH_INJURY"), params.HOURS_VWI, params.DAYS_VIOLENCE, None),
            (~da & vap_or_sex & female_victim & (cls != "VIOLENCE_WITH_INJURY"), params.HOURS_VAWG_WEEKDAY,
             params.DAYS_VIOLENCE, params.HOURS_VAWG_WEEKEND),
            (~da & np.isin(cls, _VIOLENT) & ~(vap_or_sex & female_victim) & (cls != "VIOLENCE_WITH_INJURY"),
             params.HOURS_VAP, params.DAYS_VIOLENCE, None),
        ]  # fmt: skip
        assigned = np.zeros(n, dtype=bool)
        for mask, hours, days, weekend in groups:
            m = mask & ~assigned
            committed[m] = month.sample_times(rng, int(m.sum()), hours, days, weekend_hours=weekend)
            assigned |= m
        committed[~assigned] = month.sample_times(
            rng, int((~assigned).sum()), params.HOURS_ACQUISITIVE, params.DAYS_FLAT
        )
        lag = (rng.exponential(1.0, n) * np.where(da, 30, 8) * 3600).astype("timedelta64[s]")
        recorded = np.minimum(committed + np.timedelta64(20, "m") + lag, month.last_second)
        recorded = np.maximum(recorded, committed)

        # where
        hr, wd = hour(committed), weekday(committed)
        nte_time = np.isin(hr, params.NTE_HOURS) & ((wd >= 4) | (hr <= 5))
        weights = geo.weights(params.CRIME_HOTSPOTS)
        nte_weights = geo.weights({**params.CRIME_HOTSPOTS, **{w: 25.0 for w in params.NTE_WARDS}})
        ward = np.empty(n, dtype=np.int64)
        pc_idx = np.empty(n, dtype=np.int64)
        violent = np.isin(cls, _VIOLENT)
        for mask, w in ((nte_time & violent, nte_weights), (~(nte_time & violent), weights)):
            ward[mask], pc_idx[mask] = geo.sample(rng, int(mask.sum()), w)
        at_home = da & (rng.random(n) < 0.92)
        ward[at_home], pc_idx[at_home] = pop.ward[victim[at_home]], pop.postcode_idx[victim[at_home]]
        loc = np.empty(n, dtype=object)
        for key in ("SHOPLIFTING", "BURGLARY", "VEHICLE_CRIME", "ROBBERY", "RAPE", "OTHER_SEXUAL"):
            m = (cls == key) & ~da
            loc[m] = categorical(rng, _LOCATIONS[key], int(m.sum()))
        m = np.isin(cls, params.VAP_CLASSES) & ~da
        loc[m] = categorical(rng, _LOCATIONS["VIOLENCE"], int(m.sum()))
        loc[da] = categorical(rng, _LOCATIONS["DA"], int(da.sum()))
        loc[at_home] = "RESIDENTIAL"
        rest = np.array([v is None for v in loc])
        loc[rest] = categorical(rng, _LOCATIONS["DEFAULT"], int(rest.sum()))
        nte_venue = nte_time & violent & np.isin(geo.ward_name[ward], params.NTE_WARDS) & ~da & (rng.random(n) < 0.45)
        loc[nte_venue] = "LICENSED_PREMISES"
        postcode = geo.pc_code[pc_idx].astype(object)
        postcode[rng.random(n) < 0.06] = None

        # weapons and flags
        weapon = np.full(n, "NONE", dtype=object)
        rate = lookup(cls, params.WEAPON_RATE, 0.0)
        armed = rng.random(n) < rate
        for c in np.unique(cls[armed]):
            m = armed & (cls == c)
            mix = params.WEAPON_MIX.get(str(c), params.DEFAULT_WEAPON_MIX)
            weapon[m] = categorical(rng, dict(zip(("BLADED", "FIREARM", "OTHER"), mix, strict=True)), int(m.sum()))
        nte = nte_time & violent & (np.isin(geo.ward_name[ward], params.NTE_WARDS) | (loc == "LICENSED_PREMISES"))
        alcohol = violent & (
            rng.random(n) < np.where(np.isin(hr, params.NTE_HOURS), params.ALCOHOL_RATE_NTE, params.ALCOHOL_RATE_DAY)
        )
        alcohol |= nte & (rng.random(n) < 0.5)
        hate = rng.random(n) < lookup(cls, params.HATE_RATE, params.HATE_RATE_DEFAULT)
        victim = drop_out_of_range(pop, victim, committed, 0, 105)
        female_victim = np.where(victim >= 0, pop.female[np.maximum(victim, 0)], False)
        vawg = vap_or_sex & female_victim

        # accused
        p_ident = lookup(cls, params.ACCUSED_IDENTIFIED, params.ACCUSED_IDENTIFIED_DEFAULT)
        identified = rng.random(n) < np.where(da, 0.88, p_ident)
        accused = np.where(da & identified, abuser, -1)
        others = np.flatnonzero(identified & ~da)
        a_male = rng.random(len(others)) < lookup(cls[others], params.ACCUSED_MALE, params.ACCUSED_MALE_DEFAULT)
        a_age = np.zeros(len(others), dtype=np.int64)
        for c in np.unique(cls[others]):
            m = cls[others] == c
            mean, sd, lo = params.ACCUSED_AGE.get(str(c), params.ACCUSED_AGE_DEFAULT)
            a_age[m] = normal_ages(rng, int(m.sum()), mean, sd, lo, 80)
        with_pnc = rng.random(len(others)) < params.ACCUSED_WITH_PNC
        chosen = np.empty(len(others), dtype=np.int64)
        pnc_rows = np.flatnonzero(with_pnc)
        head = min(len(pnc_rows) // 2, len(cohort.offenders))
        chosen[pnc_rows[:head]] = cohort.offenders[:head]
        rest_rows = pnc_rows[head:]
        chosen[rest_rows] = pop.pick(rng, ~a_male[rest_rows], a_age[rest_rows], month.mid, pnc_only=True, window=4)
        plain = np.flatnonzero(~with_pnc)
        chosen[plain] = self._skewed_pick(ctx, ~a_male[plain], a_age[plain])
        accused[others] = chosen
        accused = drop_out_of_range(pop, accused, committed, 10, 100)
        accused[accused == victim] = -1
        has_accused = accused >= 0
        outcome = np.where(has_accused, categorical(rng, _OUTCOME_KNOWN, n), categorical(rng, _OUTCOME_UNKNOWN, n))

        cols: dict[str, np.ndarray] = {}
        cols["crime_ref"] = np.empty(n, dtype=object)  # filled after sorting by recorded time
        cols["recorded_at"] = recorded
        cols["committed_at"] = committed
        cols["offence_code"] = code
        cols["offence_class"] = cls
        cols["domestic_abuse"] = da
        cols["vawg"] = vawg
        cols["hate"] = hate
        cols["alcohol"] = alcohol
        cols["night_time_economy"] = nte
        cols["weapon_type"] = weapon
        cols["location_postcode"] = postcode
        cols["lsoa_code"] = geo.pc_lsoa[pc_idx].astype(object)
        cols["ward_code"] = geo.ward_code[ward].astype(object)
        cols["location_type"] = loc
        person_names(cols, "victim_", pop, victim, rng, variants.POLICE)
        cols["victim_dob"] = dobs(pop, victim, rng, unknown=0.04)
        cols["victim_gender"] = np.where(victim >= 0, gender_of(pop, victim), "UNKNOWN").astype(object)
        v_eth = take(pop.ethnicity, victim)
        u = rng.random(n)
        v_eth[(u >= params.VICTIM_ETHNICITY_RECORDED) & (u < 0.5)] = "NS"
        cols["victim_ethnicity"] = masked(v_eth, (u < 0.5) & (victim >= 0))
        person_names(cols, "accused_", pop, accused, rng, variants.POLICE)
        cols["accused_dob"] = dobs(pop, accused, rng, unknown=0.02)
        cols["accused_gender"] = gender_of(pop, accused)
        a_eth = take(pop.ethnicity, accused)
        cols["accused_ethnicity"] = masked(a_eth, rng.random(n) < params.ACCUSED_ETHNICITY_RECORDED)
        cols["accused_pnc"] = take(pop.pnc, accused)
        cols["outcome"] = outcome.astype(object)
        text = TextWriter(pop, rng, "%d/%m/%Y")
        cols["mo_narrative"] = self._narratives(text, cls, da, weapon, loc, victim, accused, geo.ward_name[ward])
        frame = Frame(cols, text_identifiers=text.identifiers)
        frame.add_persons("victim", np.flatnonzero(victim >= 0), pop.person_id[victim[victim >= 0]])
        frame.add_persons("accused", np.flatnonzero(accused >= 0), pop.person_id[accused[accused >= 0]])
        frame = reorder(frame, np.argsort(recorded, kind="stable"))
        start = ((month.month - 1) * n) % 1_000_000
        serial = (start + np.arange(n)) % 1_000_000
        yy = f"{month.year % 100:02d}"
        frame.columns["crime_ref"] = np.array([f"20/{s:06d}/{yy}" for s in serial.tolist()], dtype=object)
        return frame

    def _skewed_pick(self, ctx: FeedContext, female: np.ndarray, age: np.ndarray) -> np.ndarray:
        """Accused without a PNC, with the seeds' ethnic over-representation: best of three draws
        weighted by (accused share / population share)."""
        pop, rng = ctx.population, ctx.rng
        draws = np.stack([pop.pick(rng, female, age, ctx.month.mid) for _ in range(3)])
        ratio = _accused_ethnicity_ratio()
        w = lookup(pop.ethnicity[draws].ravel(), ratio, 1.0).reshape(draws.shape)
        cum = w.cumsum(axis=0)
        pick = (rng.random(len(age)) * cum[-1] > cum).sum(axis=0)
        return draws[pick, np.arange(len(age))]

    def _narratives(self, t: TextWriter, cls: np.ndarray, da: np.ndarray, weapon: np.ndarray, loc: np.ndarray,
                    victim: np.ndarray, accused: np.ndarray, ward_name: np.ndarray) -> np.ndarray:  # fmt: skip
        """MO summaries per offence group; some quote the victim's or suspect's identifiers."""
        n = len(cls)
        quotes_victim = ~np.isin(cls, ("SHOPLIFTING", "VEHICLE_CRIME"))
        quotes_suspect = da | np.isin(cls, _SUSPECT_QUOTED)
        vic = t.mentions(
            np.where(quotes_victim, victim, -1), name=0.35, address=0.15, phone=0.08, postcode=0.1, dob=0.15
        )
        sus = t.mentions(np.where(quotes_suspect, accused, -1), name=0.3, dob=0.1, pnc=0.12)
        place = np.char.replace(np.char.lower(loc.astype(str)), "_", " ").astype(object)
        what = np.char.replace(np.char.lower(cls.astype(str)), "_", " ").astype(object)
        fill = {
            "da_act": t.pick(
                ("assaulted her", "made threats", "damaged property", "sent repeated abusive messages"), n
            ),
            "risk": t.pick(("standard", "medium", "high"), n),
            "blow": t.pick(("Punched to face.", "Pushed to floor.", "Kicked repeatedly.", "Headbutted."), n),
            "stalk": t.pick(
                (
                    "following the victim to work",
                    "sending unwanted messages on social media",
                    "repeatedly calling",
                    "waiting outside the address",
                ),
                n,
            ),
            "item": t.pick(("mobile phone", "bank card", "wallet", "designer jacket"), n),
            "goods": t.pick(("meat", "confectionery", "alcohol", "razors", "baby formula"), n),
            "car": t.pick(("Ford Fiesta", "Ford Transit", "Toyota RAV4", "Mercedes C-Class"), n),
            "car_what": t.pick(
                (
                    "stolen from driveway, keyless entry suspected",
                    "broken into overnight",
                    "catalytic converter removed",
                ),
                n,
            ),
        }
        weapon_words = {"BLADED": " Suspect armed with a kitchen knife.", "FIREARM": " Suspect armed with what appeared to be a handgun.",
                        "OTHER": " Suspect armed with a metal bar."}  # fmt: skip
        armed_text = np.array([weapon_words.get(w, "") for w in weapon.tolist()], dtype=object)
        out = np.empty(n, dtype=object)
        for i, c in enumerate(cls.tolist()):
            v = f"IP {vic[i]}".rstrip()
            s = f"suspect {sus[i]}".rstrip()
            if da[i]:
                text = f"{v} reports ex-partner {s} attended the home address and {fill['da_act'][i]}. DASH completed, risk {fill['risk'][i]}."
            elif c in ("VIOLENCE_WITH_INJURY", "VIOLENCE_WITHOUT_INJURY", "HOMICIDE"):
                text = f"{v} assaulted by {s} near {ward_name[i]} ({place[i]}). {fill['blow'][i]}"
            elif c == "STALKING_HARASSMENT":
                text = f"{v} reports {s} {fill['stalk'][i]}."
            elif c in ("RAPE", "OTHER_SEXUAL"):
                text = f"{v} discloses offence by {s}. ABE interview to be arranged, ISVA referral made."
            elif c == "ROBBERY":
                text = f"{v} approached by two males, {fill['item'][i]} taken near {ward_name[i]}."
            elif c == "SHOPLIFTING":
                text = f"Store detective reports {s} left without paying for {fill['goods'][i]}."
            elif c == "VEHICLE_CRIME":
                text = f"{fill['car'][i]} {fill['car_what'][i]}."
            else:
                text = f"{v} reports {what[i]} in {ward_name[i]}."
            out[i] = text + armed_text[i]
        return out


def _accused_ethnicity_ratio() -> dict[str, float]:
    """Accused share / population share per 18+1 code (SNA §2.1 Offenders/Ethnicity)."""
    codes, shares = ethnicity_shares()
    fixed = params.ACCUSED_ETHNICITY_FIXED
    rest = (1 - sum(fixed.values())) / (1 - sum(float(s) for c, s in zip(codes, shares, strict=True) if c in fixed))
    return {str(c): fixed[c] / float(s) if c in fixed else rest for c, s in zip(codes, shares, strict=True)}
