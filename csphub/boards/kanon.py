"""k-anonymity of row-level datasets at publish time, and what happens when a group is too small.

A row-level dataset declares its quasi-identifiers (most important first): the generalised columns a
person who knows a victim could match on (age band, gender, ward, …). Rows sharing the same values form
an equivalence class; the dataset is k-anonymous if every class has at least ``k_anonymity_min`` rows.

When some classes are smaller, the hub applies *local suppression*, least important quasi-identifier
first: in rows of too-small classes that column is blanked (set to null) and the classes are counted
again; then the next column, and so on. Rows whose class is still too small with every
quasi-identifier blanked are withheld from the publication. Each published row says in ``k_masked``
which of its quasi-identifiers were blanked, and the report (snapshot summary ``csphub.k_anonymity``
and the audit trail) records the smallest class before and after, the classes below the minimum, the
values blanked per column and the rows withheld — nothing is lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MASK_COLUMN = "k_masked"


@dataclass
class KAnonymityReport:
    quasi_identifiers: list[str]
    k_min: int
    rows_in: int = 0
    smallest_class_before: int | None = None
    classes_below_before: int = 0
    rows_below_before: int = 0
    masked: dict[str, int] = field(default_factory=dict)
    rows_withheld: int = 0
    smallest_class_after: int | None = None
    classes_below_after: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "quasi_identifiers": self.quasi_identifiers,
            "k_min": self.k_min,
            "rows_in": self.rows_in,
            "smallest_class_before": self.smallest_class_before,
            "classes_below_k_before": self.classes_below_before,
            "rows_below_k_before": self.rows_below_before,
            "values_blanked": self.masked,
            "rows_withheld": self.rows_withheld,
            "rows_published": self.rows_in - self.rows_withheld,
            "smallest_class_after": self.smallest_class_after,
            "classes_below_k_after": self.classes_below_after,
        }


def class_sizes(df: pd.DataFrame, qis: list[str]) -> pd.Series:
    """Size of each row's equivalence class (nulls form their own value)."""
    if not qis:
        return pd.Series(len(df), index=df.index)
    key = df[qis].astype(object).where(df[qis].notna(), "\0null")
    return key.groupby(qis, dropna=False, sort=False)[qis[0]].transform("size")


def _summary(sizes: pd.Series, df: pd.DataFrame, qis: list[str], k: int) -> tuple[int | None, int, int]:
    if sizes.empty:
        return None, 0, 0
    small = sizes < k
    if qis:
        key = df.loc[small, qis].astype(object).where(df.loc[small, qis].notna(), "\0null")
        classes = len(key.drop_duplicates())
    else:
        classes = int(small.any())
    return int(sizes.min()), classes, int(small.sum())


def enforce(table: pa.Table, qis: list[str], k: int) -> tuple[pa.Table, KAnonymityReport]:
    """Make ``table`` k-anonymous over ``qis`` by local suppression, withholding what cannot be."""
    report = KAnonymityReport(list(qis), k, rows_in=table.num_rows)
    df = table.select(qis).to_pandas() if qis else pd.DataFrame(index=range(table.num_rows))
    sizes = class_sizes(df, qis)
    report.smallest_class_before, report.classes_below_before, report.rows_below_before = _summary(sizes, df, qis, k)
    masked = pd.Series([[] for _ in range(len(df))], index=df.index, dtype=object)
    for q in reversed(qis):
        small = (sizes < k) & df[q].notna()
        report.masked[q] = int(small.sum())
        if small.any():
            df.loc[small, q] = None
            for i in small[small].index:
                masked[i] = [*masked[i], q]
            sizes = class_sizes(df, qis)
    keep = (sizes >= k).to_numpy() if len(df) else []
    report.rows_withheld = int(len(df) - sum(keep))
    out = table
    for q in qis:
        idx = out.schema.get_field_index(q)
        out = out.set_column(idx, q, pa.array(df[q], type=table.schema.field(q).type, from_pandas=True))
    mask_col = pa.array([",".join(m) if m else None for m in masked.tolist()], type=pa.string())
    out = out.append_column(MASK_COLUMN, mask_col)
    out = out.filter(pa.array(keep, type=pa.bool_())) if len(df) else out
    after = class_sizes(df[keep] if len(df) else df, qis)
    report.smallest_class_after, report.classes_below_after, _ = _summary(after, df[keep] if len(df) else df, qis, k)
    return out, report


def smallest_class(table: pa.Table, qis: list[str]) -> int | None:
    """The k a table achieves over ``qis`` (None for an empty table)."""
    if table.num_rows == 0:
        return None
    counts = table.group_by(qis).aggregate([([], "count_all")]) if qis else None
    if counts is None:
        return table.num_rows
    return int(pc.min(counts.column("count_all")).as_py())
