"""Run the pipeline in-process: the same stage functions the Airflow DAGs call.

1. consume FileLanded events from every feed's landing topic and ingest each file;
2. reconcile: ingest any landing object that no event announced (events can be lost);
3. publish the board datasets whose inputs changed.

Offsets are committed only after the ledger recorded the file's outcome. An event that cannot be
decoded, or names an object that does not exist, goes to the dead-letter topic with its reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from csphub.errors import ObjectNotFound
from csphub.events import DeadLetter, Delivery, FileLanded
from csphub.events.topics import dead_letter_topic, declared_topics, landing_topic
from csphub.hub import Hub
from csphub.pipeline.ingest import IngestOutcome, ingest_event, ingest_object
from csphub.pipeline.publish import PublishOutcome, publish_all

INGEST_GROUP = "csphub-ingest"
log = logging.getLogger(__name__)


@dataclass
class RunReport:
    files: list[IngestOutcome] = field(default_factory=list)
    datasets: list[PublishOutcome] = field(default_factory=list)
    dead_letters: int = 0


def ensure_topics(hub: Hub) -> None:
    hub.bus.ensure_topics(declared_topics(hub.settings.topic_prefix, hub.contracts.feed_pairs()))


def consume_landing(hub: Hub, *, max_events: int = 10_000) -> tuple[list[IngestOutcome], int]:
    """Ingest every pending FileLanded event; returns outcomes and the number dead-lettered."""
    topics = [landing_topic(hub.settings.topic_prefix, p, f) for p, f in hub.contracts.feed_pairs()]
    outcomes: list[IngestOutcome] = []
    dead = 0
    while len(outcomes) + dead < max_events:
        batch = hub.bus.poll(topics, INGEST_GROUP, max_events=100, timeout_s=1.0)
        if not batch:
            break
        for d in batch:
            reason = d.error
            if isinstance(d.event, FileLanded):
                try:
                    outcomes.append(ingest_event(hub, d.event))
                except ObjectNotFound:
                    reason = f"FileLanded names a missing object landing/{d.event.key}"
            elif reason is None:
                reason = f"unexpected event type {type(d.event).__name__} on a landing topic"
            if reason is not None:
                dead_letter(hub, d, reason)
                dead += 1
            hub.bus.commit(INGEST_GROUP, [d])
    return outcomes, dead


def dead_letter(hub: Hub, d: Delivery, reason: str) -> None:
    hub.bus.publish(
        dead_letter_topic(hub.settings.topic_prefix),
        DeadLetter(
            source_topic=d.topic, source_partition=d.partition, source_offset=d.offset, reason=reason, payload=d.value
        ),
        key=d.key,
    )
    hub.audit.record("event.dead_lettered", f"{d.topic}@{d.partition}:{d.offset}", reason=reason)


def is_pending(hub: Hub, key: str) -> bool:
    """A landing object is pending until the ledger records what became of it."""
    rec = hub.ledger.object("landing", key)
    return rec is None or rec.disposition is None


def reconcile(hub: Hub, errors: dict[str, str] | None = None) -> list[IngestOutcome]:
    """Ingest landing objects that have no outcome in the ledger (the safety net for lost events).

    Each file is isolated: a file whose ingest raises is logged and recorded in ``errors`` (key →
    reason) and the others are still processed; it stays pending for the next pass. Without an
    ``errors`` dict the first failure is raised after the remaining files are done.
    """
    outcomes = []
    failed: dict[str, str] = {} if errors is None else errors
    for obj in hub.store.list("landing"):
        if not is_pending(hub, obj.key):
            continue
        hub.audit.record("file.reconciled", obj.key, size=obj.size)
        try:
            outcomes.append(ingest_object(hub, obj.key))
        except Exception as exc:  # isolate the file; reported below or by the caller
            log.exception("%s: ingest failed", obj.key)
            failed[obj.key] = f"{type(exc).__name__}: {exc}"
            if errors is None and len(failed) == 1:
                first = exc
    if errors is None and failed:
        raise first
    return outcomes


def run_pending(hub: Hub, *, publish: bool = True) -> RunReport:
    ensure_topics(hub)
    report = RunReport()
    report.files, report.dead_letters = consume_landing(hub)
    report.files += reconcile(hub)
    if publish:
        report.datasets = publish_all(hub)
    return report
