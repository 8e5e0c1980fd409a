"""Birmingham City Council homelessness presentations (H-CLIC style, XLSX): reasons, households,
applicants and support needs; domestic-abuse presentations come mostly from this month's
police-recorded DA victims."""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params, variants
from csphub.generator.base import FeedContext, Frame
from csphub.generator.feeds._common import categorical, dobs, person_names, take
from csphub.generator.freetext import TextWriter

_DUTY = {"PREVENTION": 0.46, "RELIEF": 0.38, "NOT_HOMELESS_OR_THREATENED": 0.06, "ADVICE_ONLY": 0.1}
#: household type -> (P applicant female, adults range, children range)
_HOUSEHOLDS: dict[str, tuple[float, tuple[int, int], tuple[int, int]]] = {
    "SINGLE_ADULT_MALE": (0.0, (1, 1), (0, 0)),
    "SINGLE_ADULT_FEMALE": (1.0, (1, 1), (0, 0)),
    "SINGLE_PARENT_FEMALE": (1.0, (1, 1), (1, 4)),
    "SINGLE_PARENT_MALE": (0.0, (1, 1), (1, 3)),
    "COUPLE_WITH_CHILDREN": (0.5, (2, 2), (1, 5)),
    "COUPLE_NO_CHILDREN": (0.5, (2, 2), (0, 0)),
    "MULTI_ADULT_WITH_CHILDREN": (0.6, (3, 5), (1, 4)),
    "MULTI_ADULT_NO_CHILDREN": (0.5, (3, 4), (0, 0)),
}
_HOUSEHOLD_SHARE = {"SINGLE_ADULT_MALE": 0.36, "SINGLE_ADULT_FEMALE": 0.16, "SINGLE_PARENT_FEMALE": 0.25,
                    "SINGLE_PARENT_MALE": 0.03, "COUPLE_WITH_CHILDREN": 0.10, "COUPLE_NO_CHILDREN": 0.05,
                    "MULTI_ADULT_WITH_CHILDREN": 0.03, "MULTI_ADULT_NO_CHILDREN": 0.02}  # fmt: skip
_DA_HOUSEHOLD = {
    "SINGLE_PARENT_FEMALE": 0.55,
    "SINGLE_ADULT_FEMALE": 0.38,
    "SINGLE_ADULT_MALE": 0.05,
    "SINGLE_PARENT_MALE": 0.02,
}
_OUTSIDE = ("B66 3PN", "B69 4RT", "B90 3LX", "B91 2JR", "WS1 1DX", "DY4 7JT", "CV1 2GT")


class HomelessnessPresentations:
    partner = "council"
    feed = "homelessness_presentations"

    def file_name(self, ctx: FeedContext) -> str:
        return f"BCC_Homelessness_Presentations_{ctx.month.label}.xlsx"

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        cohort = pop.cohort(month, ctx.seed)
        reason = categorical(rng, params.HOMELESSNESS_REASON_SHARE, n)
        da = reason == "DOMESTIC_ABUSE"
        household = categorical(rng, _HOUSEHOLD_SHARE, n)
        household[da] = categorical(rng, _DA_HOUSEHOLD, int(da.sum()))
        p_female = np.array([_HOUSEHOLDS[h][0] for h in household])
        female = rng.random(n) < p_female
        applicant = pop.pick(rng, female, np.clip(np.round(rng.normal(33, 11, n)), 18, 75).astype(np.int64), month.mid)
        # DA presentations: head of the month's DA victims (women first), the rest other residents
        da_rows = np.flatnonzero(da)
        shared = rng.random(len(da_rows)) < params.HOMELESS_DA_FROM_POLICE
        victims = cohort.da_victims
        women = victims[pop.female[victims]]
        men = victims[~pop.female[victims]]
        want_female = rng.random(len(da_rows)) < params.HOMELESS_DA_FEMALE
        f_i = m_i = 0
        for j, r in enumerate(da_rows.tolist()):
            if not shared[j]:
                continue
            if want_female[j] or m_i >= len(men):
                applicant[r], f_i = women[f_i], f_i + 1
            else:
                applicant[r], m_i = men[m_i], m_i + 1
            household[r] = "SINGLE_PARENT_FEMALE" if pop.female[applicant[r]] else "SINGLE_ADULT_MALE"
        approach = month.sample_days(rng, n, (1.3, 1.15, 1.1, 1.05, 1.0, 0.15, 0.05))

        cols: dict[str, np.ndarray] = {}
        cols["case_ref"] = np.array(
            [f"HL{v:07d}" for v in (rng.choice(900_000, n, replace=False) + 2_100_000).tolist()], dtype=object
        )
        cols["approach_date"] = approach
        cols["duty_owed"] = categorical(rng, _DUTY, n)
        cols["primary_reason"] = reason
        cols["household_type"] = household
        adults = np.empty(n, dtype=np.int64)
        children = np.empty(n, dtype=np.int64)
        for h, (_, (a_lo, a_hi), (c_lo, c_hi)) in _HOUSEHOLDS.items():
            m = household == h
            adults[m] = rng.integers(a_lo, a_hi + 1, int(m.sum()))
            children[m] = rng.integers(c_lo, c_hi + 1, int(m.sum()))
        cols["adults"] = adults
        cols["children"] = children
        person_names(cols, "applicant_", pop, applicant, rng, variants.COUNCIL)
        cols["applicant_dob"] = dobs(pop, applicant, rng)
        nino = take(pop.nino, applicant)
        spaced = rng.random(n) < 0.3
        nino = np.array(
            [
                f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8:]}" if s and v else v
                for v, s in zip(nino, spaced, strict=True)
            ],
            dtype=object,
        )
        nino[rng.random(n) < 0.12] = None
        cols["applicant_nino"] = nino
        cols["applicant_gender"] = np.where(pop.female[applicant], "FEMALE", "MALE").astype(object)
        eth = pop.ethnicity[applicant].astype(object)
        eth[rng.random(n) < 0.06] = "NS"
        cols["applicant_ethnicity"] = eth
        outside = rng.random(n) < 0.05
        postcode = pop.postcode[applicant].astype(object)
        postcode[outside] = np.array(_OUTSIDE, dtype=object)[rng.integers(0, len(_OUTSIDE), int(outside.sum()))]
        cols["postcode"] = postcode
        ward_code = geography.load().ward_code[pop.ward[applicant]].astype(object)
        ward_code[outside] = None
        cols["ward_code"] = ward_code
        cols["need_domestic_abuse"] = np.where(
            da, rng.random(n) < 0.96, (rng.random(n) < params.HOMELESS_DA_NEED_OTHER_REASON) & female
        )
        for name, rate in params.HOMELESS_NEED_RATE.items():
            cols[name] = rng.random(n) < rate
        text = TextWriter(pop, rng, "%d/%m/%Y")
        notes = np.empty(n, dtype=object)
        for i in range(n):
            a = int(applicant[i])
            who = text.mention(a, name=0.4, phone=0.2, email=0.08, dob=0.1) or "Applicant"
            if da[i]:
                notes[i] = (
                    f"{who} fled {text.choose(('partner', 'ex-partner', 'husband', 'family'))} at {text.address(a) if text.chance(0.4) else 'previous address'}. MARAC referral made, refuge space requested."
                )
            else:
                notes[i] = f"{who} " + text.choose(
                    (
                        "asked to leave by family.",
                        "served s.21 notice by landlord.",
                        "sofa surfing, no fixed abode.",
                        "released from HMP Birmingham, no accommodation.",
                        "rent arrears, eviction date set.",
                    )
                )
        cols["officer_notes"] = notes
        frame = Frame(cols, text_identifiers=text.identifiers)
        frame.add_persons("applicant", np.arange(n), pop.person_id[applicant])
        return frame
