"""`csphub contracts …`: what data engineers and information-governance staff read and rely on.

Commands run through ``csphub.cli.main`` against temporary contract/schema trees (pointed to by
``CSPHUB_CONTRACTS_DIR`` / ``CSPHUB_SCHEMAS_DIR``), except the check that the committed catalogue
``docs/contracts.md`` matches the current contracts.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from csphub.cli import main
from csphub.config import REPO_ROOT, Settings
from csphub.contracts.docs import GENERATE_COMMAND, render_catalogue
from csphub.contracts.registry import ContractRegistry

SCHEMA = "partners/police/crime_records.v{}.avsc"
BOARDS = {
    "domestic_abuse": "Domestic Abuse Board",
    "exploitation_soc": "Exploitation & Serious Organised Crime Board",
    "safer_neighbourhoods": "Safer Neighbourhoods Board",
    "vawg": "Violence Against Women & Girls Board",
    "violence_reduction": "Violence Reduction Board",
}


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree with the police exemplar, its schema, the boards and its reference lists; settings point at it."""
    contracts, schemas = tmp_path / "contracts", tmp_path / "schemas"
    for folder in ("police", "boards", "reference"):
        (contracts / folder).mkdir(parents=True)
    (schemas / "partners" / "police").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "contracts" / "police" / "crime_records.yaml", contracts / "police")
    shutil.copy(REPO_ROOT / "schemas" / SCHEMA.format(1), schemas / SCHEMA.format(1))
    for board, title in BOARDS.items():
        (contracts / "boards" / f"{board}.yaml").write_text(yaml.safe_dump({"id": board, "title": title}))
    for ref in ("ho_offence_codes", "birmingham_wards"):
        (contracts / "reference" / f"{ref}.csv").write_text("code\nX1\n")
    monkeypatch.setenv("CSPHUB_CONTRACTS_DIR", str(contracts))
    monkeypatch.setenv("CSPHUB_SCHEMAS_DIR", str(schemas))
    monkeypatch.setenv("CSPHUB_HOME", str(tmp_path / "home"))
    return tmp_path


def edit_contract(hub: Path, change: Any) -> None:
    path = hub / "contracts" / "police" / "crime_records.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def schema_v1() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REPO_ROOT / "schemas" / SCHEMA.format(1)).read_text())
    return data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["contracts", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- lint -------------------------------------------------------------------------------------------
def test_lint_clean_tree(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A tree whose contracts all load exits 0 and says so."""
    code, out, _ = run(capsys, "lint")
    assert code == 0
    assert "1 contract(s) OK" in out


def test_lint_reports_each_problem_and_exits_1(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every problem is printed with its file and key, followed by a count, and CI sees exit code 1."""
    edit_contract(hub, lambda c: c["governance"]["consumers"].append("youth_justice"))
    edit_contract(hub, lambda c: c["quality"][4].update(reference="scottish_offence_codes"))
    code, out, _ = run(capsys, "lint")
    lines = out.splitlines()
    assert code == 1
    assert any("crime_records.yaml: governance.consumers: unknown board 'youth_justice'" in line for line in lines)
    assert any("crime_records.yaml: quality[4]" in line for line in lines)
    assert lines[-1].startswith("2 problem(s)")


# -- show -------------------------------------------------------------------------------------------
def test_show_summarises_governance_delivery_and_fields(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`show` gives the facts a reviewer checks: basis, consumers, retention, and each field's treatment."""
    code, out, _ = run(capsys, "show", "police.crime_records")
    assert code == 0
    expected = [
        "West Midlands Police — recorded crime (monthly extract)",
        "Version:                    1.0.0 (active)",
        "Steward:                    WMP Information Sharing & Disclosure Officer",
        "monthly, S3 drop",
        "due 7 days after the period ends",
        "100–500000 rows per delivery",
        "events at most 400 days",
        "Crime and Disorder Act 1998 s.115, s.17A",
        "BCSP-ISA-2025-01",
        "Row-level consumers:        domestic_abuse, exploitation_soc, vawg, violence_reduction",
        "Aggregate-only consumers:   safer_neighbourhoods",
        "landing 30 days, quarantine 90 days, trusted 2557 days (≈7 years)",
    ]
    for text in expected:
        assert text in out
    rows = {line.split()[0]: line for line in out.split("Fields:")[1].splitlines()[3:] if line and line[0] != " "}
    assert "direct identifier" in rows["crime_ref"]
    assert "tokenise (incident)" in rows["crime_ref"]
    assert "→ age band at committed_at (victim)" in rows["victim_dob"]
    assert "link → person victim" in rows["victim_forename"]
    assert "free text" in rows["mo_narrative"]
    assert "redact free text" in rows["mo_narrative"]
    assert "string, nullable" in rows["location_postcode"]
    assert "valid postcode [warn]" in rows["location_postcode"]
    assert "unique [block]" in out  # second rule of crime_ref, on its own line


def test_show_unknown_id_lists_known_contracts(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped id exits 2 and lists the ids that exist."""
    code, out, err = run(capsys, "show", "police.crimes")
    assert code == 2
    assert out == ""
    assert "no contract 'police.crimes'" in err
    assert "known contracts: police.crime_records" in err


# -- docs -------------------------------------------------------------------------------------------
def test_docs_matrix_and_classification_summary(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The catalogue shows each board's access per feed and the classification counts."""
    edit_contract(hub, lambda c: c["governance"]["consumers"].remove("exploitation_soc"))
    edit_contract(hub, lambda c: c["governance"]["row_level_consumers"].remove("exploitation_soc"))
    out = hub / "out" / "contracts.md"
    code, _, _ = run(capsys, "docs", "--out", str(out))
    text = out.read_text()
    assert code == 0
    matrix = text.split("## Who can see what")[1].split("## Classification summary")[0]
    assert "| Exploitation & Serious Organised Crime Board (`exploitation_soc`) | none |" in matrix
    assert "| Safer Neighbourhoods Board (`safer_neighbourhoods`) | aggregate |" in matrix
    assert "| Violence Reduction Board (`violence_reduction`) | row-level |" in matrix
    assert "| police.crime_records | 8 | 6 | 4 | 1 | 9 | 28 |" in text
    assert "| [police.crime_records](#police.crime_records) | police | 1.0.0 | active |" in text
    assert "| `victim_dob` | date, nullable | direct identifier | → age band at committed_at (victim) |" in text
    assert "matches `^20/\\d{6}/\\d{2}$` [block]<br>unique [block]" in text


def test_docs_is_deterministic_and_check_detects_stale_file(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Generating twice gives the same bytes; `--check` fails on a stale file and names the command."""
    out = hub / "contracts.md"
    run(capsys, "docs", "--out", str(out))
    first = out.read_text()
    run(capsys, "docs", "--out", str(out))
    assert out.read_text() == first
    assert run(capsys, "docs", "--out", str(out), "--check")[0] == 0
    edit_contract(hub, lambda c: c.update(version="1.0.1"))
    code, _, err = run(capsys, "docs", "--out", str(out), "--check")
    assert code == 1
    assert f"run `{GENERATE_COMMAND}`" in err


def test_committed_catalogue_is_up_to_date() -> None:
    """docs/contracts.md, which information governance reads, matches the contracts in the repository."""
    settings = Settings()
    registry, _ = ContractRegistry.lint(settings.contracts_dir, settings.schemas_dir)
    committed = (REPO_ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    assert committed == render_catalogue(registry), (
        f"docs/contracts.md is out of date with contracts/: run `{GENERATE_COMMAND}` and commit docs/contracts.md"
    )


# -- check-compat -----------------------------------------------------------------------------------
def test_check_compat_schema_files(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Removing a required field holds BACKWARD but not FORWARD; the problem names the field path."""
    v2 = copy.deepcopy(schema_v1())
    v2["fields"] = [f for f in v2["fields"] if f["name"] != "lsoa_code"]
    new = hub / "v2.avsc"
    new.write_text(json.dumps(v2))
    old = str(REPO_ROOT / "schemas" / SCHEMA.format(1))
    code, out, _ = run(capsys, "check-compat", old, str(new))
    assert code == 0  # default mode BACKWARD
    assert "BACKWARD  holds" in out
    assert "FORWARD   fails" in out
    assert "FULL      fails" in out
    assert "[forward] CrimeRecord.lsoa_code: reader field 'lsoa_code'" in out
    assert "required BACKWARD (default): holds" in out
    code, out, _ = run(capsys, "check-compat", old, str(new), "--mode", "FULL")
    assert code == 1
    assert "required FULL (--mode): FAILS" in out


def test_check_compat_contracts_use_declared_mode(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Given contracts, their schema files are compared under the new contract's declared compatibility."""
    v2 = copy.deepcopy(schema_v1())
    outcome = next(f for f in v2["fields"] if f["name"] == "outcome")
    outcome["type"]["symbols"].remove("OTHER")
    del outcome["type"]["default"]
    (hub / "schemas" / SCHEMA.format(2)).write_text(json.dumps(v2))
    old = hub / "old.yaml"
    shutil.copy(hub / "contracts" / "police" / "crime_records.yaml", old)
    edit_contract(hub, lambda c: c.update(version="1.1.0", schema={"file": SCHEMA.format(2)}))
    new = hub / "contracts" / "police" / "crime_records.yaml"
    code, out, _ = run(capsys, "check-compat", str(old), str(new))
    assert code == 1
    assert "required BACKWARD_TRANSITIVE (declared by the new contract): FAILS" in out
    assert "[backward] CrimeRecord.outcome:" in out
    assert "enum_symbol_removed" in out


# -- gate -------------------------------------------------------------------------------------------
def test_gate_release_then_edit_fails(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`gate --release` records the schema; a later edit to that released file makes `gate` exit 1."""
    code, out, _ = run(capsys, "gate")
    assert code == 0
    assert "waiting for release (run `csphub contracts gate --release`)" in out
    code, out, _ = run(capsys, "gate", "--release")
    assert code == 0
    assert f"released now:\n  {SCHEMA.format(1)} (police.crime_records 1.0.0)" in out
    assert json.loads((hub / "schemas" / "partners" / "RELEASED.json").read_text())["schemas"][SCHEMA.format(1)]
    v1 = schema_v1()
    v1["fields"].pop()
    (hub / "schemas" / SCHEMA.format(1)).write_text(json.dumps(v1))
    code, out, _ = run(capsys, "gate")
    assert code == 1
    assert f"{SCHEMA.format(1)}: released schema was edited" in out
    assert "gate FAILED" in out
