"""Generate a month of realistic extracts for all five partners and run them end to end."""

from __future__ import annotations

import argparse
import time

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", default=None, help="YYYY-MM (default: last month)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the realistic monthly volumes")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.demo import previous_month, run_demo
    from csphub.report_run import summarise

    settings = settings_from(args)
    month = args.month or previous_month()
    print(f"csphub demo: {month}, stack={settings.stack}, state in {settings.home}")
    started = time.perf_counter()
    report = run_demo(settings, month=month, seed=args.seed, scale=args.scale)
    print(summarise(report))
    print(f"\nDone in {time.perf_counter() - started:.1f} s. Next: `csphub status`, `csphub datasets list`.")
    return 0
