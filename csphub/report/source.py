"""Reading a board's datasets for its report: only that board's tables, each read audited.

Every read goes through :class:`csphub.lake.Lake` and is written to the audit trail as ``dataset.read``
(board, dataset, snapshot id, rows, purpose), the same way an analyst's read is accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from csphub.boards.model import Board, DatasetDef
from csphub.hub import Hub
from csphub.lake import Lake, TableInfo


@dataclass
class BoardData:
    hub: Hub
    board: Board
    purpose: str = "board report"
    lake: Lake | None = None
    _frames: dict[str, pd.DataFrame | None] = field(default_factory=dict)
    _infos: dict[str, TableInfo | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.lake is None:
            self.lake = Lake(self.hub.settings, self.hub.store)

    def definition(self, dataset: str) -> DatasetDef:
        return self.board.dataset(dataset)

    def info(self, dataset: str) -> TableInfo | None:
        if dataset not in self._infos:
            assert self.lake is not None
            self._infos[dataset] = self.lake.info(self.board.id, self.definition(dataset).name)
        return self._infos[dataset]

    def frame(self, dataset: str) -> pd.DataFrame | None:
        """The dataset's current snapshot as a DataFrame, or None if it has not been published."""
        if dataset not in self._frames:
            info = self.info(dataset)
            if info is None or info.snapshot_id is None:
                self._frames[dataset] = None
            else:
                assert self.lake is not None
                table = self.lake.read(self.board.id, dataset)
                self.hub.audit.record(
                    "dataset.read",
                    f"{self.board.id}.{dataset}",
                    board=self.board.id,
                    snapshot_id=info.snapshot_id,
                    rows=table.num_rows,
                    purpose=self.purpose,
                )
                self._frames[dataset] = table.to_pandas()
        return self._frames[dataset]
