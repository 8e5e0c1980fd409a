"""Run a pull connector once: fetch new partner files into landing and announce them.

csphub pull probation_https    (configured by CSPHUB_PROBATION_HTTPS_URL / _CA_FILE / _TOKEN)
"""

from __future__ import annotations

import argparse

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("connector", help="connector name, e.g. probation_https")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from connectors.pull import get_connector
    from csphub.hub import Hub

    connector = get_connector(args.connector)()
    with Hub.open(settings_from(args)) as hub:
        report = connector.run(hub)
    for key in report.landed:
        print(f"landed {key}")
    print(f"{len(report.landed)} landed, {report.unchanged} already fetched")
    return 0
