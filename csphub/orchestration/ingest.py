"""Ingest as the Airflow tasks run it: find every pending file of a feed, ingest each, summarise.

Events only say "look now". A run does not trust its triggering events to be complete or unique:
the Kafka trigger can merge several events into one run, miss events while a DAG is paused, or
deliver one twice. So each run ingests every landing object of its feed that has no outcome in the
ledger, plus the objects its events named, and the ledger's claim by content checksum makes a file
that two runs (or a run and the reconciliation DAG) both see processed once.

Everything returned is a small JSON-safe dict (keys and counts, never rows), fit for XCom.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from csphub.errors import HubError, ObjectNotFound
from csphub.hub import Hub
from csphub.pipeline.ingest import IngestOutcome, ingest_object, outcome_dict
from csphub.pipeline.run import is_pending, reconcile

log = logging.getLogger(__name__)


class FileBusy(HubError):
    """Another worker holds the file's claim; the task retries until that worker finishes."""


def announced_keys(payloads: Iterable[Mapping[str, Any]], *, partner: str, feed: str) -> list[str]:
    """Landing keys named by trigger payloads for this feed (other feeds' keys are ignored)."""
    prefix = f"{partner}/{feed}/"
    keys = []
    for p in payloads:
        key = p.get("key")
        if isinstance(key, str) and key.startswith(prefix):
            keys.append(key)
        elif key is not None:
            log.warning("ignoring an event for %r: not a %s/%s landing key", key, partner, feed)
    return keys


def pending_keys(hub: Hub, partner: str, feed: str, announced: Iterable[str] = ()) -> list[str]:
    """Landing keys of the feed with no outcome in the ledger, announced ones first, each once."""
    prefix = f"{partner}/{feed}/"
    out: dict[str, None] = {}
    for key in announced:
        if key.startswith(prefix) and is_pending(hub, key):
            out[key] = None
    for obj in hub.store.list("landing", prefix):
        if obj.key.count("/") == 2 and is_pending(hub, obj.key):
            out[obj.key] = None
    return list(out)


def ingest_one(hub: Hub, key: str) -> dict[str, Any]:
    """Ingest one landing object and return its outcome as a dict; logs file and counts.

    Raises FileBusy when another worker holds the claim, so the task is retried (with backoff)
    and reports the file's final outcome rather than "in progress".
    """
    try:
        outcome = ingest_object(hub, key)
    except ObjectNotFound:
        log.warning("%s: announced but not in the landing bucket (deleted, or never written)", key)
        return {"key": key, "status": "missing", "reason": "not in the landing bucket"}
    log.info("%s", describe(outcome))
    if outcome.status == "busy":
        raise FileBusy("another worker is processing this file", stage="ingest", file=key)
    return outcome_dict(outcome)


def describe(o: IngestOutcome) -> str:
    """One log line an operator can act on: file, status, row counts, top quarantine reasons."""
    if o.status == "validated":
        line = (
            f"{o.key}: validated — {o.rows_in} rows in, {o.rows_published} published, "
            f"{o.rows_quarantined} quarantined, {o.rows_warned} with warnings"
        )
        if o.top_reasons:
            line += "; top quarantine reasons: " + ", ".join(f"{r} ×{n}" for r, n in o.top_reasons)
        if o.quarantine_key:
            line += f"; report: quarantine/{o.quarantine_key}report.json"
        return line
    if o.status == "rejected":
        where = f"; file kept at quarantine/{o.quarantine_key}" if o.quarantine_key else ""
        return f"{o.key}: rejected whole — {o.reason}{where}"
    return f"{o.key}: {o.status} — {o.reason}"


@dataclass
class Summary:
    """Totals of one run; ``unfinished`` names files that have no outcome (their task failed)."""

    files: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rows_in: int = 0
    rows_published: int = 0
    rows_quarantined: int = 0
    unfinished: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.by_status.items())) or "nothing pending"
        out = [
            f"{self.files} file(s): {statuses}; rows: {self.rows_in} in, {self.rows_published} published, "
            f"{self.rows_quarantined} quarantined"
        ]
        out += [f"no outcome (task failed, see its log): {k}" for k in self.unfinished]
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "by_status": self.by_status,
            "rows_in": self.rows_in,
            "rows_published": self.rows_published,
            "rows_quarantined": self.rows_quarantined,
            "unfinished": self.unfinished,
        }


def summarise(keys: Iterable[str], outcomes: Iterable[Mapping[str, Any] | None]) -> Summary:
    """Totals over the outcomes of a run's files; keys without an outcome are listed as unfinished."""
    s = Summary()
    seen: set[str] = set()
    for o in outcomes:
        if not o:
            continue
        seen.add(str(o["key"]))
        s.files += 1
        status = str(o["status"])
        s.by_status[status] = s.by_status.get(status, 0) + 1
        if status == "validated":
            s.rows_in += int(o.get("rows_in") or 0)
            s.rows_published += int(o.get("rows_published") or 0)
            s.rows_quarantined += int(o.get("rows_quarantined") or 0)
    s.unfinished = [k for k in keys if k not in seen]
    return s


@dataclass
class Reconciliation:
    """What a reconciliation pass did: outcomes per file, and files whose ingest raised."""

    outcomes: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def validated_feeds(self) -> list[str]:
        """Contract ids of the feeds that got new trusted data in this pass."""
        return sorted({f"{o['partner']}.{o['feed']}" for o in self.outcomes if o["status"] == "validated"})

    def as_dict(self) -> dict[str, Any]:
        return {"outcomes": self.outcomes, "errors": self.errors, "validated_feeds": self.validated_feeds()}


def reconcile_landing(hub: Hub) -> Reconciliation:
    """Ingest every landing object that has no outcome in the ledger (the safety net for lost events).

    The core's reconciliation (``csphub.pipeline.run.reconcile``), each file isolated: a file whose
    ingest raises is recorded in ``errors`` and the others are still processed. A file another
    worker holds is reported ``busy`` and left to that worker.
    """
    result = Reconciliation()
    for outcome in reconcile(hub, result.errors):
        log.info("%s", describe(outcome))
        result.outcomes.append(outcome_dict(outcome))
    return result
