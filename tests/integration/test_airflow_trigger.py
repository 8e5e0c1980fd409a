"""The watcher's decoding: Avro FileLanded events become small JSON payloads; poison is refused."""

from __future__ import annotations

import pytest

import tests.integration.airflow_env  # noqa: F401  (sets Airflow's env before Airflow is imported)
from csphub.errors import PoisonEvent
from csphub.events import FileLanded, FileValidated
from csphub.events.codec import encode
from csphub.orchestration.trigger import event_payload


def _landed(feed: str = "crime_records") -> FileLanded:
    return FileLanded(partner="police", feed=feed, key=f"police/{feed}/f.csv", size=10, sha256="ab" * 32)


def test_a_file_landed_event_becomes_a_json_payload_with_the_key() -> None:
    payload = event_payload(encode(_landed()), partner="police", feed="crime_records")
    assert payload is not None
    assert payload["key"] == "police/crime_records/f.csv"
    assert payload["size"] == 10
    assert all(isinstance(v, str | int | None) for v in payload.values())


@pytest.mark.parametrize(
    "value",
    [b"", b"not avro", b"\x00\x00\x00\x27\x10garbage", None],
    ids=["empty", "text", "unknown-schema-id", "tombstone"],
)
def test_undecodable_messages_are_poison(value: bytes | None) -> None:
    with pytest.raises(PoisonEvent):
        event_payload(value, partner="police", feed="crime_records")


def test_events_of_another_feed_or_type_fire_nothing() -> None:
    assert event_payload(encode(_landed("asb_calls")), partner="police", feed="crime_records") is None
    validated = FileValidated(
        partner="police",
        feed="crime_records",
        key="police/crime_records/f.csv",
        sha256="ab" * 32,
        contract_id="police.crime_records",
        contract_version="1.0.0",
        rows_in=1,
        rows_published=1,
        rows_quarantined=0,
        trusted_key="t",
    )
    assert event_payload(encode(validated), partner="police", feed="crime_records") is None
