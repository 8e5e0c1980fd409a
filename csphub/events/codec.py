"""Avro encoding of events with Confluent wire framing (magic byte 0 + 4-byte schema id).

The registry of schema ids is the file ``schemas/events/registry.json``: ids are never reused, and a
new version of an event schema gets a new id. Each schema is parsed once per process.
"""

from __future__ import annotations

import io
import json
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import fastavro

from csphub.config import REPO_ROOT
from csphub.errors import PoisonEvent
from csphub.events.model import EVENT_TYPES, Event

MAGIC = 0
_HEADER = struct.Struct(">bI")


@dataclass(frozen=True)
class RegisteredSchema:
    schema_id: int
    name: str
    parsed: Any


class SchemaRegistry:
    """Schema id ↔ parsed Avro schema, read from a registry file."""

    def __init__(self, events_dir: Path) -> None:
        doc = json.loads((events_dir / "registry.json").read_text())
        self._by_id: dict[int, RegisteredSchema] = {}
        self._latest_by_name: dict[str, RegisteredSchema] = {}
        for sid, filename in sorted(doc["schemas"].items(), key=lambda kv: int(kv[0])):
            raw = json.loads((events_dir / filename).read_text())
            reg = RegisteredSchema(int(sid), raw["name"], fastavro.parse_schema(raw))
            self._by_id[reg.schema_id] = reg
            self._latest_by_name[reg.name] = reg

    def by_id(self, schema_id: int) -> RegisteredSchema:
        try:
            return self._by_id[schema_id]
        except KeyError:
            raise PoisonEvent(f"unknown event schema id {schema_id}", stage="events") from None

    def latest(self, name: str) -> RegisteredSchema:
        return self._latest_by_name[name]


@cache
def default_registry() -> SchemaRegistry:
    return SchemaRegistry(REPO_ROOT / "schemas" / "events")


def encode(event: Event, registry: SchemaRegistry | None = None) -> bytes:
    reg = (registry or default_registry()).latest(event.schema_name)
    buf = io.BytesIO()
    buf.write(_HEADER.pack(MAGIC, reg.schema_id))
    fastavro.schemaless_writer(buf, reg.parsed, event.to_record())
    return buf.getvalue()


def decode(data: bytes, registry: SchemaRegistry | None = None) -> Event:
    """Decode a framed event; anything undecodable raises PoisonEvent with the reason."""
    registry = registry or default_registry()
    if len(data) < _HEADER.size:
        raise PoisonEvent("event shorter than the wire header", stage="events")
    magic, schema_id = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise PoisonEvent(f"bad magic byte {magic}", stage="events")
    writer = registry.by_id(schema_id)
    reader = registry.latest(writer.name)
    try:
        record = fastavro.schemaless_reader(io.BytesIO(data[_HEADER.size :]), writer.parsed, reader.parsed)
    except Exception as exc:  # any decoding failure makes the message a poison event
        raise PoisonEvent(f"undecodable {writer.name} event: {type(exc).__name__}", stage="events") from None
    cls = EVENT_TYPES[writer.name]
    return cls(**record)  # type: ignore[arg-type]
