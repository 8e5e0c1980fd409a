"""Schema compatibility checks, with fastavro as the ground truth.

Every case in CASES is a schema change (old -> new) with a few rows for each version that exercise
every enum symbol and union branch. For each direction the rows are written with fastavro and read
back with the other schema: fastavro must succeed exactly when `can_read` finds no problem.

Where fastavro departs from the Avro specification, the case says so and fastavro is followed:
- namespace_changed: fastavro matches named types on the unqualified name (spec: full name);
- union_default_not_first_branch: fastavro accepts a union default matching any branch (spec: first);
- timestamp_millis_to_micros, decimal_*: fastavro ignores logical types when resolving and decodes
  with the writer's logical type, so these are compatible (with a warning from the checker);
- field_default_wrong_type: fastavro refuses to parse the schema at all, so neither direction reads.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import fastavro
import pytest
from fastavro.read import SchemaResolutionError
from fastavro.schema import SchemaParseException, UnknownType

from csphub.contracts.compat import (
    Compatibility,
    CompatResult,
    can_read,
    check,
    classify,
    load_schema,
)
from csphub.errors import ConfigError

NS = "uk.gov.birmingham.csp"
UTC = dt.UTC


def crime(*fields: dict[str, Any], name: str = "crime_record", namespace: str = NS) -> dict[str, Any]:
    return {"type": "record", "name": name, "namespace": namespace, "fields": list(fields)}


def fld(name: str, type_: Any, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, **extra}


def person(*fields: dict[str, Any], name: str = "Person", **extra: Any) -> dict[str, Any]:
    return {"type": "record", "name": name, "fields": list(fields), **extra}


def outcome(*symbols: str, name: str = "Outcome", **extra: Any) -> dict[str, Any]:
    return {"type": "enum", "name": name, "symbols": list(symbols), **extra}


def rows(**columns: list[Any]) -> list[dict[str, Any]]:
    """Rows from columns; every row gets a crime reference."""
    count = max(len(values) for values in columns.values())
    return [
        {"ref": f"CR{i}", **{name: values[i % len(values)] for name, values in columns.items()}} for i in range(count)
    ]


REF = fld("ref", "string")
DOB = fld("dob", {"type": "int", "logicalType": "date"})
D1, D2 = dt.date(1990, 5, 17), dt.date(2001, 1, 2)


@dataclass(frozen=True)
class Case:
    id: str
    old: Any
    new: Any
    old_rows: list[dict[str, Any]]
    new_rows: list[dict[str, Any]]
    backward: str | None  # problem kind when the new schema reads old data; None = compatible
    forward: str | None  # problem kind when the old schema reads new data; None = compatible


def same_rows(id_: str, old: Any, new: Any, data: list[dict[str, Any]], bwd: str | None, fwd: str | None) -> Case:
    return Case(id_, old, new, data, data, bwd, fwd)


def scalar_change(id_: str, old_type: Any, new_type: Any, old_values: list[Any], new_values: list[Any],
                  bwd: str | None, fwd: str | None) -> Case:  # fmt: skip
    return Case(
        id_,
        crime(REF, fld("value", old_type)),
        crime(REF, fld("value", new_type)),
        rows(value=old_values),
        rows(value=new_values),
        bwd,
        fwd,
    )


THREE = ("THEFT", "BURGLARY", "OTHER")
WITH_ROBBERY = ("THEFT", "BURGLARY", "ROBBERY", "OTHER")
REPORT_CHAIN = {"ref": "CR1", "previous": {"ref": "CR0", "previous": None}}

CASES = [
    # --- record fields
    Case(
        "add_field_with_default",
        crime(REF),
        crime(REF, fld("force", "string", default="West Midlands")),
        rows(ref=["CR1", "CR2"]),
        rows(force=["West Midlands", "Staffordshire"]),
        None,
        None,
    ),
    Case(
        "add_field_without_default",
        crime(REF),
        crime(REF, fld("force", "string")),
        rows(ref=["CR1", "CR2"]),
        rows(force=["West Midlands", "Staffordshire"]),
        "missing_default",
        None,
    ),
    Case(
        "remove_field_with_default",
        crime(REF, fld("force", "string", default="West Midlands")),
        crime(REF),
        rows(force=["West Midlands", "Staffordshire"]),
        rows(ref=["CR1", "CR2"]),
        None,
        None,
    ),
    Case(
        "remove_field_without_default",
        crime(REF, fld("force", "string")),
        crime(REF),
        rows(force=["West Midlands", "Staffordshire"]),
        rows(ref=["CR1", "CR2"]),
        None,
        "missing_default",
    ),
    Case(
        "rename_field_with_reader_alias",
        crime(REF, fld("ward", "string")),
        crime(REF, fld("ward_name", "string", aliases=["ward"])),
        rows(ward=["Aston", "Ladywood"]),
        rows(ward_name=["Aston", "Ladywood"]),
        None,
        "missing_default",  # the old reader has no alias for the new name
    ),
    Case(
        "rename_field_without_alias",
        crime(REF, fld("ward", "string")),
        crime(REF, fld("ward_name", "string")),
        rows(ward=["Aston", "Ladywood"]),
        rows(ward_name=["Aston", "Ladywood"]),
        "missing_default",
        "missing_default",
    ),
    same_rows(
        "fields_reordered",
        crime(REF, fld("ward", "string"), fld("beat", "int")),
        crime(fld("beat", "int"), fld("ward", "string"), REF),
        rows(ward=["Aston", "Ladywood"], beat=[1, 2]),
        None,
        None,
    ),
    Case(
        "field_type_record_to_string",
        crime(REF, fld("victim", person(DOB))),
        crime(REF, fld("victim", "string")),
        rows(victim=[{"dob": D1}]),
        rows(victim=["born 1990"]),
        "type_mismatch",
        "type_mismatch",
    ),
    # --- enums: rows cover every symbol the writer has
    Case(
        "enum_symbol_added",
        crime(REF, fld("outcome", outcome("THEFT", "BURGLARY"))),
        crime(REF, fld("outcome", outcome("THEFT", "BURGLARY", "ROBBERY"))),
        rows(outcome=["THEFT", "BURGLARY"]),
        rows(outcome=["THEFT", "BURGLARY", "ROBBERY"]),
        None,
        "enum_symbol_removed",
    ),
    Case(
        "enum_symbol_added_old_enum_has_default",
        crime(REF, fld("outcome", outcome(*THREE, default="OTHER"))),
        crime(REF, fld("outcome", outcome(*WITH_ROBBERY, default="OTHER"))),
        rows(outcome=list(THREE)),
        rows(outcome=list(WITH_ROBBERY)),
        None,
        None,
    ),
    Case(
        "enum_symbol_removed",
        crime(REF, fld("outcome", outcome(*THREE))),
        crime(REF, fld("outcome", outcome("THEFT", "OTHER"))),
        rows(outcome=list(THREE)),
        rows(outcome=["THEFT", "OTHER"]),
        "enum_symbol_removed",
        None,
    ),
    Case(
        "enum_symbol_removed_new_enum_has_default",
        crime(REF, fld("outcome", outcome(*THREE))),
        crime(REF, fld("outcome", outcome("THEFT", "OTHER", default="OTHER"))),
        rows(outcome=list(THREE)),
        rows(outcome=["THEFT", "OTHER"]),
        None,
        None,
    ),
    same_rows(
        "enum_symbols_reordered",
        crime(REF, fld("outcome", outcome(*THREE))),
        crime(REF, fld("outcome", outcome("OTHER", "BURGLARY", "THEFT"))),
        rows(outcome=list(THREE)),
        None,
        None,
    ),
    same_rows(
        "enum_renamed_with_reader_alias",
        crime(REF, fld("outcome", outcome(*THREE))),
        crime(REF, fld("outcome", outcome(*THREE, name="CaseOutcome", aliases=["Outcome"]))),
        rows(outcome=list(THREE)),
        None,
        "name_mismatch",
    ),
    same_rows(
        "enum_to_string",
        crime(REF, fld("outcome", outcome(*THREE))),
        crime(REF, fld("outcome", "string")),
        rows(outcome=list(THREE)),
        "type_mismatch",
        "type_mismatch",
    ),
    Case(
        "named_enum_reused_by_reference_symbol_removed",
        crime(REF, fld("outcome", outcome(*THREE)), fld("previous_outcome", "Outcome")),
        crime(REF, fld("outcome", outcome("THEFT", "OTHER")), fld("previous_outcome", "Outcome")),
        rows(outcome=list(THREE), previous_outcome=list(reversed(THREE))),
        rows(outcome=["THEFT", "OTHER"], previous_outcome=["OTHER", "THEFT"]),
        "enum_symbol_removed",
        None,
    ),
    # --- primitives and promotions
    scalar_change("int_to_long", "int", "long", [1, -7], [1, 2**40], None, "type_mismatch"),
    scalar_change("int_to_double", "int", "double", [1, -7], [1.5, -2.25], None, "type_mismatch"),
    scalar_change("long_to_double", "long", "double", [2**40, -3], [0.5, 1e20], None, "type_mismatch"),
    scalar_change("long_to_float", "long", "float", [2**40, -3], [0.5, 2.0], None, "type_mismatch"),
    scalar_change("float_to_double", "float", "double", [0.5, -1.25], [0.1, 1e300], None, "type_mismatch"),
    scalar_change("long_narrowed_to_int", "long", "int", [2**40, -3], [1, -7], "type_mismatch", None),
    scalar_change("string_to_bytes", "string", "bytes", ["B21 9AA", "é"], [b"B21 9AA"], None, None),
    scalar_change("bytes_to_string", "bytes", "string", [b"B21 9AA"], ["B21 9AA", "é"], None, None),
    scalar_change("int_to_string", "int", "string", [1, 2], ["1", "2"], "type_mismatch", "type_mismatch"),
    scalar_change("boolean_to_int", "boolean", "int", [True, False], [0, 1], "type_mismatch", "type_mismatch"),
    # --- unions: rows cover every branch the writer has
    scalar_change(
        "union_widened",
        ["null", "string"],
        ["null", "string", "int"],
        [None, "B1"],
        [None, "B1", 7],
        None,
        "missing_union_branch",
    ),
    scalar_change(
        "union_narrowed",
        ["null", "string", "int"],
        ["null", "string"],
        [None, "B1", 7],
        [None, "B1"],
        "missing_union_branch",
        None,
    ),
    scalar_change(
        "union_branch_promoted",
        ["null", "int"],
        ["null", "long"],
        [None, 7],
        [None, 2**40],
        None,
        "missing_union_branch",
    ),
    scalar_change(
        "non_union_to_union",
        "string",
        ["null", "string"],
        ["B1", "B2"],
        [None, "B1"],
        None,
        "type_mismatch",
    ),
    # every writer branch (int, long) resolves to long; long is found in the old union
    scalar_change("union_to_non_union", ["int", "long"], "long", [7, 2**40], [7, 2**40], None, None),
    scalar_change(
        "nullable_field_made_required",
        ["null", "string"],
        "string",
        [None, "B1"],
        ["B1", "B2"],
        "type_mismatch",
        None,
    ),
    Case(
        # guards union default handling: fastavro accepts "B1" for ["null", "string"]; the spec
        # requires the default to match the first branch
        "union_default_not_first_branch",
        crime(REF),
        crime(REF, fld("beat", ["null", "string"], default="B1")),
        rows(ref=["CR1"]),
        rows(beat=[None, "B2"]),
        None,
        None,
    ),
    Case(
        "field_default_wrong_type",  # fastavro's parse_schema rejects the new schema outright
        crime(REF),
        crime(REF, fld("priority", "int", default="high")),
        rows(ref=["CR1"]),
        [],
        "invalid_default",
        "invalid_default",
    ),
    # --- nested records
    Case(
        "nested_field_added_with_default",
        crime(REF, fld("victim", person(DOB))),
        crime(REF, fld("victim", person(DOB, fld("ethnicity", "string", default="not stated")))),
        rows(victim=[{"dob": D1}, {"dob": D2}]),
        rows(victim=[{"dob": D1, "ethnicity": "W1"}]),
        None,
        None,
    ),
    Case(
        "nested_field_removed_without_default",
        crime(REF, fld("victim", person(DOB, fld("postcode", "string")))),
        crime(REF, fld("victim", person(DOB))),
        rows(victim=[{"dob": D1, "postcode": "B6 4AB"}]),
        rows(victim=[{"dob": D1}]),
        None,
        "missing_default",
    ),
    same_rows(
        "nested_record_renamed_with_reader_alias",
        crime(REF, fld("victim", person(DOB))),
        crime(REF, fld("victim", person(DOB, name="Victim", aliases=["Person"]))),
        rows(victim=[{"dob": D1}]),
        None,
        "name_mismatch",
    ),
    same_rows(
        "nested_record_renamed_with_full_name_alias",
        crime(REF, fld("victim", person(DOB))),
        crime(REF, fld("victim", person(DOB, name="Victim", aliases=[f"{NS}.Person"]))),
        rows(victim=[{"dob": D1}]),
        None,
        "name_mismatch",
    ),
    Case(
        "record_in_union_gains_required_field",
        crime(REF, fld("victim", ["null", person(DOB)])),
        crime(REF, fld("victim", ["null", person(DOB, fld("postcode", "string"))])),
        rows(victim=[None, {"dob": D1}]),
        rows(victim=[None, {"dob": D1, "postcode": "B6 4AB"}]),
        "missing_default",
        None,
    ),
    same_rows(
        "record_renamed_without_alias",
        crime(REF),
        crime(REF, name="incident_record"),
        rows(ref=["CR1"]),
        "name_mismatch",
        "name_mismatch",
    ),
    same_rows(
        # guards fastavro's rule (unqualified names match); the spec requires equal full names
        "namespace_changed",
        crime(REF),
        crime(REF, namespace="uk.police.wmp"),
        rows(ref=["CR1"]),
        None,
        None,
    ),
    Case(
        "recursive_record_field_added_without_default",
        crime(REF, fld("previous", ["null", "crime_record"])),
        crime(REF, fld("previous", ["null", "crime_record"]), fld("beat", "int")),
        [REPORT_CHAIN],
        [{"ref": "CR1", "beat": 1, "previous": {"ref": "CR0", "beat": 2, "previous": None}}],
        "missing_default",
        None,
    ),
    # --- arrays and maps: rows are never empty
    scalar_change(
        "array_item_promoted",
        {"type": "array", "items": "int"},
        {"type": "array", "items": "long"},
        [[1, 2]],
        [[2**40]],
        None,
        "type_mismatch",
    ),
    Case(
        "array_of_records_item_gains_required_field",
        crime(REF, fld("offences", {"type": "array", "items": person(fld("code", "string"), name="Offence")})),
        crime(
            REF,
            fld(
                "offences",
                {"type": "array", "items": person(fld("code", "string"), fld("severity", "int"), name="Offence")},
            ),
        ),
        rows(offences=[[{"code": "0801"}]]),
        rows(offences=[[{"code": "0801", "severity": 3}]]),
        "missing_default",
        None,
    ),
    scalar_change(
        "map_value_changed",
        {"type": "map", "values": "int"},
        {"type": "map", "values": "string"},
        [{"a": 1}],
        [{"a": "1"}],
        "type_mismatch",
        "type_mismatch",
    ),
    scalar_change(
        "map_value_promoted",
        {"type": "map", "values": "float"},
        {"type": "map", "values": "double"},
        [{"a": 1.5}],
        [{"a": 1e300}],
        None,
        "type_mismatch",
    ),
    # --- fixed
    scalar_change(
        "fixed_size_changed",
        {"type": "fixed", "name": "Digest", "size": 16},
        {"type": "fixed", "name": "Digest", "size": 32},
        [b"x" * 16],
        [b"y" * 32],
        "fixed_size",
        "fixed_size",
    ),
    scalar_change(
        "fixed_renamed_without_alias",
        {"type": "fixed", "name": "Digest", "size": 16},
        {"type": "fixed", "name": "Hash", "size": 16},
        [b"x" * 16],
        [b"y" * 16],
        "name_mismatch",
        "name_mismatch",
    ),
    # --- logical types: resolved on the underlying type
    scalar_change(
        "logical_date_unchanged",
        {"type": "int", "logicalType": "date"},
        {"type": "int", "logicalType": "date"},
        [D1, D2],
        [D1],
        None,
        None,
    ),
    scalar_change(
        "logical_date_to_plain_int",
        {"type": "int", "logicalType": "date"},
        "int",
        [D1, D2],
        [1, 2],
        None,
        None,
    ),
    scalar_change(
        "timestamp_millis_to_micros",
        {"type": "long", "logicalType": "timestamp-millis"},
        {"type": "long", "logicalType": "timestamp-micros"},
        [dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)],
        [dt.datetime(2024, 3, 1, 12, 30, 0, 123456, tzinfo=UTC)],
        None,
        None,
    ),
    scalar_change(
        "decimal_precision_increased",
        {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2},
        {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2},
        [Decimal("123.45"), Decimal("-0.01")],
        [Decimal("1234567.89")],
        None,
        None,
    ),
    scalar_change(
        "decimal_scale_changed",
        {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2},
        {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 3},
        [Decimal("123.45")],
        [Decimal("123.456")],
        None,
        None,
    ),
]


def _fastavro_reads(reader: Any, writer: Any, data: list[dict[str, Any]]) -> bool:
    """Whether fastavro reads every row written with `writer` using `reader`, schemaless and in a file."""
    try:
        parsed_writer = fastavro.parse_schema(copy.deepcopy(writer))
        parsed_reader = fastavro.parse_schema(copy.deepcopy(reader))
    except (SchemaParseException, UnknownType):
        return False
    schemaless_ok = True
    for row in data:
        buf = io.BytesIO()
        fastavro.schemaless_writer(buf, parsed_writer, row)
        buf.seek(0)
        try:
            fastavro.schemaless_reader(buf, parsed_writer, parsed_reader)
        except SchemaResolutionError:
            schemaless_ok = False
    buf = io.BytesIO()
    fastavro.writer(buf, parsed_writer, data)
    buf.seek(0)
    try:
        assert len(list(fastavro.reader(buf, reader_schema=parsed_reader))) == len(data)
        file_ok = True
    except SchemaResolutionError:
        file_ok = False
    assert schemaless_ok == file_ok, "schemaless and container-file reads disagree"
    return schemaless_ok


CASE_BY_ID = {case.id: case for case in CASES}


def _direction(case: Case, direction: str) -> tuple[Any, Any, list[dict[str, Any]], str | None]:
    """(reader, writer, rows written by the writer, expected problem kind)."""
    if direction == "backward":
        return case.new, case.old, case.old_rows, case.backward
    return case.old, case.new, case.new_rows, case.forward


def test_case_table_is_large_and_unique() -> None:
    """Guards the coverage of the ground-truth table: at least 30 distinct schema changes."""
    assert len(CASES) >= 30
    assert len(CASE_BY_ID) == len(CASES)


@pytest.mark.parametrize("direction", ["backward", "forward"])
@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_can_read_agrees_with_fastavro(case: Case, direction: str) -> None:
    """Guards can_read against the reader the hub runs: fastavro reads every written row exactly
    when the checker finds no problem, and the problem is of the expected kind."""
    reader, writer, data, expected_kind = _direction(case, direction)
    fastavro_ok = _fastavro_reads(reader, writer, data)
    assert fastavro_ok is (expected_kind is None), f"case table disagrees with fastavro for {case.id}"
    problems = can_read(reader, writer)
    assert (not problems) is fastavro_ok, [str(p) for p in problems]
    if expected_kind is not None:
        assert expected_kind in {p.kind for p in problems}


@pytest.mark.parametrize(
    ("case_id", "direction", "paths"),
    [
        ("nested_field_removed_without_default", "forward", {"crime_record.victim.postcode"}),
        ("record_in_union_gains_required_field", "backward", {"crime_record.victim.postcode"}),
        ("array_of_records_item_gains_required_field", "backward", {"crime_record.offences[].severity"}),
        ("map_value_changed", "backward", {"crime_record.value{}"}),
        ("named_enum_reused_by_reference_symbol_removed", "backward",
         {"crime_record.outcome", "crime_record.previous_outcome"}),
        ("recursive_record_field_added_without_default", "backward", {"crime_record.beat"}),
        ("field_default_wrong_type", "backward", {"crime_record.priority"}),
    ],
)  # fmt: skip
def test_problem_paths_point_at_the_field(case_id: str, direction: str, paths: set[str]) -> None:
    """Guards the path a contract owner is shown: the dotted field path from the root record, with
    [] for array items and {} for map values, once per field using a shared named type."""
    reader, writer, _, _ = _direction(CASE_BY_ID[case_id], direction)
    assert {p.path for p in can_read(reader, writer)} == paths


def test_logical_type_change_is_compatible_but_warned() -> None:
    """Guards timestamp-millis -> timestamp-micros: fastavro reads it (writer's logical type), so it
    passes FULL, but the change is reported as a warning on the field."""
    case = CASE_BY_ID["timestamp_millis_to_micros"]
    result = check(case.new, [case.old], Compatibility.FULL)
    assert result.ok
    assert {(w.path, w.kind, w.direction) for w in result.warnings} == {
        ("crime_record.value", "logical_type_changed", "backward"),
        ("crime_record.value", "logical_type_changed", "forward"),
    }


# v3 makes `force` required: v3 reads v2 data (which has force) but not v1 data (which lacks it).
V1 = crime(REF)
V2 = crime(REF, fld("force", "string", default="West Midlands"))
V3 = crime(REF, fld("force", "string"))


@pytest.mark.parametrize(
    ("mode", "ok", "failing"),
    [
        (Compatibility.BACKWARD, True, set()),
        (Compatibility.BACKWARD_TRANSITIVE, False, {("backward", 0)}),
        (Compatibility.FORWARD, True, set()),
        (Compatibility.FORWARD_TRANSITIVE, True, set()),
        (Compatibility.FULL, True, set()),
        (Compatibility.FULL_TRANSITIVE, False, {("backward", 0)}),
        (Compatibility.NONE, True, set()),
    ],
    ids=lambda value: value.value if isinstance(value, Compatibility) else None,
)
def test_check_transitive_modes_check_every_previous_version(
    mode: Compatibility, ok: bool, failing: set[tuple[str, int]]
) -> None:
    """Guards the mode semantics: non-transitive modes compare with the latest version only, transitive
    ones with all, and each problem says which direction and which previous version failed."""
    result = check(V3, [V1, V2], mode)
    assert result.ok is ok
    assert result.mode is mode
    assert {(p.direction, p.version) for p in result.problems} == failing
    assert all(p.path == "crime_record.force" and p.kind == "missing_default" for p in result.problems)


def test_check_with_no_history_or_mode_string() -> None:
    """Guards the first version of a feed (nothing to compare) and modes given as contract strings."""
    assert check(V3, [], Compatibility.FULL_TRANSITIVE).ok
    result = check(V3, [V1], "BACKWARD")
    assert result.mode is Compatibility.BACKWARD
    assert not result.ok


def test_check_rejects_a_schema_fastavro_cannot_parse_under_any_mode() -> None:
    """Guards that an invalid new schema never passes, even with mode NONE."""
    broken = crime(REF, fld("victim", "UnknownPerson"))
    for mode in Compatibility:
        result = check(broken, [V1], mode)
        assert [p.kind for p in result.problems] == ["invalid_schema"]


@pytest.mark.parametrize(
    ("case_id", "expected", "holds"),
    [
        ("add_field_with_default", Compatibility.FULL, {"BACKWARD", "FORWARD", "FULL"}),
        ("add_field_without_default", Compatibility.FORWARD, {"FORWARD"}),
        ("remove_field_without_default", Compatibility.BACKWARD, {"BACKWARD"}),
        ("int_to_string", Compatibility.NONE, set()),
    ],
)
def test_classify_names_the_strongest_mode(case_id: str, expected: Compatibility, holds: set[str]) -> None:
    """Guards classify (strongest holding mode) and CompatResult.classify (every holding mode)."""
    case = CASE_BY_ID[case_id]
    assert classify(case.new, case.old) is expected
    assert CompatResult.classify(case.new, case.old) == holds


def test_load_schema_accepts_objects_json_and_paths(tmp_path: Path) -> None:
    """Guards the ways contracts reference schemas: parsed objects, JSON text and .avsc files."""
    path = tmp_path / "crime_record.avsc"
    path.write_text(json.dumps(V2), encoding="utf-8")
    assert load_schema(V2) is V2
    assert load_schema(json.dumps(V2)) == V2
    assert load_schema(path) == V2
    assert load_schema(str(path)) == V2
    assert load_schema("long") == "long"
    assert can_read(path, json.dumps(V1)) == []


def test_load_schema_fails_with_the_file_named(tmp_path: Path) -> None:
    """Guards load-time failure: a missing or non-JSON schema file raises ConfigError naming it."""
    bad = tmp_path / "bad.avsc"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError) as not_json:
        load_schema(bad)
    assert not_json.value.file == str(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_schema(tmp_path / "missing.avsc")
