"""Ingest one landed file: claim → parse → validate → quarantine → pseudonymise → trusted → outcome.

Exactly-once comes from the ledger, not from events: the file is claimed by its content checksum, so
the same bytes under another name, or a re-delivered event, find the claim and stop. Writes happen in
an order that makes a crash harmless: quarantine objects, then the trusted object (one atomic put,
deterministic for the same input and key), then the ledger says "validated", then the event. A run
that dies before the ledger update leaves the claim to expire and the file is done again, producing
the same objects; nothing half-written is ever visible to publishing, which reads only files the
ledger marks validated.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from csphub.contracts.registry import Feed
from csphub.errors import ConfigError, FileRejected, HubError, StorageError
from csphub.events import FileLanded, FileValidated
from csphub.events import FileRejected as FileRejectedEvent
from csphub.events.topics import outcomes_topic
from csphub.hub import Hub
from csphub.pipeline.parse import ROW, Parsed, parse_file
from csphub.pipeline.validate import Validation, validate
from csphub.storage import check_key


@dataclass
class IngestOutcome:
    key: str
    status: str  # validated | rejected | duplicate | busy | changed
    partner: str = ""
    feed: str = ""
    sha256: str | None = None
    rows_in: int = 0
    rows_published: int = 0
    rows_quarantined: int = 0
    rows_warned: int = 0
    top_reasons: list[tuple[str, int]] = field(default_factory=list)
    reason: str | None = None
    trusted_key: str | None = None
    quarantine_key: str | None = None


def trusted_key(feed: Feed, sha256: str) -> str:
    return f"{feed.partner}/{feed.name}/{sha256}.parquet"


def quarantine_prefix(partner: str, feed: str, sha256: str) -> str:
    return f"{partner}/{feed}/{sha256}/"


def split_key(key: str) -> tuple[str, str, str]:
    """``<partner>/<feed>/<name>`` → parts; anything else is not a landing key."""
    check_key(key)
    parts = key.split("/")
    if len(parts) != 3:
        raise FileRejected("landing keys must be <partner>/<feed>/<file name>", stage="land", file=key)
    return parts[0], parts[1], parts[2]


def ingest_event(hub: Hub, event: FileLanded) -> IngestOutcome:
    """Handle a FileLanded event (from the bus or Airflow)."""
    return ingest_object(hub, event.key, expected_sha256=event.sha256)


def ingest_object(
    hub: Hub, key: str, *, now: datetime | None = None, expected_sha256: str | None = None
) -> IngestOutcome:
    """Process the landing object ``key`` exactly once (by content).

    ``expected_sha256`` is the checksum the announcement carried: if the object's bytes differ, it was
    overwritten after it was announced, and it is not processed (the drop watcher restores the
    announced version; reconciliation then picks the file up).
    """
    try:
        partner, feed_name, name = split_key(key)
    except (FileRejected, StorageError) as exc:
        hub.ledger.set_disposition("landing", key, f"rejected: {exc.reason}")
        hub.audit.record("file.rejected", key, reason=exc.reason)
        return IngestOutcome(key, "rejected", reason=exc.reason)
    data = hub.store.get("landing", key)
    sha = hashlib.sha256(data).hexdigest()
    if expected_sha256 is not None and sha != expected_sha256:
        reason = "content differs from the announced file (overwritten after landing); not processed"
        hub.audit.record("file.changed_after_announcement", key, sha256=sha, announced_sha256=expected_sha256)
        return IngestOutcome(key, "changed", partner, feed_name, sha, reason=reason)
    hub.ledger.record_object("landing", key, size=len(data), sha256=sha)
    if not hub.ledger.claim(sha, partner=partner, feed=feed_name, key=key):
        return _already(hub, key, sha, partner, feed_name)
    hub.audit.record("file.claimed", key, sha256=sha, size=len(data))
    try:
        feed = hub.contracts.get(partner, feed_name)
        if not re.fullmatch(feed.contract.format.file_pattern, name):
            raise FileRejected(
                f"file name does not match the contract's pattern {feed.contract.format.file_pattern!r}",
                stage="land",
                partner=partner,
                feed=feed_name,
                file=key,
            )
        parsed = parse_file(data, feed, key)
    except (FileRejected, ConfigError) as exc:
        return _reject(hub, key, sha, partner, feed_name, name, data, exc)
    return _process(hub, key, sha, feed, parsed, now=now)


def _already(hub: Hub, key: str, sha: str, partner: str, feed: str) -> IngestOutcome:
    rec = hub.ledger.file(sha)
    if rec is None or rec.status == "processing":
        return IngestOutcome(key, "busy", partner, feed, sha, reason="another worker holds the claim")
    if rec.first_key != key:
        hub.ledger.set_disposition("landing", key, f"duplicate of {rec.first_key}", sha)
    hub.audit.record("file.duplicate", key, sha256=sha, first_key=rec.first_key, status=rec.status)
    return IngestOutcome(
        key,
        "duplicate",
        partner,
        feed,
        sha,
        rows_in=rec.rows_in or 0,
        reason=f"content already {rec.status} as {rec.first_key}",
    )


def _reject(
    hub: Hub, key: str, sha: str, partner: str, feed: str, name: str, data: bytes, exc: HubError
) -> IngestOutcome:
    prefix = quarantine_prefix(partner, feed, sha)
    hub.store.put("quarantine", prefix + name, data)
    report = {"file": key, "sha256": sha, "status": "rejected", "reason": exc.reason}
    hub.store.put("quarantine", prefix + "report.json", json.dumps(report, indent=2).encode())
    hub.ledger.reject(sha, reason=exc.reason, quarantine_key=prefix)
    hub.ledger.set_disposition("landing", key, "rejected", sha)
    hub.bus.publish(
        outcomes_topic(hub.settings.topic_prefix),
        FileRejectedEvent(partner=partner, feed=feed, key=key, sha256=sha, reason=exc.reason, quarantine_key=prefix),
        key=f"{partner}.{feed}",
    )
    hub.audit.record("file.rejected", key, sha256=sha, reason=exc.reason)
    return IngestOutcome(key, "rejected", partner, feed, sha, reason=exc.reason, quarantine_key=prefix)


def _process(hub: Hub, key: str, sha: str, feed: Feed, parsed: Parsed, *, now: datetime | None) -> IngestOutcome:
    v = validate(parsed.table, feed, hub.contracts, now=now, fields=parsed.fields)
    good = ~v.blocked
    rows_in = parsed.rows_in
    n_good = int(good.sum())
    n_quarantined = int(v.blocked.sum()) + len(parsed.problems)
    if n_good + n_quarantined != rows_in:  # a programming error, never a data problem
        raise AssertionError(f"{key}: rows do not reconcile: {rows_in} in, {n_good} good, {n_quarantined} bad")

    prefix = quarantine_prefix(feed.partner, feed.name, sha)
    q_key = None
    if n_quarantined or v.findings.num_rows or parsed.ignored_columns:
        _write_quarantine(hub, prefix, key, sha, parsed, v)
        q_key = prefix

    warnings = _warnings_per_row(v, good)
    good_rows = v.typed.filter(pa.array(good))
    trusted = hub.pseudonymiser.apply(good_rows, feed, sha256=sha, warnings=warnings)
    t_key = trusted_key(feed, sha)
    hub.store.put("trusted", t_key, _parquet(trusted, feed, sha, key))

    reasons = _top_reasons(v, parsed)
    hub.ledger.complete(
        sha,
        contract_version=feed.contract.version,
        rows_in=rows_in,
        rows_published=n_good,
        rows_quarantined=n_quarantined,
        rows_warned=int(v.warned.sum()),
        trusted_key=t_key,
        quarantine_key=q_key,
    )
    hub.ledger.set_disposition("landing", key, "validated", sha)
    hub.bus.publish(
        outcomes_topic(hub.settings.topic_prefix),
        FileValidated(
            partner=feed.partner,
            feed=feed.name,
            key=key,
            sha256=sha,
            contract_id=feed.id,
            contract_version=feed.contract.version,
            rows_in=rows_in,
            rows_published=n_good,
            rows_quarantined=n_quarantined,
            rows_warned=int(v.warned.sum()),
            trusted_key=t_key,
            quarantine_key=q_key,
        ),
        key=feed.id,
    )
    hub.audit.record(
        "file.validated",
        key,
        sha256=sha,
        contract=f"{feed.id}@{feed.contract.version}",
        rows_in=rows_in,
        rows_published=n_good,
        rows_quarantined=n_quarantined,
        top_reasons=reasons,
    )
    return IngestOutcome(
        key,
        "validated",
        feed.partner,
        feed.name,
        sha,
        rows_in,
        n_good,
        n_quarantined,
        int(v.warned.sum()),
        reasons,
        trusted_key=t_key,
        quarantine_key=q_key,
    )


def _warnings_per_row(v: Validation, good: np.ndarray) -> pa.Array:
    """For each good row, the sorted list of warn-level rules it broke (empty list if none)."""
    rows = v.typed.column(ROW).combine_chunks().filter(pa.array(good)).to_pylist()
    warn = v.findings.filter(pc.equal(v.findings.column("severity"), "warn"))
    by_row: dict[int, list[str]] = {}
    for r, f, rule in zip(*(warn.column(c).to_pylist() for c in ("row", "field", "rule")), strict=True):
        by_row.setdefault(r, []).append(f"{f}:{rule}")
    return pa.array([sorted(by_row.get(r, [])) for r in rows], pa.list_(pa.string()))


def _top_reasons(v: Validation, parsed: Parsed, k: int = 5) -> list[tuple[str, int]]:
    blocks = v.findings.filter(pc.equal(v.findings.column("severity"), "block"))
    counts = Counter(
        f"{f}:{r}" for f, r in zip(blocks.column("field").to_pylist(), blocks.column("rule").to_pylist(), strict=True)
    )
    for p in parsed.problems:
        counts[p.reason.split(":")[0]] += 1
    return counts.most_common(k)


def _write_quarantine(hub: Hub, prefix: str, key: str, sha: str, parsed: Parsed, v: Validation) -> None:
    """Raw bad rows (quarantine may hold raw values), masked findings and a summary report."""
    bad = parsed.table.filter(pa.array(v.blocked))
    buf = io.StringIO()
    writer = csv.writer(buf)
    cols = [c for c in bad.column_names if c != ROW]
    writer.writerow(["row", *cols, "unsplit_text"])
    for rec in bad.to_pylist():
        writer.writerow([rec[ROW], *(rec[c] for c in cols), ""])
    for p in parsed.problems:
        writer.writerow([p.row, *([""] * len(cols)), p.text])
    hub.store.put("quarantine", prefix + "rows.csv", buf.getvalue().encode())

    fbuf = io.StringIO()
    fw = csv.writer(fbuf)
    fw.writerow(["file", "row", "field", "rule", "severity", "message", "value"])
    for rec in v.findings.to_pylist():
        fw.writerow([key, rec["row"], rec["field"], rec["rule"], rec["severity"], rec["message"], rec["value"]])
    for p in parsed.problems:
        fw.writerow([key, p.row, "", "row_shape", "block", p.reason, ""])
    hub.store.put("quarantine", prefix + "findings.csv", fbuf.getvalue().encode())

    report = {
        "file": key,
        "sha256": sha,
        "rows_in": parsed.rows_in,
        "rows_quarantined": int(v.blocked.sum()) + len(parsed.problems),
        "rows_warned": int(v.warned.sum()),
        "ignored_columns": parsed.ignored_columns,
        "findings_by_rule": dict(
            Counter(
                f"{f}:{r}:{s}"
                for f, r, s in zip(
                    *(v.findings.column(c).to_pylist() for c in ("field", "rule", "severity")), strict=True
                )
            )
        ),
    }
    hub.store.put("quarantine", prefix + "report.json", json.dumps(report, indent=2).encode())


def _parquet(table: pa.Table, feed: Feed, sha: str, key: str) -> bytes:
    meta = {
        b"csphub.contract": f"{feed.id}@{feed.contract.version}".encode(),
        b"csphub.source_sha256": sha.encode(),
        b"csphub.source_key": key.encode(),
    }
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def outcome_dict(o: IngestOutcome) -> dict[str, object]:
    return asdict(o)
