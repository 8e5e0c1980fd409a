"""An independent reading of a generated file against its contract, for checking the generator's truth.

Deliberately simple and row-by-row: it parses each value with the contract's formats and applies every
quality rule (block and warn), returning the findings per 1-based row. The generator's planted faults
must be exactly these findings; clean rows must have none.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from functools import cache

import numpy as np
import pytest

from csphub.contracts.model import (
    AgeRange,
    InReference,
    NotFuture,
    Pattern,
    Range,
    Required,
    RequiredIf,
    Unique,
    ValidIdentifier,
)
from csphub.generator import GeneratedFile, Population
from csphub.generator.base import FeedSpec, load_spec
from csphub.generator.calendar import Month
from csphub.generator.geography import REFERENCE_DIR
from pseudonymisation.identifiers import IDENTIFIERS

Findings = dict[int, set[tuple[str, str]]]


@cache
def reference(name: str, column: str) -> frozenset[str]:
    with (REFERENCE_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(r[column] for r in csv.DictReader(fh))


def raw_rows(gf: GeneratedFile, spec: FeedSpec) -> list[dict[str, object]]:
    """Rows as {schema field: raw value} from the partner bytes."""
    fmt = spec.contract.format
    if fmt.type == "csv":
        reader = csv.reader(io.StringIO(gf.data.decode(fmt.encoding)), delimiter=fmt.delimiter)
        header = next(reader)
        missing = set(fmt.columns) - set(header)
        assert not missing, f"columns missing from {gf.name}: {missing}"
        return [{fmt.columns[h]: v for h, v in zip(header, row, strict=True) if h in fmt.columns} for row in reader]
    if fmt.type == "json":
        doc = json.loads(gf.data.decode(fmt.encoding))
        head = {f: doc[k] for k, f in fmt.header_fields.items()}
        return [
            {**head, **{fmt.columns[k]: v for k, v in rec.items() if k in fmt.columns}} for rec in doc[fmt.records_path]
        ]
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(gf.data), read_only=True)[fmt.sheet]
    rows = ws.iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    assert not set(fmt.columns) - set(header)
    return [{fmt.columns[h]: v for h, v in zip(header, row, strict=False) if h in fmt.columns} for row in rows]


def _parse(value: object, kind: str, symbols: tuple[str, ...], spec: FeedSpec) -> tuple[object, str | None]:
    fmt = spec.contract.format
    if value is None or (isinstance(value, str) and value in fmt.null_values):
        return None, None
    if kind in ("date", "timestamp-millis"):
        if isinstance(value, datetime):
            return (value.date() if kind == "date" else value), None
        formats = fmt.date_formats if kind == "date" else fmt.timestamp_formats
        for f in formats:
            try:
                parsed = datetime.strptime(str(value), f)
            except ValueError:
                continue
            return (parsed.date() if kind == "date" else parsed), None
        return None, "date_format"
    if kind == "int":
        if isinstance(value, int):
            return value, None
        return (int(value), None) if re.fullmatch(r"-?\d+", str(value)) else (None, "type")
    if kind == "boolean":
        if value in fmt.true_values:
            return True, None
        return (False, None) if value in fmt.false_values else (None, "type")
    if kind == "enum":
        return (value, None) if value in symbols else (None, "enum")
    return str(value), None


def as_of_date(name: str) -> datetime:
    """When the file is processed: 45 days after the month (or extract day) in its name."""
    m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})?", name)
    assert m, name
    if m.group(3):
        day = np.datetime64(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
    else:
        day = Month.parse(f"{m.group(1)}-{m.group(2)}").end
    return datetime.fromisoformat(str(day + np.timedelta64(45, "D")))


def check(gf: GeneratedFile) -> Findings:
    spec = load_spec(gf.partner, gf.feed)
    c = spec.contract
    as_of = as_of_date(gf.name)
    findings: Findings = {}
    seen: set[object] = set()
    for i, raw in enumerate(raw_rows(gf, spec), start=1):
        out: set[tuple[str, str]] = set()
        vals: dict[str, object] = {}
        for name, f in spec.fields.items():
            v, problem = _parse(raw.get(name), f.avro_type, f.symbols, spec)
            vals[name] = v
            if problem:
                out.add((name, problem))
            elif v is None and f.required:
                out.add((name, "required"))
        failed = {n for n, _ in out}
        for rule in c.quality:
            v = vals.get(rule.field)
            if rule.field in failed:
                continue
            if isinstance(rule, Required) and v is None:
                out.add((rule.field, "required"))
            if v is None:
                if isinstance(rule, RequiredIf) and str(vals.get(rule.when)) in rule.equals:
                    out.add((rule.field, "required_if"))
                continue
            if isinstance(rule, NotFuture):
                ts = v if isinstance(v, datetime) else datetime(v.year, v.month, v.day)  # type: ignore[union-attr]
                if ts > as_of:
                    out.add((rule.field, "not_future"))
            elif isinstance(rule, Range) and (
                (rule.min is not None and v < rule.min) or (rule.max is not None and v > rule.max)
            ):  # type: ignore[operator]
                out.add((rule.field, "range"))
            elif isinstance(rule, Pattern) and not re.fullmatch(rule.regex, str(v)):
                out.add((rule.field, "pattern"))
            elif isinstance(rule, InReference) and str(v) not in reference(rule.reference, rule.column):
                out.add((rule.field, "in_reference"))
            elif isinstance(rule, ValidIdentifier) and not IDENTIFIERS[rule.identifier].is_valid(str(v)):
                out.add((rule.field, "valid_identifier"))
            elif isinstance(rule, Unique):
                if v in seen:
                    out.add((rule.field, "unique"))
                seen.add(v)
            elif isinstance(rule, AgeRange):
                at = vals.get(rule.at)
                if at is None:
                    continue
                at_d = at.date() if isinstance(at, datetime) else at
                dob: date = v  # type: ignore[assignment]
                age = at_d.year - dob.year - ((at_d.month, at_d.day) < (dob.month, dob.day))  # type: ignore[union-attr]
                if not rule.min <= age <= rule.max:
                    out.add((rule.field, "age_range"))
        if out:
            findings[i] = out
    return findings


@pytest.fixture(scope="session")
def population() -> Population:
    return Population(2025)
