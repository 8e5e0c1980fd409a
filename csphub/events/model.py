"""Hub events as typed records; one Avro schema each in ``schemas/events/``."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=(datetime.now(UTC).microsecond // 1000) * 1000)


def _id() -> str:
    return str(uuid.uuid4())


@dataclass(kw_only=True)
class Event:
    """Base of every event: an id and the time it happened (UTC, millisecond precision)."""

    schema_name: ClassVar[str] = ""
    event_id: str = field(default_factory=_id)
    occurred_at: datetime = field(default_factory=_now)

    def to_record(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(kw_only=True)
class FileLanded(Event):
    schema_name: ClassVar[str] = "FileLanded"
    partner: str
    feed: str
    key: str
    size: int
    bucket: str = "landing"
    sha256: str | None = None
    source: str = "drop"


@dataclass(kw_only=True)
class FileValidated(Event):
    schema_name: ClassVar[str] = "FileValidated"
    partner: str
    feed: str
    key: str
    sha256: str
    contract_id: str
    contract_version: str
    rows_in: int
    rows_published: int
    rows_quarantined: int
    rows_warned: int = 0
    trusted_key: str
    quarantine_key: str | None = None


@dataclass(kw_only=True)
class FileRejected(Event):
    schema_name: ClassVar[str] = "FileRejected"
    partner: str
    feed: str
    key: str
    reason: str
    sha256: str | None = None
    quarantine_key: str | None = None


@dataclass(kw_only=True)
class DatasetPublished(Event):
    schema_name: ClassVar[str] = "DatasetPublished"
    board: str
    dataset: str
    table: str
    snapshot_id: int
    rows: int
    source_files: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class DeadLetter(Event):
    schema_name: ClassVar[str] = "DeadLetter"
    source_topic: str
    source_partition: int
    source_offset: int
    reason: str
    payload: bytes


EVENT_TYPES: dict[str, type[Event]] = {
    cls.schema_name: cls for cls in (FileLanded, FileValidated, FileRejected, DatasetPublished, DeadLetter)
}
