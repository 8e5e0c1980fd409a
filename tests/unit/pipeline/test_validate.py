"""Columnar validation: findings name row, field and rule; the schema verdict agrees with fastavro."""

from __future__ import annotations

import random
import re
from datetime import datetime

import fastavro
import pytest

from csphub.pipeline.parse import parse_file
from csphub.pipeline.validate import validate
from pseudonymisation.identifiers import IDENTIFIERS
from tests.unit.pipeline.police_rows import GOOD, HEADERS, csv_bytes, row

NAME = "police/crime_records/wmp_crime_202609.csv"
NOW = datetime(2026, 11, 1)


@pytest.fixture
def feed(registry):  # type: ignore[no-untyped-def]
    return registry.feeds["police.crime_records"]


def _run(feed, registry, rows):  # type: ignore[no-untyped-def]
    parsed = parse_file(csv_bytes(rows), feed, NAME)
    return validate(parsed.table, feed, registry, now=NOW)


def _valid_pnc(year: int, serial: int) -> str:
    letters = "ZABCDEFGHJKLMNPQRTUVWXY"
    return f"{year:02d}/{serial:07d}{letters[int(f'{year:02d}{serial:07d}') % 23]}"


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"Committed_From": ""}, "committed_at", "required"),
        ({"Committed_From": "31/09/2026 22:15"}, "committed_at", "date_format"),
        ({"Committed_From": "2026-09-30T22:15"}, "committed_at", "date_format"),
        ({"Victim_DOB": "30/02/1990"}, "victim_dob", "date_format"),
        ({"Offence_Class": "ASSAULTISH"}, "offence_class", "enum"),
        ({"DA_Flag": "maybe"}, "domestic_abuse", "type"),
        ({"Committed_From": "30/09/2027 22:15"}, "committed_at", "not_future"),
        ({"Ward_Code": "E05999999"}, "ward_code", "in_reference"),
        ({"HO_Offence_Code": "ZZZ"}, "offence_code", "in_reference"),
        ({"LSOA": "W01001234"}, "lsoa_code", "pattern"),
        ({"Accused_PNC_ID": "98/1234567A"}, "accused_pnc", "valid_identifier"),
        ({"Victim_DOB": "03/02/1890"}, "victim_dob", "age_range"),
        ({"Accused_DOB": "03/02/2020"}, "accused_dob", "age_range"),
    ],
)
def test_a_bad_value_is_found_on_its_row_field_and_rule(feed, registry, change, field, rule) -> None:  # type: ignore[no-untyped-def]
    """The quarantine report can say exactly which row, field and rule failed."""
    v = _run(feed, registry, [row(), row(**change), row()])
    hits = [(r["row"], r["field"], r["rule"]) for r in v.findings.to_pylist() if r["severity"] == "block"]
    assert hits == [(2, field, rule)]
    assert v.blocked.tolist() == [False, True, False]


def test_enum_codes_are_matched_case_and_space_insensitively(feed, registry) -> None:  # type: ignore[no-untyped-def]
    """Partners write 'Violence with injury'; the contract code is VIOLENCE_WITH_INJURY."""
    v = _run(feed, registry, [row(Offence_Class="Violence with injury")])
    assert not v.blocked.any()
    assert v.typed.column("offence_class").to_pylist() == ["VIOLENCE_WITH_INJURY"]


def test_duplicate_record_id_blocks_the_second_occurrence_only(feed, registry) -> None:  # type: ignore[no-untyped-def]
    """Uniqueness of the partner's record id within a file: the repeat is quarantined, the first kept."""
    rows = [row(), row(), row()]
    data = csv_bytes(rows).replace(b"20/100002/26", b"20/100000/26")
    parsed = parse_file(data, feed, NAME)
    v = validate(parsed.table, feed, registry, now=NOW)
    assert [(r["row"], r["rule"]) for r in v.findings.to_pylist()] == [(3, "unique")]


def test_warn_rules_publish_the_row_and_count_it(feed, registry) -> None:  # type: ignore[no-untyped-def]
    """A warn-severity finding (bad postcode) does not quarantine the row."""
    v = _run(feed, registry, [row(Location_Postcode="NOT A POSTCODE")])
    assert not v.blocked.any()
    assert v.warned.tolist() == [True]
    assert v.findings.column("rule").to_pylist() == ["valid_identifier"]


def test_findings_never_show_identifier_values(feed, registry) -> None:  # type: ignore[no-untyped-def]
    """A quarantine report must not leak what it reports on: identifiers are masked to their shape."""
    v = _run(feed, registry, [row(Accused_PNC_ID="98/1234567A", Victim_DOB="31/02/1990")])
    values = dict(zip(v.findings.column("field").to_pylist(), v.findings.column("value").to_pylist(), strict=True))
    assert values["accused_pnc"] == "99/9999999A"
    assert values["victim_dob"] == "99/99/9999"
    assert "1234567" not in str(v.findings.to_pylist())


def _random_value(rng: random.Random, header: str) -> str:
    """Mostly valid values, with a healthy share of every kind of invalid one."""
    good = GOOD[header]
    r = rng.random()
    if r < 0.95:
        return good
    bad_by_kind = {
        "date": ["", "31/09/2026 10:00", "2026-13-01 10:00:00", "yesterday", "30/09/2026"],
        "dob": ["", "30/02/1990", "1990-02-03", "03/02/90x"],
        "bool": ["", "maybe", "Yes", "0", "TRUE"],
        "enum": ["", "NOT_A_CODE", "street", "Licensed premises"],
        "text": ["", "x"],
    }
    if header in ("Recorded Date", "Committed From"):
        return rng.choice(bad_by_kind["date"])
    if header in ("Victim DOB", "Accused DOB"):
        return rng.choice(bad_by_kind["dob"])
    if header.endswith("Flag"):
        return rng.choice(bad_by_kind["bool"])
    if header in ("Offence Class", "Weapon", "Location Type", "Victim Gender", "Accused Gender", "Outcome"):
        return rng.choice(bad_by_kind["enum"])
    return rng.choice(bad_by_kind["text"])


INVALID = object()  # fastavro rejects this for every non-string Avro type


def _reference_value(raw: str | None, field, fmt):  # type: ignore[no-untyped-def]
    """The slow, obviously-correct per-value conversion (Python's strict strptime, int(), sets)."""
    if raw is None:
        return None
    kind = field.avro_type
    if kind in ("int", "long"):
        return int(raw) if re.fullmatch(r"[+-]?\d+", raw) else INVALID
    if kind == "boolean":
        return True if raw in fmt.true_values else False if raw in fmt.false_values else INVALID
    if kind == "enum":
        return re.sub(r"[\s\-/]+", "_", raw.upper())
    if kind in ("date", "timestamp-millis"):
        for f in fmt.date_formats if kind == "date" else fmt.timestamp_formats:
            try:
                parsed = datetime.strptime(raw, f)
            except ValueError:
                continue
            return parsed.date() if kind == "date" else parsed
        return INVALID
    return raw


def _reference_record(parsed_table, i: int, feed) -> dict:  # type: ignore[no-untyped-def]
    fmt = feed.contract.format
    return {f.name: _reference_value(parsed_table.column(f.name)[i].as_py(), f, fmt) for f in feed.fields}


def test_schema_verdict_agrees_with_fastavro_on_every_row(feed, registry) -> None:  # type: ignore[no-untyped-def]
    """The columnar type checks must accept exactly the rows fastavro.validate accepts (3,000 mixed rows)."""
    rng = random.Random(7)
    rows = [{h: _random_value(rng, h) for h in HEADERS} for _ in range(3000)]
    parsed = parse_file(csv_bytes(rows), feed, NAME)
    v = validate(parsed.table, feed, registry, now=NOW)
    agree = 0
    for i in range(parsed.table.num_rows):
        record = _reference_record(parsed.table, i, feed)
        ok = fastavro.validation.validate(record, feed.parsed_schema, raise_errors=False)
        assert ok == bool(v.schema_ok[i]), f"row {i + 1}: fastavro={ok} columnar={bool(v.schema_ok[i])}: {record}"
        agree += 1
    assert agree == 3000
    assert 0.2 < v.schema_ok.mean() < 0.9  # both verdicts well represented


def test_valid_pnc_passes(feed, registry) -> None:  # type: ignore[no-untyped-def]
    """A correctly check-lettered PNC ID is not a finding."""
    pnc = _valid_pnc(98, 1234567)
    assert IDENTIFIERS["pnc_id"].is_valid(pnc)
    v = _run(feed, registry, [row(Accused_PNC_ID=pnc)])
    assert v.findings.num_rows == 0
