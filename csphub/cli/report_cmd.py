"""Print a board's report (volumes, harm, repeat victimisation, peak times, hotspots, profiles), or write it as HTML."""

from __future__ import annotations

import argparse
import webbrowser
from pathlib import Path

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", help="board id, e.g. domestic_abuse (see contracts/boards/)")
    parser.add_argument("--html", action="store_true", help="write a self-contained HTML page instead of text")
    parser.add_argument("--out", type=Path, default=None, help="HTML file (default: <home>/reports/<board>.html)")
    parser.add_argument("--open", action="store_true", help="open the HTML page in the default browser")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from csphub.hub import Hub
    from csphub.report.figures import board_figures

    if (args.out or args.open) and not args.html:
        raise SystemExit("csphub report: --out and --open go with --html")
    with Hub.open(settings_from(args)) as hub:
        report = board_figures(hub, args.board)
        if not args.html:
            from csphub.report.text import render_text

            print(render_text(report), end="")
            return 0
        from csphub.report.html import render_html

        out = args.out or hub.settings.home / "reports" / f"{args.board}.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_html(report), encoding="utf-8")
        hub.audit.record("report.written", args.board, path=str(out), format="html")
        print(f"wrote {out}")
        if args.open:
            webbrowser.open(out.resolve().as_uri())
    return 0
