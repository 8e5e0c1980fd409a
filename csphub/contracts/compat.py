"""Avro schema compatibility: can data written with one schema version be read with another?

`can_read(reader, writer)` applies the Avro specification's schema-resolution rules the way fastavro
applies them when it reads, because fastavro is the reader the hub runs. `check(new, previous, mode)`
applies a contract's compatibility mode (the Confluent Schema Registry modes) to a new schema version.

Where fastavro departs from the specification, this module follows fastavro:

- named types (record, enum, fixed) match when their unqualified names are equal, or when the
  writer's full or unqualified name is one of the reader's aliases; the specification compares full
  names, so fastavro (and this module) accept a namespace change;
- a field default for a union may match any branch (the specification: the first branch);
- logical types take no part in resolution: fastavro decodes with the writer's logical type. A
  change (timestamp-millis to timestamp-micros, decimal precision or scale) is compatible, but is
  reported as a warning because readers that decode with the reader's logical type (Java, Spark)
  would silently change the values.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from fastavro import parse_schema
from fastavro.schema import SchemaParseException

from csphub.errors import ConfigError

Schema = dict[str, Any] | list[Any] | str

PRIMITIVES = frozenset({"null", "boolean", "int", "long", "float", "double", "bytes", "string"})
NAMED_TYPES = frozenset({"record", "error", "enum", "fixed"})
# writer type -> reader types it may be read as, besides itself
PROMOTIONS: dict[str, frozenset[str]] = {
    "int": frozenset({"long", "float", "double"}),
    "long": frozenset({"float", "double"}),
    "float": frozenset({"double"}),
    "string": frozenset({"bytes"}),
    "bytes": frozenset({"string"}),
}


class Compatibility(StrEnum):
    """A contract's required compatibility mode, as in Confluent Schema Registry."""

    BACKWARD = "BACKWARD"
    BACKWARD_TRANSITIVE = "BACKWARD_TRANSITIVE"
    FORWARD = "FORWARD"
    FORWARD_TRANSITIVE = "FORWARD_TRANSITIVE"
    FULL = "FULL"
    FULL_TRANSITIVE = "FULL_TRANSITIVE"
    NONE = "NONE"

    @property
    def transitive(self) -> bool:
        """Checked against every previous version, not only the latest."""
        return self.value.endswith("_TRANSITIVE")

    @property
    def backward(self) -> bool:
        """The new schema must read data written with the previous one(s)."""
        return self.value.startswith(("BACKWARD", "FULL"))

    @property
    def forward(self) -> bool:
        """The previous schema(s) must read data written with the new one."""
        return self.value.startswith(("FORWARD", "FULL"))


@dataclass(frozen=True)
class Incompatibility:
    """One reason data written with one schema cannot be read with another (or a warning)."""

    path: str  # e.g. crime_record.victim.dob; `[]` is an array item, `{}` a map value
    kind: str  # missing_default, type_mismatch, missing_union_branch, enum_symbol_removed, ...
    message: str
    direction: str = ""  # "backward" or "forward", set by check()
    version: int | None = None  # index into check()'s `previous`

    def __str__(self) -> str:
        where = f" [{self.direction} against previous[{self.version}]]" if self.direction else ""
        return f"{self.path}: {self.message} ({self.kind}){where}"


def compatible_directions(new: Schema, old: Schema) -> set[str]:
    """Which of BACKWARD, FORWARD and FULL hold between one pair of schema versions."""
    holds = set()
    if not can_read(new, old):
        holds.add(Compatibility.BACKWARD.value)
    if not can_read(old, new):
        holds.add(Compatibility.FORWARD.value)
    if len(holds) == 2:
        holds.add(Compatibility.FULL.value)
    return holds


@dataclass(frozen=True)
class CompatResult:
    """The outcome of checking a new schema version against a compatibility mode."""

    mode: Compatibility
    problems: list[Incompatibility]
    warnings: list[Incompatibility]

    @property
    def ok(self) -> bool:
        return not self.problems

    classify = staticmethod(compatible_directions)


def load_schema(path_or_obj: Schema | Path) -> Schema:
    """A schema from a parsed object, a JSON string, a primitive type name or an `.avsc` path."""
    if isinstance(path_or_obj, dict | list):
        return path_or_obj
    if isinstance(path_or_obj, str):
        text = path_or_obj.strip()
        if text in PRIMITIVES:
            return text
        if text[:1] in ("{", "[", '"'):
            return _json_schema(text, source=None)
    path = Path(path_or_obj)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read Avro schema: {exc}", stage="contracts", file=str(path)) from exc
    return _json_schema(text, source=str(path))


def can_read(reader: Schema | Path, writer: Schema | Path) -> list[Incompatibility]:
    """Why data written with `writer` cannot be read with `reader`; empty when it can."""
    return _Resolution(_Parsed(load_schema(reader), "reader"), _Parsed(load_schema(writer), "writer")).problems


def check(new: Schema | Path, previous: Sequence[Schema | Path], mode: Compatibility | str) -> CompatResult:
    """Check `new` against `previous` (oldest first) under `mode`.

    BACKWARD: `new` reads data written with the latest previous version; FORWARD: the latest previous
    version reads data written with `new`; FULL: both. The transitive modes check every previous
    version. A new schema that is not valid Avro fails under every mode, NONE included.
    """
    mode = Compatibility(mode)
    new_parsed = _Parsed(load_schema(new), "new")
    if new_parsed.errors or mode is Compatibility.NONE or not previous:
        return CompatResult(mode, list(new_parsed.errors), [])
    indexed = list(enumerate(previous)) if mode.transitive else [(len(previous) - 1, previous[-1])]
    problems: list[Incompatibility] = []
    warnings: list[Incompatibility] = []
    for index, old in indexed:
        old_parsed = _Parsed(load_schema(old), f"previous[{index}]")
        pairs = []
        if mode.backward:
            pairs.append(("backward", _Resolution(reader=new_parsed, writer=old_parsed)))
        if mode.forward:
            pairs.append(("forward", _Resolution(reader=old_parsed, writer=new_parsed)))
        for direction, resolution in pairs:
            problems += [replace(p, direction=direction, version=index) for p in resolution.problems]
            warnings += [replace(w, direction=direction, version=index) for w in resolution.warnings]
    return CompatResult(mode, problems, warnings)


def classify(new: Schema | Path, old: Schema | Path) -> Compatibility:
    """The strongest mode that holds between one pair: FULL, BACKWARD, FORWARD or NONE."""
    holds = compatible_directions(load_schema(new), load_schema(old))
    for mode in (Compatibility.FULL, Compatibility.BACKWARD, Compatibility.FORWARD):
        if mode.value in holds:
            return mode
    return Compatibility.NONE


def _json_schema(text: str, source: str | None) -> Schema:
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"Avro schema is not valid JSON: {exc}", stage="contracts", file=source) from exc
    if not isinstance(schema, dict | list | str):
        raise ConfigError("Avro schema must be a JSON object, array or string", stage="contracts", file=source)
    return schema


class _Parsed:
    """A schema with every name made full and a table of its named types; invalid schemas noted."""

    def __init__(self, raw: Schema, role: str) -> None:
        self.role = role
        self.names: dict[str, dict[str, Any]] = {}
        self.errors: list[Incompatibility] = []
        self.path = _root_path(raw)
        try:
            parse_schema(raw)
        except (SchemaParseException, ValueError, KeyError, TypeError, AttributeError) as exc:
            parse_error: Exception | None = exc
        else:
            parse_error = None
        if parse_error is None:
            self.root = self._normalise(raw, "", self.path)
        else:
            self.root = "null"
            self._check_defaults_only(raw)
            if not self.errors:
                self.errors.append(
                    Incompatibility(self.path, "invalid_schema", f"{role} schema is not valid Avro: {parse_error}")
                )

    def deref(self, schema: Schema) -> Schema:
        if isinstance(schema, str) and schema not in PRIMITIVES:
            return self.names[schema]
        return schema

    def _normalise(self, schema: Schema, namespace: str, path: str) -> Schema:
        if isinstance(schema, list):
            return [self._normalise(branch, namespace, path) for branch in schema]
        if isinstance(schema, str):
            if schema in PRIMITIVES or "." in schema or not namespace:
                return schema
            return f"{namespace}.{schema}"
        kind = schema["type"]
        if kind == "array":
            return {"type": "array", "items": self._normalise(schema["items"], namespace, path + "[]")}
        if kind == "map":
            return {"type": "map", "values": self._normalise(schema["values"], namespace, path + "{}")}
        if kind not in NAMED_TYPES:
            return dict(schema)
        inner_namespace, fullname = _full_name(schema, namespace)
        named = {key: value for key, value in schema.items() if key not in ("fields", "namespace")}
        named["name"] = fullname
        self.names[fullname] = named
        if kind in ("record", "error"):
            named["type"] = "record"
            fields = []
            for field in schema["fields"]:
                field_path = f"{path}.{field['name']}"
                fields.append({**field, "type": self._normalise(field["type"], inner_namespace, field_path)})
            named["fields"] = fields
        return named

    def _check_defaults_only(self, schema: Any, path: str | None = None) -> None:
        """Find wrongly typed field defaults in a schema fastavro rejects, to say where they are."""
        path = path or self.path
        if isinstance(schema, list):
            for branch in schema:
                self._check_defaults_only(branch, path)
        elif isinstance(schema, dict):
            for field in schema.get("fields", []) if isinstance(schema.get("fields"), list) else []:
                if isinstance(field, dict) and "name" in field and "type" in field:
                    self._check_default(field, f"{path}.{field['name']}")
                    self._check_defaults_only(field["type"], f"{path}.{field['name']}")
            for key, suffix in (("items", "[]"), ("values", "{}")):
                if key in schema:
                    self._check_defaults_only(schema[key], path + suffix)

    def _check_default(self, field: dict[str, Any], path: str) -> None:
        if "default" in field and not _default_fits(field["default"], field["type"]):
            self.errors.append(
                Incompatibility(
                    path,
                    "invalid_default",
                    f"{self.role} field '{field['name']}' has default {field['default']!r}, "
                    f"which is not a {_describe(field['type'])}",
                )
            )


class _Resolution:
    """Resolve a writer schema against a reader schema, collecting problems and warnings."""

    def __init__(self, reader: _Parsed, writer: _Parsed) -> None:
        self.reader = reader
        self.writer = writer
        self.problems: list[Incompatibility] = [*writer.errors, *reader.errors]
        self.warnings: list[Incompatibility] = []
        self._records_seen: set[tuple[str, str]] = set()
        if not self.problems:
            self._resolve(writer.root, reader.root, reader.path)

    def _problem(self, path: str, kind: str, message: str) -> None:
        self.problems.append(Incompatibility(path, kind, message))

    def _resolve(self, w: Schema, r: Schema, path: str) -> None:
        w, r = self.writer.deref(w), self.reader.deref(r)
        if isinstance(w, list):
            # Each branch the writer may have chosen must resolve on its own.
            for branch in (self.writer.deref(b) for b in w):
                if not isinstance(r, list):
                    if self._matches(branch, r):
                        self._resolve(branch, r, path)
                    else:
                        self._problem(
                            path,
                            "type_mismatch",
                            f"writer union branch {_describe(branch)} cannot be read as {_describe(r)}",
                        )
                elif (chosen := self._first_match(branch, r)) is not None:
                    self._resolve(branch, chosen, path)
                else:
                    self._problem(
                        path,
                        "missing_union_branch",
                        f"writer union branch {_describe(branch)} matches no branch of reader {_describe(r)}",
                    )
            return
        if isinstance(r, list):
            if (chosen := self._first_match(w, r)) is None:
                self._problem(
                    path, "type_mismatch", f"writer {_describe(w)} matches no branch of reader {_describe(r)}"
                )
            else:
                self._resolve(w, chosen, path)
            return
        w_kind, r_kind = _kind(w), _kind(r)
        if w_kind in NAMED_TYPES or r_kind in NAMED_TYPES:
            self._resolve_named(w, r, path)
        elif w_kind == r_kind == "array":
            self._resolve(_items(w, "items"), _items(r, "items"), path + "[]")
        elif w_kind == r_kind == "map":
            self._resolve(_items(w, "values"), _items(r, "values"), path + "{}")
        elif _promotable(w_kind, r_kind):
            self._note_logical_change(w, r, path)
        else:
            self._problem(path, "type_mismatch", f"writer {_describe(w)} cannot be read as {_describe(r)}")

    def _resolve_named(self, w: Schema, r: Schema, path: str) -> None:
        w_kind, r_kind = _kind(w), _kind(r)
        if w_kind != r_kind or not isinstance(w, dict) or not isinstance(r, dict):
            self._problem(path, "type_mismatch", f"writer {_describe(w)} cannot be read as {_describe(r)}")
            return
        if w_kind == "fixed" and w["size"] != r["size"]:
            self._problem(
                path,
                "fixed_size",
                f"writer fixed {w['name']} has {w['size']} bytes, reader fixed {r['name']} has {r['size']}",
            )
        if not _names_match(w, r):
            aliases = f" (aliases {r['aliases']})" if r.get("aliases") else ""
            self._problem(
                path,
                "name_mismatch",
                f"writer {w_kind} {w['name']} does not match reader {r_kind} {r['name']}{aliases}",
            )
            return
        if w_kind == "fixed":
            self._note_logical_change(w, r, path)
        elif w_kind == "enum":
            removed = [symbol for symbol in w["symbols"] if symbol not in r["symbols"]]
            if removed and "default" not in r:
                self._problem(
                    path,
                    "enum_symbol_removed",
                    f"writer enum {w['name']} symbols {removed} are not in reader enum {r['name']}, "
                    "which has no default symbol",
                )
        elif (w["name"], r["name"]) not in self._records_seen:
            self._records_seen.add((w["name"], r["name"]))
            self._resolve_fields(w, r, path)

    def _resolve_fields(self, w: dict[str, Any], r: dict[str, Any], path: str) -> None:
        unmatched = {field["name"]: field for field in r["fields"]}
        by_alias = {alias: field for field in r["fields"] for alias in field.get("aliases", [])}
        for w_field in w["fields"]:
            r_field = unmatched.get(w_field["name"]) or by_alias.get(w_field["name"])
            if r_field is not None and r_field["name"] in unmatched:
                del unmatched[r_field["name"]]
                self._resolve(w_field["type"], r_field["type"], f"{path}.{r_field['name']}")
            # a writer field the reader does not have is skipped
        for r_field in unmatched.values():
            if "default" not in r_field:
                self._problem(
                    f"{path}.{r_field['name']}",
                    "missing_default",
                    f"reader field '{r_field['name']}' is not in writer record {w['name']} and has no default",
                )

    def _first_match(self, w: Schema, union: list[Schema]) -> Schema | None:
        """The first reader branch the writer's type matches (shallowly), as the reader picks it."""
        for branch in union:
            if self._matches(w, branch):
                return branch
        return None

    def _matches(self, w: Schema, r: Schema) -> bool:
        """Shallow match used to pick a union branch: names for named types, not record fields."""
        w, r = self.writer.deref(w), self.reader.deref(r)
        if isinstance(w, list) or isinstance(r, list):
            return True
        w_kind, r_kind = _kind(w), _kind(r)
        if w_kind in NAMED_TYPES or r_kind in NAMED_TYPES:
            if w_kind != r_kind or not isinstance(w, dict) or not isinstance(r, dict):
                return False
            return (w_kind != "fixed" or w["size"] == r["size"]) and _names_match(w, r)
        if w_kind == r_kind == "array":
            return self._matches(_items(w, "items"), _items(r, "items"))
        if w_kind == r_kind == "map":
            return self._matches(_items(w, "values"), _items(r, "values"))
        return _promotable(w_kind, r_kind)

    def _note_logical_change(self, w: Schema, r: Schema, path: str) -> None:
        w_logical, r_logical = _logical(w), _logical(r)
        if w_logical != r_logical:
            self.warnings.append(
                Incompatibility(
                    path,
                    "logical_type_changed",
                    f"writer logical type {w_logical or 'none'}, reader {r_logical or 'none'}: fastavro "
                    "decodes with the writer's, readers that use the reader's would change the values",
                )
            )


def _full_name(schema: dict[str, Any], namespace: str) -> tuple[str, str]:
    """(namespace for enclosed types, full name) of a named type."""
    name = schema["name"]
    if "." in name:
        return name.rsplit(".", 1)[0], name
    namespace = schema.get("namespace", namespace)
    return (namespace, f"{namespace}.{name}") if namespace else ("", name)


def _names_match(w: dict[str, Any], r: dict[str, Any]) -> bool:
    w_short = w["name"].rsplit(".", 1)[-1]
    aliases = r.get("aliases", [])
    return w_short == r["name"].rsplit(".", 1)[-1] or w["name"] in aliases or w_short in aliases


def _kind(schema: Schema) -> str:
    if isinstance(schema, list):
        return "union"
    kind = schema if isinstance(schema, str) else schema["type"]
    return "record" if kind == "error" else str(kind)


def _items(schema: Schema, key: str) -> Schema:
    assert isinstance(schema, dict)
    items: Schema = schema[key]
    return items


def _promotable(w_kind: str, r_kind: str) -> bool:
    return w_kind in PRIMITIVES and (w_kind == r_kind or r_kind in PROMOTIONS.get(w_kind, ()))


def _logical(schema: Schema) -> str | None:
    if not isinstance(schema, dict) or "logicalType" not in schema:
        return None
    logical = str(schema["logicalType"])
    if logical == "decimal":
        return f"decimal({schema.get('precision')},{schema.get('scale', 0)})"
    return logical


def _describe(schema: Any) -> str:
    if isinstance(schema, list):
        return "union[" + ", ".join(_describe(branch) for branch in schema) + "]"
    if isinstance(schema, str):
        return schema
    if not isinstance(schema, dict):
        return repr(schema)
    kind = schema.get("type")
    if kind in NAMED_TYPES:
        return f"{kind} {schema.get('name')}"
    if kind == "array":
        return f"array<{_describe(schema.get('items'))}>"
    if kind == "map":
        return f"map<{_describe(schema.get('values'))}>"
    logical = _logical(schema)
    return f"{kind} ({logical})" if logical else str(kind)


def _root_path(schema: Any) -> str:
    if isinstance(schema, dict) and isinstance(schema.get("name"), str):
        return str(schema["name"]).rsplit(".", 1)[-1]
    return "$"


def _primitive_default_fits(default: Any, kind: str, numbers_as_float: bool) -> bool:
    if kind == "null":
        return default is None
    if kind == "boolean":
        return isinstance(default, bool)
    if kind in ("string", "bytes"):
        return isinstance(default, str)
    if kind in ("int", "long"):
        return isinstance(default, int)
    if isinstance(default, float):
        return True
    if not numbers_as_float:
        return False
    try:
        float(default)
    except (TypeError, ValueError):
        return False
    return True


def _default_fits(default: Any, schema: Any) -> bool:
    """Whether fastavro accepts `default` for a field of type `schema`.

    Mirrors fastavro's parse-time check: for a union any branch may match (branches other than bare
    primitive names always do), a bare "double"/"float" accepts any number, {"type": "double"} only a
    JSON float, and named references are not checked.
    """
    if isinstance(schema, list):
        return any(
            not isinstance(branch, str)
            or branch not in PRIMITIVES
            or _primitive_default_fits(default, branch, numbers_as_float=True)
            for branch in schema
        )
    if isinstance(schema, str):
        return schema not in PRIMITIVES or _primitive_default_fits(default, schema, numbers_as_float=True)
    if not isinstance(schema, dict):
        return True
    kind = schema.get("type")
    if kind == "array":
        return isinstance(default, list)
    if kind in ("map", "record", "error"):
        return isinstance(default, dict)
    if kind in ("enum", "fixed"):
        return isinstance(default, str)
    if kind in PRIMITIVES:
        return _primitive_default_fits(default, str(kind), numbers_as_float=False)
    return True
