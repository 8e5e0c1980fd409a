"""The lake: Apache Iceberg tables via pyiceberg, one namespace per board.

Embedded: a SQLite catalog and a ``file://`` warehouse inside the local object store's ``lake``
bucket. Local stack / production: the same catalog type (SQLite here, Postgres in production) with an
``s3://lake`` warehouse. Table locations are ``<warehouse>/<board>/<dataset>`` so a board's read-only
S3 identity can be limited to its own prefix.

A publication is one Iceberg ``overwrite`` commit: readers see the old snapshot or the new one, never
a half-written table. Each snapshot's summary records the fingerprint of its inputs (the set of source
files and the dataset definition), so publishing unchanged inputs again creates no new snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from csphub.config import Settings
from csphub.storage import ObjectStore


@dataclass(frozen=True)
class TableInfo:
    board: str
    dataset: str
    rows: int
    snapshot_id: int | None
    properties: dict[str, str]
    summary: dict[str, str]
    schema: str
    location: str


class Lake:
    def __init__(self, settings: Settings, store: ObjectStore) -> None:
        self.settings = settings
        self.warehouse = store.uri("lake")
        self._catalog: Any = None

    @property
    def catalog(self) -> Any:
        if self._catalog is None:
            from pyiceberg.catalog.sql import SqlCatalog

            props: dict[str, str] = {
                "uri": f"sqlite:///{self.settings.catalog_path}",
                "warehouse": self.warehouse,
            }
            if self.settings.stack != "embedded":
                props |= {
                    "s3.endpoint": self.settings.s3_endpoint,
                    "s3.access-key-id": self.settings.s3_access_key,
                    "s3.secret-access-key": self.settings.s3_secret_key.get_secret_value(),
                    "s3.region": self.settings.s3_region,
                    "s3.path-style-access": "true",
                }
            self.settings.catalog_path.parent.mkdir(parents=True, exist_ok=True)
            self._catalog = SqlCatalog("csphub", **props)
        return self._catalog

    def publish(self, board: str, dataset: str, data: pa.Table, *, summary: dict[str, str]) -> int:
        """Replace the table's contents in one snapshot; returns the new snapshot id."""
        from pyiceberg.exceptions import NoSuchTableError

        cat = self.catalog
        cat.create_namespace_if_not_exists(board)
        ident = (board, dataset)
        try:
            table = cat.load_table(ident)
        except NoSuchTableError:
            table = cat.create_table(ident, schema=data.schema, location=f"{self.warehouse}/{board}/{dataset}")
        if not _same_columns(table.schema().as_arrow(), data.schema):
            with table.update_schema() as update:
                update.union_by_name(data.schema)
            table = cat.load_table(ident)
        data = data.cast(_conform(data.schema, table.schema().as_arrow()))
        if table.current_snapshot() is None:
            table.append(data, snapshot_properties=summary)  # first publication: nothing to replace
        else:
            table.overwrite(data, snapshot_properties=summary)
        snap = cat.load_table(ident).current_snapshot()
        return int(snap.snapshot_id)

    def info(self, board: str, dataset: str) -> TableInfo | None:
        from pyiceberg.exceptions import NoSuchNamespaceError, NoSuchTableError

        try:
            table = self.catalog.load_table((board, dataset))
        except (NoSuchTableError, NoSuchNamespaceError):
            return None
        snap = table.current_snapshot()
        summary = dict(snap.summary.additional_properties) if snap and snap.summary else {}
        rows = int(summary.get("total-records", 0))
        return TableInfo(
            board,
            dataset,
            rows,
            snap.snapshot_id if snap else None,
            dict(table.properties),
            summary,
            str(table.schema()),
            table.location(),
        )

    def tables(self) -> list[tuple[str, str]]:
        out = []
        for (ns,) in self.catalog.list_namespaces():
            out += [(ns, name) for _ns, name in self.catalog.list_tables(ns)]
        return sorted(out)

    def read(self, board: str, dataset: str) -> pa.Table:
        return self.catalog.load_table((board, dataset)).scan().to_arrow()

    def input_fingerprint(self, board: str, dataset: str) -> str | None:
        info = self.info(board, dataset)
        return info.summary.get("csphub.inputs") if info else None


def _same_columns(a: pa.Schema, b: pa.Schema) -> bool:
    return [(f.name, f.type) for f in a] == [(f.name, f.type) for f in b]


def _conform(data: pa.Schema, table: pa.Schema) -> pa.Schema:
    """The data's columns with the table's types (Iceberg stores e.g. int8 as int32)."""
    types = {f.name: f.type for f in table}
    return pa.schema([pa.field(f.name, types.get(f.name, f.type), nullable=True) for f in data])
