"""Reconciliation DAG: every 15 minutes, ingest any landed file that no event got processed."""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, Asset, AssetAlias, get_current_context, task

from csphub.config import Settings
from csphub.orchestration.catalog import load_catalog, trusted_asset_uri
from csphub.orchestration.dagdefaults import HUB_OWNER, START, deadline, default_args, open_hub
from csphub.orchestration.dagdocs import RECONCILE_DOC

DAG_ID = "reconcile_landing"
RECONCILED = AssetAlias(name="trusted.reconciled")

_catalog = load_catalog(Settings().contracts_dir)

with DAG(
    dag_id=DAG_ID,
    description="Ingest landed files that no event got processed",
    schedule="*/15 * * * *",
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(HUB_OWNER),
    tags=["reconcile", *sorted({f"partner:{f.partner}" for f in _catalog.feeds})],
    doc_md=RECONCILE_DOC,
    deadline=deadline(DAG_ID, minutes=30),
):

    @task
    def reconcile() -> dict[str, Any]:
        """Ingest every landing object without an outcome in the ledger, each file isolated."""
        from csphub.orchestration.ingest import reconcile_landing

        with open_hub() as hub:
            result = reconcile_landing(hub)
        print(f"{len(result.outcomes)} file(s) reconciled, {len(result.errors)} failed")
        return result.as_dict()

    @task(outlets=[RECONCILED])
    def announce(result: dict[str, Any]) -> list[str]:
        """Update the trusted asset of each feed that got validated files, so its boards publish."""
        events = get_current_context()["outlet_events"]
        for feed_id in result["validated_feeds"]:
            events[RECONCILED].add(
                Asset(name=f"trusted.{feed_id}", uri=trusted_asset_uri(feed_id), group="trusted"),
                extra={"source": DAG_ID},
            )
        return list(result["validated_feeds"])

    @task
    def check(result: dict[str, Any]) -> None:
        """Fail, naming each file, when any file's ingest raised (the others were processed)."""
        for key, error in result["errors"].items():
            print(f"{key}: {error}")
        if result["errors"]:
            raise RuntimeError(f"{len(result['errors'])} file(s) failed to ingest: {sorted(result['errors'])}")

    outcome = reconcile()
    announce(outcome) >> check(outcome)
