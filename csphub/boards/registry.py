"""Load board definitions with cross-checks against the contracts (fail at load, not mid-run).

A dataset may read a feed only if that feed's contract names the board as a consumer, and may be
row-level only if every source contract allows the board row-level access. Each query is run by
DuckDB against empty tables with the trusted schemas (and the reference tables it names), so a typo in
a column name fails here; its output columns are then checked against the definition: an aggregate
outputs only its dimensions, count, sums and their contributions (no token or free text can leak into
an aggregate), a row-level dataset outputs its quasi-identifiers. Report figures are checked by their
builders (``csphub.report.figures.check_figure``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from csphub.boards.model import CONTRIBUTIONS, Board, DatasetDef
from csphub.boards.reference import register_references
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
    outputs: dict[str, list[str]] = {}
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
            columns, found = _plan(where, ds.sql, ds.sources, contracts)
            problems += found or _check_columns(where, ds, columns)
            outputs[ds.name] = columns
    if not problems:
        from csphub.report.figures import check_figure

        for i, fig in enumerate(board.report):
            found = check_figure(board, fig, outputs[fig.dataset])
            problems += [f"{rel}: report[{i}] ({fig.figure}, {fig.dataset}): {p}" for p in found]
    return board, problems


def output_columns(sql: str, sources: list[str], contracts: ContractRegistry) -> list[str]:
    """The columns a dataset query outputs, from running it over empty trusted tables."""
    import duckdb

    from csphub.pipeline.pseudonymise import trusted_schema

    con = duckdb.connect()
    try:
        for src in sources:
            con.register(table_name(src), trusted_schema(contracts.feeds[src]).empty_table())
        register_references(con, sql, contracts.contracts_dir)
        return [d[0] for d in con.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]
    finally:
        con.close()


def _plan(where: str, sql: str, sources: list[str], contracts: ContractRegistry) -> tuple[list[str], list[str]]:
    import duckdb

    try:
        return output_columns(sql, sources, contracts), []
    except duckdb.Error as exc:
        return [], [f"{where}: sql does not plan: {str(exc).splitlines()[0]}"]


def _check_columns(where: str, ds: DatasetDef, columns: list[str]) -> list[str]:
    have = set(columns)
    if ds.kind == "row_level":
        return [
            f"{where}: quasi-identifier {q!r} is not an output column" for q in ds.quasi_identifiers if q not in have
        ]
    assert ds.count_column is not None
    expected = [*ds.dimensions, ds.count_column, *ds.sum_columns, *(f"{c}{CONTRIBUTIONS}" for c in ds.sum_columns)]
    problems = [f"{where}: declared column {c!r} is not an output column" for c in expected if c not in have]
    problems += [
        f"{where}: output column {c!r} is not a dimension, the count, a sum or its contributions "
        "(aggregates publish nothing else)"
        for c in columns
        if c not in expected
    ]
    return problems
