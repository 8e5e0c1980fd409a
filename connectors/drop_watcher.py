"""Push mode: announce every partner file that lands in ``landing/<partner>/<feed>/``.

Each scan lists the landing bucket with the hub identity. An object the ledger has not seen announced
is announced with a ``FileLanded`` event on its feed's landing topic *first* and marked announced in
the ledger *second*: a crash in between repeats the announcement on the next scan (harmless: ingest
is idempotent by checksum) but can never lose it. A failed publish raises, and nothing is marked.

Keys that are unsafe or name no contracted feed are never announced: the object is copied to
``quarantine/rejected-landing/…``, the ledger records the disposition, the audit trail the reason,
and the landing object is deleted (on the versioned, object-locked landing bucket a delete adds a
delete marker; the locked bytes stay until retention ends).

SeaweedFS cannot deny a partner overwriting its own earlier file, so the landing bucket is versioned:
when an announced key gains a newer version the watcher quarantines that version's bytes, audits the
attempt and restores the announced version as current, so the key always serves what was announced.

SeaweedFS does not record which identity uploaded an object (the owner it reports is the bucket
owner), so the uploader cannot be checked against the prefix here; the server's own policy already
refuses a partner writing outside ``landing/<partner>/`` (see tests/integration/test_access_control.py).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime

from connectors.landing_keys import printable, quarantine_key, unsafe_reason
from connectors.state import ConnectorState
from csphub.errors import ObjectNotFound
from csphub.events import FileLanded
from csphub.events.topics import landing_topic
from csphub.hub import Hub

log = logging.getLogger(__name__)

BUCKET = "landing"


@dataclass
class ScanReport:
    announced: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (printable key, reason)
    overwrites: list[str] = field(default_factory=list)
    already: int = 0


class DropWatcher:
    """Scans the landing bucket and announces new objects; one instance per running watcher."""

    def __init__(self, hub: Hub, feeds: Collection[tuple[str, str]]) -> None:
        self.hub = hub
        self.feeds = frozenset(feeds)
        self.state = ConnectorState.for_home(hub.settings.home)
        self.started = datetime.now(UTC)

    def scan(self) -> ScanReport:
        """One pass over the bucket. Raises StorageError/EventBusError if S3 or Kafka fail."""
        report = ScanReport()
        for obj in self.hub.store.list(BUCKET):
            reason = unsafe_reason(obj.key, self.feeds)
            if reason is not None:
                self._reject(obj.key, reason, report)
                continue
            record = self.hub.ledger.object(BUCKET, obj.key)
            if record is not None and record.announced_at is not None:
                report.already += 1
                continue
            self._announce(obj.key, obj.last_modified, report)
        self._check_overwrites(report)
        return report

    def _announce(self, key: str, last_modified: datetime, report: ScanReport) -> None:
        partner, feed, _name = key.split("/")
        try:
            data = self.hub.store.get(BUCKET, key)
        except ObjectNotFound:
            return  # deleted between list and get: nothing to announce
        sha = hashlib.sha256(data).hexdigest()
        source = "reconcile" if last_modified < self.started else "drop"
        event = FileLanded(partner=partner, feed=feed, key=key, size=len(data), sha256=sha, source=source)
        self.hub.bus.publish(landing_topic(self.hub.settings.topic_prefix, partner, feed), event, key=key)
        if self.hub.ledger.mark_announced(BUCKET, key, size=len(data)):
            self.hub.ledger.record_object(BUCKET, key, size=len(data), sha256=sha)
            self.hub.audit.record("object.announced", key, sha256=sha, size=len(data), source=source)
            report.announced.append(key)

    def _reject(self, key: str, reason: str, report: ScanReport) -> None:
        shown = printable(key)
        record = self.hub.ledger.object(BUCKET, shown)
        if record is None or not (record.disposition or "").startswith("rejected"):
            try:
                data = self.hub.store.get(BUCKET, key)
            except ObjectNotFound:
                return
            target = quarantine_key(key)
            self.hub.store.put("quarantine", target, data, metadata={"landing-key": shown[:1024], "reason": reason})
            self.hub.ledger.set_disposition(
                BUCKET, shown, f"rejected: {reason}", sha256=hashlib.sha256(data).hexdigest()
            )
            self.hub.audit.record("object.rejected", shown, reason=reason, quarantine_key=target)
            report.rejected.append((shown, reason))
        self.hub.store.delete(BUCKET, key)

    def _check_overwrites(self, report: ScanReport) -> None:
        list_versions = getattr(self.hub.store, "list_versions", None)
        if list_versions is None:
            return  # the embedded folder store keeps no versions
        by_key = defaultdict(list)
        for v in list_versions(BUCKET):
            by_key[v.key].append(v)
        for key, versions in by_key.items():
            if len(versions) < 2 or unsafe_reason(key, self.feeds) is not None:
                continue
            record = self.hub.ledger.object(BUCKET, key)
            if record is None or record.announced_at is None:
                continue
            versions.reverse()  # S3 lists newest first
            original = versions[0]
            self.state.record_version(key, original.version_id, "original")
            newer = [v for v in versions[1:] if self.state.version_role(key, v.version_id) is None]
            if not newer:
                continue
            for v in newer:
                data = self.hub.store.get_version(BUCKET, key, v.version_id)  # type: ignore[attr-defined]
                target = f"landing-overwrites/{key}/{v.version_id}"
                self.hub.store.put("quarantine", target, data, metadata={"landing-key": key})
                self.state.record_version(key, v.version_id, "overwrite")
                self.hub.audit.record(
                    "object.rejected",
                    key,
                    reason="overwrite of an already announced object; the announced version was restored",
                    version_id=v.version_id,
                    quarantine_key=target,
                )
                report.overwrites.append(key)
            if not original.is_latest:
                restored = self.hub.store.restore_version(BUCKET, key, original.version_id)  # type: ignore[attr-defined]
                if restored:
                    self.state.record_version(key, restored, "restored")


def watch(hub: Hub, feeds: Collection[tuple[str, str]], *, once: bool, interval_s: float = 10.0) -> ScanReport:
    """Scan once (errors propagate), or forever (errors are logged and the scan retried)."""
    watcher = DropWatcher(hub, feeds)
    while True:
        if once:
            return watcher.scan()
        try:
            report = watcher.scan()
            for key in report.announced:
                log.info("announced %s", key)
            for key, reason in report.rejected:
                log.warning("rejected %s: %s", key, reason)
        except Exception as exc:  # S3 or Kafka down: keep watching, nothing was marked announced
            log.error("scan failed, retrying in %.0fs: %s", interval_s, exc)
        time.sleep(interval_s)
