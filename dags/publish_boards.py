"""Publish DAGs: one per board (``contracts/boards/<board>.yaml``), scheduled on the trusted feeds it reads.

A board publishes when any of its source feeds gets a validated file (its ingest DAG or the
reconciliation DAG updates the feed's ``trusted.<feed>`` asset).
"""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, Asset, AssetAny, get_current_context, task

from csphub.config import Settings
from csphub.orchestration.catalog import BoardInfo, Catalog, lake_asset_uri, load_catalog, trusted_asset_uri
from csphub.orchestration.dagdefaults import HUB_OWNER, START, deadline, default_args, open_hub
from csphub.orchestration.dagdocs import publish_doc


def build(board: BoardInfo, catalog: Catalog) -> DAG:
    sources = [Asset(name=f"trusted.{s}", uri=trusted_asset_uri(s), group="trusted") for s in board.sources]
    lake = {
        d: Asset(name=f"lake.{board.id}.{d}", uri=lake_asset_uri(board.id, d), group="lake") for d in board.datasets
    }
    partners = sorted({catalog.feed(s).partner for s in board.sources})

    with DAG(
        dag_id=board.dag_id,
        description=board.title,
        schedule=AssetAny(*sources) if sources else None,
        start_date=START,
        catchup=False,
        max_active_runs=1,
        default_args=default_args(HUB_OWNER),
        tags=["publish", f"board:{board.id}", *(f"partner:{p}" for p in partners)],
        doc_md=publish_doc(board),
        deadline=deadline(board.dag_id, minutes=60),
    ) as dag:

        @task(outlets=list(lake.values()))
        def publish() -> list[dict[str, Any]]:
            """Build and commit the board's curated datasets; unchanged inputs make no new snapshot."""
            from csphub.pipeline.publish import publish_all

            with open_hub() as hub:
                outcomes = publish_all(hub, [board.id])
            outlet_events = get_current_context()["outlet_events"]
            for o in outcomes:
                print(
                    f"{o.board}.{o.dataset}: {o.status}, {o.rows} rows from {o.source_files} file(s), snapshot {o.snapshot_id}"
                )
                if o.dataset in lake:
                    outlet_events[lake[o.dataset]].extra = {
                        "status": o.status,
                        "rows": o.rows,
                        "snapshot_id": o.snapshot_id,
                    }
            return [vars(o) for o in outcomes]

        publish()
    return dag


_catalog = load_catalog(Settings().contracts_dir)
for _board in _catalog.boards:
    globals()[_board.dag_id] = build(_board, _catalog)
