"""Consume FileLanded events from the landing topics and hand each to the ingest handler.

A delivery is committed only after the handler returned (its work is in the ledger), so a crash
re-delivers rather than loses. A poison message — bytes that do not decode, or an event naming an
object that does not exist — is published to the dead-letter topic with its reason and committed, so
one bad message never blocks the feed. Any other failure (S3 or Kafka unavailable) stops the run
without committing; the same events come back on the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from csphub.errors import ObjectNotFound, PoisonEvent
from csphub.events import DeadLetter, Delivery, FileLanded
from csphub.events.topics import dead_letter_topic, landing_topic
from csphub.hub import Hub

log = logging.getLogger(__name__)

Handler = Callable[[Hub, FileLanded], Any]
DEFAULT_GROUP = "csphub-ingest"


@dataclass
class ConsumerReport:
    handled: list[str] = field(default_factory=list)  # landing keys
    dead_lettered: list[tuple[str, int, str]] = field(default_factory=list)  # (topic, offset, reason)
    skipped: int = 0


def default_handler() -> Handler:
    """The pipeline's ingest step."""
    from csphub.pipeline.ingest import ingest_event

    return ingest_event


def run_consumer(
    hub: Hub,
    handle: Handler | None = None,
    *,
    max_events: int | None = None,
    group: str = DEFAULT_GROUP,
    feeds: Sequence[tuple[str, str]] | None = None,
    poll_timeout_s: float = 2.0,
    stop_when_idle: bool = True,
) -> ConsumerReport:
    """Process landing events until ``max_events`` were taken, or (``stop_when_idle``) a poll finds none."""
    handle = handle or default_handler()
    if feeds is None:
        from csphub.stack import feeds_for

        feeds = feeds_for(hub.settings)
    prefix = hub.settings.topic_prefix
    topics = [landing_topic(prefix, p, f) for p, f in feeds]
    report = ConsumerReport()
    taken = 0
    while max_events is None or taken < max_events:
        batch = 100 if max_events is None else min(100, max_events - taken)
        deliveries = hub.bus.poll(topics, group, max_events=batch, timeout_s=poll_timeout_s)
        if not deliveries:
            if stop_when_idle:
                break
            continue
        for d in deliveries:
            _one(hub, handle, d, report)
            hub.bus.commit(group, [d])
            taken += 1
    return report


def _one(hub: Hub, handle: Handler, d: Delivery, report: ConsumerReport) -> None:
    if d.event is None:
        _dead_letter(hub, d, d.error or "undecodable event", report)
        return
    if not isinstance(d.event, FileLanded):
        report.skipped += 1
        return
    try:
        handle(hub, d.event)
    except (PoisonEvent, ObjectNotFound) as exc:
        _dead_letter(hub, d, f"{type(exc).__name__}: {exc.reason}", report)
        return
    report.handled.append(d.event.key)


def _dead_letter(hub: Hub, d: Delivery, reason: str, report: ConsumerReport) -> None:
    letter = DeadLetter(
        source_topic=d.topic, source_partition=d.partition, source_offset=d.offset, reason=reason, payload=d.value
    )
    hub.bus.publish(dead_letter_topic(hub.settings.topic_prefix), letter, key=d.key)
    hub.audit.record("event.dead_lettered", f"{d.topic}/{d.partition}/{d.offset}", reason=reason)
    log.warning("dead-lettered %s/%s@%s: %s", d.topic, d.partition, d.offset, reason)
    report.dead_lettered.append((d.topic, d.offset, reason))
