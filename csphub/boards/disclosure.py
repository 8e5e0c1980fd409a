"""Statistical disclosure control on aggregates leaving the hub (the Five Safes' "safe outputs").

Primary suppression: a count below the board's threshold (default 10) is withheld. Suppressed cells
are kept as rows with a null count and ``suppressed = true``, never silently dropped.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from csphub.boards.model import DatasetDef, Disclosure


def protect(table: pa.Table, ds: DatasetDef, policy: Disclosure) -> pa.Table:
    """Apply primary suppression to ``ds.count_column``; adds a boolean ``suppressed`` column."""
    assert ds.count_column is not None
    counts = table.column(ds.count_column)
    small = pc.less(counts, policy.threshold)
    if not policy.suppress_zeros:
        small = pc.and_(small, pc.greater(counts, 0))
    small = pc.fill_null(small, False)
    idx = table.column_names.index(ds.count_column)
    table = table.set_column(idx, ds.count_column, pc.if_else(small, pa.scalar(None, counts.type), counts))
    return table.append_column("suppressed", small)
