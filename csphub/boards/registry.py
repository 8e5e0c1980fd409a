"""Load board definitions with cross-checks against the contracts (fail at load, not mid-run).

A dataset may read a feed only if that feed's contract names the board as a consumer, and may be
row-level only if every source contract allows the board row-level access. Each query is planned by
DuckDB against empty tables with the trusted schemas, so a typo in a column name fails here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from csphub.boards.model import Board
from csphub.contracts.registry import ContractRegistry
from csphub.errors import ConfigError


def table_name(contract_id: str) -> str:
    """SQL name of a trusted feed: ``police.crime_records`` → ``police_crime_records``."""
    return contract_id.replace(".", "_")


@dataclass
class BoardRegistry:
    boards: dict[str, Board] = field(default_factory=dict)

    @classmethod
    def load(cls, contracts: ContractRegistry) -> BoardRegistry:
        reg, problems = cls.lint(contracts)
        if problems:
            raise ConfigError("board definitions do not load:\n  " + "\n  ".join(problems), stage="boards")
        return reg

    @classmethod
    def lint(cls, contracts: ContractRegistry) -> tuple[BoardRegistry, list[str]]:
        reg = cls()
        problems: list[str] = []
        for path in sorted((contracts.contracts_dir / "boards").glob("*.yaml")):
            board, found = _load_one(path, contracts)
            problems += found
            if board is not None:
                reg.boards[board.id] = board
        return reg, problems

    def get(self, board: str) -> Board:
        try:
            return self.boards[board]
        except KeyError:
            raise ConfigError(f"unknown board {board!r} (known: {sorted(self.boards)})") from None

    def consumers_of(self, contract_id: str) -> list[str]:
        return sorted(b.id for b in self.boards.values() if contract_id in b.sources())


def _load_one(path: Path, contracts: ContractRegistry) -> tuple[Board | None, list[str]]:
    rel = f"contracts/boards/{path.name}"
    try:
        board = Board.model_validate(yaml.safe_load(path.read_text()))
    except yaml.YAMLError as exc:
        return None, [f"{rel}: not valid YAML: {exc}"]
    except ValidationError as exc:
        return None, [f"{rel}: {'.'.join(str(x) for x in e['loc']) or '<root>'}: {e['msg']}" for e in exc.errors()]
    problems = []
    if board.id != path.stem:
        problems.append(f"{rel}: id {board.id!r} must match the file name {path.stem!r}")
    for i, ds in enumerate(board.datasets):
        where = f"{rel}: datasets[{i}] ({ds.name})"
        for src in ds.sources:
            feed = contracts.feeds.get(src)
            if feed is None:
                problems.append(f"{where}: unknown source feed {src!r} (known: {sorted(contracts.feeds)})")
                continue
            gov = feed.contract.governance
            if board.id not in gov.consumers:
                problems.append(f"{where}: contract {src} does not list {board.id} as a consumer")
            elif ds.kind == "row_level" and board.id not in gov.row_level_consumers:
                problems.append(f"{where}: contract {src} allows {board.id} aggregates only, not row-level data")
        if not problems:
            problems += _plan(where, ds.sql, ds.sources, contracts)
    return board, problems


def _plan(where: str, sql: str, sources: list[str], contracts: ContractRegistry) -> list[str]:
    import duckdb

    from csphub.pipeline.pseudonymise import trusted_schema

    con = duckdb.connect()
    try:
        for src in sources:
            empty = trusted_schema(contracts.feeds[src]).empty_table()
            con.register(table_name(src), empty)
        con.execute(f"EXPLAIN {sql}")
    except duckdb.Error as exc:
        return [f"{where}: sql does not plan: {str(exc).splitlines()[0]}"]
    finally:
        con.close()
    return []
