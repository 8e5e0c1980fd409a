"""Check, read and release data-sharing contracts (lint, show, docs, check-compat, gate).

lint loads every contract with all cross-checks; show prints one contract for people; docs writes
the Markdown catalogue for information governance; check-compat compares two schema (or contract)
versions; gate is the CI check that released schemas never change and that every change respects its
contract's compatibility mode (gate --release records new schemas as released).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError

from csphub.cli import settings_from
from csphub.contracts.compat import Compatibility, CompatResult, check, load_schema
from csphub.contracts.docs import GENERATE_COMMAND, render_catalogue, render_text
from csphub.contracts.gate import RELEASE_COMMAND, GateReport, release, run_gate
from csphub.contracts.model import Contract
from csphub.contracts.registry import ContractRegistry
from csphub.errors import ConfigError

DIRECTIONS = (
    ("BACKWARD", "the new schema reads data written with the old"),
    ("FORWARD", "the old schema reads data written with the new"),
    ("FULL", "both"),
)


def register(parser: argparse.ArgumentParser) -> None:
    subs = parser.add_subparsers(dest="contracts_command", required=True, metavar="COMMAND")

    lint = subs.add_parser("lint", help="load every contract with all cross-checks; exit 1 on any problem")
    lint.set_defaults(handler=lint_cmd)

    show = subs.add_parser("show", help="print one contract: governance, delivery and every field")
    show.add_argument("id", help="contract id, e.g. police.crime_records")
    show.set_defaults(handler=show_cmd)

    docs = subs.add_parser("docs", help="write the Markdown catalogue of all contracts")
    docs.add_argument("--out", type=Path, default=None, help="output file ('-' for stdout; default docs/contracts.md)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is out of date")
    docs.set_defaults(handler=docs_cmd)

    compat = subs.add_parser("check-compat", help="which compatibility modes hold between two schema versions")
    compat.add_argument("old", type=Path, help="old Avro schema (.avsc) or contract (.yaml)")
    compat.add_argument("new", type=Path, help="new Avro schema (.avsc) or contract (.yaml)")
    compat.add_argument(
        "--mode",
        choices=[m.value for m in Compatibility],
        default=None,
        help="required mode (default: the contract's declared compatibility, else BACKWARD)",
    )
    compat.add_argument("--schemas-dir", type=Path, default=None, help="where contracts' schema.file paths resolve")
    compat.set_defaults(handler=check_compat_cmd)

    gate = subs.add_parser("gate", help="CI gate: released schemas unchanged, every change compatible")
    gate.add_argument("--release", action="store_true", help="if the gate passes, record new schemas as released")
    gate.set_defaults(handler=gate_cmd)


# -- lint / show / docs -----------------------------------------------------------------------------
def lint_cmd(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    registry, problems = ContractRegistry.lint(settings.contracts_dir, settings.schemas_dir)
    for problem in problems:
        print(problem)
    loaded = len(registry.feeds)
    if problems:
        print(f"{len(problems)} problem(s); {loaded} contract(s) loaded from {_shown(settings.contracts_dir)}")
        return 1
    print(f"{loaded} contract(s) OK in {_shown(settings.contracts_dir)}")
    return 0


def show_cmd(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    registry, problems = ContractRegistry.lint(settings.contracts_dir, settings.schemas_dir)
    wanted = args.id.replace("/", ".")
    feed = registry.feeds.get(wanted)
    if feed is None:
        known = ", ".join(sorted(registry.feeds)) or "none"
        print(f"csphub: no contract {args.id!r}; known contracts: {known}", file=sys.stderr)
        if problems:
            print("some contract files do not load: run `csphub contracts lint`", file=sys.stderr)
        return 2
    print(render_text(feed), end="")
    own = [p for p in problems if f"{feed.partner}/{feed.name}.yaml" in p]
    if own:
        print(f"\nwarning: this contract has {len(own)} problem(s); run `csphub contracts lint`")
    return 0


def docs_cmd(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    registry, problems = ContractRegistry.lint(settings.contracts_dir, settings.schemas_dir)
    if problems:
        print(
            f"warning: {len(problems)} contract problem(s); the catalogue lists only the contracts that load "
            "(run `csphub contracts lint`)",
            file=sys.stderr,
        )
    text = render_catalogue(registry)
    out: Path = args.out or settings.contracts_dir.parent / "docs" / "contracts.md"
    if str(out) == "-":
        print(text, end="")
        return 0
    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else ""
        if current != text:
            print(f"{_shown(out)} is out of date: run `{GENERATE_COMMAND}`", file=sys.stderr)
            return 1
        print(f"{_shown(out)} is up to date ({len(registry.feeds)} contract(s))")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {_shown(out)} ({len(registry.feeds)} contract(s))")
    return 0


# -- check-compat -----------------------------------------------------------------------------------
def check_compat_cmd(args: argparse.Namespace) -> int:
    schemas_dir = args.schemas_dir or settings_from(args).schemas_dir
    old_path, old_mode, old_label = _schema_of(args.old, schemas_dir)
    new_path, new_mode, new_label = _schema_of(args.new, schemas_dir)
    if args.mode:
        mode, why = Compatibility(args.mode), "--mode"
    elif new_mode:
        mode, why = Compatibility(new_mode), "declared by the new contract"
    elif old_mode:
        mode, why = Compatibility(old_mode), "declared by the old contract"
    else:
        mode, why = Compatibility.BACKWARD, "default"
    old_schema, new_schema = load_schema(old_path), load_schema(new_path)
    holds = CompatResult.classify(new_schema, old_schema)
    every = check(new_schema, [old_schema], Compatibility.FULL)
    print(f"old: {old_label}")
    print(f"new: {new_label}")
    for name, meaning in DIRECTIONS:
        print(f"  {name:<9} {'holds' if name in holds else 'fails':<6} ({meaning})")
    if every.problems:
        print("problems:")
        for p in every.problems:
            print(f"  [{p.direction or 'schema'}] {p.path}: {p.message} ({p.kind})")
    if every.warnings:
        print("warnings:")
        for w in every.warnings:
            print(f"  [{w.direction}] {w.path}: {w.message} ({w.kind})")
    ok = check(new_schema, [old_schema], mode).ok
    print(f"required {mode.value} ({why}): {'holds' if ok else 'FAILS'}")
    return 0 if ok else 1


def _schema_of(path: Path, schemas_dir: Path) -> tuple[Path, str | None, str]:
    """(schema file, declared compatibility or None, label) of an .avsc file or a contract."""
    if path.suffix not in (".yaml", ".yml"):
        return path, None, _shown(path)
    try:
        contract = Contract.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"contract does not load: {exc}", stage="contracts", file=str(path)) from exc
    schema = schemas_dir / contract.schema_.file
    label = f"{_shown(path)} ({contract.id} {contract.version}, {contract.compatibility}) → {_shown(schema)}"
    return schema, contract.compatibility, label


# -- gate -------------------------------------------------------------------------------------------
def gate_cmd(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    gate = release if args.release else run_gate
    report = gate(settings.contracts_dir, settings.schemas_dir)
    print_gate(report, released_now=args.release)
    return 0 if report.ok else 1


def print_gate(report: GateReport, released_now: bool) -> None:
    rows = [
        (c.contract, c.version, c.mode, c.schema, _gate_state(c.problems, c.released, c.breaking))
        for c in report.contracts
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    for row in rows:
        print("  ".join([*(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=False)), row[-1]]))
    sections = (
        ("breaking changes", [b for c in report.contracts for b in c.breaking]),
        ("warnings", [f"{c.contract}: {w}" for c in report.contracts for w in c.warnings]),
        ("problems", report.problems),
    )
    for title, lines in sections:
        if lines:
            print(f"\n{title}:")
            print("\n".join(f"  {line}" for line in lines))
    unchanged = report.released_checked - len(report.release_problems)
    print(
        f"\ngate {'passed' if report.ok else 'FAILED'}: {len(report.contracts)} contract(s), "
        f"{unchanged} of {report.released_checked} released schema(s) unchanged"
    )
    if not report.ok:
        if released_now:
            print("nothing released: the gate must pass first")
        return
    if not report.to_release:
        return
    print("released now:" if released_now else f"waiting for release (run `{RELEASE_COMMAND}`):")
    for r in report.to_release:
        print(f"  {r.file} ({r.contract} {r.contract_version})")


def _gate_state(problems: list[str], released: bool, breaking: list[str]) -> str:
    if problems:
        return "FAILED"
    return "ok, " + ("released" if released else "not released yet") + (", BREAKING" if breaking else "")


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
