"""Process pending landed files (events, then reconciliation) and publish what changed."""

from __future__ import annotations

import argparse

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-publish", action="store_true", help="ingest only; publish later")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.hub import Hub
    from csphub.pipeline.run import run_pending
    from csphub.report_run import summarise

    with Hub.open(settings_from(args)) as hub:
        print(summarise(run_pending(hub, publish=not args.no_publish)))
    return 0
