"""The ``csphub`` command. Each sub-command lives in its own module, listed once in COMMANDS."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from csphub.config import Settings
from csphub.errors import HubError

#: command name -> module whose docstring is the command's help and whose ``register(parser)`` adds its
#: arguments and sets ``handler`` (a function of the parsed args returning an exit code).
COMMANDS: dict[str, str] = {
    "generate": "csphub.cli.generate_cmd",
    "demo": "csphub.cli.demo_cmd",
    "land": "csphub.cli.land_cmd",
    "ingest": "csphub.cli.ingest_cmd",
    "publish": "csphub.cli.publish_cmd",
    "status": "csphub.cli.status_cmd",
    "datasets": "csphub.cli.datasets_cmd",
    "contracts": "csphub.cli.contracts_cmd",
    "report": "csphub.cli.report_cmd",
    "stack": "csphub.cli.stack_cmd",
    "watch": "csphub.cli.watch_cmd",
    "pull": "csphub.cli.pull_cmd",
    "airflow": "csphub.cli.airflow_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="csphub", description="Birmingham CSP data-sharing hub")
    parser.add_argument("--stack", choices=["embedded", "local"], default=None, help="override CSPHUB_STACK")
    parser.add_argument("--home", default=None, help="override CSPHUB_HOME (state folder)")
    subs = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue  # command not installed in this build
            raise
        doc = (mod.__doc__ or name).strip().splitlines()[0]
        mod.register(subs.add_parser(name, help=doc, description=mod.__doc__))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except HubError as exc:
        print(f"csphub: {exc}", file=sys.stderr)
        return 2


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the environment, with the global --stack/--home flags applied."""
    overrides: dict[str, object] = {}
    if getattr(args, "stack", None):
        overrides["stack"] = args.stack
    if getattr(args, "home", None):
        overrides["home"] = Path(args.home)
    return Settings(**overrides)  # type: ignore[arg-type]
