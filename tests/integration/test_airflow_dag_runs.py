"""Real DAG runs with ``dag.test()`` on the embedded stack: a landed file goes through ingest and publish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.airflow_env import DAGS, migrate_metadata_db  # isort: skip  (sets Airflow's env first)

from csphub.config import Settings
from csphub.hub import Hub
from csphub.lake import Lake
from csphub.pipeline.land import land_file
from tests.unit.pipeline.police_rows import csv_bytes, row

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    return migrate_metadata_db()


@pytest.fixture
def hub_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Tasks build their hub from CSPHUB_* variables: point them at this test's embedded hub."""
    monkeypatch.setenv("CSPHUB_HOME", str(settings.home))
    monkeypatch.setenv("CSPHUB_STACK", "embedded")
    return settings


@pytest.fixture(scope="module")
def dags() -> dict[str, Any]:
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS)).dags


def _run(dag: Any) -> str:
    """``dag.test()`` and the run's state.

    ``dag.test()`` in Airflow 3.3.2 cannot evaluate deadline alerts (it looks them up by id before the
    DAG is stored), so the DAG under test (this module's own DagBag) drops them; the scheduler handles
    them (see the e2e test).
    """
    dag.deadline = None
    return str(dag.test().state)


def _land(settings: Settings, name: str, rows: list[dict[str, str]]) -> str:
    with Hub.open(settings) as hub:
        return land_file(hub, "police", "crime_records", name, csv_bytes(rows))


def test_ingest_then_publish_a_landed_file(dags: dict[str, Any], hub_env: Settings, airflow_db: Path) -> None:
    """A landed police file is validated (one row quarantined with its reason) and published to the board."""
    key = _land(hub_env, "wmp_crime_202609.csv", [row() for _ in range(25)] + [row(Ward_Code="E05999999")])

    assert _run(dags["ingest_police_crime_records"]) == "success"
    with Hub.open(hub_env) as hub:
        (rec,) = hub.ledger.files(partner="police", feed="crime_records")
        assert (rec.status, rec.first_key, rec.rows_in, rec.rows_published, rec.rows_quarantined) == (
            "validated",
            key,
            26,
            25,
            1,
        )
        assert hub.ledger.object("landing", key).disposition == "validated"
        assert hub.store.head("trusted", rec.trusted_key or "") is not None
        report = hub.store.get("quarantine", f"{rec.quarantine_key}report.json")
        assert b"ward_code:in_reference" in report

    assert _run(dags["publish_violence_reduction"]) == "success"
    with Hub.open(hub_env) as hub:
        lake = Lake(hub.settings, hub.store)
        offences = lake.info("violence_reduction", "violence_offences")
        assert offences is not None
        assert offences.rows == 25
        assert offences.summary["csphub.source_files"] == rec.sha256


def test_a_run_processes_every_pending_file_and_a_rerun_processes_none_twice(
    dags: dict[str, Any], hub_env: Settings, airflow_db: Path
) -> None:
    """Events may be merged or missed: one run takes all pending files; a second run finds nothing to do."""
    keys = [_land(hub_env, f"wmp_crime_2026{m:02d}.csv", [row() for _ in range(5 + m)]) for m in (7, 8, 9)]
    dup = _land(hub_env, "wmp_crime_202609_resend.csv", [row() for _ in range(14)])  # same bytes as 202609

    assert _run(dags["ingest_police_crime_records"]) == "success"
    assert _run(dags["ingest_police_crime_records"]) == "success"
    with Hub.open(hub_env) as hub:
        files = hub.ledger.files(partner="police", feed="crime_records")
        assert len(files) == 3
        assert all(f.attempts == 1 for f in files)
        first = {f.first_key for f in files}
        assert set(keys[:2]) <= first
        (twin,) = {keys[2], dup} - first  # the same bytes twice: whichever came second is the duplicate
        (kept,) = {keys[2], dup} & first
        assert hub.ledger.object("landing", twin).disposition == f"duplicate of {kept}"


def test_reconcile_dag_picks_up_files_no_event_announced(
    dags: dict[str, Any], hub_env: Settings, airflow_db: Path
) -> None:
    """An object written straight to landing (no FileLanded) is ingested by the reconciliation DAG."""
    with Hub.open(hub_env) as hub:
        hub.store.put("landing", "police/crime_records/wmp_crime_202611.csv", csv_bytes([row() for _ in range(3)]))
        hub.store.put("landing", "police/not_a_feed/x.csv", b"a,b\n1,2\n")

    assert _run(dags["reconcile_landing"]) == "success"
    with Hub.open(hub_env) as hub:
        assert hub.ledger.object("landing", "police/crime_records/wmp_crime_202611.csv").disposition == "validated"
        assert hub.ledger.object("landing", "police/not_a_feed/x.csv").disposition == "rejected"
