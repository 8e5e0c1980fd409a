"""Contract loading: every way a contract can be wrong is reported at load, naming the file and the key.

Each case copies the police exemplar into a temporary tree, changes one thing, and checks that
``ContractRegistry.lint`` reports exactly that problem with the contract's file and the offending key,
so a data engineer can go straight to the line to fix.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from csphub.config import REPO_ROOT
from csphub.contracts.registry import ContractRegistry
from csphub.errors import ConfigError

EXEMPLAR = REPO_ROOT / "contracts" / "police" / "crime_records.yaml"
SCHEMA_FILE = "partners/police/crime_records.v1.avsc"
BOARDS = ("domestic_abuse", "exploitation_soc", "safer_neighbourhoods", "vawg", "violence_reduction")


@dataclass
class Tree:
    contracts: Path
    schemas: Path

    @property
    def contract_path(self) -> Path:
        return self.contracts / "police" / "crime_records.yaml"

    @property
    def schema_path(self) -> Path:
        return self.schemas / SCHEMA_FILE

    def contract(self) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load(self.contract_path.read_text())
        return data

    def write_contract(self, data: dict[str, Any]) -> None:
        self.contract_path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))

    def schema(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.schema_path.read_text())
        return data

    def write_schema(self, data: dict[str, Any]) -> None:
        self.schema_path.write_text(json.dumps(data, indent=1))

    def lint(self) -> list[str]:
        return ContractRegistry.lint(self.contracts, self.schemas)[1]


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    """The police exemplar with its schema, the five boards and the reference lists it names."""
    t = Tree(tmp_path / "contracts", tmp_path / "schemas")
    (t.contracts / "police").mkdir(parents=True)
    (t.contracts / "boards").mkdir()
    (t.contracts / "reference").mkdir()
    t.schema_path.parent.mkdir(parents=True)
    shutil.copy(EXEMPLAR, t.contract_path)
    shutil.copy(REPO_ROOT / "schemas" / SCHEMA_FILE, t.schema_path)
    for board in BOARDS:
        (t.contracts / "boards" / f"{board}.yaml").write_text(f"id: {board}\ntitle: {board}\n")
    for ref in ("ho_offence_codes", "birmingham_wards"):
        (t.contracts / "reference" / f"{ref}.csv").write_text("code\nX1\n")
    return t


def contract_edit(change: Callable[[dict[str, Any]], object]) -> Callable[[Tree], None]:
    def apply(t: Tree) -> None:
        data = t.contract()
        change(data)
        t.write_contract(data)

    return apply


def schema_edit(change: Callable[[dict[str, Any]], object]) -> Callable[[Tree], None]:
    def apply(t: Tree) -> None:
        data = t.schema()
        change(data)
        t.write_schema(data)

    return apply


def write_text(relative: str, text: str) -> Callable[[Tree], None]:
    def apply(t: Tree) -> None:
        (t.contracts.parent / relative).write_text(text)

    return apply


def duplicate(t: Tree) -> None:
    shutil.copy(t.contract_path, t.contract_path.with_name("crime_records_copy.yaml"))


def field_action(name: str, action: dict[str, Any]) -> Callable[[dict[str, Any]], object]:
    return lambda c: c["fields"][name].update(pseudonymise=action)


# (id, mutation, file the message must name, key it must name, what it must say)
CASES: list[tuple[str, Callable[[Tree], None], str, str, str]] = [
    (
        "unclassified schema field",
        schema_edit(lambda s: s["fields"].append({"name": "force_code", "type": "string", "default": "WMP"})),
        "police/crime_records.yaml",
        "fields.force_code",
        "not classified",
    ),
    (
        "classified field not in schema",
        contract_edit(
            lambda c: c["fields"].update(
                beat_code={"classification": "operational", "pseudonymise": {"action": "keep"}}
            )
        ),
        "police/crime_records.yaml",
        "fields.beat_code",
        f"not a field of {SCHEMA_FILE}",
    ),
    (
        "unmapped required field",
        contract_edit(lambda c: c["format"]["columns"].pop("LSOA")),
        "police/crime_records.yaml",
        "format.columns",
        "required field 'lsoa_code' is not mapped",
    ),
    (
        "unknown consumer board",
        contract_edit(lambda c: c["governance"]["consumers"].append("youth_justice")),
        "police/crime_records.yaml",
        "governance.consumers",
        "unknown board 'youth_justice'",
    ),
    (
        "schema file missing",
        contract_edit(lambda c: c["schema"].update(file="partners/police/crime_records.v9.avsc")),
        "police/crime_records.yaml",
        "schema.file",
        "'partners/police/crime_records.v9.avsc' not found",
    ),
    (
        "schema not parseable",
        schema_edit(lambda s: s["fields"][0].update(type="strng")),
        "police/crime_records.yaml",
        "schema.file",
        "does not parse as Avro",
    ),
    (
        "schema not JSON",
        write_text(f"schemas/{SCHEMA_FILE}", "{not json"),
        "police/crime_records.yaml",
        "schema.file",
        "does not parse as Avro",
    ),
    (
        "previous schema missing",
        contract_edit(lambda c: c["schema"].update(previous=["partners/police/crime_records.v0.avsc"])),
        "police/crime_records.yaml",
        "schema.previous[0]",
        "not found",
    ),
    (
        "bad semver",
        contract_edit(lambda c: c.update(version="1.0")),
        "police/crime_records.yaml",
        "version",
        "'1.0' is not semantic",
    ),
    (
        "direct identifier kept",
        contract_edit(field_action("crime_ref", {"action": "keep"})),
        "police/crime_records.yaml",
        "fields.crime_ref",
        "a direct identifier cannot be kept",
    ),
    (
        "free text not redacted",
        contract_edit(field_action("mo_narrative", {"action": "keep"})),
        "police/crime_records.yaml",
        "fields.mo_narrative",
        "free text must be redacted or dropped",
    ),
    (
        "unknown reference list",
        contract_edit(lambda c: c["quality"][4].update(reference="scottish_offence_codes")),
        "police/crime_records.yaml",
        "quality[4]",
        "reference list 'scottish_offence_codes' not found",
    ),
    (
        "unknown identifier type in a quality rule",
        contract_edit(lambda c: c["quality"][7].update(identifier="passport_number")),
        "police/crime_records.yaml",
        "quality[7]",
        "unknown identifier 'passport_number'",
    ),
    (
        "unknown identifier type for a token",
        contract_edit(field_action("crime_ref", {"action": "tokenise", "domain": "incident", "identifier": "crn"})),
        "police/crime_records.yaml",
        "fields.crime_ref",
        "unknown identifier 'crn'",
    ),
    (
        "link to unknown person",
        contract_edit(field_action("victim_forename", {"action": "link", "person": "witness"})),
        "police/crime_records.yaml",
        "fields.victim_forename",
        "link to unknown person 'witness'",
    ),
    (
        "duplicate contract id",
        duplicate,
        "police/crime_records_copy.yaml",
        "id",
        "duplicate contract id 'police.crime_records'",
    ),
    (
        "YAML syntax error",
        write_text("contracts/police/crime_records.yaml", "id: police.crime_records\nfields: [unclosed\n"),
        "police/crime_records.yaml",
        "line 3",
        "not valid YAML",
    ),
]


def test_exemplar_copy_loads_cleanly(tree: Tree) -> None:
    """The unmodified tree has no problems, so each case below fails only for its own mutation."""
    assert tree.lint() == []


@pytest.mark.parametrize(("mutate", "file", "key", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_load_error_names_file_and_key(
    tree: Tree, mutate: Callable[[Tree], None], file: str, key: str, says: str
) -> None:
    """A bad contract is reported at load with the contract file, the offending key and the reason."""
    mutate(tree)
    problems = tree.lint()
    matching = [p for p in problems if says in p]
    assert matching, f"no problem says {says!r}; got {problems}"
    assert any(file in p and key in p for p in matching), f"{matching} does not name {file} and {key}"


def test_load_raises_config_error_listing_every_problem(tree: Tree) -> None:
    """`load` refuses a bad tree with one ConfigError that lists all problems, not just the first."""
    contract_edit(lambda c: c["governance"]["consumers"].append("youth_justice"))(tree)
    contract_edit(lambda c: c["quality"][4].update(reference="scottish_offence_codes"))(tree)
    schema_edit(lambda s: s["fields"].append({"name": "force_code", "type": "string", "default": "WMP"}))(tree)
    with pytest.raises(ConfigError) as err:
        ContractRegistry.load(tree.contracts, tree.schemas)
    message = str(err.value)
    for expected in ("unknown board 'youth_justice'", "scottish_offence_codes", "fields.force_code"):
        assert expected in message
    assert err.value.stage == "contracts"


def test_load_returns_feeds_of_a_clean_tree(tree: Tree) -> None:
    """`load` of a good tree gives the feed with its schema fields, ready for the pipeline."""
    registry = ContractRegistry.load(tree.contracts, tree.schemas)
    feed = registry.get("police", "crime_records")
    assert feed.field_map["mo_narrative"].nullable
    assert registry.boards == BOARDS
