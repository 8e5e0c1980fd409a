"""The ``doc_md`` of each hub DAG: what it does, what a failure means, how to re-run safely."""

from __future__ import annotations

from csphub.orchestration.catalog import BoardInfo, FeedInfo

_SAFE = (
    "Every task is idempotent: files are claimed in the ledger by content checksum, so clearing "
    "a task, re-running a DAG or triggering it by hand never processes a file twice and never "
    "duplicates rows in the lake."
)


def ingest_doc(feed: FeedInfo, topic: str) -> str:
    boards = ", ".join(f"`{b}`" for b in feed.consumers)
    return f"""### Ingest {feed.id} — {feed.title}

**What it does.** Started by each `FileLanded` event on Kafka topic `{topic}` (the watcher on the
landing asset). `find_pending` lists every file under `landing/{feed.prefix}` that has no outcome in the
ledger — the event's file and any other the events missed — and `ingest_file` runs once per file:
claim by checksum → parse → validate against contract `{feed.id}` v{feed.version} (bad rows to
`quarantine/{feed.prefix}<sha256>/` with a row-level report) → pseudonymise → write
`trusted/{feed.prefix}<sha256>.parquet` → record the outcome and publish `FileValidated` /
`FileRejected`. Each file's log line names the file and its row counts and top quarantine reasons.
A validated file updates the asset `trusted.{feed.id}`, which schedules the publish DAGs of {boards}.

**Owner.** {feed.steward} (partner `{feed.partner}`); deliveries are {feed.frequency}, due
{feed.latency_days} days after the period ends.

**What a failure means.** A *rejected* or partly quarantined file is not a task failure: it is a data
finding, reported to the partner from the quarantine report. A failed `ingest_file` is a hub
problem (storage, contract loading, a bug): the file stays pending in the ledger. `busy` means another
worker holds the file's claim; the task retries with backoff until that worker finishes.
`summarise` fails when any file has no outcome, naming it.

**Re-run / backfill.** Clear the failed `ingest_file` instance (its map index is the landing key), or
trigger this DAG by hand: a manual run processes every pending file of the feed. Runs are not
date-based (no catchup); to backfill, land the files and trigger the DAG, or let the
`reconcile_landing` DAG pick them up within 15 minutes. {_SAFE}
"""


def publish_doc(board: BoardInfo) -> str:
    feeds = ", ".join(f"`trusted.{s}`" for s in board.sources) or "no trusted feed yet (manual runs only)"
    datasets = ", ".join(f"`{board.id}.{d}`" for d in board.datasets) or "none defined yet"
    return f"""### Publish {board.id} — {board.title}

**What it does.** Runs when any of {feeds} gets a validated file, and builds the board's curated
datasets {datasets} from every validated file in the ledger: DuckDB over the trusted zone, statistical
disclosure control on aggregates, one atomic Iceberg overwrite per dataset (the lake asset
`lake.{board.id}.<dataset>` is updated). A dataset whose inputs did not change is left as it is
(`unchanged`), so extra runs are harmless.

**What a failure means.** The board keeps its previous snapshot: readers never see a half-written
table. Usual causes: the lake catalog or object store unreachable, or a board definition that no
longer plans against the trusted schemas (fix `contracts/boards/{board.id}.yaml`).

**Re-run / backfill.** Clear the task or trigger the DAG by hand; publishing is a pure function of
the validated files, so a re-run rebuilds the same datasets. {_SAFE}
"""


RECONCILE_DOC = f"""### Reconcile landing — the safety net for lost events

**What it does.** Every 15 minutes, lists the landing bucket and ingests every object that has no
outcome in the ledger (an event lost, merged, or missed while an ingest DAG was paused), each file
isolated from the others. Feeds that got validated files update their `trusted.<feed>` asset, so
the boards' publish DAGs run.

**What a failure means.** `check` fails naming each file whose ingest raised; the other files were
processed. The failing files stay pending and are retried on the next pass.

**Re-run / backfill.** Trigger by hand at any time. {_SAFE}
"""

HOUSEKEEPING_DOC = f"""### Housekeeping — retention, deadlines, contract gate

**What it does.** Daily.
`retention` applies each contract's `governance.retention`: deletes landing objects past
`landing_days` once processed (an unprocessed old file is kept and reported), quarantine objects past
`quarantine_days`, trusted files past `trusted_days` (withdrawn from the ledger first, then the boards
that read them republished), and expires Iceberg snapshots older than the board's shortest
`lake_days`. Every deletion is in the audit trail.
`deliveries` lists feeds whose last delivery is older than the contract's period plus latency.
`contract_gate` runs the schema compatibility gate over `contracts/`.

**What a failure means.** `contract_gate` failing means a released schema was edited or a contract's
history is incompatible: fix the contract before partners send files under it. A failed `retention`
leaves data in place; a re-run completes it.

**Re-run / backfill.** Trigger by hand; every step is idempotent. {_SAFE}
"""
