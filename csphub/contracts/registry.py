"""Loading contracts with every cross-check, so a bad contract fails at load with file and key.

Checks beyond the pydantic model: the Avro schema (and each previous version) exists and parses;
every schema field is classified in the contract and every classified field is in the schema; every
required schema field is mapped from the partner's file; consumers are known boards; reference lists,
identifier types and pull connectors named by the contract exist.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import fastavro
import pyarrow as pa
import yaml
from pydantic import ValidationError

from csphub.contracts.model import (
    Contract,
    InReference,
    Tokenise,
    ValidIdentifier,
)
from csphub.errors import ConfigError


@dataclass(frozen=True)
class AvroField:
    name: str
    avro_type: str  # string, int, long, float, double, boolean, enum, date, timestamp-millis
    nullable: bool
    has_default: bool
    symbols: tuple[str, ...] = ()
    enum_default: str | None = None
    default: Any = None  # the schema default (used when resolving an older version's data)

    @property
    def required(self) -> bool:
        return not self.nullable and not self.has_default

    @property
    def arrow_type(self) -> pa.DataType:
        """The Arrow type a validated value of this field has."""
        return _ARROW_TYPES[self.avro_type]


_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "enum": pa.string(),
    "int": pa.int32(),
    "long": pa.int64(),
    "float": pa.float64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "timestamp-millis": pa.timestamp("ms"),
    "timestamp-micros": pa.timestamp("us"),
}


def _flatten_type(t: Any, named: dict[str, Any]) -> tuple[str, bool, tuple[str, ...], str | None]:
    """(kind, nullable, enum symbols, enum default) of one field type."""
    nullable = False
    if isinstance(t, list):
        branches = [b for b in t if b != "null"]
        nullable = len(branches) < len(t)
        if len(branches) != 1:
            raise ValueError(f"unions other than [null, T] are not supported in partner feeds: {t}")
        t = branches[0]
    if isinstance(t, str) and t in named:
        t = named[t]
    if isinstance(t, dict):
        if t.get("logicalType") in ("date", "timestamp-millis", "timestamp-micros"):
            return t["logicalType"], nullable, (), None
        if t["type"] == "enum":
            named[t["name"]] = t
            if "namespace" in t:
                named[f"{t['namespace']}.{t['name']}"] = t
            return "enum", nullable, tuple(t["symbols"]), t.get("default")
        return str(t["type"]), nullable, (), None
    return str(t), nullable, (), None


def avro_fields(schema: dict[str, Any]) -> list[AvroField]:
    named: dict[str, Any] = {}
    out = []
    for f in schema["fields"]:
        kind, nullable, symbols, enum_default = _flatten_type(f["type"], named)
        out.append(AvroField(f["name"], kind, nullable, "default" in f, symbols, enum_default, f.get("default")))
    return out


@dataclass
class Feed:
    """A loaded contract with its parsed schema, ready for the pipeline."""

    contract: Contract
    path: Path
    schema: dict[str, Any]
    parsed_schema: Any
    previous_schemas: list[dict[str, Any]]
    fields: list[AvroField]

    @property
    def id(self) -> str:
        return self.contract.id

    @property
    def partner(self) -> str:
        return self.contract.partner

    @property
    def name(self) -> str:
        return self.contract.feed

    @cached_property
    def field_map(self) -> dict[str, AvroField]:
        return {f.name: f for f in self.fields}

    @cached_property
    def versions(self) -> list[tuple[str, list[AvroField]]]:
        """(schema file, fields) of the current schema, then each previous one, newest first.

        A partner may lag a version behind: a file whose columns match an earlier schema validates
        against that schema and is resolved into the current one (defaults for new fields).
        """
        files = [self.contract.schema_.file, *reversed(self.contract.schema_.previous)]
        schemas = [self.schema, *reversed(self.previous_schemas)]
        return [(f, avro_fields(s)) for f, s in zip(files, schemas, strict=True)]


@dataclass
class ContractRegistry:
    contracts_dir: Path
    schemas_dir: Path
    feeds: dict[str, Feed] = field(default_factory=dict)
    boards: tuple[str, ...] = ()
    _refs: dict[str, dict[str, pa.Array]] = field(default_factory=dict)

    @classmethod
    def load(cls, contracts_dir: Path, schemas_dir: Path) -> ContractRegistry:
        reg, problems = cls.lint(contracts_dir, schemas_dir)
        if problems:
            raise ConfigError("contracts do not load:\n  " + "\n  ".join(problems), stage="contracts")
        return reg

    @classmethod
    def lint(cls, contracts_dir: Path, schemas_dir: Path) -> tuple[ContractRegistry, list[str]]:
        """Load what loads and return every problem found, each naming file and key."""
        boards = tuple(sorted(p.stem for p in (contracts_dir / "boards").glob("*.yaml")))
        reg = cls(contracts_dir, schemas_dir, boards=boards)
        problems: list[str] = []
        paths = sorted(p for p in contracts_dir.glob("*/*.yaml") if p.parent.name not in ("boards", "reference"))
        if not paths:
            problems.append(f"{contracts_dir}: no contracts found")
        for path in paths:
            feed, found = reg._load_one(path)
            problems += found
            if feed is not None:
                if feed.id in reg.feeds:
                    problems.append(f"{_rel(path)}: duplicate contract id {feed.id!r}")
                reg.feeds[feed.id] = feed
        return reg, problems

    def _load_one(self, path: Path) -> tuple[Feed | None, list[str]]:
        rel = _rel(path)
        try:
            raw = yaml.safe_load(path.read_text())
        except yaml.YAMLError as exc:
            return None, [f"{rel}: not valid YAML: {exc}"]
        try:
            contract = Contract.model_validate(raw)
        except ValidationError as exc:
            return None, [f"{rel}: {'.'.join(str(x) for x in e['loc']) or '<root>'}: {e['msg']}" for e in exc.errors()]
        problems: list[str] = []
        if path.parent.name != contract.partner or path.stem != contract.feed:
            problems.append(f"{rel}: contract for {contract.id} must live at {contract.partner}/{contract.feed}.yaml")
        schema, parsed = self._read_schema(rel, "schema.file", contract.schema_.file, problems)
        previous = [
            s
            for i, f in enumerate(contract.schema_.previous)
            if (s := self._read_schema(rel, f"schema.previous[{i}]", f, problems)[0]) is not None
        ]
        if schema is None:
            return None, problems
        try:
            fields = avro_fields(schema)
        except ValueError as exc:
            return None, [*problems, f"{rel}: schema.file: {exc}"]
        names = {f.name for f in fields}
        for f in fields:
            if f.name not in contract.fields:
                problems.append(f"{rel}: fields.{f.name}: schema field is not classified (every field needs one)")
        for name in contract.fields:
            if name not in names:
                problems.append(f"{rel}: fields.{name}: not a field of {contract.schema_.file}")
        mapped = set(contract.format.columns.values()) | set(contract.format.header_fields.values())
        for f in fields:
            if f.required and f.name not in mapped:
                problems.append(f"{rel}: format.columns: required field {f.name!r} is not mapped from any column")
        for consumer in contract.governance.consumers:
            if consumer not in self.boards:
                problems.append(f"{rel}: governance.consumers: unknown board {consumer!r} (known: {list(self.boards)})")
        problems += self._check_names(rel, contract)
        feed = Feed(contract, path, schema, parsed, previous, fields)
        return feed, problems

    def _read_schema(self, rel: str, key: str, file: str, problems: list[str]) -> tuple[dict[str, Any] | None, Any]:
        spath = self.schemas_dir / file
        if not spath.is_file():
            problems.append(f"{rel}: {key}: schema file {file!r} not found under {_rel(self.schemas_dir)}")
            return None, None
        try:
            schema = json.loads(spath.read_text())
            return schema, fastavro.parse_schema(schema)
        except Exception as exc:  # fastavro raises several types for bad schemas
            problems.append(f"{rel}: {key}: {file} does not parse as Avro: {exc}")
            return None, None

    def _check_names(self, rel: str, contract: Contract) -> list[str]:
        from pseudonymisation.identifiers import IDENTIFIERS

        problems = []
        for i, rule in enumerate(contract.quality):
            if (
                isinstance(rule, InReference)
                and not (self.contracts_dir / "reference" / f"{rule.reference}.csv").is_file()
            ):
                problems.append(
                    f"{rel}: quality[{i}]: reference list {rule.reference!r} not found in contracts/reference/"
                )
            if isinstance(rule, ValidIdentifier) and rule.identifier not in IDENTIFIERS:
                problems.append(
                    f"{rel}: quality[{i}]: unknown identifier {rule.identifier!r} (known: {sorted(IDENTIFIERS)})"
                )
        for name, spec in contract.fields.items():
            act = spec.pseudonymise
            if isinstance(act, Tokenise) and act.identifier not in IDENTIFIERS:
                problems.append(
                    f"{rel}: fields.{name}: unknown identifier {act.identifier!r} (known: {sorted(IDENTIFIERS)})"
                )
        if contract.delivery.mode == "pull":
            try:
                from connectors.pull import CONNECTORS
            except ImportError as exc:
                return [*problems, f"{rel}: delivery.connector: pull connectors cannot be loaded ({exc})"]
            if contract.delivery.connector not in CONNECTORS:
                problems.append(
                    f"{rel}: delivery.connector: unknown pull connector {contract.delivery.connector!r}"
                    f" (known: {sorted(CONNECTORS)})"
                )
        return problems

    # -- lookups -----------------------------------------------------------------------------------
    def get(self, partner: str, feed: str) -> Feed:
        try:
            return self.feeds[f"{partner}.{feed}"]
        except KeyError:
            raise ConfigError(
                f"no contract for {partner}/{feed} (known: {sorted(self.feeds)})", partner=partner, feed=feed
            ) from None

    def reference(self, name: str, column: str = "code") -> pa.Array:
        """The codes of a shipped reference list (contracts/reference/<name>.csv)."""
        cache = self._refs.setdefault(name, {})
        if column not in cache:
            with (self.contracts_dir / "reference" / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
                cache[column] = pa.array(sorted({row[column] for row in csv.DictReader(fh)}), pa.string())
        return cache[column]

    def feed_pairs(self) -> list[tuple[str, str]]:
        return sorted((f.partner, f.name) for f in self.feeds.values())


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
