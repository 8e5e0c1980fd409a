"""Turning a figure's tidy, protected table into display grids (shared by the text and HTML reports).

A grid is a header row plus body rows of strings; withheld values show as ``[c]`` (the ONS convention
for confidential cells). Numeric grids for charts keep None for withheld values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from csphub.report.builders import COUNT, Figure
from csphub.report.refdata import AGE_BANDS, WEEKDAYS

WITHHELD = "[c]"
TOTAL = "Total"


@dataclass
class Grid:
    header: list[str]
    rows: list[list[str]]
    right: tuple[int, ...] = ()


def num(v: Any, digits: int = 0, pct: bool = False, signed: bool = False) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return WITHHELD
    s = f"{float(v):{'+' if signed else ''},.{digits}f}"
    return s + ("%" if pct else "")


def _opt(v: Any, digits: int = 1, pct: bool = True, signed: bool = True) -> str:
    """A derived value: blank when it cannot be computed (rather than withheld)."""
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return "–"
    return num(v, digits, pct, signed)


def label(v: Any) -> str:
    """A dimension value for display (hours stored as floats alongside nulls print as integers)."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def label_key(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _order(values: list[Any], kind: str) -> list[Any]:
    if kind == "weekday":
        return sorted(values, key=lambda v: WEEKDAYS.index(v) if v in WEEKDAYS else 99)
    if kind == "age_band":
        return sorted(values, key=lambda v: AGE_BANDS.index(v) if v in AGE_BANDS else 99)
    return sorted(values, key=lambda v: (isinstance(v, str), v))


def pivot(
    table: pd.DataFrame, row: str, col: str, value: str = COUNT
) -> tuple[list[Any], list[Any], dict[tuple[Any, Any], Any]]:
    """Rows, columns and values of a 2-D protected table with its totals (key TOTAL for margins)."""
    cells = table[~table["is_total"]]
    rows = _order([label_key(v) for v in pd.unique(cells[row])], row)
    cols = _order([label_key(v) for v in pd.unique(cells[col])], col)
    out: dict[tuple[Any, Any], Any] = {}
    for _, r in table.iterrows():
        over = r["total_over"] if isinstance(r["total_over"], str) else ""
        parts = set(over.split(",")) if over else set()
        rk = TOTAL if row in parts else r[row]
        ck = TOTAL if col in parts else r[col]
        rk = int(rk) if isinstance(rk, float) and rk.is_integer() else rk
        ck = int(ck) if isinstance(ck, float) and ck.is_integer() else ck
        out[(rk, ck)] = None if pd.isna(r[value]) else r[value]
    return rows, cols, out


def grid_2d(
    table: pd.DataFrame,
    row: str,
    col: str,
    value: str = COUNT,
    title: str = "",
    pct: bool = False,
    rows_all: list[Any] | None = None,
    cols_all: list[Any] | None = None,
) -> Grid:
    """Rows × columns with totals; combinations the table does not list are true zeros."""
    rows, cols, vals = pivot(table, row, col, value)
    rows, cols = rows_all or rows, cols_all or cols
    vals = {k: v for k, v in vals.items()}
    for r in [*rows, TOTAL]:
        for c in [*cols, TOTAL]:
            vals.setdefault((r, c), 0)
    totals = [] if pct else [TOTAL]
    header = [title or row, *[label(c) for c in cols], *totals]
    body = [
        [label(r), *[num(vals.get((r, c)), 1 if pct else 0, pct=pct) for c in [*cols, *totals]]]
        for r in [*rows, *totals]
    ]
    return Grid(header, body, right=tuple(range(1, len(header))))


def grid(fig: Figure) -> Grid:
    """The display grid of a figure, by kind."""
    t = fig.table
    assert t is not None
    p = fig.params
    if fig.kind == "volume":
        m = p["month"]
        cells = t[~t["is_total"]].tail(13)
        body = [
            [str(r[m]), num(r[COUNT]), _opt(r.get("mom_change_pct")), _opt(r.get("yoy_change_pct"))]
            for _, r in cells.iterrows()
        ]
        tot = t[t["is_total"]]
        if not tot.empty:
            body.append([TOTAL, num(tot[COUNT].iloc[0]), "", ""])
        return Grid(["month", "count", "vs previous month", "vs a year earlier"], body, (1, 2, 3))
    if fig.kind == "harm_share":
        by = p["by"]
        body = [
            [
                TOTAL if r["is_total"] else str(r[by]),
                num(r[COUNT]),
                num(r["harm_days"], 1),
                num(r["harm_share_pct"], 1, pct=True),
                num(r["count_share_pct"], 1, pct=True),
            ]
            for _, r in t.iterrows()
        ]
        return Grid([by, "offences", "harm (days)", "% of harm", "% of offences"], body, (1, 2, 3, 4))
    if fig.kind == "repeat":
        body = []
        for _, r in t.iterrows():
            v = r["value"]
            digits = 2 if "per person" in r["measure"] else (1 if r["measure"].startswith("%") else 0)
            body.append([str(r["measure"]), num(v, digits, pct=r["measure"].startswith("%"))])
        return Grid(["measure", "value"], body, (1,))
    if fig.kind == "peak_times":
        return grid_2d(t, "weekday", "hour", title="weekday \\ hour", rows_all=WEEKDAYS, cols_all=list(range(24)))
    if fig.kind == "hotspots":
        harm = "harm_days" in t.columns
        header = ["ward", "count", *(["harm (days)"] if harm else []), "per 1,000 residents"]
        body = [
            [str(r["ward"]), num(r[COUNT]), *([num(r["harm_days"], 1)] if harm else []), num(r["per_1000"], 2)]
            for _, r in t.iterrows()
        ]
        return Grid(header, body, tuple(range(1, len(header))))
    if fig.kind == "profile":
        return grid_2d(t, "age_band", "gender", title="age band")
    if fig.kind == "ethnicity":
        body = [
            [
                str(r["role"]),
                str(r["ethnicity"]),
                str(r["description"]),
                num(r[COUNT]),
                num(r["share_pct"], 1, pct=True),
                num(r["population_pct"], 1, pct=True),
                _opt(r["representation_ratio"], 2, pct=False, signed=False),
            ]
            for _, r in t.iterrows()
        ]
        return Grid(
            ["role", "code", "ethnicity", "people", "% of stated", "% of population", "ratio"], body, (3, 4, 5, 6)
        )
    if fig.kind == "breakdown":
        if p.get("columns"):
            if "pct" in t.columns:
                return grid_2d(t, p["rows"], p["columns"], value="pct", title=f"{p['rows']} (% with)", pct=True)
            return grid_2d(t, p["rows"], p["columns"], title=p["rows"])
        rows = p["rows"]
        pct = "pct" in t.columns
        body = [
            [
                TOTAL if r["is_total"] else str(r[rows]),
                num(r[COUNT]),
                *([_opt(r["pct"], 1, True, False)] if pct else []),
            ]
            for _, r in t.sort_values("is_total").iterrows()
        ]
        return Grid([rows, "count", *(["%"] if pct else [])], body, (1, 2))
    raise KeyError(f"no layout for figure kind {fig.kind!r}")
