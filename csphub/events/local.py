"""A durable local event log (SQLite, WAL) with Kafka's consumer-offset semantics.

Messages are appended per topic with a monotonically increasing offset (one partition). Consumer
groups commit the next offset to read; uncommitted messages are re-delivered. The bytes stored are the
same framed Avro as on Kafka, so the codec and the consumers do not know which bus is behind them.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from csphub.errors import PoisonEvent
from csphub.events.base import Delivery, TopicSpec
from csphub.events.codec import decode, encode
from csphub.events.model import Event

_DDL = """
CREATE TABLE IF NOT EXISTS topics (name TEXT PRIMARY KEY, partitions INTEGER, retention_ms INTEGER);
CREATE TABLE IF NOT EXISTS messages (
    topic TEXT NOT NULL, partition INTEGER NOT NULL DEFAULT 0, offset INTEGER NOT NULL,
    key TEXT, value BLOB NOT NULL, appended_at REAL NOT NULL,
    PRIMARY KEY (topic, partition, offset)
);
CREATE TABLE IF NOT EXISTS offsets (
    grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,
    PRIMARY KEY (grp, topic, partition)
);
"""


class LocalEventLog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_DDL)

    def ensure_topics(self, topics: Sequence[TopicSpec]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO topics VALUES (?, ?, ?)",
            [(t.name, 1, t.retention_ms) for t in topics],
        )

    def publish(self, topic: str, event: Event, *, key: str | None = None) -> None:
        self.publish_raw(topic, encode(event), key=key)

    def publish_raw(self, topic: str, value: bytes, *, key: str | None = None) -> None:
        with self._tx():
            (nxt,) = self._db.execute(
                "SELECT COALESCE(MAX(offset) + 1, 0) FROM messages WHERE topic = ? AND partition = 0", (topic,)
            ).fetchone()
            self._db.execute("INSERT INTO messages VALUES (?, 0, ?, ?, ?, ?)", (topic, nxt, key, value, time.time()))

    def poll(
        self, topics: Sequence[str], group: str, *, max_events: int = 500, timeout_s: float = 1.0
    ) -> list[Delivery]:
        out: list[Delivery] = []
        for topic in topics:
            row = self._db.execute(
                "SELECT next_offset FROM offsets WHERE grp = ? AND topic = ? AND partition = 0", (group, topic)
            ).fetchone()
            start = row[0] if row else 0
            rows = self._db.execute(
                "SELECT offset, key, value FROM messages WHERE topic = ? AND partition = 0 AND offset >= ?"
                " ORDER BY offset LIMIT ?",
                (topic, start, max_events - len(out)),
            ).fetchall()
            for offset, key, value in rows:
                try:
                    out.append(Delivery(topic, 0, offset, key, value, decode(value)))
                except PoisonEvent as exc:
                    out.append(Delivery(topic, 0, offset, key, value, None, exc.reason))
            if len(out) >= max_events:
                break
        return out

    def commit(self, group: str, deliveries: Sequence[Delivery]) -> None:
        latest: dict[tuple[str, int], int] = {}
        for d in deliveries:
            k = (d.topic, d.partition)
            latest[k] = max(latest.get(k, -1), d.offset)
        with self._tx():
            for (topic, partition), offset in latest.items():
                self._db.execute(
                    "INSERT INTO offsets VALUES (?, ?, ?, ?) ON CONFLICT (grp, topic, partition) DO UPDATE"
                    " SET next_offset = MAX(next_offset, excluded.next_offset)",
                    (group, topic, partition, offset + 1),
                )

    def messages(self, topic: str) -> list[Delivery]:
        """Every message of a topic, oldest first (for status views and tests)."""
        rows = self._db.execute(
            "SELECT offset, key, value FROM messages WHERE topic = ? ORDER BY offset", (topic,)
        ).fetchall()
        out = []
        for offset, key, value in rows:
            try:
                out.append(Delivery(topic, 0, offset, key, value, decode(value)))
            except PoisonEvent as exc:
                out.append(Delivery(topic, 0, offset, key, value, None, exc.reason))
        return out

    def close(self) -> None:
        self._db.close()

    def _tx(self) -> _Tx:
        return _Tx(self._db)


class _Tx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
