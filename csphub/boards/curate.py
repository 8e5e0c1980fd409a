"""The last step before a board dataset enters the lake: disclosure control for aggregates, the
k-anonymity report (and local suppression) for row-level datasets.

Returns the table to publish plus what was done to it, as Iceberg snapshot-summary properties (JSON in
``csphub.sdc`` / ``csphub.k_anonymity``) and as details for the audit trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from csphub.boards.disclosure import protect_dataset
from csphub.boards.kanon import enforce
from csphub.boards.model import DatasetDef, Disclosure


@dataclass(frozen=True)
class Curated:
    table: pa.Table
    summary: dict[str, str]
    details: dict[str, Any]


def curate(result: pa.Table, ds: DatasetDef, policy: Disclosure) -> Curated:
    if ds.kind == "aggregate":
        table, sdc = protect_dataset(result, ds, policy)
        rep = {
            "threshold": policy.threshold,
            "suppress_zeros": policy.suppress_zeros,
            "dominance": [policy.dominance_n, policy.dominance_k] if ds.sum_columns else None,
            **sdc.as_dict(),
        }
        return Curated(table, {"csphub.sdc": json.dumps(rep, sort_keys=True)}, {"sdc": rep})
    table, k = enforce(result, ds.quasi_identifiers, policy.k_anonymity_min)
    rep = k.as_dict()
    return Curated(table, {"csphub.k_anonymity": json.dumps(rep, sort_keys=True)}, {"k_anonymity": rep})
