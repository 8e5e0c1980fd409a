"""Events: typed records, Avro codec with a file registry, and the bus (local log or Kafka)."""

from __future__ import annotations

from csphub.config import Settings
from csphub.events.base import Delivery, EventBus, TopicSpec
from csphub.events.model import (
    DatasetPublished,
    DeadLetter,
    Event,
    FileLanded,
    FileRejected,
    FileValidated,
)

__all__ = [
    "DatasetPublished",
    "DeadLetter",
    "Delivery",
    "Event",
    "EventBus",
    "FileLanded",
    "FileRejected",
    "FileValidated",
    "TopicSpec",
    "open_bus",
]


def open_bus(settings: Settings) -> EventBus:
    """The event bus for the configured stack."""
    if settings.stack == "embedded":
        from csphub.events.local import LocalEventLog

        return LocalEventLog(settings.event_log_path)
    from csphub.events.kafka import KafkaEventBus

    return KafkaEventBus.from_settings(settings)
