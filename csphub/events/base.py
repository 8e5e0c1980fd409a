"""The event-bus interface; the durable local log and Kafka fill it in.

Delivery is at-least-once: a consumer commits a delivery only after the work it triggered is
recorded (in the ledger), so a crash re-delivers rather than loses. Work must be idempotent, and the
ledger — not the event stream — is the truth about which files were processed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from csphub.events.model import Event


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int = 1
    retention_ms: int = 7 * 24 * 3600 * 1000
    doc: str = ""


@dataclass(frozen=True)
class Delivery:
    """One message as consumed. ``event`` is None for a poison message; ``error`` then says why."""

    topic: str
    partition: int
    offset: int
    key: str | None
    value: bytes
    event: Event | None
    error: str | None = None


@runtime_checkable
class EventBus(Protocol):
    def ensure_topics(self, topics: Sequence[TopicSpec]) -> None: ...

    def publish(self, topic: str, event: Event, *, key: str | None = None) -> None:
        """Durably append one event (returns once acknowledged)."""
        ...

    def publish_raw(self, topic: str, value: bytes, *, key: str | None = None) -> None:
        """Append already-encoded bytes (used by tests and dead-lettering)."""
        ...

    def poll(
        self, topics: Sequence[str], group: str, *, max_events: int = 500, timeout_s: float = 1.0
    ) -> list[Delivery]:
        """Deliveries after the group's committed offsets, decoded; never commits by itself."""
        ...

    def commit(self, group: str, deliveries: Sequence[Delivery]) -> None:
        """Mark deliveries as done for the group (offset of each partition advances past them)."""
        ...

    def close(self) -> None: ...
