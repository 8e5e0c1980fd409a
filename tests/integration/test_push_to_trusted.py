"""Push mode end to end on the real stack: partner drop → watcher → Kafka → ingest → trusted zone on S3."""

from __future__ import annotations

import pytest

from connectors.drop_watcher import DropWatcher
from connectors.ingest_consumer import run_consumer
from csphub.generator import generate_feed
from csphub.hub import Hub
from csphub.stack import StackConfig
from csphub.stack.identities import partner_identity
from tests.integration.conftest import FEEDS, identity_store

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_partner_drop_reaches_the_trusted_zone_once(hub: Hub, stack: StackConfig) -> None:
    file = generate_feed("police", "crime_records", "2026-09", rows=60)
    key = f"police/crime_records/{file.name}"
    identity_store(stack, partner_identity("police")).put("landing", key, file.data)

    assert DropWatcher(hub, FEEDS).scan().announced == [key]
    report = run_consumer(hub, group="ingest-e2e", feeds=[("police", "crime_records")], poll_timeout_s=10)
    assert report.handled == [key]
    assert report.dead_lettered == []

    files = hub.ledger.files(partner="police", feed="crime_records")
    assert len(files) == 1
    done = files[0]
    assert done.status == "validated"
    assert done.rows_in == 60
    assert done.rows_published + done.rows_quarantined == 60
    assert done.trusted_key is not None
    assert hub.store.head("trusted", done.trusted_key) is not None

    # the same drop announced again (a duplicate event) changes nothing
    DropWatcher(hub, FEEDS).scan()
    again = run_consumer(hub, group="ingest-e2e", feeds=[("police", "crime_records")], poll_timeout_s=3)
    assert again.handled == []
    assert len(hub.ledger.files(partner="police", feed="crime_records")) == 1
