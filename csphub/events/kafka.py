"""Kafka event bus (kafka-python) behind the EventBus interface.

Publishing is durable before it returns: the producer waits for all in-sync replicas (``acks=all``),
is idempotent (the broker drops a retried duplicate), and each publish waits for its acknowledgement.
A publish that cannot be acknowledged within ``publish_timeout_s`` raises EventBusError; the record
expires inside the producer at the same deadline, so it is never sent later behind the caller's back.

Consuming uses a consumer group with auto-commit off. ``poll`` never commits; ``commit`` stores offset
+1 per partition for the deliveries the caller has finished. Deliveries polled but not committed are
delivered again by the next ``poll`` (the consumer seeks back), as they are after a restart, which is
the same at-least-once contract as the local event log.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.structs import OffsetAndMetadata, TopicPartition

from csphub.errors import EventBusError, PoisonEvent
from csphub.events.base import Delivery, TopicSpec
from csphub.events.codec import decode, encode
from csphub.events.model import Event

if TYPE_CHECKING:
    from csphub.config import Settings

log = logging.getLogger(__name__)


class KafkaEventBus:
    def __init__(
        self,
        bootstrap: str,
        *,
        client_id: str = "csphub",
        publish_timeout_s: float = 30.0,
        request_timeout_s: float = 5.0,
    ) -> None:
        self.bootstrap = bootstrap
        self.client_id = client_id
        self.publish_timeout_s = publish_timeout_s
        self.request_timeout_s = request_timeout_s
        self._producer: KafkaProducer | None = None
        self._consumers: dict[str, tuple[frozenset[str], KafkaConsumer]] = {}
        #: per group: partitions delivered but not yet committed -> first such offset
        self._pending: dict[str, dict[TopicPartition, int]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> KafkaEventBus:
        return cls(settings.kafka_bootstrap)

    # -- topics ---------------------------------------------------------------------------------
    def ensure_topics(self, topics: Sequence[TopicSpec]) -> None:
        """Create the declared topics that do not exist yet (idempotent)."""
        try:
            admin = KafkaAdminClient(
                bootstrap_servers=self.bootstrap,
                client_id=f"{self.client_id}-admin",
                request_timeout_ms=int(self.request_timeout_s * 1000) * 3,
            )
        except KafkaError as exc:
            raise EventBusError(f"Kafka unreachable at {self.bootstrap}: {exc}", stage="events") from None
        try:
            existing = set(admin.list_topics())
            missing = {
                t.name: {
                    "num_partitions": t.partitions,
                    "replication_factor": 1,
                    "configs": {"retention.ms": str(t.retention_ms)},
                }
                for t in topics
                if t.name not in existing
            }
            if missing:
                # a topic created concurrently by another hub process is fine
                with contextlib.suppress(TopicAlreadyExistsError):
                    admin.create_topics(missing, wait_for_metadata=True)
        except KafkaError as exc:
            raise EventBusError(f"could not create topics: {exc}", stage="events") from None
        finally:
            admin.close()

    # -- publishing -----------------------------------------------------------------------------
    def _get_producer(self) -> KafkaProducer:
        if self._producer is None:
            timeout_ms = int(self.publish_timeout_s * 1000)
            request_ms = int(self.request_timeout_s * 1000)
            try:
                self._producer = KafkaProducer(
                    bootstrap_servers=self.bootstrap,
                    client_id=f"{self.client_id}-producer",
                    acks="all",
                    enable_idempotence=True,
                    retries=2**31 - 1,  # bounded by delivery_timeout_ms, not by a count
                    # idempotence keeps order with up to 5 in flight; more would break it
                    max_in_flight_requests_per_connection=5,
                    linger_ms=0,
                    request_timeout_ms=request_ms,
                    delivery_timeout_ms=max(timeout_ms, request_ms + 1000),
                    max_block_ms=timeout_ms,
                )
            except KafkaError as exc:
                raise EventBusError(f"Kafka unreachable at {self.bootstrap}: {exc}", stage="events") from None
        return self._producer

    def publish(self, topic: str, event: Event, *, key: str | None = None) -> None:
        self.publish_raw(topic, encode(event), key=key)

    def publish_raw(self, topic: str, value: bytes, *, key: str | None = None) -> None:
        producer = self._get_producer()
        try:
            future = producer.send(topic, value=value, key=key.encode() if key is not None else None)
            future.get(timeout=self.publish_timeout_s + self.request_timeout_s + 5)
        except KafkaError as exc:
            raise EventBusError(
                f"publish to {topic} not acknowledged by Kafka at {self.bootstrap}: {type(exc).__name__}: {exc}",
                stage="events",
            ) from None

    # -- consuming ------------------------------------------------------------------------------
    def _consumer(self, topics: Sequence[str], group: str) -> KafkaConsumer:
        wanted = frozenset(topics)
        current = self._consumers.get(group)
        if current is not None and current[0] == wanted:
            return current[1]
        if current is not None:
            current[1].close(autocommit=False)
            self._pending.pop(group, None)
        consumer = KafkaConsumer(
            bootstrap_servers=self.bootstrap,
            client_id=f"{self.client_id}-{group}",
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            request_timeout_ms=max(int(self.request_timeout_s * 1000) * 6, 30000),
            session_timeout_ms=10000,
            heartbeat_interval_ms=3000,
        )
        consumer.subscribe(sorted(wanted))
        self._consumers[group] = (wanted, consumer)
        return consumer

    def poll(
        self, topics: Sequence[str], group: str, *, max_events: int = 500, timeout_s: float = 1.0
    ) -> list[Delivery]:
        consumer = self._consumer(topics, group)
        pending = self._pending.setdefault(group, {})
        assigned = consumer.assignment()
        for tp, offset in list(pending.items()):
            if tp in assigned:
                consumer.seek(tp, offset)  # re-deliver what was polled but not committed
            else:
                del pending[tp]  # a rebalance took the partition; its new owner starts at the commit
        deadline = time.monotonic() + timeout_s
        records: dict[TopicPartition, list[Any]] = {}
        while not records:
            left_ms = int((deadline - time.monotonic()) * 1000)
            if left_ms <= 0:
                break
            try:
                records = consumer.poll(timeout_ms=left_ms, max_records=max_events)
            except KafkaError as exc:
                raise EventBusError(f"poll from Kafka at {self.bootstrap} failed: {exc}", stage="events") from None
        out: list[Delivery] = []
        for tp, batch in records.items():
            for rec in batch:
                key = rec.key.decode(errors="replace") if rec.key is not None else None
                try:
                    out.append(Delivery(rec.topic, rec.partition, rec.offset, key, rec.value, decode(rec.value)))
                except PoisonEvent as exc:
                    out.append(Delivery(rec.topic, rec.partition, rec.offset, key, rec.value, None, exc.reason))
                pending.setdefault(tp, rec.offset)
        return sorted(out, key=lambda d: (d.topic, d.partition, d.offset))

    def commit(self, group: str, deliveries: Sequence[Delivery]) -> None:
        if not deliveries:
            return
        if group not in self._consumers:
            raise EventBusError(f"commit for group {group!r} that has not polled", stage="events")
        consumer = self._consumers[group][1]
        latest: dict[TopicPartition, int] = {}
        for d in deliveries:
            tp = TopicPartition(d.topic, d.partition)
            latest[tp] = max(latest.get(tp, -1), d.offset)
        try:
            consumer.commit({tp: OffsetAndMetadata(off + 1, "", -1) for tp, off in latest.items()})
        except KafkaError as exc:
            raise EventBusError(f"commit to Kafka failed: {exc}", stage="events") from None
        pending = self._pending.setdefault(group, {})
        for tp, off in latest.items():
            if tp in pending and pending[tp] <= off:
                del pending[tp]
                # anything after `off` that was polled stays delivered-but-uncommitted
                if consumer.position(tp) > off + 1:
                    pending[tp] = off + 1

    def close(self) -> None:
        for _topics, consumer in self._consumers.values():
            try:
                consumer.close(autocommit=False)
            except KafkaError:
                log.warning("closing a Kafka consumer failed", exc_info=True)
        self._consumers.clear()
        self._pending.clear()
        if self._producer is not None:
            try:
                self._producer.close(timeout=5)
            except KafkaError:
                log.warning("closing the Kafka producer failed", exc_info=True)
            self._producer = None
