"""The task functions the ingest and reconciliation DAGs call, without Airflow."""

from __future__ import annotations

import pytest

from csphub.config import Settings
from csphub.hub import Hub
from csphub.orchestration import ingest as tasks
from csphub.pipeline.land import land_file
from tests.unit.pipeline.police_rows import csv_bytes, row


def test_pending_keys_are_announced_first_then_every_unprocessed_file_once(settings: Settings) -> None:
    with Hub.open(settings) as hub:
        a = land_file(hub, "police", "crime_records", "wmp_crime_202601.csv", csv_bytes([row()]))
        b = land_file(hub, "police", "crime_records", "wmp_crime_202602.csv", csv_bytes([row(), row()]))
        assert tasks.pending_keys(hub, "police", "crime_records", [b, b, "council/asb_cases/x.csv"]) == [b, a]
        tasks.ingest_one(hub, a)
        assert tasks.pending_keys(hub, "police", "crime_records", [a]) == [b]


def test_announced_keys_ignore_other_feeds() -> None:
    payloads = [{"key": "police/crime_records/a.csv"}, {"key": "police/asb_calls/b.csv"}, {"no": "key"}]
    assert tasks.announced_keys(payloads, partner="police", feed="crime_records") == ["police/crime_records/a.csv"]


def test_ingest_one_reports_counts_and_a_missing_object(settings: Settings) -> None:
    with Hub.open(settings) as hub:
        key = land_file(hub, "police", "crime_records", "wmp_crime_202601.csv", csv_bytes([row(), row(LSOA="bad")]))
        out = tasks.ingest_one(hub, key)
        assert (out["status"], out["rows_published"], out["rows_quarantined"]) == ("validated", 1, 1)
        assert tasks.ingest_one(hub, "police/crime_records/gone.csv")["status"] == "missing"


def test_summary_names_files_without_an_outcome() -> None:
    s = tasks.summarise(
        ["k1", "k2", "k3"],
        [{"key": "k1", "status": "validated", "rows_in": 3, "rows_published": 2, "rows_quarantined": 1}, None],
    )
    assert s.by_status == {"validated": 1}
    assert (s.rows_in, s.rows_published, s.rows_quarantined) == (3, 2, 1)
    assert s.unfinished == ["k2", "k3"]


def test_reconciliation_isolates_a_failing_file(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """One file whose ingest raises is reported; the other pending files are still processed."""
    with Hub.open(settings) as hub:
        bad = land_file(hub, "police", "crime_records", "wmp_crime_202601.csv", csv_bytes([row()]))
        good = land_file(hub, "police", "crime_records", "wmp_crime_202602.csv", csv_bytes([row(), row()]))
        from csphub.pipeline import run  # the reconciliation loop lives in the core

        real = run.ingest_object

        def flaky(hub: Hub, key: str) -> tasks.IngestOutcome:
            if key == bad:
                raise OSError("disk full")
            return real(hub, key)

        monkeypatch.setattr(run, "ingest_object", flaky)
        result = tasks.reconcile_landing(hub)
        assert [o["key"] for o in result.outcomes] == [good]
        assert result.errors == {bad: "OSError: disk full"}
        assert result.validated_feeds() == ["police.crime_records"]
        assert hub.ledger.object("landing", bad).disposition is None  # still pending for the next pass
