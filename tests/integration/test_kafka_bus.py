"""KafkaEventBus against the real broker: round trip, commit semantics, poison messages."""

from __future__ import annotations

import uuid

import pytest

from connectors.ingest_consumer import run_consumer
from csphub.errors import ObjectNotFound
from csphub.events import DeadLetter, FileLanded
from csphub.events.kafka import KafkaEventBus
from csphub.events.topics import dead_letter_topic, landing_topic
from csphub.hub import Hub

pytestmark = pytest.mark.integration


def _landed(key: str) -> FileLanded:
    return FileLanded(partner="police", feed="crime_records", key=key, size=3, sha256="0" * 64)


def test_round_trip_decodes_the_same_event(hub: Hub) -> None:
    topic = landing_topic(hub.settings.topic_prefix, "police", "crime_records")
    sent = _landed("police/crime_records/a.csv")
    hub.bus.publish(topic, sent, key=sent.key)
    got = hub.bus.poll([topic], "g-round-trip", timeout_s=15)
    assert [d.event for d in got] == [sent]
    assert got[0].key == sent.key
    assert got[0].error is None


def test_uncommitted_events_come_back_after_reconnect(hub: Hub) -> None:
    """Poll without commit, reconnect with the same group: the same events again; after a commit of
    the first, only the rest."""
    topic = landing_topic(hub.settings.topic_prefix, "police", "crime_records")
    events = [_landed(f"police/crime_records/{i}.csv") for i in range(3)]
    for e in events:
        hub.bus.publish(topic, e, key=e.key)
    group = f"g-{uuid.uuid4().hex[:6]}"
    first = hub.bus.poll([topic], group, timeout_s=15)
    assert [d.event for d in first] == events
    again = hub.bus.poll([topic], group, timeout_s=15)  # same consumer, nothing committed
    assert [d.offset for d in again] == [d.offset for d in first]
    hub.bus.close()

    other = KafkaEventBus(hub.settings.kafka_bootstrap)
    try:
        redelivered = other.poll([topic], group, timeout_s=15)
        assert [d.event for d in redelivered] == events
        other.commit(group, redelivered[:1])
    finally:
        other.close()
    third = KafkaEventBus(hub.settings.kafka_bootstrap)
    try:
        rest = third.poll([topic], group, timeout_s=15)
        assert [d.event for d in rest] == events[1:]
        third.commit(group, rest)
        assert third.poll([topic], group, timeout_s=2) == []
    finally:
        third.close()


def test_poison_messages_are_dead_lettered_and_the_consumer_goes_on(hub: Hub) -> None:
    """Garbage bytes and an event naming a missing object go to the dead-letter topic with their
    reason; the good event between them is handled; everything is committed."""
    prefix = hub.settings.topic_prefix
    topic = landing_topic(prefix, "police", "crime_records")
    hub.store.put("landing", "police/crime_records/good.csv", b"ok\n")
    hub.bus.publish_raw(topic, b"\x07not avro at all", key="garbage")
    hub.bus.publish(topic, _landed("police/crime_records/good.csv"))
    hub.bus.publish(topic, _landed("police/crime_records/missing.csv"))

    handled: list[str] = []

    def handle(h: Hub, event: FileLanded) -> None:
        h.store.get("landing", event.key)  # raises ObjectNotFound for the missing file
        handled.append(event.key)

    report = run_consumer(hub, handle, group="ingest-test", feeds=[("police", "crime_records")], poll_timeout_s=10)
    assert handled == ["police/crime_records/good.csv"]
    reasons = [r for _t, _o, r in report.dead_lettered]
    assert len(reasons) == 2
    assert "magic" in reasons[0] or "undecodable" in reasons[0] or "shorter" in reasons[0]
    assert ObjectNotFound.__name__ in reasons[1]
    assert "missing.csv" in reasons[1]

    letters = hub.bus.poll([dead_letter_topic(prefix)], "dlq-reader", timeout_s=15)
    assert [type(d.event) for d in letters] == [DeadLetter, DeadLetter]
    first = letters[0].event
    assert isinstance(first, DeadLetter)
    assert first.payload == b"\x07not avro at all"
    assert first.source_topic == topic
    assert [e.action for e in hub.audit.entries("event.dead_lettered")] == ["event.dead_lettered"] * 2

    # all three were committed: a second run finds nothing
    again = run_consumer(hub, handle, group="ingest-test", feeds=[("police", "crime_records")], poll_timeout_s=3)
    assert again.handled == []
    assert again.dead_lettered == []
