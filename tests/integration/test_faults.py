"""Services going away: nothing is lost or doubled, and errors say what failed.

Each test stops one service of the session stack and starts it again in ``finally``.
"""

from __future__ import annotations

import time

import pytest

from connectors.drop_watcher import DropWatcher
from csphub.errors import EventBusError, StorageError
from csphub.events import FileLanded
from csphub.events.topics import landing_topic
from csphub.hub import Hub
from csphub.stack import StackConfig, kafka, seaweedfs
from csphub.stack.identities import partner_identity
from csphub.storage.s3 import S3ObjectStore
from tests.integration.conftest import FEEDS, identity_store

pytestmark = pytest.mark.integration


def test_broker_down_while_files_land_then_each_is_announced_once(hub: Hub, stack: StackConfig) -> None:
    police = identity_store(stack, partner_identity("police"))
    police.put("landing", "police/crime_records/before.csv", b"1\n")
    assert DropWatcher(hub, FEEDS).scan().announced == ["police/crime_records/before.csv"]

    assert kafka.stop(stack)
    try:
        keys = [f"police/crime_records/during-{i}.csv" for i in range(3)]
        for k in keys:
            police.put("landing", k, b"2\n" + k.encode())
        t0 = time.monotonic()
        with pytest.raises(EventBusError, match=r"not acknowledged|unreachable") as caught:
            DropWatcher(hub, FEEDS).scan()
        assert time.monotonic() - t0 < 30
        assert "Kafka" in caught.value.reason
        for k in keys:
            record = hub.ledger.object("landing", k)
            assert record is None or record.announced_at is None, f"{k} marked announced without an event"
    finally:
        kafka.start(stack)

    # After the restart the watcher's next passes announce what is pending, as its loop would in
    # production; a pass that meets a broker still electing partition leaders fails and is retried.
    deadline = time.monotonic() + 120
    while True:
        try:
            DropWatcher(hub, FEEDS).scan()
            break
        except EventBusError:
            if time.monotonic() > deadline:
                raise
            time.sleep(2)
    assert DropWatcher(hub, FEEDS).scan().announced == []
    announced = [o.key for o in hub.ledger.objects("landing") if o.announced_at is not None]
    assert sorted(announced) == sorted(["police/crime_records/before.csv", *keys])
    topic = landing_topic(hub.settings.topic_prefix, "police", "crime_records")
    events = [d.event for d in hub.bus.poll([topic], "count-reader", timeout_s=15)]
    landed = [e.key for e in events if isinstance(e, FileLanded)]
    assert sorted(landed) == sorted(["police/crime_records/before.csv", *keys])  # none lost, none doubled


def test_s3_down_gives_a_clear_storage_error_and_recovers(hub: Hub, stack: StackConfig) -> None:
    store = hub.store
    assert isinstance(store, S3ObjectStore)
    store.put("trusted", "probe/before.txt", b"x")
    assert seaweedfs.stop(stack)
    try:
        with pytest.raises(StorageError, match="unreachable") as caught:
            store.get("trusted", "probe/before.txt")
        assert caught.value.details["code"] == "Unreachable"
        with pytest.raises(StorageError, match="unreachable"):
            DropWatcher(hub, FEEDS).scan()
    finally:
        seaweedfs.start(stack)
    assert store.get("trusted", "probe/before.txt") == b"x"
    store.put("trusted", "probe/after.txt", b"y")
    assert store.get("trusted", "probe/after.txt") == b"y"


def test_stack_up_is_idempotent(stack: StackConfig) -> None:
    from csphub import stack as stack_mod

    before = {s.name: s.pid for s in stack_mod.status(stack)}
    again = stack_mod.up(stack, FEEDS)
    assert {s.name: s.pid for s in again} == before
    assert not any(s.started for s in again)
    assert all(s.healthy for s in stack_mod.status(stack))
