"""Birmingham City Council ASB cases: categories, interventions (warning letters to closure orders and
Operation Guardian), problem address with UPRN, subject and complainant; some complainants are this
month's police-recorded DA victims, with their abuser as the subject."""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params, variants
from csphub.generator.base import FeedContext, Frame
from csphub.generator.feeds._common import categorical, dobs, gender_of, person_names, take
from csphub.generator.freetext import TextWriter

_STATUS = {"OPEN": 0.74, "CLOSED_RESOLVED": 0.13, "CLOSED_NO_FURTHER_ACTION": 0.09, "CLOSED_TRANSFERRED": 0.04}
_TENURE = {"COUNCIL": 0.46, "HOUSING_ASSOCIATION": 0.18, "PRIVATE_RENTED": 0.2, "OWNER_OCCUPIED": 0.12,
           "TEMPORARY_ACCOMMODATION": 0.03, "UNKNOWN": 0.01}  # fmt: skip
_INTERVENTIONS = {  # field -> share of cases with it so far
    "warning_letter": 0.42, "acceptable_behaviour_contract": 0.10, "community_protection_warning": 0.12,
    "community_protection_notice": 0.05, "civil_injunction": 0.03, "criminal_behaviour_order": 0.01,
    "pspo_breach": 0.03, "closure_order": 0.008,
}  # fmt: skip


class AsbCases:
    partner = "council"
    feed = "asb_cases"
    line_terminator = "\r\n"  # Windows export

    def file_name(self, ctx: FeedContext) -> str:
        return f"BCC_ASB_Cases_{ctx.month.label}.csv"

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        geo = geography.load()
        cohort = pop.cohort(month, ctx.seed)
        opened = month.sample_days(rng, n, (1.2, 1.15, 1.1, 1.1, 1.0, 0.2, 0.1))
        ward, _ = geo.sample(rng, n, geo.weights(params.CRIME_HOTSPOTS))
        complainant = pop.residents(rng, ward, month.mid, 16, 95)
        subject = pop.residents(rng, ward, month.mid, 14, 85)
        category = categorical(rng, params.COUNCIL_ASB_CATEGORY_SHARE, n)
        da_rows = np.flatnonzero(rng.random(n) < params.COUNCIL_ASB_DA_COMPLAINANTS)
        complainant[da_rows] = cohort.da_victims[: len(da_rows)]
        subject[da_rows] = cohort.da_abusers[: len(da_rows)]
        category[da_rows] = categorical(
            rng, {"HARASSMENT_INTIMIDATION": 0.6, "VERBAL_ABUSE": 0.25, "CRIMINAL_DAMAGE": 0.15}, len(da_rows)
        )
        subject[rng.random(n) < 0.12] = -1  # perpetrator not identified
        home = np.where(subject >= 0, subject, complainant)
        ward = pop.ward[home]
        status = categorical(rng, _STATUS, n)
        closed = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        is_closed = status != "OPEN"
        closed[is_closed] = np.minimum(
            opened[is_closed] + rng.integers(1, 25, int(is_closed.sum())).astype("timedelta64[D]"),
            month.end - np.timedelta64(1, "D"),
        )

        cols: dict[str, np.ndarray] = {}
        year_start = (month.month - 1) * max(n, 400)
        cols["case_ref"] = np.array([f"ASB-{month.year}-{year_start + i + 1:06d}" for i in range(n)], dtype=object)
        cols["opened_date"] = opened
        cols["closed_date"] = closed
        cols["case_status"] = status
        cols["asb_category"] = category
        cols["reports_count"] = np.minimum(rng.geometric(0.35, n), 60).astype(np.int64)
        for name, share in _INTERVENTIONS.items():
            cols[name] = rng.random(n) < share
        guardian_ward = np.isin(geo.ward_name[ward], params.OPERATION_GUARDIAN_WARDS)
        cols["operation_guardian"] = rng.random(n) < np.where(guardian_ward, 0.25, 0.02)
        cols["address_line"] = pop.address[home].astype(object)
        cols["postcode"] = pop.postcode[home].astype(object)
        uprn = pop.uprn[home].astype(object)
        uprn[rng.random(n) < 0.07] = None
        cols["uprn"] = uprn
        cols["ward_code"] = geo.ward_code[ward].astype(object)
        cols["tenure"] = categorical(rng, _TENURE, n)
        person_names(cols, "subject_", pop, subject, rng, variants.COUNCIL)
        cols["subject_dob"] = dobs(pop, subject, rng, unknown=0.2)
        cols["subject_gender"] = gender_of(pop, subject)
        person_names(cols, "complainant_", pop, complainant, rng, variants.COUNCIL)
        cols["complainant_dob"] = dobs(pop, complainant, rng, unknown=0.1)
        cols["complainant_gender"] = gender_of(pop, complainant)
        phone = take(pop.phone, complainant)
        phone[rng.random(n) < 0.1] = None
        cols["complainant_phone"] = phone
        age = pop.age_at(complainant, opened)
        cols["vulnerable_age"] = (age >= 75) | (age < 18)
        cols["vulnerable_disability"] = rng.random(n) < 0.09
        cols["vulnerable_mental_health"] = rng.random(n) < 0.14
        cols["repeat_victim"] = rng.random(n) < 0.22
        cols["hate_related"] = (category == "HATE") | (rng.random(n) < 0.01)
        text = TextWriter(pop, rng, "%d/%m/%Y")
        notes = np.empty(n, dtype=object)
        for i in range(n):
            c, s = int(complainant[i]), int(subject[i])
            comp = text.mention(c, name=0.5, phone=0.2, email=0.1, dob=0.1) or "Complainant"
            subj = text.mention(s, name=0.45, address=0.3, postcode=0.2, dob=0.1) if s >= 0 else "unknown persons"
            what = str(category[i]).lower().replace("_", " ")
            notes[i] = (f"{comp} reports {what} by {subj}. " + text.choose((
                "Diary sheets issued.", "Joint visit with WMP arranged.", "Warning letter sent.",
                "Referred to mediation.", "Case discussed at Operation Guardian tasking.", "CPW served on subject.",
            )))  # fmt: skip
        cols["case_notes"] = notes
        frame = Frame(cols, text_identifiers=text.identifiers)
        frame.add_persons("complainant", np.arange(n), pop.person_id[complainant])
        has = np.flatnonzero(subject >= 0)
        frame.add_persons("subject", has, pop.person_id[subject[has]])
        return frame
