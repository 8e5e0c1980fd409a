"""Declarative board definitions (``contracts/boards/<board>.yaml``), validated at load.

A board lists its curated datasets. Each dataset is a DuckDB SQL query over trusted feeds (each feed
is a table named ``<partner>_<feed>`` with the trusted-zone columns) and the shipped reference tables
(``ref_<file stem>``, e.g. ``ref_cchi_harm_weights``), and says whether it is released row-level
(tokens and generalised fields only, with a k-anonymity report) or aggregate-only (disclosure-controlled
counts and sums). A board also lists the figures of its report, each naming one of its own datasets.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

IDENT = r"^[a-z][a-z0-9_]*$"
#: Suffix of the list column an aggregate query outputs for each summed measure: the individual
#: contributions (one per offence, incident, …) the dominance rule looks at. Never published.
CONTRIBUTIONS = "_contributions"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Disclosure(_Strict):
    """Statistical disclosure control for this board's outputs (ACRO-style defaults)."""

    threshold: int = Field(default=10, ge=1, description="counts below this are suppressed")
    suppress_zeros: bool = False
    dominance_n: int = Field(default=2, ge=1, description="(n, k) rule: the n largest contributions …")
    dominance_k: float = Field(default=0.9, gt=0, le=1, description="… may not exceed k of a cell's sum")
    k_anonymity_min: int = Field(default=5, ge=1, description="row-level datasets: smallest group allowed")


class DatasetDef(_Strict):
    name: str = Field(pattern=IDENT)
    title: str
    kind: Literal["row_level", "aggregate"]
    description: str
    sources: list[str] = Field(min_length=1)  # contract ids, e.g. police.crime_records
    sql: str
    quasi_identifiers: list[str] = Field(default_factory=list)  # row-level: most important first
    count_column: str | None = None  # aggregate: the count to disclosure-control
    dimensions: list[str] = Field(default_factory=list)  # aggregate: the grouping columns
    sum_columns: list[str] = Field(default_factory=list)  # aggregate: summed measures (dominance rule)

    @model_validator(mode="after")
    def _shape(self) -> DatasetDef:
        if self.kind == "aggregate":
            if not self.count_column:
                raise ValueError("aggregate datasets need count_column (the count to disclosure-control)")
            if not self.dimensions:
                raise ValueError("aggregate datasets need dimensions (the grouping columns)")
            if self.quasi_identifiers:
                raise ValueError("quasi_identifiers are for row-level datasets")
        elif self.count_column or self.dimensions or self.sum_columns:
            raise ValueError("count_column, dimensions and sum_columns are for aggregate datasets")
        return self


FigureKind = Literal["volume", "harm_share", "repeat", "peak_times", "hotspots", "profile", "ethnicity", "breakdown"]


class FigureDef(_Strict):
    """One figure of the board report, computed from one of the board's datasets."""

    figure: FigureKind
    dataset: str = Field(pattern=IDENT)
    title: str
    params: dict[str, Any] = Field(default_factory=dict)  # column names etc., checked by the figure's builder


class Board(_Strict):
    id: str = Field(pattern=IDENT)
    title: str
    description: str = ""
    disclosure: Disclosure = Disclosure()
    datasets: list[DatasetDef] = Field(default_factory=list)
    report: list[FigureDef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> Board:
        names = [d.name for d in self.datasets]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate dataset names {dupes}")
        unknown = sorted({f.dataset for f in self.report} - set(names))
        if unknown:
            raise ValueError(f"report figures name datasets this board does not define: {unknown}")
        return self

    def sources(self) -> list[str]:
        return sorted({s for d in self.datasets for s in d.sources})

    def dataset(self, name: str) -> DatasetDef:
        for d in self.datasets:
            if d.name == name:
                return d
        raise KeyError(f"board {self.id} has no dataset {name!r} (has {[d.name for d in self.datasets]})")
