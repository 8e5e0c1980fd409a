"""List published board datasets, or show one (rows, snapshot, lineage, schema)."""

from __future__ import annotations

import argparse

from csphub.cli import settings_from
from csphub.cli._table import render
from csphub.errors import ConfigError


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("list", help="every published table")
    show = sub.add_parser("show", help="one table: <board>/<dataset>")
    show.add_argument("table")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.hub import Hub
    from csphub.lake import Lake

    with Hub.open(settings_from(args)) as hub:
        lake = Lake(hub.settings, hub.store)
        if args.action == "list":
            rows = []
            for board, ds in lake.tables():
                info = lake.info(board, ds)
                assert info is not None
                rows.append([f"{board}/{ds}", info.summary.get("csphub.kind", ""), info.rows, info.snapshot_id])
            print(render(["table", "kind", "rows", "snapshot"], rows, right=(2,)))
            return 0
        board, _, ds = args.table.partition("/")
        info = lake.info(board, ds)
        if info is None:
            raise ConfigError(f"no published table {args.table!r}; see `csphub datasets list`")
        print(f"{board}/{ds}  ({info.summary.get('csphub.kind', '')})")
        print(f"  rows: {info.rows}\n  snapshot: {info.snapshot_id}\n  location: {info.location}")
        print(f"  contracts: {info.summary.get('csphub.contracts', '')}")
        srcs = [s for s in info.summary.get("csphub.source_files", "").split(",") if s]
        print(f"  source files: {len(srcs)}")
        for s in srcs:
            rec = hub.ledger.file(s)
            print(f"    {s[:12]}…  {rec.first_key if rec else '?'}")
        print(f"  schema:\n    {info.schema.replace(chr(10), chr(10) + '    ')}")
        hub.audit.record("dataset.described", f"{board}.{ds}")
    return 0
