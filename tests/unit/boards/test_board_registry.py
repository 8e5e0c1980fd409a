"""Board definitions load with their cross-checks, and bad ones fail at load naming file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csphub.boards.registry import BoardRegistry
from csphub.config import REPO_ROOT
from csphub.contracts.registry import ContractRegistry

BOARDS = ["domestic_abuse", "exploitation_soc", "safer_neighbourhoods", "vawg", "violence_reduction"]


def test_all_five_boards_load(registry: ContractRegistry) -> None:
    boards = BoardRegistry.load(registry)
    assert sorted(boards.boards) == BOARDS
    for b in boards.boards.values():
        assert b.datasets, b.id
        assert b.report, b.id


def test_row_level_only_where_every_contract_allows(registry: ContractRegistry) -> None:
    """Guards governance: a row-level dataset only reads feeds whose contract lists the board as row-level consumer."""
    for b in BoardRegistry.load(registry).boards.values():
        for ds in b.datasets:
            for src in ds.sources:
                gov = registry.feeds[src].contract.governance
                assert b.id in gov.consumers
                if ds.kind == "row_level":
                    assert b.id in gov.row_level_consumers, (b.id, ds.name, src)


def _copy_contracts(tmp_path: Path) -> Path:
    dst = tmp_path / "contracts"
    shutil.copytree(REPO_ROOT / "contracts", dst)
    return dst


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "name: asb_by_sector_month\n    title: ASB by police sector and month (police calls and council cases)\n    kind: aggregate",
            "name: asb_by_sector_month\n    title: ASB by police sector and month (police calls and council cases)\n    kind: row_level",
            "dimensions and sum_columns are for aggregate datasets",
        ),
        (
            "name: shoplifting_by_ward_month\n    title: Shoplifting by ward and month\n    kind: aggregate\n"
            "    description: Police-recorded shoplifting offences per ward per month, with ward, month and city totals.\n"
            "    sources: [police.crime_records]\n    count_column: offences\n    dimensions: [month, ward_code]\n",
            "name: shoplifting_by_ward_month\n    title: Shoplifting by ward and month\n    kind: row_level\n"
            "    description: Police-recorded shoplifting offences per ward per month, with ward, month and city totals.\n"
            "    sources: [police.crime_records]\n",
            "allows safer_neighbourhoods aggregates only",
        ),
        (
            "SELECT strftime(committed_at_date, '%Y-%m') AS month, ward_code, count(*) AS offences\n"
            "      FROM police_crime_records WHERE offence_class = 'SHOPLIFTING'",
            "SELECT strftime(committed_at_date, '%Y-%m') AS month, ward_code, any_value(victim_token) AS v, "
            "count(*) AS offences\n      FROM police_crime_records WHERE offence_class = 'SHOPLIFTING'",
            "output column 'v' is not a dimension",
        ),
        (
            "params: {ward: ward_code, top: 10}}\n  - {figure: peak_times, dataset: shoplifting_by_time",
            "params: {ward: no_such_column, top: 10}}\n  - {figure: peak_times, dataset: shoplifting_by_time",
            "ward='no_such_column' is not a dimension",
        ),
    ],
)
def test_bad_board_fails_at_load(tmp_path: Path, old: str, new: str, problem: str) -> None:
    """Guards load-time checks: leaks (tokens in aggregates), governance and typos are found before any run."""
    contracts = _copy_contracts(tmp_path)
    path = contracts / "boards" / "safer_neighbourhoods.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    reg = ContractRegistry.load(contracts, REPO_ROOT / "schemas")
    _, problems = BoardRegistry.lint(reg)
    assert any(problem in p and "safer_neighbourhoods.yaml" in p for p in problems), problems
