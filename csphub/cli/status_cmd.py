"""Show every landed file and its outcome, from the ledger and the event log."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from csphub.cli import settings_from
from csphub.cli._table import render


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--partner", default=None)
    parser.set_defaults(handler=_run)


def _ts(t: float | None) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M:%S") if t else ""


def _run(args: argparse.Namespace) -> int:
    from csphub.hub import Hub

    with Hub.open(settings_from(args)) as hub:
        files = {f.sha256: f for f in hub.ledger.files(partner=args.partner)}
        rows = []
        for obj in hub.ledger.objects("landing"):
            if args.partner and not obj.key.startswith(args.partner + "/"):
                continue
            f = files.get(obj.sha256 or "")
            outcome = obj.disposition or (f.status if f else "announced, not yet processed")
            counts = f"{f.rows_in}/{f.rows_published}/{f.rows_quarantined}" if f and f.rows_in is not None else ""
            rows.append([obj.key, _ts(obj.announced_at), outcome, counts, (f.reason or "") if f else ""])
        print(render(["landing object", "announced (UTC)", "outcome", "in/published/quarantined", "reason"], rows))
        by_status: dict[str, int] = {}
        for f in files.values():
            by_status[f.status] = by_status.get(f.status, 0) + 1
        print(f"\n{len(rows)} landing objects; files by content: {by_status or 'none'}")
        trail = hub.audit.verify()
        print("audit trail: intact" if trail is None else f"audit trail: BROKEN at entry {trail}")
    return 0
