"""Rebuild board datasets whose inputs changed and commit them to the lake."""

from __future__ import annotations

import argparse

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("boards", nargs="*", help="board ids (default: all)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.hub import Hub
    from csphub.pipeline.publish import publish_all
    from csphub.pipeline.run import RunReport
    from csphub.report_run import summarise

    with Hub.open(settings_from(args)) as hub:
        print(summarise(RunReport(datasets=publish_all(hub, args.boards or None))))
    return 0
