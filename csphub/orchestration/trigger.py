"""The Kafka trigger behind each ingest DAG's AssetWatcher: FileLanded events, decoded.

It extends the Kafka provider's shared-stream trigger, which runs in the triggerer and commits a
message's offset only after the asset event derived from it is stored in Airflow's database (the
plain ``AwaitMessageTrigger`` commits first, so a triggerer crash there loses the event). The
provider's own filter would decode the message as UTF-8 text; landing events are Avro with
Confluent framing, so this filter decodes them with ``csphub.events.codec`` and turns each
FileLanded into a small JSON payload (the landing key, never file content).

An undecodable message is rejected: logged, committed past, not turned into a run. The hub's own
ingest consumer dead-letters such messages with the reason, and the file it may have announced is
picked up by reconciliation, which reads the ledger and the landing bucket, not the events.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

from airflow.providers.apache.kafka.triggers.shared_stream import KafkaSharedStreamTrigger
from airflow.triggers.base import TriggerEvent

log = logging.getLogger(__name__)


def event_payload(value: bytes | None, *, partner: str, feed: str) -> dict[str, Any] | None:
    """The trigger payload for one raw message, or None when it is not a FileLanded of this feed.

    Raises ``PoisonEvent`` for a message that does not decode.
    """
    from csphub.errors import PoisonEvent
    from csphub.events import FileLanded
    from csphub.events.codec import decode

    if value is None:
        raise PoisonEvent("empty Kafka message (tombstone) on a landing topic", stage="events")
    event = decode(value)
    if not isinstance(event, FileLanded) or (event.partner, event.feed) != (partner, feed):
        return None
    return {
        "event_id": event.event_id,
        "occurred_at": event.occurred_at.isoformat(),
        "partner": event.partner,
        "feed": event.feed,
        "bucket": event.bucket,
        "key": event.key,
        "size": event.size,
        "sha256": event.sha256,
        "source": event.source,
    }


class FileLandedTrigger(KafkaSharedStreamTrigger):
    """Fires one trigger event per FileLanded on a feed's landing topic (offsets committed after persist)."""

    def __init__(
        self,
        *,
        topics: Sequence[str],
        partner: str,
        feed: str,
        kafka_config_id: str = "csphub_kafka",
        poll_timeout: float = 1.0,
    ) -> None:
        super().__init__(topics=topics, kafka_config_id=kafka_config_id, poll_timeout=poll_timeout)
        self.partner = partner
        self.feed = feed

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {
                "topics": self.topics,
                "partner": self.partner,
                "feed": self.feed,
                "kafka_config_id": self.kafka_config_id,
                "poll_timeout": self.poll_timeout,
            },
        )

    async def filter_shared_stream(self, shared_stream: AsyncIterator[Any]) -> AsyncIterator[TriggerEvent]:
        from airflow.triggers.shared_stream import reject_shared_stream_event

        from csphub.errors import PoisonEvent

        async for value in shared_stream:
            try:
                payload = event_payload(value, partner=self.partner, feed=self.feed)
            except PoisonEvent as exc:
                log.error("rejecting an undecodable message on %s: %s", self.topics, exc.reason)
                reject_shared_stream_event()
                continue
            if payload is not None:
                log.info("FileLanded %s (%s bytes)", payload["key"], payload["size"])
                yield TriggerEvent(payload)
