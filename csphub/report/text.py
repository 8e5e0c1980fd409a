"""The board report as plain text: headline figures, each figure's table, sources and notes."""

from __future__ import annotations

from csphub.cli._table import render
from csphub.report.figures import BoardReport
from csphub.report.layout import WITHHELD, grid


def render_text(report: BoardReport) -> str:
    b = report.board
    out = [b.title, "=" * len(b.title), ""]
    if b.description:
        out += [b.description.strip(), ""]
    for fig in report.figures:
        out += [fig.title, "-" * len(fig.title)]
        if fig.table is None:
            out += [*(f"  {n}" for n in fig.notes), ""]
            continue
        for label, value in fig.headline:
            out.append(f"  {label}: {value}")
        g = grid(fig)
        if g.rows:
            out += ["", render(g.header, g.rows, right=g.right)]
        else:
            out += ["", "  (no records)"]
        out += [f"  note: {n}" for n in fig.notes]
        out.append("")
    out += ["Data sources", "------------"]
    rows = [
        [s.dataset, s.kind, s.rows, s.snapshot_id if s.snapshot_id is not None else "not published", s.contracts]
        for s in report.sources
    ]
    out.append(render(["dataset", "kind", "rows", "snapshot", "contracts"], rows, right=(2,)))
    out += ["", "Notes"]
    out += [f"  - {n}" for n in report.notes]
    out += [
        f"  - {WITHHELD} = withheld by disclosure control (threshold {b.disclosure.threshold}: counts below it are "
        "suppressed; further values are suppressed so totals cannot reveal them; sums dominated by "
        f"{b.disclosure.dominance_n} contribution(s) over {b.disclosure.dominance_k:.0%} are suppressed).",
        "  - Figures come from pseudonymised board datasets; no names, dates of birth or identifiers are used.",
    ]
    return "\n".join(out) + "\n"
