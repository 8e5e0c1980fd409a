"""The S3 drop watcher against real SeaweedFS and Kafka: once-only announcements, unsafe keys, overwrites."""

from __future__ import annotations

import hashlib

import pytest

from connectors.drop_watcher import DropWatcher
from csphub.events import FileLanded
from csphub.events.topics import landing_topic
from csphub.hub import Hub
from csphub.stack import StackConfig
from csphub.stack.identities import partner_identity
from csphub.storage.s3 import S3ObjectStore
from tests.integration.conftest import FEEDS, identity_store

pytestmark = pytest.mark.integration


def _announced_events(hub: Hub, partner: str, feed: str) -> list[FileLanded]:
    got = hub.bus.poll([landing_topic(hub.settings.topic_prefix, partner, feed)], "test-reader", timeout_s=10)
    return [d.event for d in got if isinstance(d.event, FileLanded)]


def test_each_drop_is_announced_once_even_across_watcher_restarts(hub: Hub, stack: StackConfig) -> None:
    police = identity_store(stack, partner_identity("police"))
    council = identity_store(stack, partner_identity("council"))
    police.put("landing", "police/crime_records/2026-10.csv", b"a,b\n1,2\n")
    council.put("landing", "council/asb_cases/2026-10.csv", b"c\n3\n")

    first = DropWatcher(hub, FEEDS).scan()
    assert sorted(first.announced) == ["council/asb_cases/2026-10.csv", "police/crime_records/2026-10.csv"]
    assert DropWatcher(hub, FEEDS).scan().announced == []  # a restarted watcher announces nothing again

    police.put("landing", "police/crime_records/2026-11.csv", b"a,b\n5,6\n")
    third = DropWatcher(hub, FEEDS).scan()
    assert third.announced == ["police/crime_records/2026-11.csv"]

    events = _announced_events(hub, "police", "crime_records")
    assert [e.key for e in events] == ["police/crime_records/2026-10.csv", "police/crime_records/2026-11.csv"]
    assert events[0].source == "reconcile"
    assert events[1].source == "reconcile"
    assert events[0].sha256 == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    record = hub.ledger.object("landing", "police/crime_records/2026-10.csv")
    assert record is not None
    assert record.announced_at is not None


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("police/crime_records/bad\x07name.csv", "control character"),
        ("police/unknown_feed/file.csv", "unknown feed"),
        ("nobody/crime_records/file.csv", "unknown partner"),
        ("police/crime_records/nested/file.csv", "not <partner>/<feed>/<file name>"),
        ("police/crime_records/.hidden.csv", "hidden file name"),
    ],
)
def test_unsafe_keys_are_quarantined_and_audited_never_announced(
    hub: Hub, admin_store: S3ObjectStore, key: str, reason: str
) -> None:
    """Planted with the hub identity (SeaweedFS itself refuses '..' keys; the partner policy refuses
    other prefixes), so the watcher's own check is what is tested."""
    admin_store.client.put_object(Bucket="landing", Key=key, Body=b"payload")
    report = DropWatcher(hub, FEEDS).scan()
    assert report.announced == []
    assert len(report.rejected) == 1
    assert reason in report.rejected[0][1]
    shown = report.rejected[0][0]
    assert "\x07" not in shown
    record = hub.ledger.object("landing", shown)
    assert record is not None
    assert record.announced_at is None
    assert record.disposition.startswith("rejected")
    audit = hub.audit.entries("object.rejected")
    assert [e.subject for e in audit] == [shown]
    assert reason in audit[0].details["reason"]
    assert admin_store.get("quarantine", audit[0].details["quarantine_key"]) == b"payload"
    assert key not in [o.key for o in admin_store.list("landing")]
    assert DropWatcher(hub, FEEDS).scan().rejected == []  # handled once


def test_traversal_keys_never_reach_the_bucket(stack: StackConfig, admin_store: S3ObjectStore) -> None:
    """SeaweedFS refuses a '..' segment outright, for partners and the hub alike."""
    police = identity_store(stack, partner_identity("police"))
    for store in (police, admin_store):
        with pytest.raises(Exception, match=r"InvalidRequest|unsafe object key|AccessDenied"):
            store.client.put_object(Bucket="landing", Key="police/../council/asb_cases/x.csv", Body=b"x")
    assert not [o for o in admin_store.list("landing", "council/") if "x.csv" in o.key]


def test_overwrite_of_an_announced_file_is_quarantined_and_reverted(
    hub: Hub, stack: StackConfig, admin_store: S3ObjectStore
) -> None:
    police = identity_store(stack, partner_identity("police"))
    key = "police/crime_records/2026-09.csv"
    police.put("landing", key, b"original\n")
    assert DropWatcher(hub, FEEDS).scan().announced == [key]
    police.put("landing", key, b"tampered\n")
    report = DropWatcher(hub, FEEDS).scan()
    assert report.overwrites == [key]
    assert report.announced == []
    assert admin_store.get("landing", key) == b"original\n"  # the announced bytes are current again
    audit = [e for e in hub.audit.entries("object.rejected") if e.subject == key]
    assert len(audit) == 1
    assert "overwrite" in audit[0].details["reason"]
    assert admin_store.get("quarantine", audit[0].details["quarantine_key"]) == b"tampered\n"
    assert DropWatcher(hub, FEEDS).scan().overwrites == []  # the restored copy is not a new overwrite
    assert [e.key for e in _announced_events(hub, "police", "crime_records")] == [key]
