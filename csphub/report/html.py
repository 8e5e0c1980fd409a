"""The board report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts, no
network resources, so it can be emailed to a board or opened from a file share."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

import pandas as pd

from csphub.report import svg
from csphub.report.builders import COUNT, UNKNOWN, Figure
from csphub.report.figures import BoardReport
from csphub.report.layout import TOTAL, WITHHELD, grid, label, pivot
from csphub.report.refdata import AGE_BANDS, WEEKDAYS

CSS = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;margin:0;background:#f5f7fa}
header{background:#1f3a5f;color:#fff;padding:24px 40px}header h1{margin:0 0 6px;font-size:26px}
header p{margin:0;max-width:960px;opacity:.9}main{padding:8px 40px 40px;max-width:1180px}
section.fig{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:16px 22px;margin:18px 0}
h2{font-size:19px;margin:0 0 8px;color:#102a43}.chips{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0 12px}
.chip{background:#eef4fb;border:1px solid #c9d8ea;border-radius:14px;padding:3px 11px;font-size:13px}
.chip b{color:#1f3a5f}table{border-collapse:collapse;font-size:13px;margin-top:8px}
th,td{padding:3px 9px;border-bottom:1px solid #e4e7eb;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600;border-top:2px solid #9fb3c8}td.c{color:#7b8794}
details summary{cursor:pointer;color:#1f5f8b;font-size:13px;margin-top:6px}.note{font-size:12.5px;color:#52606d;margin:6px 0 0}
.warn{background:#fff7ed;border:1px solid #fdba74;border-radius:6px;padding:8px 12px;font-size:13.5px}
svg .ax{font-size:11px;fill:#52606d}svg .lb{font-size:12px;fill:#1f2933}.chart{max-width:820px}
footer{font-size:12px;color:#52606d;padding:0 40px 30px}
"""


def render_html(report: BoardReport) -> str:
    b = report.board
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [f"<header><h1>{escape(b.title)}</h1><p>{escape(b.description.strip())}</p></header><main>"]
    if report.notes:
        body.append("".join(f'<p class="warn">{escape(n)}</p>' for n in report.notes))
    body += [_figure(f) for f in report.figures]
    body.append(_sources(report))
    body.append("</main>")
    body.append(f"<footer>Generated {stamp} by csphub from pseudonymised board datasets.</footer>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(b.title)} — report</title>'
        f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def _figure(fig: Figure) -> str:
    out = [f'<section class="fig"><h2>{escape(fig.title)}</h2>']
    if fig.table is None:
        out.append("".join(f'<p class="note">{escape(n)}</p>' for n in fig.notes) + "</section>")
        return "".join(out)
    if fig.headline:
        chips = "".join(f'<span class="chip">{escape(k)}: <b>{escape(v)}</b></span>' for k, v in fig.headline)
        out.append(f'<div class="chips">{chips}</div>')
    chart = _chart(fig)
    if chart:
        out.append(f'<div class="chart">{chart}</div>')
    out.append(f"<details{'' if chart else ' open'}><summary>Table</summary>{_table(fig)}</details>")
    out += [f'<p class="note">{escape(n)}</p>' for n in fig.notes]
    out.append("</section>")
    return "".join(out)


def _v(x: object) -> float | None:
    return None if x is None or x is pd.NA or (isinstance(x, float) and pd.isna(x)) else float(x)  # type: ignore[arg-type]


def _chart(fig: Figure) -> str:
    t, p = fig.table, fig.params
    assert t is not None
    cells = t[~t["is_total"]] if "is_total" in t.columns else t
    if fig.kind == "volume":
        m = p["month"]
        cells = cells[cells[m] != UNKNOWN]
        return svg.line_chart([str(x) for x in cells[m]], [_v(x) for x in cells[COUNT]], fig.title)
    if fig.kind == "harm_share":
        labels = [str(x) for x in cells[p["by"]]]
        series = [
            ("% of harm", [_v(x) for x in cells["harm_share_pct"]]),
            ("% of offences", [_v(x) for x in cells["count_share_pct"]]),
        ]
        return svg.bar_chart(labels, series, fig.title, unit="%")
    if fig.kind == "peak_times":
        _, _, vals = pivot(t, "weekday", "hour")
        grid_vals = {(d, str(h)): (_v(vals[(d, h)]) if (d, h) in vals else 0.0) for d in WEEKDAYS for h in range(24)}
        return svg.heat_map(WEEKDAYS, [str(h) for h in range(24)], grid_vals, fig.title)
    if fig.kind == "hotspots":
        key = "harm_days" if "harm_days" in cells.columns else COUNT
        name = "harm (days)" if key != COUNT else "count"
        return svg.bar_chart([str(x) for x in cells["ward"]], [(name, [_v(x) for x in cells[key]])], fig.title)
    if fig.kind == "profile":
        _, genders, vals = pivot(t, "age_band", "gender")
        bands = [a for a in [*AGE_BANDS, UNKNOWN] if any((a, g) in vals for g in genders)]
        series = [(str(g), [_v(vals.get((a, g), 0)) for a in bands]) for g in genders if g in ("FEMALE", "MALE")]
        return svg.bar_chart(bands, series, fig.title, label_width=90) if series else ""
    if fig.kind == "ethnicity":
        charts = []
        for role in pd.unique(cells["role"]):
            part = cells[cells["role"] == role]
            series = [
                (f"% of {role}s (stated)", [_v(x) for x in part["share_pct"]]),
                ("% of population", [_v(x) for x in part["population_pct"]]),
            ]
            charts.append(
                svg.bar_chart(
                    [str(x) for x in part["description"]], series, f"{fig.title} ({role})", unit="%", label_width=330
                )
            )
        return "".join(charts)
    if fig.kind == "breakdown" and not p.get("columns"):
        return svg.bar_chart(
            [label(x) for x in cells[p["rows"]]], [("count", [_v(x) for x in cells[COUNT]])], fig.title
        )
    return ""


def _table(fig: Figure) -> str:
    g = grid(fig)
    head = "".join(f'<th class="{"n" if i in g.right else ""}">{escape(h)}</th>' for i, h in enumerate(g.header))
    rows = []
    for r in g.rows:
        cls = ' class="total"' if r and r[0] in (TOTAL, "Birmingham (all wards)") else ""
        tds = "".join(
            f'<td class="{"n" if i in g.right else ""}{" c" if v == WITHHELD else ""}">{escape(v)}</td>'
            for i, v in enumerate(r)
        )
        rows.append(f"<tr{cls}>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _sources(report: BoardReport) -> str:
    b = report.board
    rows = "".join(
        f"<tr><td>{escape(s.dataset)}</td><td>{escape(s.kind)}</td><td class='n'>{s.rows:,}</td>"
        f"<td>{escape(str(s.snapshot_id) if s.snapshot_id is not None else 'not published')}</td><td>{escape(s.contracts)}</td></tr>"
        for s in report.sources
    )
    sdc = (
        f"{WITHHELD} / hatched = withheld by disclosure control. Counts below {b.disclosure.threshold} are suppressed "
        "(primary); further values are suppressed so that no withheld value can be recovered from totals (secondary, "
        f"checked by an exact-recovery audit); sums whose {b.disclosure.dominance_n} largest contribution(s) exceed "
        f"{b.disclosure.dominance_k:.0%} of the total are suppressed (dominance). Row-level datasets are k-anonymous "
        f"(k ≥ {b.disclosure.k_anonymity_min}) over their quasi-identifiers."
    )
    return (
        '<section class="fig"><h2>Data sources and disclosure control</h2>'
        "<table><thead><tr><th>dataset</th><th>kind</th><th class='n'>rows</th><th>Iceberg snapshot</th>"
        f"<th>contracts</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<p class="note">Harm weights: {escape(report.harm.label)}.</p><p class="note">{escape(sdc)}</p></section>'
    )
