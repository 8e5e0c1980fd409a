"""West Midlands Police ASB calls for service: themes and categories, early-evening peaks, sector
hotspots, callers (some repeat), and incident logs that quote callers' details."""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params, variants
from csphub.generator.base import FeedContext, Frame
from csphub.generator.feeds._common import categorical, dobs, person_names, reorder
from csphub.generator.freetext import TextWriter

_SOURCE = {"NON_EMERGENCY_101": 0.52, "EMERGENCY_999": 0.28, "ONLINE": 0.14, "LIVE_CHAT": 0.05, "OTHER": 0.01}
_GRADE = {"IMMEDIATE": 0.12, "PRIORITY": 0.33, "SCHEDULED": 0.30, "RESOLUTION_WITHOUT_DEPLOYMENT": 0.25}
_CLOSURE = {"ATTENDED_RESOLVED": 0.30, "ADVICE_GIVEN": 0.27, "REFERRED_TO_PARTNER": 0.14, "CRIME_RECORDED": 0.08,
            "NO_TRACE": 0.13, "CALLER_NOT_CONTACTABLE": 0.08}  # fmt: skip
_AT_HOME = ("NEIGHBOUR", "NOISE")
_LOG = {
    "NEIGHBOUR": (
        "neighbour {who} shouting and banging on the wall",
        "ongoing dispute with neighbour {who} over parking",
    ),
    "VEHICLE": (
        "off-road bikes racing on the estate",
        "cars revving and racing on {street}",
        "vehicle abandoned across driveway",
    ),
    "AGGRESSIVE_THREATENING": (
        "group of males threatening passers-by on {street}",
        "male {who} making threats to caller",
    ),
    "YOUTH": ("youths throwing stones at buses on {street}", "group of 10-15 youths on bikes intimidating shoppers"),
    "HOMELESS_BEGGING": ("aggressive begging outside Tesco on {street}", "rough sleeper in shop doorway on {street}"),
    "NOISE": ("loud music from house party next door", "dogs barking constantly at neighbouring address"),
    "DRUGS": (
        "strong smell of cannabis, people coming and going from {street}",
        "suspected drug dealing from car on {street}",
    ),
    "LITTER_DUMPING": ("fly-tipping of mattresses on {street}", "rubbish set alight in alleyway"),
    "OTHER": ("nuisance behaviour reported on {street}",),
    "UNKNOWN": ("caller reporting ASB, line disconnected",),
}


class AsbCalls:
    partner = "police"
    feed = "asb_calls"

    def file_name(self, ctx: FeedContext) -> str:
        return f"wmp_asb_calls_{ctx.month.compact}.csv"

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        geo = geography.load()
        theme = categorical(rng, params.ASB_THEME_SHARE, n)
        category = np.empty(n, dtype=object)
        for t, mix in params.ASB_THEME_CATEGORY.items():
            m = theme == t
            category[m] = categorical(
                rng, dict(zip(("PERSONAL", "NUISANCE", "ENVIRONMENTAL"), mix, strict=True)), int(m.sum())
            )
        called = month.sample_times(rng, n, params.HOURS_ASB, params.DAYS_ASB)
        weights = geo.weights(by_sector=params.ASB_SECTOR_WEIGHT)
        ward, pc_idx = geo.sample(rng, n, weights)
        begging = theme == "HOMELESS_BEGGING"
        ward[begging], pc_idx[begging] = geo.sample(rng, int(begging.sum()), geo.weights({"Ladywood": 12.0}))
        caller = np.where(rng.random(n) < 0.86, pop.residents(rng, ward, month.mid, 16, 90), -1)
        repeat = rng.random(n) < 0.14
        earlier = np.flatnonzero(caller >= 0)
        if len(earlier):
            src = earlier[rng.integers(0, len(earlier), n)]
            caller[repeat] = caller[src[repeat]]
            ward[repeat] = ward[src[repeat]]
            pc_idx[repeat] = pc_idx[src[repeat]]
        at_home = np.isin(theme, _AT_HOME) & (caller >= 0)
        ward[at_home], pc_idx[at_home] = pop.ward[caller[at_home]], pop.postcode_idx[caller[at_home]]
        postcode = geo.pc_code[pc_idx].astype(object)
        postcode[rng.random(n) < 0.05] = None
        street = geo.streets(rng, ward)

        cols: dict[str, np.ndarray] = {"incident_ref": np.empty(n, dtype=object), "called_at": called}
        cols["asb_category"] = category
        cols["theme"] = theme
        cols["call_source"] = categorical(rng, _SOURCE, n)
        cols["response_grade"] = categorical(rng, _GRADE, n)
        cols["location_postcode"] = postcode
        cols["lsoa_code"] = geo.pc_lsoa[pc_idx].astype(object)
        cols["ward_code"] = geo.ward_code[ward].astype(object)
        cols["police_sector"] = geo.ward_sector[ward].astype(object)
        person_names(cols, "caller_", pop, caller, rng, variants.POLICE)
        cols["caller_dob"] = dobs(pop, caller, rng, unknown=0.55)
        phone = np.array([pop.phone[c] if c >= 0 else None for c in caller.tolist()], dtype=object)
        phone[rng.random(n) < 0.08] = None
        cols["caller_phone"] = phone
        counts = np.bincount(caller[caller >= 0], minlength=pop.size)
        cols["repeat_caller"] = ((caller >= 0) & (counts[np.maximum(caller, 0)] > 1)) | (rng.random(n) < 0.06)
        cols["vulnerable_caller"] = rng.random(n) < 0.11
        cols["hate_related"] = rng.random(n) < 0.03
        cols["closure_code"] = categorical(rng, _CLOSURE, n)
        text = TextWriter(pop, rng, "%d/%m/%Y")
        log = np.empty(n, dtype=object)
        other = pop.residents(rng, ward, month.mid, 14, 80)
        for i in range(n):
            c = int(caller[i])
            template = text.choose(_LOG[str(theme[i])])
            who = text.name(int(other[i])) if "{who}" in template and text.chance(0.3) else "(not named)"
            about = template.format(who=who, street=street[i])
            who = text.mention(c, name=0.4, address=0.25, phone=0.15, postcode=0.15, dob=0.1) if c >= 0 else ""
            log[i] = f"Caller {who or 'anon'} reports {about}. " + text.choose(
                (
                    "Advised.",
                    "Unit attended, words of advice given.",
                    "Passed to neighbourhood team.",
                    "Caller requests no contact.",
                )
            )
        cols["call_log"] = log
        frame = Frame(cols, text_identifiers=text.identifiers)
        has = np.flatnonzero(caller >= 0)
        frame.add_persons("caller", has, pop.person_id[caller[has]])
        frame = reorder(frame, np.argsort(called, kind="stable"))
        frame.columns["incident_ref"] = _log_numbers(frame.columns["called_at"])
        return frame


def _log_numbers(called: np.ndarray) -> np.ndarray:
    """``yyyymmdd-NNNN``: the day's log numbers rise through the day (called must be sorted)."""
    day = called.astype("datetime64[D]")
    _, start, counts = np.unique(day, return_index=True, return_counts=True)
    step = max(1, 9000 // int(counts.max()))
    rank = np.arange(len(day)) - np.repeat(start, counts)
    numbers = 50 + rank * step
    if numbers.max() > 9999:
        raise ValueError("too many calls in one day for four-digit log numbers")
    days = np.datetime_as_string(day, unit="D")
    return np.array(
        [f"{d.replace('-', '')}-{k:04d}" for d, k in zip(days.tolist(), numbers.tolist(), strict=True)], dtype=object
    )
