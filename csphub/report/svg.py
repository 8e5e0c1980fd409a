"""Hand-written inline SVG charts for the HTML report (no chart library, no network resources).

Withheld values are drawn as hatched, labelled ``c`` and never given a height that would reveal them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#1f5f8b", "#c2410c", "#15803d", "#7c3aed", "#b45309", "#0f766e")
HATCH = (
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#eef0f3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ad" stroke-width="2"/>'
    "</pattern></defs>"
)


def _svg(width: int, height: int, body: str, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(label)}" preserveAspectRatio="xMinYMin meet">{HATCH}{body}</svg>'
    )


def _nice_max(v: float) -> float:
    if v <= 4:
        return 4.0
    mag = 10 ** (len(str(int(v))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if v <= step * mag:
            return step * mag
    return 10.0 * mag


def line_chart(labels: Sequence[str], values: Sequence[float | None], label: str) -> str:
    w, h, left, bottom, top = 640, 220, 48, 36, 12
    top_v = _nice_max(max([v for v in values if v is not None] or [0]))
    n = max(len(values), 1)
    step = (w - left - 44) / max(n - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step if n > 1 else left + (w - left) / 2, top + (h - top - bottom) * (1 - v / top_v)

    parts = []
    for k in range(5):
        tick = top_v * k / 4
        _, y = xy(0, tick)
        parts.append(f'<line x1="{left}" x2="{w - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="ax">{tick:,.{0 if top_v >= 8 else 1}f}</text>'
        )
    run: list[str] = []
    for i, v in enumerate(values):
        if v is None:
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
                )
            run = []
            x, _ = xy(i, 0)
            parts.append(f'<rect x="{x - 7:.1f}" y="{h - bottom - 18}" width="14" height="18" fill="url(#hatch)"/>')
            parts.append(f'<text x="{x:.1f}" y="{h - bottom - 22}" text-anchor="middle" class="ax">c</text>')
            continue
        x, y = xy(i, v)
        run.append(f"{x:.1f},{y:.1f}")
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PALETTE[0]}"><title>{escape(labels[i])}: {v:,.0f}</title></circle>'
        )
    if len(run) > 1:
        parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>')
    every = max(1, n // 12)
    for i, lab in enumerate(labels):
        if i % every == 0 or i == n - 1:
            x, _ = xy(i, 0)
            parts.append(
                f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle" class="ax">{escape(lab)}</text>'
            )
    return _svg(w, h, "".join(parts), label)


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    label: str,
    unit: str = "",
    label_width: int = 220,
) -> str:
    """Horizontal bars, one group per label, one bar per series."""
    bar, gap, w = 14, 10, 640
    groups = len(labels)
    per = bar * len(series) + gap
    h = 24 + groups * per + (22 if len(series) > 1 else 0)
    top_v = _nice_max(max([v for _, vs in series for v in vs if v is not None] or [0]))
    scale = (w - label_width - 70) / top_v
    parts = []
    for g, lab in enumerate(labels):
        y0 = 12 + g * per
        parts.append(
            f'<text x="{label_width - 8}" y="{y0 + bar * len(series) / 2 + 4:.1f}" text-anchor="end" class="lb">{escape(lab)}</text>'
        )
        for s, (name, vals) in enumerate(series):
            v = vals[g]
            y = y0 + s * bar
            if v is None:
                parts.append(f'<rect x="{label_width}" y="{y}" width="40" height="{bar - 2}" fill="url(#hatch)"/>')
                parts.append(f'<text x="{label_width + 46}" y="{y + bar - 4}" class="ax">c</text>')
                continue
            width = max(v * scale, 1.0)
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar - 2}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{escape(name)} {escape(lab)}: {v:,.1f}{unit}</title></rect>"
            )
            parts.append(f'<text x="{label_width + width + 4:.1f}" y="{y + bar - 4}" class="ax">{v:,.1f}{unit}</text>')
    if len(series) > 1:
        x = label_width
        for s, (name, _) in enumerate(series):
            parts.append(f'<rect x="{x}" y="{h - 16}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>')
            parts.append(f'<text x="{x + 16}" y="{h - 6}" class="ax">{escape(name)}</text>')
            x += 24 + 8 * len(name)
    return _svg(w, h, "".join(parts), label)


def heat_map(rows: Sequence[str], cols: Sequence[str], values: dict[tuple[str, str], float | None], label: str) -> str:
    cell, left, top = 24, 90, 22
    w, h = left + cell * len(cols) + 10, top + cell * len(rows) + 26
    peak = max([v for v in values.values() if v is not None] or [1.0]) or 1.0
    parts = []
    for j, c in enumerate(cols):
        parts.append(
            f'<text x="{left + j * cell + cell / 2}" y="{top - 6}" text-anchor="middle" class="ax">{escape(c)}</text>'
        )
    for i, r in enumerate(rows):
        y = top + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4}" text-anchor="end" class="lb">{escape(r)}</text>')
        for j, c in enumerate(cols):
            x = left + j * cell
            v = values.get((r, c))
            if v is None:
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="url(#hatch)"><title>{escape(r)} {escape(c)}:00 withheld</title></rect>'
                )
                continue
            t = v / peak
            fill = f"rgb({int(247 - 216 * t)},{int(251 - 156 * t)},{int(255 - 116 * t)})"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                f"<title>{escape(r)} {escape(c)}:00: {v:,.0f}</title></rect>"
            )
    parts.append(
        f'<text x="{left}" y="{h - 6}" class="ax">hour of day → (hatched: withheld by disclosure control)</text>'
    )
    return _svg(w, h, "".join(parts), label)
