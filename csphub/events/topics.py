"""The declared topic list. Topics are created from this list, never ad hoc."""

from __future__ import annotations

from csphub.events.base import TopicSpec

DAY_MS = 24 * 3600 * 1000


def landing_topic(prefix: str, partner: str, feed: str) -> str:
    """One landing topic per contracted feed, so each feed's ingest DAG watches only its own files."""
    return f"{prefix}.landing.{partner}.{feed}"


def outcomes_topic(prefix: str) -> str:
    return f"{prefix}.ingest.outcomes"


def published_topic(prefix: str) -> str:
    return f"{prefix}.lake.published"


def dead_letter_topic(prefix: str) -> str:
    return f"{prefix}.deadletter"


def declared_topics(prefix: str, feeds: list[tuple[str, str]]) -> list[TopicSpec]:
    """Every topic the hub uses, given the (partner, feed) pairs of the loaded contracts."""
    topics = [
        TopicSpec(landing_topic(prefix, p, f), partitions=1, retention_ms=14 * DAY_MS, doc=f"FileLanded for {p}/{f}")
        for p, f in feeds
    ]
    topics += [
        TopicSpec(outcomes_topic(prefix), partitions=3, retention_ms=30 * DAY_MS, doc="FileValidated / FileRejected"),
        TopicSpec(published_topic(prefix), partitions=3, retention_ms=30 * DAY_MS, doc="DatasetPublished"),
        TopicSpec(dead_letter_topic(prefix), partitions=1, retention_ms=90 * DAY_MS, doc="undeliverable events"),
    ]
    return topics
