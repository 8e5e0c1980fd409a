"""DAG files: they import without errors, parse fast, and follow the hub's DAG policy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.integration.airflow_env import AIRFLOW_ENV, DAGS  # isort: skip  (sets Airflow's env first)

from csphub.config import REPO_ROOT
from csphub.orchestration.catalog import load_catalog, trusted_asset_uri

CATALOG = load_catalog(REPO_ROOT / "contracts")
PARSE_BUDGET_S = 0.8  # "well under a second" per file (typically 0.1-0.4 s; the margin is for a busy machine)

_MEASURE = """
import json, sys, time
import airflow.sdk  # the dag-processor has Airflow loaded before it parses a file
from airflow.dag_processing.dagbag import DagBag
t = time.perf_counter()
bag = DagBag(dag_folder=sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - t, "errors": bag.import_errors, "dags": sorted(bag.dags)}))
"""


@pytest.fixture(scope="module")
def dagbag() -> Any:
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def _contract_ids() -> set[str]:
    paths = (p for p in (REPO_ROOT / "contracts").glob("*/*.yaml") if p.parent.name not in ("boards", "reference"))
    return {f"{p.parent.name}.{p.stem}" for p in paths}


def test_dagbag_has_no_import_errors(dagbag: Any) -> None:
    """Every DAG file imports: a broken DAG file would silently remove its DAGs from the scheduler."""
    assert dagbag.import_errors == {}
    expected = {f.dag_id for f in CATALOG.feeds} | {b.dag_id for b in CATALOG.boards}
    assert expected | {"reconcile_landing", "housekeeping"} == set(dagbag.dags)


@pytest.mark.parametrize("dag_file", sorted(p.name for p in DAGS.glob("*.py")))
def test_each_dag_file_parses_well_under_a_second(dag_file: str) -> None:
    """Parse time of each file in a fresh interpreter (contracts read, hub modules imported)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(DAGS / dag_file)],
        capture_output=True,
        text=True,
        check=True,
        env={**AIRFLOW_ENV, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT)},
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{dag_file}: {result['seconds']:.3f}s, {len(result['dags'])} DAG(s)")
    assert result["errors"] == {}
    assert result["seconds"] < PARSE_BUDGET_S


def test_dag_files_do_no_heavy_imports() -> None:
    """Parsing must not load Presidio, spaCy, boto3, pyarrow or DuckDB (they belong in task bodies)."""
    code = (
        "import sys, airflow.sdk\n"
        "from airflow.dag_processing.dagbag import DagBag\n"
        f"DagBag(dag_folder={str(DAGS)!r})\n"
        "heavy = ['presidio_analyzer', 'spacy', 'boto3', 'pyarrow', 'duckdb', 'pyiceberg', 'pandas']\n"
        "print('loaded:' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**AIRFLOW_ENV, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT)},
    )
    (loaded,) = [line for line in out.stdout.splitlines() if line.startswith("loaded:")]
    assert loaded == "loaded:"


def test_exactly_one_ingest_dag_per_contract(dagbag: Any) -> None:
    ingest = [d for d in dagbag.dags.values() if "ingest" in d.tags]
    assert sorted(d.dag_id for d in ingest) == sorted(f"ingest_{c.replace('.', '_')}" for c in _contract_ids())


def test_every_dag_follows_the_policy(dagbag: Any) -> None:
    """catchup off, retries with backoff on every task, an owner, tags, doc_md and a deadline alert."""
    for dag in dagbag.dags.values():
        assert dag.catchup is False, dag.dag_id
        assert dag.doc_md, dag.dag_id
        assert "failure" in dag.doc_md, dag.dag_id
        assert "Re-run" in dag.doc_md, dag.dag_id
        assert dag.tags, dag.dag_id
        assert dag.max_active_runs == 1, dag.dag_id
        assert dag.deadline, dag.dag_id
        for t in dag.tasks:
            where = f"{dag.dag_id}.{t.task_id}"
            assert t.retries >= 1, where
            assert t.retry_exponential_backoff, where
            assert t.owner not in ("", "airflow"), where


def test_ingest_dags_are_owned_and_tagged_from_their_contract(dagbag: Any) -> None:
    for feed in CATALOG.feeds:
        dag = dagbag.dags[feed.dag_id]
        assert dag.owner == feed.steward
        assert {"ingest", f"partner:{feed.partner}", *(f"board:{b}" for b in feed.consumers)} == set(dag.tags)


def test_ingest_dags_watch_their_own_landing_topic_and_update_their_trusted_asset(dagbag: Any) -> None:
    from csphub.orchestration.trigger import FileLandedTrigger

    for feed in CATALOG.feeds:
        dag = dagbag.dags[feed.dag_id]
        (landing,) = dag.timetable.asset_condition.objects
        (watcher,) = landing.watchers
        assert isinstance(watcher.trigger, FileLandedTrigger)
        assert watcher.trigger.topics == [f"csphub.landing.{feed.partner}.{feed.name}"]
        assert (watcher.trigger.partner, watcher.trigger.feed) == (feed.partner, feed.name)
        outlets = {a.uri for a in dag.get_task("ingest_file").outlets}
        assert outlets == {trusted_asset_uri(feed.id)}


def test_publish_dags_are_scheduled_on_the_trusted_feeds_their_board_reads(dagbag: Any) -> None:
    for board in CATALOG.boards:
        dag = dagbag.dags[board.dag_id]
        assert {"publish", f"board:{board.id}"} <= set(dag.tags)
        if board.sources:
            scheduled = {a.uri for a in dag.timetable.asset_condition.objects}
            assert scheduled == {trusted_asset_uri(s) for s in board.sources}
        else:
            assert dag.schedule is None


def test_the_serialized_trigger_round_trips() -> None:
    """The triggerer rebuilds the trigger from serialize(): the class path and kwargs must suffice."""
    from airflow.sdk._shared.module_loading import import_string

    from csphub.orchestration.trigger import FileLandedTrigger

    t = FileLandedTrigger(topics=["csphub.landing.police.crime_records"], partner="police", feed="crime_records")
    path, kwargs = t.serialize()
    again = import_string(path)(**kwargs)
    assert again.serialize() == (path, kwargs)
    assert again.shared_stream_key() == t.shared_stream_key()


def test_dags_folder_holds_only_dag_files_and_the_operator_notes() -> None:
    assert {p.suffix for p in Path(DAGS).iterdir() if p.is_file()} <= {".py", ".md"}
