"""Reading the trusted zone: the pseudonymised batches of every file the ledger marks validated.

The ledger is the truth about which trusted objects count: an object written by a run that crashed
before its ledger update is ignored until the file is processed again.
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

from csphub.contracts.registry import Feed
from csphub.hub import Hub
from csphub.ledger import FileRecord
from csphub.pipeline.pseudonymise import trusted_schema


def validated_files(hub: Hub, feed: Feed) -> list[FileRecord]:
    return [
        f
        for f in hub.ledger.files(partner=feed.partner, feed=feed.name, status="validated")
        if f.trusted_key is not None
    ]


def read_trusted(hub: Hub, feed: Feed, files: list[FileRecord] | None = None) -> pa.Table:
    """All validated rows of a feed, conformed to the current contract's trusted schema."""
    schema = trusted_schema(feed)
    parts = []
    for rec in files if files is not None else validated_files(hub, feed):
        assert rec.trusted_key is not None
        t = pq.read_table(io.BytesIO(hub.store.get("trusted", rec.trusted_key)))
        parts.append(_conform(t, schema))
    if not parts:
        return schema.empty_table()
    return pa.concat_tables(parts)


def _conform(t: pa.Table, schema: pa.Schema) -> pa.Table:
    """A batch written under an earlier contract version: missing columns become nulls."""
    cols = [t.column(f.name).cast(f.type) if f.name in t.column_names else pa.nulls(t.num_rows, f.type) for f in schema]
    return pa.table(cols, schema=schema)
