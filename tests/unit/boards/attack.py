"""An attacker who sees only a published, protected table (cells and totals) and tries to recover
each withheld value, written independently of the protection code.

Two attacks: iterated subtraction (a line with one unknown gives it away; recovered values are fed
back in), and linear algebra over all line equations at once (a withheld value is exposed if the
equations determine it, e.g. a cell bridging two groups of withheld cells).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd


def _equations(table: pd.DataFrame, dims: list[str]) -> list[tuple[int, list[int]]]:
    """(total row, member rows) for every line the published table implies."""
    over = [frozenset(str(v).split(",")) if isinstance(v, str) and v else frozenset() for v in table["total_over"]]
    key = {}
    for i in range(len(table)):
        key[(over[i], tuple(None if d in over[i] else table[d].iloc[i] for d in dims))] = i
    lines: dict[int, list[int]] = defaultdict(list)
    for i in range(len(table)):
        for d in dims:
            if d in over[i]:
                continue
            parent = tuple(None if (e in over[i] or e == d) else table[e].iloc[i] for e in dims)
            p = key.get((over[i] | {d}, parent))
            if p is not None:
                lines[(p, d)].append(i)  # type: ignore[index]
    return [(p, kids) for (p, _d), kids in lines.items()]  # type: ignore[misc]


def recover_by_subtraction(table: pd.DataFrame, dims: list[str], count: str) -> dict[int, float]:
    values = {i: (None if pd.isna(v) else float(v)) for i, v in enumerate(table[count])}
    eqs = _equations(table, dims)
    recovered: dict[int, float] = {}
    changed = True
    while changed:
        changed = False
        for total, kids in eqs:
            unknown = [i for i in [total, *kids] if values[i] is None]
            if len(unknown) != 1:
                continue
            u = unknown[0]
            known_kids = sum(values[k] or 0.0 for k in kids if k != u)
            values[u] = known_kids if u == total else (values[total] or 0.0) - known_kids
            recovered[u] = values[u]  # type: ignore[assignment]
            changed = True
    return recovered


def recover_by_algebra(table: pd.DataFrame, dims: list[str], count: str) -> list[int]:
    """Withheld rows whose value the line equations determine uniquely."""
    hidden = [i for i, v in enumerate(table[count]) if pd.isna(v)]
    if not hidden:
        return []
    col = {r: j for j, r in enumerate(hidden)}
    rows = []
    for total, kids in _equations(table, dims):
        row = np.zeros(len(hidden))
        if total in col:
            row[col[total]] = 1
        for k in kids:
            if k in col:
                row[col[k]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    exposed = []
    for j, r in enumerate(hidden):
        if np.linalg.matrix_rank(np.delete(a, j, axis=1)) < rank:
            exposed.append(r)
    return exposed
