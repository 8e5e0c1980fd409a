"""Statistical disclosure control on aggregates leaving the hub (the Five Safes' "safe outputs").

An aggregate is protected as a whole table *with its marginal totals*: every total over any subset of
its dimensions (ward totals, month totals, the grand total) is computed, protected with the cells and
published with them, marked ``is_total`` and ``total_over`` (the dimensions summed over).

1. **Primary suppression**: a count below the board's threshold (default 10) is withheld; zeros are
   published unless the board sets ``suppress_zeros``.
2. **Dominance** (n, k) for summed measures (crime-harm days, fire casualties): a sum whose ``n``
   largest contributions exceed ``k`` of it is withheld, since it would reveal the largest contributor
   (a single homicide's harm days, a single fire's casualties).
3. **Secondary suppression**: every table line (the cells varying along one dimension, with the others
   fixed, plus the total of that line) is an equation a reader can solve. A line holding exactly one
   withheld value gives it away by subtraction, so the next-smallest value in that line is withheld
   too, repeated to a fixed point over all lines of all dimensions (cells and totals alike).
4. **Exact-recovery audit**: lines can also be combined (e.g. a withheld cell that bridges two groups
   of withheld cells is the difference of two sums of totals). For each connected group of withheld
   values the null space of the line equations is computed; any value the equations pin down is
   protected by withholding one more value in one of its lines, and steps 3–4 repeat. Groups larger
   than ``AUDIT_LIMIT`` values are protected by step 3 only, and the report says so.

Withheld values are kept as rows with a null value, ``suppressed = true`` and a
``suppression_reason`` (``primary`` / ``dominance`` / ``secondary``), never dropped. Known limitation:
bounds from non-negativity (a withheld pair summing to 12 lies in 0–12) are not audited; the
threshold is what keeps such intervals uninformative.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from csphub.boards.model import CONTRIBUTIONS, DatasetDef, Disclosure

AUDIT_LIMIT = 2000
ALL = -1  # code of a summed-over dimension

PRIMARY, DOMINANCE, SECONDARY = "primary", "dominance", "secondary"


@dataclass
class SdcReport:
    """What disclosure control did to one table (recorded in the snapshot summary and the audit)."""

    cells: int = 0
    totals: int = 0
    suppressed: dict[str, int] = field(default_factory=lambda: {PRIMARY: 0, DOMINANCE: 0, SECONDARY: 0})
    audited_values: int = 0
    unaudited_values: int = 0  # in groups above AUDIT_LIMIT: line rule only

    def as_dict(self) -> dict[str, Any]:
        return {
            "cells": self.cells,
            "totals": self.totals,
            "suppressed": dict(self.suppressed),
            "exact_recovery_audit": "complete" if not self.unaudited_values else "partial",
            "audited_values": self.audited_values,
            "unaudited_values": self.unaudited_values,
        }


@dataclass
class _Rows:
    """Cells and totals of one table: integer codes per dimension (``ALL`` where summed over)."""

    codes: np.ndarray  # rows × dims
    count: np.ndarray
    sums: dict[str, np.ndarray]
    top: dict[str, list[list[float]]]  # per sum: the n largest contributions of each row
    reason: list[str | None]

    @property
    def n(self) -> int:
        return len(self.count)


def protect(table: pa.Table, ds: DatasetDef, policy: Disclosure) -> pa.Table:
    """Disclosure-control an aggregate dataset (cells plus every marginal total)."""
    return protect_dataset(table, ds, policy)[0]


def protect_dataset(table: pa.Table, ds: DatasetDef, policy: Disclosure) -> tuple[pa.Table, SdcReport]:
    assert ds.count_column is not None
    df = table.to_pandas(types_mapper=None)
    out, report = protect_frame(
        df,
        ds.dimensions,
        ds.count_column,
        policy,
        sums={c: f"{c}{CONTRIBUTIONS}" for c in ds.sum_columns},
    )
    return _to_arrow(out, table.schema, ds), report


def protect_frame(
    df: pd.DataFrame,
    dims: list[str],
    count: str,
    policy: Disclosure,
    *,
    sums: dict[str, str | None] | None = None,
) -> tuple[pd.DataFrame, SdcReport]:
    """Protect a table of counts (and optional sums) given as one row per cell.

    ``sums`` maps each summed measure to the column holding its individual contributions (a list per
    cell) for the dominance rule, or to None when the measure has no contributions to check. Returns
    cells then totals, with ``is_total``, ``total_over``, ``suppressed`` and ``suppression_reason``.
    """
    sums = sums or {}
    df = df.reset_index(drop=True)
    if policy.suppress_zeros:
        df = _complete(df, dims, count, sums)
    uniques: list[pd.Index] = []
    codes = np.zeros((len(df), len(dims)), dtype=np.int64)
    for j, d in enumerate(dims):
        c, u = pd.factorize(df[d], use_na_sentinel=False)
        codes[:, j] = c
        uniques.append(u)
    base = _Rows(
        codes=codes,
        count=df[count].fillna(0).to_numpy(dtype=np.int64),
        sums={s: df[s].fillna(0).to_numpy(dtype=float) for s in sums},
        top={s: _top_lists(df, col, policy.dominance_n) for s, col in sums.items()},
        reason=[None] * len(df),
    )
    rows = _with_totals(base, len(dims), policy.dominance_n)
    report = SdcReport(cells=len(df), totals=rows.n - len(df))
    _primary(rows, policy, report)
    lines = _lines(rows)
    _secondary(rows, lines, report)
    for k in report.suppressed:
        report.suppressed[k] = sum(1 for r in rows.reason if r == k)
    return _frame(rows, dims, uniques, count, list(sums)), report


def _complete(df: pd.DataFrame, dims: list[str], count: str, sums: dict[str, str | None]) -> pd.DataFrame:
    """Zero rows for every combination of observed dimension values (so zeros can be suppressed)."""
    levels = [pd.unique(df[d]) for d in dims]
    grid = pd.DataFrame(list(itertools.product(*levels)), columns=dims)
    merged = grid.merge(df, on=dims, how="left")
    merged[count] = merged[count].fillna(0)
    for s, col in sums.items():
        merged[s] = merged[s].fillna(0)
        if col is not None:
            merged[col] = [v if isinstance(v, list | np.ndarray) else [] for v in merged[col]]
    return merged


def _top_lists(df: pd.DataFrame, col: str | None, n: int) -> list[list[float]]:
    if col is None:
        return [[] for _ in range(len(df))]
    out = []
    for v in df[col]:
        vals = [] if v is None else [float(x) for x in v if x is not None and not np.isnan(x)]
        out.append(sorted(vals, reverse=True)[:n])
    return out


def _with_totals(base: _Rows, ndims: int, n: int) -> _Rows:
    """The cells followed by the totals over every non-empty subset of dimensions."""
    codes, counts = [base.codes], [base.count]
    sums = {s: [v] for s, v in base.sums.items()}
    tops: dict[str, list[list[float]]] = {s: list(v) for s, v in base.top.items()}
    for r in range(1, ndims + 1):
        for collapsed in itertools.combinations(range(ndims), r):
            key = base.codes.copy()
            key[:, list(collapsed)] = ALL
            uniq, inverse = np.unique(key, axis=0, return_inverse=True)
            inverse = inverse.reshape(-1)
            codes.append(uniq)
            counts.append(np.bincount(inverse, weights=base.count, minlength=len(uniq)).astype(np.int64))
            for s in base.sums:
                sums[s].append(np.bincount(inverse, weights=base.sums[s], minlength=len(uniq)))
                merged: list[list[float]] = [[] for _ in range(len(uniq))]
                for i, g in enumerate(inverse.tolist()):
                    merged[g].extend(base.top[s][i])
                tops[s].extend(sorted(m, reverse=True)[:n] for m in merged)
    all_codes = np.vstack(codes)
    return _Rows(
        codes=all_codes,
        count=np.concatenate(counts),
        sums={s: np.concatenate(v) for s, v in sums.items()},
        top=tops,
        reason=[None] * len(all_codes),
    )


def _primary(rows: _Rows, policy: Disclosure, report: SdcReport) -> None:
    for i in range(rows.n):
        c = int(rows.count[i])
        if c < policy.threshold and (c > 0 or policy.suppress_zeros):
            rows.reason[i] = PRIMARY
            continue
        for s, values in rows.sums.items():
            total = float(values[i])
            if total > 0 and sum(rows.top[s][i]) > policy.dominance_k * total:
                rows.reason[i] = DOMINANCE
                break


def _lines(rows: _Rows) -> list[list[int]]:
    """Each line as [total, member, member, …] (row indices): total = sum of members."""
    index = {tuple(c): i for i, c in enumerate(rows.codes.tolist())}
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, code in enumerate(rows.codes.tolist()):
        for d, v in enumerate(code):
            if v == ALL:
                continue
            parent = list(code)
            parent[d] = ALL
            members[(index[tuple(parent)], d)].append(i)
    return [[parent, *kids] for (parent, _d), kids in members.items()]


def _secondary(rows: _Rows, lines: list[list[int]], report: SdcReport) -> None:
    by_row: dict[int, list[int]] = defaultdict(list)
    for li, line in enumerate(lines):
        for i in line:
            by_row[i].append(li)
    while True:
        _line_rule(rows, lines)
        pinned, audited, unaudited = _exact_recovery(rows, lines, by_row)
        report.audited_values, report.unaudited_values = audited, unaudited
        if not pinned:
            return
        for i in pinned:
            if not any(_protect_line(rows, lines[li], exclude=i) for li in by_row[i]):
                raise AssertionError(f"no value left to withhold around row {i}")  # every line has a total


def _line_rule(rows: _Rows, lines: list[list[int]]) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [i for i in line if rows.reason[i] is not None]
            if len(hidden) == 1:
                changed |= _protect_line(rows, line, exclude=hidden[0])


def _protect_line(rows: _Rows, line: list[int], exclude: int) -> bool:
    """Withhold the smallest published value in ``line`` (other than ``exclude``); False if none."""
    open_ = [i for i in line if rows.reason[i] is None and i != exclude]
    if not open_:
        return False
    pick = min(open_, key=lambda i: (int(rows.count[i]), int((rows.codes[i] == ALL).sum()), i))
    rows.reason[pick] = SECONDARY
    return True


def _exact_recovery(rows: _Rows, lines: list[list[int]], by_row: dict[int, list[int]]) -> tuple[list[int], int, int]:
    """Withheld values the line equations determine exactly: (pinned rows, audited, unaudited)."""
    hidden = [i for i in range(rows.n) if rows.reason[i] is not None]
    parent = {i: i for i in hidden}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for line in lines:
        h = [i for i in line if rows.reason[i] is not None]
        for a, b in itertools.pairwise(h):
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in hidden:
        groups[find(i)].append(i)
    pinned: list[int] = []
    audited = unaudited = 0
    for members in groups.values():
        if len(members) > AUDIT_LIMIT:
            unaudited += len(members)
            continue
        audited += len(members)
        pinned += _determined(members, lines, by_row)
    return pinned, audited, unaudited


def _determined(members: list[int], lines: list[list[int]], by_row: dict[int, list[int]]) -> list[int]:
    col = {r: j for j, r in enumerate(members)}
    line_ids = sorted({li for r in members for li in by_row[r]})
    a = np.zeros((len(line_ids), len(members)))
    for k, li in enumerate(line_ids):
        total, *kids = lines[li]
        if total in col:
            a[k, col[total]] = 1.0
        for r in kids:
            if r in col:
                a[k, col[r]] -= 1.0
    if not a.any():
        return []
    _, s, vt = np.linalg.svd(a, full_matrices=True)
    rank = int((s > 1e-9 * max(1.0, s[0])).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return list(members)
    norms = np.linalg.norm(null, axis=0)
    return [members[j] for j in np.nonzero(norms < 1e-9)[0].tolist()]


def _frame(rows: _Rows, dims: list[str], uniques: list[pd.Index], count: str, sums: list[str]) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for j, d in enumerate(dims):
        vals = np.asarray(uniques[j], dtype=object)
        c = rows.codes[:, j]
        data[d] = [None if k == ALL else vals[k] for k in c.tolist()]
    hidden = np.array([r is not None for r in rows.reason], dtype=bool)
    data[count] = pd.array(np.where(hidden, 0, rows.count), dtype="Int64")
    data[count][hidden] = pd.NA
    for s in sums:
        v = rows.sums[s].astype(float)
        data[s] = np.where(hidden, np.nan, v)
    collapsed = rows.codes == ALL
    data["is_total"] = collapsed.any(axis=1)
    data["total_over"] = [
        ",".join(d for d, c in zip(dims, row, strict=True) if c) or None for row in collapsed.tolist()
    ]
    data["suppressed"] = hidden
    data["suppression_reason"] = rows.reason
    return pd.DataFrame(data)


def _to_arrow(df: pd.DataFrame, source: pa.Schema, ds: DatasetDef) -> pa.Table:
    assert ds.count_column is not None
    fields = [pa.field(d, source.field(d).type) for d in ds.dimensions]
    fields += [pa.field(ds.count_column, pa.int64())]
    fields += [pa.field(s, pa.float64()) for s in ds.sum_columns]
    fields += [
        pa.field("is_total", pa.bool_()),
        pa.field("total_over", pa.string()),
        pa.field("suppressed", pa.bool_()),
        pa.field("suppression_reason", pa.string()),
    ]
    schema = pa.schema(fields)
    cols = []
    for f in schema:
        values = df[f.name]
        cols.append(pa.array([None if _missing(v) else v for v in values.tolist()], type=f.type))
    return pa.table(cols, schema=schema)


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
