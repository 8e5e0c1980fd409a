"""A partner a schema version behind: its file validates under the old schema and is resolved into
the current one exactly as Avro schema resolution (fastavro) would."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import fastavro
import pytest
import yaml

from csphub.config import REPO_ROOT
from csphub.contracts.registry import ContractRegistry
from csphub.pipeline.parse import parse_file
from csphub.pipeline.validate import validate
from tests.unit.pipeline.police_rows import HEADERS, csv_bytes, row

NEW_FIELDS = [
    {"name": "cctv_available", "type": "boolean", "default": False},
    {"name": "repeat_location", "type": ["null", "string"], "default": None},
    {
        "name": "investigation_priority",
        "type": {"type": "enum", "name": "Priority", "symbols": ["HIGH", "STANDARD", "UNKNOWN"], "default": "UNKNOWN"},
        "default": "STANDARD",
    },
]


@pytest.fixture
def v2_registry(tmp_path: Path) -> ContractRegistry:
    """The repository's contracts with police crime records moved to a v2 schema that adds three fields."""
    contracts, schemas = tmp_path / "contracts", tmp_path / "schemas"
    shutil.copytree(REPO_ROOT / "contracts", contracts)
    shutil.copytree(REPO_ROOT / "schemas", schemas)
    v1 = json.loads((schemas / "partners/police/crime_records.v1.avsc").read_text())
    v2 = {**v1, "fields": v1["fields"] + NEW_FIELDS}
    (schemas / "partners/police/crime_records.v2.avsc").write_text(json.dumps(v2))
    path = contracts / "police/crime_records.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["version"] = "1.1.0"
    doc["schema"] = {
        "file": "partners/police/crime_records.v2.avsc",
        "previous": ["partners/police/crime_records.v1.avsc"],
    }
    doc["format"]["columns"] |= {
        "CCTV": "cctv_available",
        "Repeat Location": "repeat_location",
        "Priority": "investigation_priority",
    }
    doc["fields"] |= {
        "cctv_available": {"classification": "operational", "pseudonymise": {"action": "keep"}},
        "repeat_location": {"classification": "operational", "pseudonymise": {"action": "keep"}},
        "investigation_priority": {"classification": "operational", "pseudonymise": {"action": "keep"}},
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return ContractRegistry.load(contracts, schemas)


def test_file_under_previous_schema_is_read_into_the_current_one(v2_registry: ContractRegistry) -> None:
    """Old-format files keep flowing after a compatible upgrade; new fields get the schema defaults."""
    feed = v2_registry.feeds["police.crime_records"]
    data = csv_bytes([row(), row()], headers=HEADERS)  # v1 columns only
    parsed = parse_file(data, feed, "police/crime_records/wmp_crime_202609.csv")
    assert parsed.schema_file == "partners/police/crime_records.v1.avsc"
    v = validate(parsed.table, feed, v2_registry, now=datetime(2026, 11, 1), fields=parsed.fields)
    assert not v.blocked.any()
    ours = v.typed.drop_columns(["_row"]).to_pylist()[0]

    # Ground truth: write the row with the v1 schema and read it with the v2 schema.
    v1_schema = fastavro.parse_schema(feed.previous_schemas[0])
    v1_record = {f.name: ours[f.name] for f in parsed.fields}
    buf = io.BytesIO()
    fastavro.schemaless_writer(buf, v1_schema, v1_record)
    buf.seek(0)
    resolved = fastavro.schemaless_reader(buf, v1_schema, feed.parsed_schema)
    for name in ("cctv_available", "repeat_location", "investigation_priority"):
        assert ours[name] == resolved[name], name
    assert ours["investigation_priority"] == "STANDARD"


def test_current_version_file_uses_current_schema(v2_registry: ContractRegistry) -> None:
    """A file with the new columns validates against v2 and keeps its own values."""
    feed = v2_registry.feeds["police.crime_records"]
    headers = [*HEADERS, "CCTV", "Repeat Location", "Priority"]
    data = csv_bytes([{**row(), "CCTV": "Y", "Repeat Location": "", "Priority": "HIGH"}], headers=headers)
    parsed = parse_file(data, feed, "police/crime_records/wmp_crime_202609.csv")
    assert parsed.schema_file == "partners/police/crime_records.v2.avsc"
    v = validate(parsed.table, feed, v2_registry, now=datetime(2026, 11, 1), fields=parsed.fields)
    assert v.typed.column("cctv_available").to_pylist() == [True]
    assert v.typed.column("investigation_priority").to_pylist() == ["HIGH"]
