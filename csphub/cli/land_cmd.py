"""Land a partner file in the landing zone and announce it (as a partner's S3 drop would)."""

from __future__ import annotations

import argparse
from pathlib import Path

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("partner")
    parser.add_argument("feed")
    parser.add_argument("file", type=Path)
    parser.add_argument("--name", default=None, help="object name (default: the file's name)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.hub import Hub
    from csphub.pipeline.land import land_file
    from csphub.pipeline.run import ensure_topics

    with Hub.open(settings_from(args)) as hub:
        ensure_topics(hub)
        key = land_file(hub, args.partner, args.feed, args.name or args.file.name, args.file.read_bytes())
    print(f"landed landing/{key}")
    return 0
