"""The demo: a realistic month of extracts from all five partners, landed and run end to end."""

from __future__ import annotations

from datetime import date

from csphub.config import Settings
from csphub.hub import Hub
from csphub.pipeline.land import land_file
from csphub.pipeline.run import RunReport, ensure_topics, run_pending


def previous_month(today: date | None = None) -> str:
    today = today or date.today()
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{y:04d}-{m:02d}"


def run_demo(settings: Settings, *, month: str, seed: int = 2025, scale: float = 1.0) -> RunReport:
    """Generate, land and process one month for every feed; re-running adds nothing new."""
    from csphub.generator import generate_month
    from csphub.generator.faults import make_unparseable

    with Hub.open(settings) as hub:
        ensure_topics(hub)
        files = generate_month(month, seed=seed, scale=scale)
        for gf in files:
            land_file(hub, gf.partner, gf.feed, gf.name, gf.data, source="demo")
        # Real deliveries go wrong too: a partner re-sends a file under a new name (processed once),
        # and a correction arrives with the wrong delimiter (rejected whole, with the reason).
        crime = next(f for f in files if f.feed == "crime_records")
        land_file(hub, crime.partner, crime.feed, crime.name.replace(".csv", "_resend.csv"), crime.data, source="demo")
        broken = make_unparseable("wrong_delimiter", crime.data, seed=seed)
        land_file(hub, crime.partner, crime.feed, crime.name.replace(".csv", "_corrected.csv"), broken, source="demo")
        return run_pending(hub)
