"""End to end with real services: SeaweedFS, Kafka and Airflow 3 (api-server, scheduler, dag-processor,
triggerer) on 127.0.0.1.

A partner identity uploads a file → the drop watcher announces it on Kafka → the ingest DAG's asset
watcher starts a run from that event → the board's publish DAG runs on the trusted asset → the board
dataset is in the lake. Then, with the ingest DAG paused, two more drops are announced; after
unpausing (and a reconciliation pass) both are processed, and no file is processed twice.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import pytest

from csphub.config import Settings
from csphub.hub import Hub
from csphub.stack.process import free_port
from tests.unit.pipeline.police_rows import csv_bytes, row

if importlib.util.find_spec("airflow") is None:  # only checked: Airflow runs in its own processes here
    pytest.skip("Airflow is an optional extra: uv pip install -e '.[airflow]'", allow_module_level=True)

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(360)]

INGEST = "ingest_police_crime_records"
PUBLISH = "publish_violence_reduction"
T = TypeVar("T")


@dataclass
class Env:
    settings: Settings
    api: Any
    feeds: list[tuple[str, str]]
    partner_store: Any


def _wait(what: str, probe: Callable[[], T | None], timeout_s: float) -> T:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (found := probe()) is not None:
            return found
        time.sleep(2.0)
    raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    from csphub.airflow_local import AirflowLocal
    from csphub.airflow_local.api import AirflowApi
    from csphub.stack import StackConfig, down, feeds_for, up
    from csphub.stack.config import SeaweedPorts
    from csphub.stack.identities import local_secret, partner_identity
    from csphub.storage.s3 import S3ObjectStore

    home = tmp_path_factory.mktemp("e2e-airflow")
    ports = SeaweedPorts(*(free_port() for _ in range(8)))
    kafka_port = free_port()
    settings = Settings(
        home=home,
        stack="local",
        s3_endpoint=f"http://127.0.0.1:{ports.s3}",
        kafka_bootstrap=f"127.0.0.1:{kafka_port}",
    )
    feeds = feeds_for(settings)
    cfg = replace(
        StackConfig.from_settings(settings),
        seaweed=ports,
        kafka_port=kafka_port,
        kafka_controller_port=free_port(),
        kafka_heap="512m",
        feeds=tuple(feeds),
    )
    local = AirflowLocal(settings, port=free_port())
    try:
        up(cfg, feeds)
        local.up(timeout_s=150)
        api = AirflowApi(local.url, username="admin", password=local.admin_password())
        police = partner_identity("police")
        store = S3ObjectStore.for_identity(cfg.s3_endpoint, police, local_secret(police), max_attempts=1)
        yield Env(settings, api, feeds, store)
    finally:
        local.down()
        down(cfg)


def _announce(env: Env) -> list[str]:
    from connectors.drop_watcher import DropWatcher

    with Hub.open(env.settings) as hub:
        return list(DropWatcher(hub, env.feeds).scan().announced)


def _runs(env: Env, dag_id: str) -> list[dict[str, Any]]:
    return list(env.api.get(f"/dags/{dag_id}/dagRuns?order_by=-run_after&limit=50")["dag_runs"])


def _finished_run(env: Env, dag_id: str, after: set[str]) -> dict[str, Any] | None:
    for run in _runs(env, dag_id):
        if run["dag_run_id"] not in after and run["state"] in ("success", "failed"):
            return run
    return None


def _dispositions(env: Env, keys: list[str]) -> dict[str, str | None]:
    with Hub.open(env.settings) as hub:
        return {k: (rec.disposition if (rec := hub.ledger.object("landing", k)) else None) for k in keys}


def test_a_partner_drop_flows_from_event_to_lake_and_paused_drops_are_not_lost(env: Env) -> None:
    # 1. a partner uploads; the watcher announces it on Kafka; the ingest DAG runs from that event
    key = "police/crime_records/wmp_crime_202609.csv"
    env.partner_store.put("landing", key, csv_bytes([row() for _ in range(12)]))
    assert _announce(env) == [key]

    run = _wait("the event-driven ingest run", lambda: _finished_run(env, INGEST, set()), 150)
    assert run["state"] == "success"
    assert run["run_type"] == "asset_triggered"
    events = env.api.get(f"/dags/{INGEST}/dagRuns/{run['dag_run_id']}/upstreamAssetEvents")["asset_events"]
    payloads = [e["extra"]["payload"] for e in events if e["extra"].get("from_trigger")]
    assert key in [p["key"] for p in payloads]

    # 2. the trusted asset event schedules the board's publish DAG; the dataset is in the lake
    published = _wait("the publish run", lambda: _finished_run(env, PUBLISH, set()), 120)
    assert published["state"] == "success"
    with Hub.open(env.settings) as hub:
        from csphub.lake import Lake

        info = Lake(hub.settings, hub.store).info("violence_reduction", "violence_offences")
        assert info is not None
        assert info.rows == 12

    # 3. paused: two drops are announced while nobody listens; after unpausing both are processed
    seen = {r["dag_run_id"] for r in _runs(env, INGEST)}
    env.api.patch(f"/dags/{INGEST}", {"is_paused": True})
    keys = [f"police/crime_records/wmp_crime_2026{m}.csv" for m in ("10", "11")]
    for i, k in enumerate(keys):
        env.partner_store.put("landing", k, csv_bytes([row() for _ in range(5 + i)]))
    assert sorted(_announce(env)) == keys
    time.sleep(5)
    assert _dispositions(env, keys) == dict.fromkeys(keys)  # nothing ran while paused
    env.api.patch(f"/dags/{INGEST}", {"is_paused": False})
    env.api.post("/dags/reconcile_landing/dagRuns", {"logical_date": None})

    def both_done() -> dict[str, str | None] | None:
        d = _dispositions(env, keys)
        return d if all(v == "validated" for v in d.values()) else None

    _wait("both paused drops processed", both_done, 150)
    with Hub.open(env.settings) as hub:
        files = hub.ledger.files(partner="police", feed="crime_records")
        assert sorted(f.first_key for f in files) == sorted([key, *keys])
        assert all(f.attempts == 1 for f in files), [(f.first_key, f.attempts) for f in files]
        assert len(list(hub.store.list("trusted", "police/crime_records/"))) == 3
        assert len(hub.audit.entries("file.validated")) == 3
    new_runs = [r for r in _runs(env, INGEST) if r["dag_run_id"] not in seen]
    print(f"ingest runs after unpausing: {[(r['run_type'], r['state']) for r in new_runs]}")
