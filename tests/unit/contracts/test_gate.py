"""The CI gate: released schemas never change, and every new schema respects its contract's mode.

Each case builds a temporary contracts/schemas tree from the police exemplar, releases v1 the way the
lead does (``csphub contracts gate --release``), then makes a schema change and runs the gate.
"""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from csphub.config import REPO_ROOT, Settings
from csphub.contracts.gate import GateReport, load_released, release, run_gate

SCHEMA = "partners/police/crime_records.v{}.avsc"


@dataclass
class Tree:
    contracts: Path
    schemas: Path

    @property
    def contract_path(self) -> Path:
        return self.contracts / "police" / "crime_records.yaml"

    def schema(self, version: int) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.schemas / SCHEMA.format(version)).read_text())
        return data

    def write_schema(self, version: int, schema: dict[str, Any]) -> None:
        (self.schemas / SCHEMA.format(version)).write_text(json.dumps(schema, indent=1))

    def set_contract(self, version: str, schema: int, previous: list[int], compatibility: str | None = None) -> None:
        data = yaml.safe_load(self.contract_path.read_text())
        data["version"] = version
        data["schema"] = {"file": SCHEMA.format(schema), "previous": [SCHEMA.format(v) for v in previous]}
        if compatibility:
            data["compatibility"] = compatibility
        self.contract_path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))

    def gate(self) -> GateReport:
        return run_gate(self.contracts, self.schemas)

    def release(self) -> GateReport:
        report = release(self.contracts, self.schemas)
        assert report.ok, report.problems
        return report


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    """The police contract at 1.0.0 with schema v1, released."""
    t = Tree(tmp_path / "contracts", tmp_path / "schemas")
    t.contract_path.parent.mkdir(parents=True)
    (t.schemas / "partners" / "police").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "contracts" / "police" / "crime_records.yaml", t.contract_path)
    shutil.copy(REPO_ROOT / "schemas" / SCHEMA.format(1), t.schemas / SCHEMA.format(1))
    t.release()
    return t


def with_field(schema: dict[str, Any], field: dict[str, Any]) -> dict[str, Any]:
    new = copy.deepcopy(schema)
    new["fields"].append(field)
    return new


def without_outcome_symbol(schema: dict[str, Any], symbol: str) -> dict[str, Any]:
    """The schema with one Outcome symbol removed and the enum's default dropped."""
    new = copy.deepcopy(schema)
    outcome = next(f for f in new["fields"] if f["name"] == "outcome")
    outcome["type"]["symbols"].remove(symbol)
    del outcome["type"]["default"]
    return new


FORCE_CODE = {"name": "force_code", "type": "string", "default": "WMP"}


def test_compatible_v2_passes_backward_and_waits_for_release(tree: Tree) -> None:
    """Adding a field with a default is BACKWARD compatible: the gate passes and lists v2 for release."""
    tree.write_schema(2, with_field(tree.schema(1), FORCE_CODE))
    tree.set_contract("1.1.0", schema=2, previous=[1], compatibility="BACKWARD")
    report = tree.gate()
    assert report.ok, report.problems
    assert [r.file for r in report.to_release] == [SCHEMA.format(2)]
    tree.release()
    assert load_released(tree.schemas)[SCHEMA.format(2)].contract_version == "1.1.0"


def test_enum_symbol_removed_without_default_fails_backward(tree: Tree) -> None:
    """A v2 that drops an enum symbol with no default cannot read v1 data: BACKWARD fails, naming the enum."""
    tree.write_schema(2, without_outcome_symbol(tree.schema(1), "OTHER"))
    tree.set_contract("1.1.0", schema=2, previous=[1], compatibility="BACKWARD")
    report = tree.gate()
    assert not report.ok
    assert any("is not BACKWARD compatible" in p and "bump the MAJOR version to 2.0.0" in p for p in report.problems)
    assert any("CrimeRecord.outcome" in p and "enum_symbol_removed" in p for p in report.problems)
    assert report.to_release == []


@pytest.mark.parametrize(("mode", "passes"), [("BACKWARD_TRANSITIVE", False), ("BACKWARD", True)])
def test_v3_compatible_with_v2_only(tree: Tree, mode: str, passes: bool) -> None:
    """A v3 that reads v2 data but not v1 data passes BACKWARD and fails BACKWARD_TRANSITIVE against v1."""
    v2 = with_field(tree.schema(1), FORCE_CODE)
    tree.write_schema(2, v2)
    tree.set_contract("1.1.0", schema=2, previous=[1], compatibility=mode)
    tree.release()
    v3 = copy.deepcopy(v2)
    del v3["fields"][-1]["default"]  # v1 data has no force_code, v2 data always has one
    tree.write_schema(3, v3)
    tree.set_contract("1.2.0", schema=3, previous=[1, 2], compatibility=mode)
    report = tree.gate()
    assert report.ok is passes, report.problems
    if not passes:
        findings = [p.strip() for p in report.problems if p.startswith("  ")]
        assert findings
        assert all(p.startswith(f"backward against {SCHEMA.format(1)}: CrimeRecord.force_code") for p in findings)


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda s: s["fields"].pop(), "canonical form changed"),
        (lambda s: s["fields"][0].update(type="bytes"), "canonical form changed"),
        (lambda s: s["fields"][-1].update(default="none recorded", type=["string", "null"]), "canonical form"),
        (lambda s: s["fields"][1]["type"].update(logicalType="timestamp-micros"), "logical types changed"),
        (lambda s: s["fields"][4]["type"].update(default="OTHER"), "defaults, aliases or logical types changed"),
    ],
    ids=["field removed", "type changed", "union reordered", "logical type changed", "enum default changed"],
)
def test_editing_a_released_schema_fails(tree: Tree, edit: Any, says: str) -> None:
    """A released schema file is immutable: any edit that changes how data is read fails and names the file."""
    schema = tree.schema(1)
    edit(schema)
    tree.write_schema(1, schema)
    report = tree.gate()
    assert not report.ok
    assert any(p.startswith(SCHEMA.format(1)) and says in p and SCHEMA.format(2) in p for p in report.problems), (
        report.problems
    )


def test_doc_only_edit_to_a_released_schema_passes(tree: Tree) -> None:
    """Correcting documentation in a released schema changes nothing a reader uses, so it is allowed."""
    schema = tree.schema(1)
    schema["doc"] = "Corrected description."
    schema["fields"][0]["doc"] = "force crime reference"
    tree.write_schema(1, schema)
    assert tree.gate().ok


def test_deleting_a_released_schema_fails(tree: Tree) -> None:
    """Data written with a released schema must stay readable, so its file may not be deleted."""
    tree.write_schema(2, with_field(tree.schema(1), FORCE_CODE))
    tree.set_contract("1.1.0", schema=2, previous=[])
    (tree.schemas / SCHEMA.format(1)).unlink()
    problems = tree.gate().problems
    assert any(p.startswith(SCHEMA.format(1)) and "deleted" in p for p in problems)


def test_breaking_change_with_major_bump_and_restarted_history_passes(tree: Tree) -> None:
    """A breaking v2 lands as 2.0.0 with schema.previous restarted, and is reported as BREAKING."""
    tree.write_schema(2, without_outcome_symbol(tree.schema(1), "OTHER"))
    tree.set_contract("2.0.0", schema=2, previous=[])
    report = tree.gate()
    assert report.ok, report.problems
    (result,) = report.contracts
    assert result.breaking[0].startswith(f"police.crime_records 2.0.0: {SCHEMA.format(2)} breaks BACKWARD")
    assert any("enum_symbol_removed" in line for line in result.breaking)
    tree.release()
    (after,) = tree.gate().contracts
    assert after.released
    assert after.breaking == []  # reported until released, not on every later run


def test_contract_that_does_not_load_fails_the_gate(tree: Tree) -> None:
    """A contract the gate cannot read cannot be checked, so it fails the gate and names the file and key."""
    data = yaml.safe_load(tree.contract_path.read_text())
    data["compatibility"] = "SIDEWAYS"
    tree.contract_path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = tree.gate().problems
    assert any(p.startswith("contracts/police/crime_records.yaml: does not load (compatibility:") for p in problems)


def test_restarting_history_without_major_bump_fails(tree: Tree) -> None:
    """Dropping released versions from schema.previous to dodge the check needs a new MAJOR version."""
    tree.write_schema(2, without_outcome_symbol(tree.schema(1), "OTHER"))
    tree.set_contract("1.1.0", schema=2, previous=[])
    problems = tree.gate().problems
    assert any(SCHEMA.format(1) in p and "missing from schema.previous" in p for p in problems), problems


def test_major_bump_keeping_incompatible_history_fails(tree: Tree) -> None:
    """A new MAJOR version alone does not excuse a break while the old version is still in schema.previous."""
    tree.write_schema(2, without_outcome_symbol(tree.schema(1), "OTHER"))
    tree.set_contract("2.0.0", schema=2, previous=[1])
    problems = tree.gate().problems
    assert any(
        "is not BACKWARD_TRANSITIVE compatible" in p and f"from schema.previous ({SCHEMA.format(1)})" in p
        for p in problems
    ), problems


def test_new_schema_needs_new_contract_version(tree: Tree) -> None:
    """Each released schema maps to one contract version, so a new schema must come with a version bump."""
    tree.write_schema(2, with_field(tree.schema(1), FORCE_CODE))
    tree.set_contract("1.0.0", schema=2, previous=[1])
    problems = tree.gate().problems
    assert any("needs a new contract version" in p for p in problems), problems


def test_release_writes_nothing_when_the_gate_fails(tree: Tree) -> None:
    """Releasing is refused while the gate fails, so an incompatible schema is never recorded as released."""
    tree.write_schema(2, without_outcome_symbol(tree.schema(1), "OTHER"))
    tree.set_contract("1.1.0", schema=2, previous=[1])
    before = (tree.schemas / "partners" / "RELEASED.json").read_text()
    report = release(tree.contracts, tree.schemas)
    assert not report.ok
    assert (tree.schemas / "partners" / "RELEASED.json").read_text() == before


def test_draft_contract_schema_is_not_released(tree: Tree) -> None:
    """A draft contract's schema may still change, so --release leaves it out."""
    data = yaml.safe_load(tree.contract_path.read_text())
    data["status"] = "draft"
    tree.contract_path.write_text(yaml.safe_dump(data, sort_keys=False))
    tree.write_schema(2, with_field(tree.schema(1), FORCE_CODE))
    tree.set_contract("1.1.0", schema=2, previous=[1])
    assert tree.release().to_release == []
    assert SCHEMA.format(2) not in load_released(tree.schemas)


def test_repository_contracts_pass_the_gate() -> None:
    """The committed contracts and schemas pass: a breaking or edited released schema cannot land."""
    settings = Settings()
    report = run_gate(settings.contracts_dir, settings.schemas_dir)
    assert report.ok, "csphub contracts gate fails:\n" + "\n".join(report.problems)
    assert report.released_checked >= 1
