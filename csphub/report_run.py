"""Human summary of a pipeline run: per file and per board dataset, with the row reconciliation."""

from __future__ import annotations

from csphub.cli._table import render
from csphub.pipeline.run import RunReport


def summarise(report: RunReport) -> str:
    out = []
    rows = []
    tin = tpub = tq = 0
    for f in report.files:
        reasons = ", ".join(f"{r} ×{n}" for r, n in f.top_reasons[:3]) if f.top_reasons else (f.reason or "")
        reasons = reasons if len(reasons) <= 90 else reasons[:89] + "…"
        rows.append([f.key, f.status, f.rows_in, f.rows_published, f.rows_quarantined, reasons])
        if f.status == "validated":
            tin, tpub, tq = tin + f.rows_in, tpub + f.rows_published, tq + f.rows_quarantined
    if rows:
        out.append("Files")
        out.append(
            render(["file", "outcome", "rows in", "published", "quarantined", "top reasons"], rows, right=(2, 3, 4))
        )
        ok = "reconciles" if tin == tpub + tq else "DOES NOT RECONCILE"
        out.append(f"\nRows: {tin} in = {tpub} published + {tq} quarantined ({ok})")
    else:
        out.append("Files: nothing new to process")
    if report.dead_letters:
        out.append(f"Dead-lettered events: {report.dead_letters}")
    if report.datasets:
        out.append("\nBoard datasets")
        out.append(
            render(
                ["board", "dataset", "outcome", "rows", "snapshot", "source files"],
                [[d.board, d.dataset, d.status, d.rows, d.snapshot_id, d.source_files] for d in report.datasets],
                right=(3, 5),
            )
        )
    return "\n".join(out)
