"""Publish: build each board's curated datasets from the trusted zone and commit them to the lake.

A dataset is a pure function of (its definition, the set of validated source files). Its fingerprint
is stored on the Iceberg snapshot; when nothing changed, no new snapshot is made, so re-running the
pipeline never duplicates rows. Each publication is one atomic overwrite commit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pyarrow as pa

from csphub.boards.curate import curate
from csphub.boards.model import Board, DatasetDef
from csphub.boards.reference import reference_hashes, register_references
from csphub.boards.registry import BoardRegistry, table_name
from csphub.events import DatasetPublished
from csphub.events.topics import published_topic
from csphub.hub import Hub
from csphub.lake import Lake
from csphub.trusted import read_trusted, validated_files


@dataclass
class PublishOutcome:
    board: str
    dataset: str
    status: str  # published | unchanged
    rows: int
    snapshot_id: int | None
    source_files: int


def publish_all(hub: Hub, boards: list[str] | None = None) -> list[PublishOutcome]:
    registry = BoardRegistry.load(hub.contracts)
    lake = Lake(hub.settings, hub.store)
    cache: dict[str, pa.Table] = {}
    out: list[PublishOutcome] = []
    for board_id in boards or sorted(registry.boards):
        board = registry.get(board_id)
        for ds in board.datasets:
            out.append(publish_dataset(hub, lake, board, ds, cache))
    return out


def publish_dataset(hub: Hub, lake: Lake, board: Board, ds: DatasetDef, cache: dict[str, pa.Table]) -> PublishOutcome:
    import duckdb

    files = {src: validated_files(hub, hub.contracts.feeds[src]) for src in ds.sources}
    shas = sorted(f.sha256 for fs in files.values() for f in fs)
    contracts = sorted({f"{src}@{hub.contracts.feeds[src].contract.version}" for src in ds.sources})
    refs = reference_hashes(ds.sql, hub.contracts.contracts_dir)
    fingerprint = hashlib.sha256(
        json.dumps([ds.model_dump(), board.disclosure.model_dump(), shas, contracts, refs], sort_keys=True).encode()
    ).hexdigest()
    current = lake.info(board.id, ds.name)
    if current is not None and current.summary.get("csphub.inputs") == fingerprint:
        return PublishOutcome(board.id, ds.name, "unchanged", current.rows, current.snapshot_id, len(shas))

    con = duckdb.connect()
    try:
        for src in ds.sources:
            if src not in cache:
                cache[src] = read_trusted(hub, hub.contracts.feeds[src], files[src])
            con.register(table_name(src), cache[src])
        register_references(con, ds.sql, hub.contracts.contracts_dir)
        result = con.sql(ds.sql).to_arrow_table()
    finally:
        con.close()
    curated = curate(result, ds, board.disclosure)
    result = curated.table
    summary = {
        "csphub.inputs": fingerprint,
        "csphub.kind": ds.kind,
        "csphub.source_files": ",".join(shas),
        "csphub.contracts": ",".join(contracts),
        "csphub.references": ",".join(f"{k}@{v[:12]}" for k, v in sorted(refs.items())),
        **curated.summary,
    }
    snapshot = lake.publish(board.id, ds.name, result, summary=summary)
    hub.bus.publish(
        published_topic(hub.settings.topic_prefix),
        DatasetPublished(
            board=board.id,
            dataset=ds.name,
            table=f"{board.id}.{ds.name}",
            snapshot_id=snapshot,
            rows=result.num_rows,
            source_files=shas,
        ),
        key=f"{board.id}.{ds.name}",
    )
    hub.audit.record(
        "dataset.published",
        f"{board.id}.{ds.name}",
        snapshot_id=snapshot,
        rows=result.num_rows,
        source_files=shas,
        contracts=contracts,
        references=refs,
        **curated.details,
    )
    return PublishOutcome(board.id, ds.name, "published", result.num_rows, snapshot, len(shas))
