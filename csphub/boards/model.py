"""Declarative board definitions (``contracts/boards/<board>.yaml``), validated at load.

A board lists its curated datasets. Each dataset is a DuckDB SQL query over trusted feeds (each feed
is a table named ``<partner>_<feed>`` with the trusted-zone columns), and says whether it is released
row-level (tokens and generalised fields only) or aggregate-only (disclosure-controlled counts).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

IDENT = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Disclosure(_Strict):
    """Statistical disclosure control for this board's aggregates (ACRO-style defaults)."""

    threshold: int = Field(default=10, ge=1, description="cells below this are suppressed")
    suppress_zeros: bool = False
    dominance_n: int = Field(default=2, ge=1)
    dominance_k: float = Field(default=0.9, gt=0, le=1)
    k_anonymity_min: int = Field(default=5, ge=1, description="row-level datasets: smallest group allowed")


class DatasetDef(_Strict):
    name: str = Field(pattern=IDENT)
    title: str
    kind: Literal["row_level", "aggregate"]
    description: str
    sources: list[str] = Field(min_length=1)  # contract ids, e.g. police.crime_records
    sql: str
    quasi_identifiers: list[str] = Field(default_factory=list)  # row-level: columns for the k-anonymity report
    count_column: str | None = None  # aggregate: the count column to disclosure-control
    dimensions: list[str] = Field(default_factory=list)  # aggregate: the grouping columns

    @model_validator(mode="after")
    def _aggregate_has_count(self) -> DatasetDef:
        if self.kind == "aggregate" and not self.count_column:
            raise ValueError("aggregate datasets need count_column (the count to disclosure-control)")
        return self


class Board(_Strict):
    id: str = Field(pattern=IDENT)
    title: str
    description: str = ""
    disclosure: Disclosure = Disclosure()
    datasets: list[DatasetDef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> Board:
        names = [d.name for d in self.datasets]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate dataset names {dupes}")
        return self

    def sources(self) -> list[str]:
        return sorted({s for d in self.datasets for s in d.sources})
