"""The CI gate on contract schemas: what has been released to partners cannot silently change.

Rules, checked for every contract under ``contracts/<partner>/<feed>.yaml``:

1. **Compatible history.** The contract's current schema (``schema.file``) is compatible with its
   earlier versions (``schema.previous``, oldest first) under the contract's declared
   ``compatibility`` mode; the ``*_TRANSITIVE`` modes check every previous version, the others the
   latest only.
2. **Released schemas are immutable.** ``schemas/partners/RELEASED.json`` records every released
   schema file with two SHA-256 fingerprints: of its Avro Parsing Canonical Form (fastavro), which is
   the identity of the wire format, and of the whole schema without ``doc`` strings, which also
   covers what the canonical form drops but readers use (defaults, aliases, logical types). Either
   changing fails the gate, and so does deleting a released file; doc strings may be corrected. A
   change is a new file, ``<feed>.v<N+1>.avsc``, referenced by the contract as its new
   ``schema.file`` with the old one appended to ``schema.previous``.
3. **A new schema needs a new contract version**: a schema not yet released cannot carry a contract
   version under which another schema of the same contract was released.
4. **Breaking changes need a new MAJOR version and an explicit reset.** ``schema.previous`` must list
   every schema released under the contract's current MAJOR version, so dropping history to dodge
   rule 1 fails. To make a change that breaks the declared mode, bump MAJOR (``1.4.0`` →
   ``2.0.0``) and restart ``schema.previous`` from the new major (empty for its first schema): that
   restart is the explicit reset of the compatibility chain. The gate then passes but, until the new
   schema is released, reports the change as BREAKING with the incompatibilities against the last
   schema released under an earlier major, so that consumers are told before it ships.

Releasing is an explicit act: ``csphub contracts gate --release`` runs the gate and, only if it
passes, records in ``RELEASED.json`` every schema referenced by a non-draft contract that is not
there yet. A draft contract's schema may still change; once released it may not.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import fastavro
import yaml
from fastavro.schema import fingerprint, to_parsing_canonical_form
from pydantic import ValidationError

from csphub.contracts.compat import Compatibility, Incompatibility, check
from csphub.contracts.model import Contract
from csphub.errors import ConfigError

RELEASED_FILE = "partners/RELEASED.json"  # relative to the schemas folder
RELEASE_COMMAND = "csphub contracts gate --release"
_ABOUT = (
    "Released schema files (paths relative to schemas/) and their SHA-256 fingerprints: 'canonical' of the "
    "Avro Parsing Canonical Form, 'resolution' of the schema without doc strings. Released files are "
    f"immutable (see csphub/contracts/gate.py). Written by `{RELEASE_COMMAND}`; do not edit by hand."
)


@dataclass(frozen=True)
class Release:
    """One released schema file, as recorded in RELEASED.json."""

    file: str  # relative to schemas/
    contract: str
    contract_version: str
    canonical: str
    resolution: str

    @property
    def major(self) -> int:
        return int(self.contract_version.split(".")[0])

    @property
    def order(self) -> tuple[int, ...]:
        return tuple(int(x) for x in self.contract_version.split("."))


@dataclass
class ContractCheck:
    """The gate's verdict on one contract."""

    contract: str  # id, or the file when the contract does not load
    version: str = ""
    mode: str = ""
    schema: str = ""
    released: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    breaking: list[str] = field(default_factory=list)


@dataclass
class GateReport:
    contracts: list[ContractCheck] = field(default_factory=list)
    release_problems: list[str] = field(default_factory=list)  # edited or deleted released files
    released_checked: int = 0
    to_release: list[Release] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [*self.release_problems, *(p for c in self.contracts for p in c.problems)]

    @property
    def ok(self) -> bool:
        return not self.problems


# -- fingerprints and the released list -------------------------------------------------------------
def fingerprints(path: Path) -> tuple[str, str]:
    """(canonical, resolution) SHA-256 fingerprints of one schema file."""
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
        canonical = to_parsing_canonical_form(fastavro.parse_schema(schema))
    except Exception as exc:  # fastavro raises several types for bad schemas
        raise ConfigError(f"schema does not parse as Avro: {exc}", stage="contracts", file=str(path)) from exc
    resolution = json.dumps(_without_docs(schema), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return fingerprint(canonical, "SHA-256"), hashlib.sha256(resolution.encode()).hexdigest()


def _without_docs(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_without_docs(branch) for branch in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: value for key, value in schema.items() if key != "doc"}
    if isinstance(out.get("fields"), list):
        out["fields"] = [
            {**{k: v for k, v in f.items() if k != "doc"}, "type": _without_docs(f.get("type"))}
            for f in out["fields"]
            if isinstance(f, dict)
        ]
    for key in ("items", "values", "type"):
        if isinstance(out.get(key), dict | list):
            out[key] = _without_docs(out[key])
    return out


def load_released(schemas_dir: Path) -> dict[str, Release]:
    """The released schema files by path; empty before the first release."""
    path = schemas_dir / RELEASED_FILE
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["schemas"]
        return {file: Release(file=file, **entry) for file, entry in entries.items()}
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"released-schema list is malformed: {exc!r}", stage="contracts", file=str(path)) from exc


def write_released(schemas_dir: Path, releases: dict[str, Release]) -> None:
    entries = {}
    for file in sorted(releases):
        entry = asdict(releases[file])
        del entry["file"]
        entries[file] = entry
    text = json.dumps({"about": _ABOUT, "schemas": entries}, indent=2, ensure_ascii=False)
    (schemas_dir / RELEASED_FILE).write_text(text + "\n", encoding="utf-8")


# -- the gate ---------------------------------------------------------------------------------------
def run_gate(contracts_dir: Path, schemas_dir: Path) -> GateReport:
    """Check every contract and every released schema; nothing is written."""
    released = load_released(schemas_dir)
    report = GateReport(released_checked=len(released))
    for rel in sorted(released.values(), key=lambda r: r.file):
        report.release_problems += _check_unchanged(schemas_dir, rel)
    pending: dict[str, Release] = {}
    for path in contract_paths(contracts_dir):
        contract, result = _load(path, contracts_dir)
        report.contracts.append(result)
        if contract is not None:
            _check_contract(contract, schemas_dir, released, result, pending)
    report.to_release = [pending[f] for f in sorted(pending)]
    return report


def release(contracts_dir: Path, schemas_dir: Path) -> GateReport:
    """Run the gate and, if it passes, record the schemas waiting to be released."""
    report = run_gate(contracts_dir, schemas_dir)
    if report.ok and report.to_release:
        released = load_released(schemas_dir)
        released.update({r.file: r for r in report.to_release})
        write_released(schemas_dir, released)
        for result in report.contracts:
            result.released = result.released or result.schema in released
    return report


def contract_paths(contracts_dir: Path) -> list[Path]:
    """Contract files: ``<partner>/<feed>.yaml``, leaving out board definitions and reference lists."""
    return sorted(p for p in contracts_dir.glob("*/*.yaml") if p.parent.name not in ("boards", "reference"))


def _load(path: Path, contracts_dir: Path) -> tuple[Contract | None, ContractCheck]:
    name = path.relative_to(contracts_dir.parent).as_posix()
    try:
        contract = Contract.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        return None, ContractCheck(name, problems=[f"{name}: not valid YAML; run `csphub contracts lint` ({exc})"])
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" and {exc.error_count() - 1} more" if exc.error_count() > 1 else ""
        reason = f"{'.'.join(str(x) for x in first['loc']) or '<root>'}: {first['msg']}{more}"
        return None, ContractCheck(name, problems=[f"{name}: does not load ({reason}); run `csphub contracts lint`"])
    result = ContractCheck(contract.id, contract.version, contract.compatibility, contract.schema_.file)
    return contract, result


def _check_unchanged(schemas_dir: Path, rel: Release) -> list[str]:
    path = schemas_dir / rel.file
    fix = f"restore it and put the change in a new file {_next_file(schemas_dir, rel.file)}"
    if not path.is_file():
        return [f"{rel.file}: released schema was deleted; released schemas are kept for the data written with them"]
    try:
        canonical, resolution = fingerprints(path)
    except ConfigError as exc:
        return [f"{rel.file}: released schema was edited and no longer parses ({exc.reason}); {fix}"]
    if canonical != rel.canonical:
        return [f"{rel.file}: released schema was edited (its canonical form changed); {fix}"]
    if resolution != rel.resolution:
        return [f"{rel.file}: released schema was edited (defaults, aliases or logical types changed); {fix}"]
    return []


def _next_file(schemas_dir: Path, file: str) -> str:
    match = re.fullmatch(r"(.*)\.v(\d+)\.avsc", file)
    if match is None:
        return "with the next version number"
    stem = match.group(1)
    versions = [
        int(m.group(1)) for p in schemas_dir.glob(f"{stem}.v*.avsc") if (m := re.search(r"\.v(\d+)\.avsc$", p.name))
    ]
    return f"{stem}.v{max([*versions, int(match.group(2))]) + 1}.avsc"


def _check_contract(
    contract: Contract,
    schemas_dir: Path,
    released: dict[str, Release],
    result: ContractCheck,
    pending: dict[str, Release],
) -> None:
    current, previous = contract.schema_.file, contract.schema_.previous
    history = [*previous, current]
    missing = [f for f in history if not (schemas_dir / f).is_file()]
    if missing:
        result.problems += [f"{contract.id}: schema file {f} not found under schemas/" for f in missing]
        return
    mode = Compatibility(contract.compatibility)
    outcome = check(schemas_dir / current, [schemas_dir / f for f in previous], mode)
    mine = [r for r in released.values() if r.contract == contract.id]
    if not outcome.ok:
        older = sorted(r.file for r in mine if r.major < contract.major and r.file in previous)
        if older:
            fix = f"drop the schemas released under an earlier MAJOR version from schema.previous ({', '.join(older)})"
        else:
            fix = f"bump the MAJOR version to {contract.major + 1}.0.0 and restart schema.previous"
        result.problems.append(
            f"{contract.id} {contract.version}: {current} is not {mode.value} compatible with schema.previous; "
            f"make the change compatible (e.g. give new fields a default), or for an intended breaking change {fix}"
        )
        result.problems += [f"  {_explain(p, previous, current)}" for p in outcome.problems]
    result.warnings += [_explain(w, previous, current) for w in outcome.warnings]

    for rel in sorted(mine, key=lambda r: r.file):
        if rel.major > contract.major:
            result.problems.append(
                f"{contract.id}: version {contract.version} is below MAJOR {rel.major}, under which {rel.file} "
                "was released; versions only go up"
            )
        elif rel.major == contract.major and rel.file not in history:
            result.problems.append(
                f"{contract.id}: {rel.file} was released under {rel.contract_version} but is missing from "
                f"schema.previous; history may only restart with a new MAJOR version"
            )
    result.released = current in released
    if not result.released:  # once released, the break is history
        _check_breaking(contract, schemas_dir, mode, [r for r in mine if r.major < contract.major], result)
    if not result.released and any(r.contract_version == contract.version for r in mine):
        result.problems.append(
            f"{contract.id}: new schema {current} needs a new contract version ({contract.version} is already released)"
        )
    for i, f in enumerate(previous):
        if f not in released:
            result.warnings.append(f"schema.previous[{i}] {f} was never released")
    if contract.status == "draft" or result.problems:
        return
    for f in history:
        if f not in released:
            try:
                canonical, resolution = fingerprints(schemas_dir / f)
            except ConfigError as exc:
                result.problems.append(f"{contract.id}: {f}: {exc.reason}")
                continue
            pending[f] = Release(f, contract.id, contract.version, canonical, resolution)


def _explain(finding: Incompatibility, previous: list[str], current: str) -> str:
    """One finding with the schema file it concerns, e.g. ``backward against v1.avsc: path: message``."""
    if finding.version is None:
        return f"{current}: {finding.path}: {finding.message} ({finding.kind})"
    return (
        f"{finding.direction} against {previous[finding.version]}: {finding.path}: {finding.message} ({finding.kind})"
    )


def _check_breaking(
    contract: Contract, schemas_dir: Path, mode: Compatibility, earlier: list[Release], result: ContractCheck
) -> None:
    """Report a change that breaks the declared mode against the last schema of an earlier major."""
    history = {*contract.schema_.previous, contract.schema_.file}
    candidates = [r for r in earlier if r.file not in history and (schemas_dir / r.file).is_file()]
    if not candidates or mode is Compatibility.NONE:
        return
    baseline = max(candidates, key=lambda r: (r.order, r.file))
    pair_mode = Compatibility(mode.value.removesuffix("_TRANSITIVE"))
    outcome = check(schemas_dir / contract.schema_.file, [schemas_dir / baseline.file], pair_mode)
    if not outcome.ok:
        result.breaking.append(
            f"{contract.id} {contract.version}: {contract.schema_.file} breaks {pair_mode.value} against "
            f"{baseline.file} (released under {baseline.contract_version}); accepted as a new MAJOR version with "
            "schema.previous restarted: consumers must be told, and data written under the old major is read "
            "with the old schema"
        )
        result.breaking += [f"  {_explain(p, [baseline.file], contract.schema_.file)}" for p in outcome.problems]
