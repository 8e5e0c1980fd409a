"""Watch the landing bucket and announce each new partner file (push mode, S3 drops).

Every object under landing/<partner>/<feed>/ that the ledger has not seen announced gets a FileLanded
event on its feed's topic; unsafe keys and unknown feeds are quarantined and audited instead.
"""

from __future__ import annotations

import argparse
import logging

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="one scan, then exit (errors exit non-zero)")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between scans (default 10)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from connectors.drop_watcher import watch
    from csphub.hub import Hub
    from csphub.stack import feeds_for

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = settings_from(args)
    with Hub.open(settings) as hub:
        report = watch(hub, feeds_for(settings), once=args.once, interval_s=args.interval)
    for key in report.announced:
        print(f"announced {key}")
    for key, reason in report.rejected:
        print(f"rejected  {key}: {reason}")
    for key in report.overwrites:
        print(f"overwrite {key}: quarantined, announced version restored")
    print(f"{len(report.announced)} announced, {len(report.rejected)} rejected, {report.already} already announced")
    return 0
