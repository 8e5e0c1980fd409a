"""Generate synthetic partner extracts (CSV/XLSX/JSON exactly as partners send them) for a month.

Writes each file under --out with its contract's file name; --truth also writes the ground truth (planted
bad rows, who each row's people are, raw identifiers) next to it as ``<file>.truth.json``. The truth holds
raw identifiers: keep it out of the hub's zones.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from csphub.errors import ConfigError


def register(parser: argparse.ArgumentParser) -> None:
    from csphub.generator import GENERATORS

    partners = sorted({key.split(".")[0] for key in GENERATORS})
    parser.add_argument("--partner", required=True, choices=[*partners, "all"], help="partner, or 'all' for every feed")
    parser.add_argument("--feed", default=None, help="feed of the partner (default: all of the partner's feeds)")
    parser.add_argument("--month", required=True, help="reporting month, YYYY-MM")
    parser.add_argument("--rows", type=int, default=None, help="rows per file (default: the feed's monthly volume)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply default volumes (ignored with --rows)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--bad-share", type=float, default=0.02, help="share of rows with one planted fault")
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder")
    parser.add_argument("--truth", action="store_true", help="also write <file>.truth.json")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.generator import DEFAULT_ROWS, GENERATORS, Population, generate_feed

    keys = [
        k
        for k in GENERATORS
        if args.partner in ("all", k.split(".")[0]) and (args.feed is None or k.split(".")[1] == args.feed)
    ]
    if not keys:
        known = sorted(k for k in GENERATORS if k.startswith(f"{args.partner}."))
        raise ConfigError(f"no feed {args.feed!r} for partner {args.partner!r} (known: {known})", stage="generate")
    args.out.mkdir(parents=True, exist_ok=True)
    population = Population(args.seed)
    for key in keys:
        partner, feed = key.split(".")
        rows = args.rows if args.rows is not None else max(1, round(DEFAULT_ROWS[key] * args.scale))
        try:
            gf = generate_feed(
                partner, feed, args.month, rows, seed=args.seed, bad_share=args.bad_share, population=population
            )
        except ValueError as exc:
            raise ConfigError(str(exc), stage="generate", partner=partner, feed=feed) from None
        path = args.out / gf.name
        path.write_bytes(gf.data)
        line = f"{path}  {gf.truth.rows} rows, {len(gf.truth.bad_rows)} planted bad"
        if args.truth:
            truth = args.out / f"{gf.name}.truth.json"
            truth.write_text(gf.truth.to_json(), encoding="utf-8")
            line += f", truth {truth.name}"
        print(line)
    return 0
