"""Housekeeping: retention per contract, lake snapshot expiry, delivery deadlines, the contract gate.

Retention is by object age (last modified) against the contract's ``governance.retention``:

- landing objects older than ``landing_days`` are deleted once the ledger has their outcome; an old
  file that was never processed is kept and reported (deleting it would lose a delivery);
- quarantine objects older than ``quarantine_days`` are deleted;
- trusted objects older than ``trusted_days`` are first withdrawn in the ledger (so publishing stops
  reading them), then deleted; the boards that read the feed are then republished without their
  rows, which ``republish_boards`` does;
- Iceberg snapshots older than the shortest ``lake_days`` of a board's sources are expired (the
  current snapshot is never expired: it is rebuilt from the trusted zone that retention keeps).

Each deletion is recorded in the audit trail. ``now`` is a parameter so the rules are tested without
waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from csphub.hub import Hub
from csphub.orchestration.catalog import Catalog, FeedInfo

log = logging.getLogger(__name__)


@dataclass
class RetentionReport:
    deleted: dict[str, list[str]] = field(default_factory=dict)  # bucket -> keys
    kept_unprocessed: list[str] = field(default_factory=list)  # old landing objects with no outcome
    expired_feeds: list[str] = field(default_factory=list)  # feeds that lost trusted files
    expired_snapshots: dict[str, int] = field(default_factory=dict)  # board.dataset -> snapshots expired

    def add(self, bucket: str, key: str) -> None:
        self.deleted.setdefault(bucket, []).append(key)

    def lines(self) -> list[str]:
        out = [
            f"{bucket}: deleted {len(keys)} object(s) past retention" for bucket, keys in sorted(self.deleted.items())
        ]
        out += [f"landing: kept {k} (past retention but never processed — investigate)" for k in self.kept_unprocessed]
        out += [f"trusted: files of {f} expired; its boards are republished" for f in self.expired_feeds]
        out += [f"lake: {t}: expired {n} snapshot(s)" for t, n in sorted(self.expired_snapshots.items())]
        return out or ["nothing past retention"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "deleted": {b: len(k) for b, k in self.deleted.items()},
            "kept_unprocessed": self.kept_unprocessed,
            "expired_feeds": self.expired_feeds,
            "expired_snapshots": self.expired_snapshots,
        }


def _cutoff(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


def expire_landing(hub: Hub, feeds: Iterable[FeedInfo], now: datetime, report: RetentionReport) -> None:
    for feed in feeds:
        cutoff = _cutoff(now, feed.landing_days)
        for obj in hub.store.list("landing", feed.prefix):
            if obj.last_modified >= cutoff:
                continue
            rec = hub.ledger.object("landing", obj.key)
            if rec is None or rec.disposition is None:
                report.kept_unprocessed.append(obj.key)
                continue
            hub.store.delete("landing", obj.key)
            hub.audit.record("retention.deleted", f"landing/{obj.key}", days=feed.landing_days, contract=feed.id)
            report.add("landing", obj.key)


def expire_quarantine(hub: Hub, feeds: Iterable[FeedInfo], now: datetime, report: RetentionReport) -> None:
    for feed in feeds:
        cutoff = _cutoff(now, feed.quarantine_days)
        for obj in hub.store.list("quarantine", feed.prefix):
            if obj.last_modified < cutoff:
                hub.store.delete("quarantine", obj.key)
                hub.audit.record(
                    "retention.deleted", f"quarantine/{obj.key}", days=feed.quarantine_days, contract=feed.id
                )
                report.add("quarantine", obj.key)


def expire_trusted(hub: Hub, feeds: Iterable[FeedInfo], now: datetime, report: RetentionReport) -> None:
    """Withdraw, then delete, trusted objects past ``trusted_days``; a crash in between is re-done."""
    for feed in feeds:
        cutoff = _cutoff(now, feed.trusted_days)
        expired = [o for o in hub.store.list("trusted", feed.prefix) if o.last_modified < cutoff]
        for obj in expired:
            hub.ledger.expire_trusted(obj.key)
            hub.store.delete("trusted", obj.key)
            hub.audit.record("retention.deleted", f"trusted/{obj.key}", days=feed.trusted_days, contract=feed.id)
            report.add("trusted", obj.key)
        if expired:
            report.expired_feeds.append(feed.id)


def republish_boards(hub: Hub, catalog: Catalog, feed_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Rebuild the boards that read any of ``feed_ids`` (after their trusted files expired)."""
    from csphub.pipeline.publish import publish_all

    boards = sorted({b.id for f in feed_ids for b in catalog.boards_reading(f)})
    if not boards:
        return []
    return [vars(o) for o in publish_all(hub, boards)]


def expire_lake_snapshots(hub: Hub, catalog: Catalog, now: datetime, report: RetentionReport) -> None:
    """Expire Iceberg snapshots older than the shortest ``lake_days`` of the board's sources.

    Uses pyiceberg's ``table.maintenance.expire_snapshots().older_than(...)``, which never removes a
    branch head (the current snapshot). It removes snapshots from the table metadata; their data files
    are no longer reachable by readers of the table.
    """
    from csphub.lake import Lake

    lake = Lake(hub.settings, hub.store)
    days = {b.id: min(catalog.feed(s).lake_days for s in b.sources) for b in catalog.boards if b.sources}
    for board, dataset in lake.tables():
        if board not in days:
            continue
        table = lake.catalog.load_table((board, dataset))
        cutoff = _cutoff(now, days[board])
        old = [s.snapshot_id for s in table.snapshots() if s.timestamp_ms < cutoff.timestamp() * 1000]
        current = table.current_snapshot()
        old = [s for s in old if current is None or s != current.snapshot_id]
        if not old:
            continue
        table.maintenance.expire_snapshots().older_than(cutoff).commit()
        hub.audit.record("retention.snapshots_expired", f"{board}.{dataset}", snapshots=old, days=days[board])
        report.expired_snapshots[f"{board}.{dataset}"] = len(old)


def apply_retention(hub: Hub, catalog: Catalog, now: datetime | None = None) -> RetentionReport:
    """Every retention rule for every contracted feed, then the lake; boards republished as needed."""
    now = now or datetime.now(UTC)
    report = RetentionReport()
    expire_landing(hub, catalog.feeds, now, report)
    expire_quarantine(hub, catalog.feeds, now, report)
    expire_trusted(hub, catalog.feeds, now, report)
    if report.expired_feeds:
        republish_boards(hub, catalog, report.expired_feeds)
    expire_lake_snapshots(hub, catalog, now, report)
    for line in report.lines():
        log.info("%s", line)
    return report


@dataclass(frozen=True)
class Overdue:
    feed: str
    steward: str
    last_delivery: datetime | None
    due_by: datetime | None

    def line(self) -> str:
        if self.last_delivery is None:
            return f"{self.feed}: no delivery processed yet (steward: {self.steward})"
        assert self.due_by is not None
        return (
            f"{self.feed}: last delivery processed {self.last_delivery:%Y-%m-%d}, next was due by "
            f"{self.due_by:%Y-%m-%d} (steward: {self.steward})"
        )


def overdue_deliveries(hub: Hub, feeds: Iterable[FeedInfo], now: datetime | None = None) -> list[Overdue]:
    """Feeds whose last processed delivery is older than the contract's period plus latency.

    Airflow 3 has no task SLAs; the contract's delivery deadline is a property of the partner's
    deliveries, not of a DAG run, so it is checked here against the ledger.
    """
    now = now or datetime.now(UTC)
    out = []
    for feed in feeds:
        if feed.status != "active":
            continue
        done = [f.finished_at for f in hub.ledger.files(partner=feed.partner, feed=feed.name) if f.finished_at]
        last = datetime.fromtimestamp(max(done), UTC) if done else None
        due = last + timedelta(days=feed.due_within_days) if last else None
        if due is None or due < now:
            out.append(Overdue(feed.id, feed.steward, last, due))
    return out


@dataclass(frozen=True)
class GateResult:
    problems: list[str]  # the gate fails: a released schema changed, or history is incompatible
    notices: list[str]  # breaking changes announced under a new MAJOR version, and warnings

    @property
    def ok(self) -> bool:
        return not self.problems


def contract_gate(contracts_dir: Path, schemas_dir: Path) -> GateResult:
    """Run the contract-compatibility gate of ``csphub.contracts.gate`` over the contracts folder."""
    from csphub.contracts.gate import run_gate

    report = run_gate(contracts_dir, schemas_dir)
    notices = [f"BREAKING: {b}" for c in report.contracts for b in c.breaking]
    notices += [w for c in report.contracts for w in c.warnings]
    return GateResult(report.problems, notices)
