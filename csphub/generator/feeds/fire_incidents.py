"""West Midlands Fire Service incidents in Birmingham (IRS): fire types and motive, property, address
with UPRN for buildings, casualties and response times, with incident notes."""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params
from csphub.generator.base import FeedContext, Frame
from csphub.generator.feeds._common import categorical, masked, reorder
from csphub.generator.freetext import TextWriter

_PROPERTY: dict[str, dict[str, float]] = {
    "PRIMARY_FIRE": {
        "DWELLING": 0.45,
        "ROAD_VEHICLE": 0.25,
        "NON_RESIDENTIAL": 0.2,
        "OTHER_RESIDENTIAL": 0.05,
        "OUTDOOR_STRUCTURE": 0.05,
    },
    "SECONDARY_FIRE": {"OUTDOOR": 0.8, "OUTDOOR_STRUCTURE": 0.2},
    "FALSE_ALARM": {"DWELLING": 0.5, "NON_RESIDENTIAL": 0.4, "OTHER_RESIDENTIAL": 0.1},
    "SPECIAL_SERVICE": {"ROAD_VEHICLE": 0.35, "DWELLING": 0.35, "OTHER": 0.3},
}
_TYPES: dict[str, tuple[str, ...]] = {
    "DWELLING": ("House - single occupancy", "Purpose built flat/maisonette", "Converted flat", "Bungalow"),
    "OTHER_RESIDENTIAL": ("Student hall of residence", "Care home", "Hostel"),
    "NON_RESIDENTIAL": ("Shop", "Takeaway", "Warehouse", "School", "Pub/wine bar"),
    "ROAD_VEHICLE": ("Car", "Motorcycle", "Van", "Bus/coach"),
    "OUTDOOR": ("Loose refuse", "Wheelie bin", "Grassland", "Scrub land", "Tree scrub"),
    "OUTDOOR_STRUCTURE": ("Garden shed", "Fence", "Bus shelter", "Skip"),
    "OTHER": ("Lift", "Canal", "Railway"),
}
_BUILDINGS = ("DWELLING", "OTHER_RESIDENTIAL", "NON_RESIDENTIAL")


class FireIncidents:
    partner = "fire"
    feed = "incidents"

    def file_name(self, ctx: FeedContext) -> str:
        return f"WMFS_IRS_Birmingham_{ctx.month.compact}.csv"

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        geo = geography.load()
        itype = categorical(rng, params.FIRE_TYPE_SHARE, n)
        called = month.sample_times(rng, n, params.HOURS_FIRE, params.DAYS_FLAT, seconds=True)
        cause = np.full(n, "NOT_APPLICABLE", dtype=object)
        for t, p in params.FIRE_DELIBERATE.items():
            m = itype == t
            cause[m] = np.where(
                rng.random(int(m.sum())) < p,
                "DELIBERATE",
                np.where(rng.random(int(m.sum())) < 0.85, "ACCIDENTAL", "NOT_KNOWN"),
            )
        fa = itype == "FALSE_ALARM"
        reason = np.full(n, None, dtype=object)
        reason[fa] = categorical(rng, params.FALSE_ALARM_REASON_SHARE, int(fa.sum()))
        category = np.empty(n, dtype=object)
        for t, mix in _PROPERTY.items():
            m = itype == t
            category[m] = categorical(rng, mix, int(m.sum()))
        ptype = np.array(
            [_TYPES[c][int(u * len(_TYPES[c]))] for c, u in zip(category, rng.random(n), strict=True)], dtype=object
        )
        ward, pc_idx = geo.sample(rng, n, geo.weights(params.CRIME_HOTSPOTS))
        occupant = pop.residents(rng, ward, month.mid, 18, 95)
        building = np.isin(category, _BUILDINGS)
        dwelling = np.isin(category, ("DWELLING", "OTHER_RESIDENTIAL"))
        pc_idx[dwelling] = pop.postcode_idx[occupant[dwelling]]
        street = geo.streets(rng, ward)
        address = masked(pop.address[occupant], dwelling)
        non_res = building & ~dwelling
        numbers = rng.integers(1, 300, n)
        address[non_res] = [f"{k} {s}" for k, s in zip(numbers[non_res], street[non_res], strict=True)]
        outdoor = ~building
        address[outdoor] = [
            f"Land off {s}" if u < 0.6 else s
            for s, u in zip(street[outdoor], rng.random(int(outdoor.sum())), strict=True)
        ]
        uprn = masked(pop.uprn[occupant], dwelling)
        uprn[non_res] = [
            str(u) for u in (rng.integers(10_000_000, 99_999_999, int(non_res.sum())) + 100_090_000_000).tolist()
        ]
        postcode = geo.pc_code[pc_idx].astype(object)
        postcode[outdoor & (rng.random(n) < 0.5)] = None
        fire = np.isin(itype, ("PRIMARY_FIRE",))
        casualties = np.where(
            fire & dwelling, rng.poisson(0.12, n), np.where(itype == "SPECIAL_SERVICE", rng.poisson(0.25, n), 0)
        )
        fatalities = np.where(fire & dwelling & (rng.random(n) < 0.006), 1, 0)
        rescues = np.where(
            fire & dwelling, rng.poisson(0.08, n), np.where(itype == "SPECIAL_SERVICE", rng.poisson(0.15, n), 0)
        )
        attendance = np.clip(np.round(rng.normal(330, 95, n)), 120, 1800).astype(int).astype(object)
        attendance[rng.random(n) < 0.03] = None

        cols: dict[str, np.ndarray] = {"incident_number": np.empty(n, dtype=object), "call_at": called}
        cols["incident_type"] = itype
        cols["cause"] = cause
        cols["false_alarm_reason"] = reason
        cols["property_category"] = category
        cols["property_type"] = ptype
        cols["address_line"] = address
        cols["uprn"] = uprn
        cols["postcode"] = postcode
        cols["ward_code"] = geo.ward_code[ward].astype(object)
        cols["lsoa_code"] = geo.pc_lsoa[pc_idx].astype(object)
        cols["station_ground"] = geo.station(ward)
        cols["casualties"] = casualties.astype(np.int64)
        cols["fatalities"] = fatalities.astype(np.int64)
        cols["rescues"] = rescues.astype(np.int64)
        cols["first_attendance_seconds"] = attendance
        text = TextWriter(pop, rng, "%d/%m/%Y")
        notes = np.empty(n, dtype=object)
        for i in range(n):
            o = int(occupant[i])
            if dwelling[i]:
                who = text.mention(o, name=0.35, phone=0.1, dob=0.05) or "Occupier"
                notes[i] = f"{who} " + text.choose(
                    (
                        "alerted by smoke alarm, fire in kitchen confined to cooker.",
                        "reports neighbour's door set alight.",
                        "left cooking unattended.",
                        "no working smoke alarm fitted; HSV booked.",
                    )
                )
            elif itype[i] == "SECONDARY_FIRE":
                notes[i] = text.choose(
                    (
                        "Wheelie bins set alight in alley, youths seen running off.",
                        "Rubbish fire on wasteland, 1 hose reel.",
                        "Grass fire, approx 20m x 20m.",
                    )
                )
            elif itype[i] == "FALSE_ALARM":
                notes[i] = text.choose(
                    (
                        "AFA, no fire, system reset.",
                        "Hoax call from withheld number.",
                        "Smoke from bonfire mistaken for building fire.",
                    )
                )
            else:
                notes[i] = text.choose(
                    (
                        "RTC, one person trapped, released by crew.",
                        "Car well alight, fully involved.",
                        "Effecting entry for ambulance service.",
                        "Person stuck in lift.",
                    )
                )
        cols["narrative"] = notes
        frame = Frame(cols, text_identifiers=text.identifiers)
        frame = reorder(frame, np.argsort(called, kind="stable"))
        start = ((month.month - 1) * n) % 900_000
        yy = f"{month.year % 100:02d}"
        frame.columns["incident_number"] = np.array(
            [f"IRS{yy}/{(start + i + 1) % 1_000_000:06d}" for i in range(n)], dtype=object
        )
        return frame
