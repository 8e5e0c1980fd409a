"""NHS ISTV minimum dataset (ISB 1594) from one Birmingham emergency department: arrival and assault
times, primary means of assault and location, with free-text descriptions that sometimes name people
or addresses."""

from __future__ import annotations

import numpy as np

from csphub.generator import geography, params
from csphub.generator.base import FeedContext, Frame
from csphub.generator.feeds._common import categorical, reorder
from csphub.generator.freetext import TextWriter

_OTHER_METHOD = ("bitten", "scalded with boiling water", "hit with a brick", "stamped on", "hit with a bat",
                 "pushed down stairs", "strangled", "hit with a chair")  # fmt: skip
_VENUES = ("Popworld", "Pryzm", "The Victoria", "O'Neill's", "Revolution", "The Village Inn", "Snobs",
           "The Old Joint Stock", "Missing Bar", "Lost and Found")  # fmt: skip
_PLACES = ("bus stop", "outside the chip shop", "car park", "near the park gates", "outside Tesco Express",
           "by the tram stop", "underpass", "petrol station forecourt")  # fmt: skip


def _site(ctx: FeedContext) -> str:
    rng = np.random.default_rng([ctx.seed, ctx.month.year, ctx.month.month, 99])
    return str(categorical(rng, params.ISTV_SITE_WEIGHT, 1)[0])


class EdAssaultAttendances:
    partner = "health"
    feed = "ed_assault_attendances"

    def file_name(self, ctx: FeedContext) -> str:
        return f"ISTV_{_site(ctx)}_{ctx.month.label}.json"

    def json_header(self, ctx: FeedContext) -> dict[str, str]:
        return {"dataset": "ISTV", "standard": "ISB 1594", "extract_date": str(ctx.delivery)}

    def build(self, ctx: FeedContext) -> Frame:
        rng, pop, month, n = ctx.rng, ctx.population, ctx.month, ctx.rows
        geo = geography.load()
        site = _site(ctx)
        arrival = month.sample_times(rng, n, params.HOURS_VWI, params.DAYS_VIOLENCE, seconds=True)
        lag = (rng.exponential(1.6, n) * 3600 + 600).astype("timedelta64[s]")
        assault = np.maximum(arrival - lag, month.start.astype("datetime64[s]"))
        assault[rng.random(n) < 0.14] = np.datetime64("NaT")
        method = categorical(rng, params.ISTV_METHOD_SHARE, n)
        location = categorical(rng, params.ISTV_LOCATION_SHARE, n)
        ward, _ = geo.sample(rng, n, geo.weights({**params.CRIME_HOTSPOTS, "Ladywood": 10.0}))
        street = geo.streets(rng, ward)
        people = pop.residents(rng, ward, month.mid, 16, 80)
        text = TextWriter(pop, rng, "%Y-%m-%d")
        other = np.full(n, None, dtype=object)
        desc = np.full(n, None, dtype=object)
        for i in range(n):
            if method[i] == "OTHER":
                other[i] = text.choose(_OTHER_METHOD)
            loc = str(location[i])
            p = int(people[i])
            if loc == "HOME":
                desc[i] = f"at home, {text.address(p)}" if text.chance(0.3) else "home address"
                if text.chance(0.25):
                    desc[i] += (
                        f", assaulted by partner {text.name(int(pop.residents(rng, ward[i : i + 1], month.mid, 17, 70)[0]))}"
                    )
            elif loc == "PUB_BAR_CLUB":
                desc[i] = f"{text.choose(_VENUES)}, {street[i]}"
            elif loc == "STREET_PUBLIC_PLACE":
                desc[i] = f"{text.choose(_PLACES)} on {street[i]}" + (
                    f" ({text.postcode(p)})" if text.chance(0.1) else ""
                )
            elif loc == "NOT_KNOWN":
                desc[i] = None
            else:
                desc[i] = f"{loc.lower().replace('_', ' ')} near {geo.ward_name[ward[i]]}"
                if text.chance(0.05):
                    desc[i] += f", pt {text.name(p)} tel {text.phone(p) or 'not given'}"
        cols: dict[str, np.ndarray] = {
            "attendance_id": np.empty(n, dtype=object),
            "arrival_at": arrival,
            "assault_at": assault,
            "assault_method": method,
            "assault_method_other": other,
            "assault_location_type": location,
            "assault_location_description": desc,
        }
        frame = Frame(cols, text_identifiers=text.identifiers)
        frame = reorder(frame, np.argsort(arrival, kind="stable"))
        base = int(rng.integers(10_000_000, 60_000_000))
        steps = np.cumsum(rng.integers(20, 60, n))
        frame.columns["attendance_id"] = np.array([f"{site}-{base + s:08d}" for s in steps.tolist()], dtype=object)
        frame.header = {
            "period_start": month.start.item(),
            "period_end": (month.end - np.timedelta64(1, "D")).item(),
            "site_code": site,
        }
        return frame
