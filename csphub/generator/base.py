"""The generator's data model: generated files with their ground truth, the in-memory frame a feed builds,
and the feed contract it is built against (read straight from ``contracts/`` and ``schemas/``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import yaml

from csphub.config import REPO_ROOT
from csphub.contracts.model import Contract
from csphub.contracts.registry import AvroField, avro_fields
from csphub.generator.calendar import Month
from csphub.generator.population import Population

#: A cell value: typed (formatted by the contract's formats) or a literal string written as is.
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class PlantedBadRow:
    row: int  # 1-based data row number (header excluded; JSON: index in the records list + 1)
    field: str  # schema field whose value is bad
    rule: str  # expected finding: required, type, date_format, enum, not_future, range, pattern,
    # in_reference, valid_identifier, unique, age_range


@dataclass(frozen=True)
class FileTruth:
    rows: int
    bad_rows: tuple[PlantedBadRow, ...]
    persons: dict[int, list[tuple[str, str]]]  # 1-based row -> [(role, person_id)]
    raw_identifiers: frozenset[str]

    def to_json(self) -> str:
        return json.dumps(
            {
                "rows": self.rows,
                "bad_rows": [{"row": b.row, "field": b.field, "rule": b.rule} for b in self.bad_rows],
                "persons": {str(k): [list(p) for p in v] for k, v in sorted(self.persons.items())},
                "raw_identifiers": sorted(self.raw_identifiers),
            },
            indent=1,
            ensure_ascii=False,
        )


@dataclass(frozen=True)
class GeneratedFile:
    partner: str
    feed: str
    name: str  # object name, matches the contract's format.file_pattern
    data: bytes  # exactly what the partner would send
    truth: FileTruth  # ground truth, never written to landing/trusted/lake

    @property
    def feed_id(self) -> str:
        return f"{self.partner}.{self.feed}"


@dataclass(frozen=True)
class FeedSpec:
    """A feed's contract and schema fields, as the generator needs them."""

    contract: Contract
    fields: dict[str, AvroField]

    @property
    def headers(self) -> dict[str, str]:
        """schema field -> the partner's column header."""
        return {f: h for h, f in self.contract.format.columns.items()}

    @property
    def header_keys(self) -> dict[str, str]:
        """schema field -> JSON header key (fields carried once per file)."""
        return {f: k for k, f in self.contract.format.header_fields.items()}


@cache
def load_spec(partner: str, feed: str, root: Path = REPO_ROOT) -> FeedSpec:
    raw = yaml.safe_load((root / "contracts" / partner / f"{feed}.yaml").read_text(encoding="utf-8"))
    contract = Contract.model_validate(raw)
    schema = json.loads((root / "schemas" / contract.schema_.file).read_text(encoding="utf-8"))
    return FeedSpec(contract, {f.name: f for f in avro_fields(schema)})


@dataclass
class Frame:
    """One generated extract before serialisation: a typed column per schema field.

    Columns: timestamps ``datetime64[s]`` and dates ``datetime64[D]`` (NaT = null), booleans ``bool``,
    ints ``int64`` (or object with None), strings and enums ``object`` with None for null.
    """

    columns: dict[str, np.ndarray]
    header: dict[str, Cell] = field(default_factory=dict)  # JSON header fields, typed
    roles: dict[str, np.ndarray] = field(default_factory=dict)  # role -> person_id per row (None = nobody)
    text_identifiers: set[str] = field(default_factory=set)  # identifiers planted in free text

    @property
    def rows(self) -> int:
        return len(next(iter(self.columns.values())))

    def add_persons(self, role: str, rows: np.ndarray, person_ids: np.ndarray) -> None:
        col = self.roles.setdefault(role, np.full(self.rows, None, dtype=object))
        col[rows] = person_ids

    def persons(self) -> dict[int, list[tuple[str, str]]]:
        """1-based row -> [(role, person_id)], in row order."""
        out: dict[int, list[tuple[str, str]]] = {}
        for role, ids in self.roles.items():
            rows = np.flatnonzero(ids != None)  # noqa: E711
            for r, pid in zip((rows + 1).tolist(), ids[rows].tolist(), strict=True):
                out.setdefault(r, []).append((role, pid))
        return {r: out[r] for r in sorted(out)}


@dataclass(frozen=True)
class FeedContext:
    """Everything a feed generator needs for one file."""

    month: Month
    rows: int
    seed: int
    rng: np.random.Generator
    population: Population
    spec: FeedSpec

    @property
    def delivery(self) -> np.datetime64:
        return self.month.delivery(self.spec.contract.delivery.latency_days)


class FeedGenerator(Protocol):
    """One partner feed: builds the month's frame and names the file."""

    partner: str
    feed: str

    def build(self, ctx: FeedContext) -> Frame: ...

    def file_name(self, ctx: FeedContext) -> str: ...
