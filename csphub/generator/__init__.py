"""Synthetic partner extracts for the Birmingham CSP hub, with ground truth.

``generate_feed`` builds one partner file for a month exactly as the partner sends it (CSV, XLSX or JSON
per the feed's contract) plus a :class:`FileTruth`: planted bad rows, who each row's people really are,
and every raw identifier written into the file. ``generate_month`` builds all feeds from one shared
:class:`Population`, so the same people appear across partners. ``GENERATORS`` is the one table of feeds.
"""

from __future__ import annotations

import numpy as np

from csphub.generator.base import FeedContext, FeedGenerator, FileTruth, GeneratedFile, PlantedBadRow, load_spec
from csphub.generator.calendar import Month
from csphub.generator.faults import RowFaults, bad_row_count, make_unparseable
from csphub.generator.feeds.council_asb import AsbCases
from csphub.generator.feeds.council_homelessness import HomelessnessPresentations
from csphub.generator.feeds.fire_incidents import FireIncidents
from csphub.generator.feeds.health_istv import EdAssaultAttendances
from csphub.generator.feeds.police_asb import AsbCalls
from csphub.generator.feeds.police_crime import CrimeRecords
from csphub.generator.feeds.probation_assessments import CaseAssessments
from csphub.generator.params import DEFAULT_ROWS
from csphub.generator.population import Population
from csphub.generator.serialise import serialise

#: "partner.feed" -> generator
GENERATORS: dict[str, FeedGenerator] = {
    "police.crime_records": CrimeRecords(),
    "police.asb_calls": AsbCalls(),
    "council.asb_cases": AsbCases(),
    "council.homelessness_presentations": HomelessnessPresentations(),
    "probation.case_assessments": CaseAssessments(),
    "health.ed_assault_attendances": EdAssaultAttendances(),
    "fire.incidents": FireIncidents(),
}

_POPULATIONS: dict[int, Population] = {}


def _population(seed: int) -> Population:
    if seed not in _POPULATIONS:
        _POPULATIONS[seed] = Population(seed)
    return _POPULATIONS[seed]


def generate_feed(
    partner: str,
    feed: str,
    month: str,
    rows: int | None = None,
    *,
    seed: int = 2025,
    bad_share: float = 0.02,
    population: Population | None = None,
) -> GeneratedFile:
    """One partner file for ``month`` (``YYYY-MM``); same arguments give the same bytes."""
    key = f"{partner}.{feed}"
    try:
        gen = GENERATORS[key]
    except KeyError:
        raise KeyError(f"no generator for {key!r}; known feeds: {', '.join(sorted(GENERATORS))}") from None
    m = Month.parse(month)
    n = DEFAULT_ROWS[key] if rows is None else rows
    if n < 1:
        raise ValueError("rows must be at least 1")
    pop = population if population is not None else _population(seed)
    spec = load_spec(partner, feed)
    feed_no = sorted(GENERATORS).index(key)
    rng = np.random.default_rng([seed, m.year, m.month, feed_no, n])
    ctx = FeedContext(month=m, rows=n, seed=seed, rng=rng, population=pop, spec=spec)
    frame = gen.build(ctx)
    faults = RowFaults(frame, spec, np.random.default_rng([seed, m.year, m.month, feed_no, n, 1]))
    faults.plant(bad_row_count(frame.rows, bad_share))
    data, identifiers = serialise(frame, spec, faults.overrides, gen, ctx)
    truth = FileTruth(
        rows=frame.rows,
        bad_rows=tuple(faults.bad),
        persons=frame.persons(),
        raw_identifiers=frozenset(identifiers | faults.identifiers | frame.text_identifiers),
    )
    return GeneratedFile(partner=partner, feed=feed, name=gen.file_name(ctx), data=data, truth=truth)


def generate_month(month: str, *, seed: int = 2025, scale: float = 1.0, bad_share: float = 0.02) -> list[GeneratedFile]:
    """Every feed for ``month`` from one shared population; ``scale`` multiplies the default volumes."""
    pop = _population(seed)
    out = []
    for key in GENERATORS:
        partner, feed = key.split(".")
        rows = max(1, round(DEFAULT_ROWS[key] * scale))
        out.append(generate_feed(partner, feed, month, rows, seed=seed, bad_share=bad_share, population=pop))
    return out


__all__ = [
    "DEFAULT_ROWS",
    "GENERATORS",
    "FeedGenerator",
    "FileTruth",
    "GeneratedFile",
    "PlantedBadRow",
    "Population",
    "generate_feed",
    "generate_month",
    "make_unparseable",
]
