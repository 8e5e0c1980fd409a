"""Retention per contract and delivery deadlines, with ``now`` moved forward instead of waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from csphub.config import REPO_ROOT, Settings
from csphub.hub import Hub
from csphub.lake import Lake
from csphub.orchestration.catalog import load_catalog
from csphub.orchestration.housekeeping import apply_retention, contract_gate, overdue_deliveries
from csphub.pipeline.land import land_file
from csphub.pipeline.publish import publish_all
from csphub.pipeline.run import run_pending
from tests.unit.pipeline.police_rows import csv_bytes, row

CATALOG = load_catalog(REPO_ROOT / "contracts")
CRIME = CATALOG.feed("police.crime_records")


def _ingested(settings: Settings) -> tuple[str, str]:
    """One processed file with a quarantined row, and one landed file never processed."""
    with Hub.open(settings) as hub:
        done = land_file(hub, "police", "crime_records", "wmp_crime_202609.csv", csv_bytes([row(), row(LSOA="x")]))
        run_pending(hub)
        hub.store.put("landing", "police/crime_records/wmp_crime_202610.csv", csv_bytes([row()]))
    return done, "police/crime_records/wmp_crime_202610.csv"


def test_nothing_is_deleted_inside_retention(settings: Settings) -> None:
    _ingested(settings)
    with Hub.open(settings) as hub:
        report = apply_retention(hub, CATALOG, datetime.now(UTC) + timedelta(days=CRIME.landing_days - 1))
        assert report.deleted == {}


def test_landing_past_retention_is_deleted_once_processed_and_kept_otherwise(settings: Settings) -> None:
    """An old landing file with an outcome goes; an old one never processed stays (and is reported)."""
    done, unprocessed = _ingested(settings)
    now = datetime.now(UTC) + timedelta(days=CRIME.landing_days + 1)
    with Hub.open(settings) as hub:
        report = apply_retention(hub, CATALOG, now)
        assert report.deleted["landing"] == [done]
        assert report.kept_unprocessed == [unprocessed]
        assert hub.store.head("landing", done) is None
        assert hub.store.head("landing", unprocessed) is not None
        assert "quarantine" not in report.deleted  # quarantine keeps longer than landing
        assert [e.subject for e in hub.audit.entries("retention.deleted")] == [f"landing/{done}"]


def test_quarantine_past_retention_is_deleted(settings: Settings) -> None:
    _ingested(settings)
    now = datetime.now(UTC) + timedelta(days=CRIME.quarantine_days + 1)
    with Hub.open(settings) as hub:
        report = apply_retention(hub, CATALOG, now)
        assert report.deleted["quarantine"]
        assert list(hub.store.list("quarantine", CRIME.prefix)) == []


def test_trusted_past_retention_is_withdrawn_deleted_and_the_board_republished_without_it(
    settings: Settings,
) -> None:
    """Rows past trusted_days leave the trusted zone and the board's current snapshot; re-delivery stays a duplicate."""
    _ingested(settings)
    with Hub.open(settings) as hub:
        publish_all(hub)
        lake = Lake(hub.settings, hub.store)
        (rec,) = hub.ledger.files(partner="police", feed="crime_records", status="validated")
        assert lake.info("violence_reduction", "violence_offences").summary["csphub.source_files"] == rec.sha256
        now = datetime.now(UTC) + timedelta(days=CRIME.trusted_days + 1)
        report = apply_retention(hub, CATALOG, now)

        assert report.expired_feeds == ["police.crime_records"]
        assert list(hub.store.list("trusted", CRIME.prefix)) == []
        (rec,) = hub.ledger.files(partner="police", feed="crime_records", status="validated")
        assert rec.trusted_key is None
        after = lake.info("violence_reduction", "violence_offences")
        assert after.summary["csphub.source_files"] == ""  # rebuilt from no file: its rows are gone
        assert after.rows == 0
        assert report.expired_snapshots["violence_reduction.violence_offences"] >= 1
        table = lake.catalog.load_table(("violence_reduction", "violence_offences"))
        assert [s.snapshot_id for s in table.snapshots()] == [table.current_snapshot().snapshot_id]


def test_overdue_deliveries_follow_the_contract_period_plus_latency(settings: Settings) -> None:
    _ingested(settings)
    with Hub.open(settings) as hub:
        on_time = overdue_deliveries(hub, [CRIME], datetime.now(UTC) + timedelta(days=CRIME.due_within_days - 1))
        late = overdue_deliveries(hub, [CRIME], datetime.now(UTC) + timedelta(days=CRIME.due_within_days + 1))
        never = overdue_deliveries(hub, [CATALOG.feed("fire.incidents")] if len(CATALOG.feeds) > 1 else [])
    assert on_time == []
    assert [o.feed for o in late] == ["police.crime_records"]
    assert "steward" in late[0].line()
    assert all(o.last_delivery is None for o in never)


def test_the_contract_gate_passes_on_the_repository_contracts() -> None:
    result = contract_gate(REPO_ROOT / "contracts", REPO_ROOT / "schemas")
    assert result.ok, result.problems
