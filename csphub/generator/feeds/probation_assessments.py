"""HMPPS OASys assessments of people on probation in Birmingham: offence categories, criminogenic
needs, RoSH and MAPPA; a share are people accused in this month's police extract (same PNC)."""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params, variants
from csphub.generator.base import FeedContext, Frame
from csphub.generator.feeds._common import categorical, dobs, gender_of, person_names

_SENTENCE = {"COMMUNITY_ORDER": 0.34, "SUSPENDED_SENTENCE_ORDER": 0.2, "CUSTODY_LICENCE": 0.3,
             "POST_SENTENCE_SUPERVISION": 0.06, "PRE_SENTENCE": 0.1}  # fmt: skip
_TYPE = {"OASYS_LAYER_3": 0.78, "OASYS_LAYER_1": 0.12, "PSR_SHORT_FORMAT": 0.1}
_PDU = {"Sutton Coldfield": 0, "Erdington": 0, "Perry Barr": 0, "Hodge Hill": 1, "Yardley": 1, "Hall Green": 2,
        "Selly Oak": 2, "Northfield": 2, "Ladywood": 3, "Edgbaston": 4}  # fmt: skip
_OGRS_MEAN = {"THEFT_AND_HANDLING": 62, "BURGLARY": 55, "ROBBERY": 48, "DRUGS_POSSESSION": 45, "SEXUAL": 12,
              "MOTORING": 25, "FRAUD_AND_FORGERY": 22}  # fmt: skip


class CaseAssessments:
    partner = "probation"
    feed = "case_assessments"

    def file_name(self, ctx: FeedContext) -> str:
        return f"hmpps_oasys_birmingham_{str(ctx.delivery).replace('-', '')}.csv"

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        geo = geography.load()
        cohort = pop.cohort(month, ctx.seed)
        offenders = cohort.offenders[pop.age_at(cohort.offenders, month.start) >= 18]
        head = min(round(n * params.PROBATION_FROM_POLICE), len(offenders))
        rest_pool = offenders[head:]
        rest = (
            rng.choice(rest_pool, n - head, replace=len(rest_pool) < n - head)
            if n > head
            else np.array([], dtype=np.int64)
        )
        person = np.concatenate([offenders[:head], rest]).astype(np.int64)[rng.permutation(n)]
        assessed = month.sample_days(rng, n, (1.1, 1.1, 1.1, 1.1, 1.0, 0.05, 0.02))
        offence = categorical(rng, params.PROBATION_OFFENCE_SHARE, n)
        abusers = set(cohort.da_abusers.tolist())

        cols: dict[str, np.ndarray] = {}
        cols["assessment_id"] = np.array(
            [f"{v:09d}" for v in (rng.choice(90_000_000, n, replace=False) + 410_000_000).tolist()], dtype=object
        )
        cols["crn"] = np.array(
            [f"{chr(65 + (p * 7) % 26)}{(p * 7919 + 104_729) % 900_000 + 100_000:06d}" for p in person.tolist()],
            dtype=object,
        )
        cols["pnc"] = np.array(
            [_written_pnc(pop.pnc[p], u) for p, u in zip(person.tolist(), rng.random(n).tolist(), strict=True)],
            dtype=object,
        )
        person_names(cols, "", pop, person, rng, variants.PROBATION)
        cols["dob"] = dobs(pop, person, rng)
        cols["gender"] = gender_of(pop, person)
        cols["ethnicity"] = pop.ethnicity[person].astype(object)
        cols["offence_category"] = offence
        cols["sentence_type"] = categorical(rng, _SENTENCE, n)
        cols["assessment_date"] = assessed
        atype = categorical(rng, _TYPE, n)
        cols["assessment_type"] = atype
        for need, base in params.NEED_BASE.items():
            mult = np.array([params.NEED_BY_OFFENCE.get(o, {}).get(need, 1.0) for o in offence])
            present = rng.random(n) < np.minimum(base * mult, 0.95)
            significant = rng.random(n) < params.SIGNIFICANT_SHARE
            level = np.where(present, np.where(significant, "SIGNIFICANT_NEED", "SOME_NEED"), "NO_NEED").astype(object)
            level[(atype == "OASYS_LAYER_1") & (rng.random(n) < 0.5)] = "NOT_ASSESSED"
            cols[need] = level
        cols["rosh_level"] = categorical(rng, params.ROSH_SHARE, n)
        mappa = categorical(rng, params.MAPPA_CATEGORY_SHARE, n)
        mappa[offence == "SEXUAL"] = "CATEGORY_1"
        cols["mappa_category"] = mappa
        level = np.full(n, None, dtype=object)
        managed = mappa != "NONE"
        level[managed] = categorical(rng, {"1": 0.85, "2": 0.13, "3": 0.02}, int(managed.sum())).astype(int)
        cols["mappa_level"] = level
        mean = np.array([_OGRS_MEAN.get(o, 38) for o in offence])
        ogrs = np.clip(np.round(rng.normal(mean, 14)), 1, 99).astype(int).astype(object)
        ogrs[rng.random(n) < 0.05] = None
        cols["ogrs3_score"] = ogrs
        cols["da_perpetrator"] = np.array([p in abusers for p in person.tolist()]) | (
            (offence == "VIOLENCE_AGAINST_THE_PERSON") & (rng.random(n) < 0.12)
        )
        postcode = pop.postcode[person].astype(object)
        nfa = rng.random(n) < 0.04
        postcode[nfa] = None
        cols["need_accommodation"][nfa] = "SIGNIFICANT_NEED"  # no fixed abode
        cols["home_postcode"] = postcode
        cols["pdu"] = np.array([params.PDUS[_PDU[c]] for c in geo.ward_constituency[pop.ward[person]]], dtype=object)
        frame = Frame(cols)
        frame.add_persons("offender", np.arange(n), pop.person_id[person])
        return frame


def _written_pnc(pnc: object, u: float) -> str | None:
    """PNC IDs as nDelius holds them: mostly ``YY/NNNNNNNX``, some with a four-digit year or no slash."""
    if pnc is None:
        return None
    text = str(pnc)
    yy, rest = text.split("/")
    yyyy = ("20" if int(yy) <= 26 else "19") + yy
    if u < 0.25:
        return f"{yyyy}/{rest}"
    if u < 0.35:
        return f"{yyyy}{rest}"
    return text
