"""The ledger of landed objects and processed files: the truth about what was done.

Files are keyed by content checksum (sha256), so the same content under another name is processed
once. A worker *claims* a file before processing it; the claim carries an owner (host:pid) and a
lease, so a crashed worker's claim can be taken over and the file finished exactly once. Objects
(landing keys) are recorded separately, with the time they were first announced as an event, so a
restarted watcher never announces the same object twice.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_DDL = """
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY,
    partner TEXT NOT NULL, feed TEXT NOT NULL, first_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('processing', 'validated', 'rejected')),
    owner TEXT, lease_until REAL, attempts INTEGER NOT NULL DEFAULT 0,
    contract_version TEXT, rows_in INTEGER, rows_published INTEGER, rows_quarantined INTEGER,
    rows_warned INTEGER, trusted_key TEXT, quarantine_key TEXT, reason TEXT,
    claimed_at REAL, finished_at REAL
);
CREATE TABLE IF NOT EXISTS objects (
    bucket TEXT NOT NULL, key TEXT NOT NULL, size INTEGER, sha256 TEXT,
    first_seen REAL NOT NULL, announced_at REAL, disposition TEXT,
    PRIMARY KEY (bucket, key)
);
CREATE INDEX IF NOT EXISTS objects_sha ON objects (sha256);
"""

DONE = ("validated", "rejected")


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    partner: str
    feed: str
    first_key: str
    status: str
    attempts: int
    contract_version: str | None
    rows_in: int | None
    rows_published: int | None
    rows_quarantined: int | None
    rows_warned: int | None
    trusted_key: str | None
    quarantine_key: str | None
    reason: str | None
    claimed_at: float | None
    finished_at: float | None


@dataclass(frozen=True)
class ObjectRecord:
    bucket: str
    key: str
    size: int | None
    sha256: str | None
    first_seen: float
    announced_at: float | None
    disposition: str | None


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _pid_alive(owner: str | None) -> bool:
    if not owner:
        return False
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname():
        return True  # cannot tell for another host: rely on the lease
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return True


class Ledger:
    def __init__(self, path: Path, *, lease_s: float = 900.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.lease_s = lease_s
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_DDL)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- objects (landing keys) -------------------------------------------------------------
    def record_object(self, bucket: str, key: str, *, size: int | None = None, sha256: str | None = None) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO objects (bucket, key, size, sha256, first_seen) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (bucket, key) DO UPDATE SET size = COALESCE(excluded.size, size),"
                " sha256 = COALESCE(excluded.sha256, sha256)",
                (bucket, key, size, sha256, time.time()),
            )

    def mark_announced(self, bucket: str, key: str, *, size: int | None = None) -> bool:
        """Record that an event announced this object. True only the first time."""
        with self._tx() as db:
            row = db.execute("SELECT announced_at FROM objects WHERE bucket = ? AND key = ?", (bucket, key)).fetchone()
            if row is not None and row["announced_at"] is not None:
                return False
            now = time.time()
            db.execute(
                "INSERT INTO objects (bucket, key, size, first_seen, announced_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (bucket, key) DO UPDATE SET announced_at = excluded.announced_at",
                (bucket, key, size, now, now),
            )
            return True

    def set_disposition(self, bucket: str, key: str, disposition: str, sha256: str | None = None) -> None:
        """What became of a landing object: processed, duplicate of <sha>, rejected: <reason>."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO objects (bucket, key, sha256, first_seen, disposition) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (bucket, key) DO UPDATE SET disposition = excluded.disposition,"
                " sha256 = COALESCE(excluded.sha256, sha256)",
                (bucket, key, sha256, time.time(), disposition),
            )

    def object(self, bucket: str, key: str) -> ObjectRecord | None:
        row = self._db.execute("SELECT * FROM objects WHERE bucket = ? AND key = ?", (bucket, key)).fetchone()
        return ObjectRecord(**dict(row)) if row else None

    def objects(self, bucket: str = "landing") -> list[ObjectRecord]:
        rows = self._db.execute("SELECT * FROM objects WHERE bucket = ? ORDER BY first_seen, key", (bucket,))
        return [ObjectRecord(**dict(r)) for r in rows]

    # -- files (content) ---------------------------------------------------------------------
    def claim(self, sha256: str, *, partner: str, feed: str, key: str) -> bool:
        """Take the file for processing. False if it is finished, or held by a live worker."""
        now = time.time()
        with self._tx() as db:
            row = db.execute("SELECT status, owner, lease_until FROM files WHERE sha256 = ?", (sha256,)).fetchone()
            if row is not None:
                if row["status"] in DONE:
                    return False
                if row["lease_until"] > now and _pid_alive(row["owner"]):
                    return False
                db.execute(
                    "UPDATE files SET owner = ?, lease_until = ?, attempts = attempts + 1, claimed_at = ?"
                    " WHERE sha256 = ?",
                    (_owner(), now + self.lease_s, now, sha256),
                )
                return True
            db.execute(
                "INSERT INTO files (sha256, partner, feed, first_key, status, owner, lease_until, attempts,"
                " claimed_at) VALUES (?, ?, ?, ?, 'processing', ?, ?, 1, ?)",
                (sha256, partner, feed, key, _owner(), now + self.lease_s, now),
            )
            return True

    def complete(
        self,
        sha256: str,
        *,
        contract_version: str,
        rows_in: int,
        rows_published: int,
        rows_quarantined: int,
        rows_warned: int,
        trusted_key: str,
        quarantine_key: str | None,
    ) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE files SET status = 'validated', owner = NULL, lease_until = NULL, contract_version = ?,"
                " rows_in = ?, rows_published = ?, rows_quarantined = ?, rows_warned = ?, trusted_key = ?,"
                " quarantine_key = ?, finished_at = ? WHERE sha256 = ?",
                (
                    contract_version,
                    rows_in,
                    rows_published,
                    rows_quarantined,
                    rows_warned,
                    trusted_key,
                    quarantine_key,
                    time.time(),
                    sha256,
                ),
            )

    def reject(self, sha256: str, *, reason: str, quarantine_key: str | None) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE files SET status = 'rejected', owner = NULL, lease_until = NULL, reason = ?,"
                " quarantine_key = ?, finished_at = ? WHERE sha256 = ?",
                (reason, quarantine_key, time.time(), sha256),
            )

    def expire_trusted(self, trusted_key: str) -> int:
        """Stop offering a trusted object to publishing (retention); the file stays 'validated'.

        The file keeps its status, so the same content delivered again is still a duplicate and expired
        data does not come back. Returns the number of files changed.
        """
        with self._tx() as db:
            return db.execute("UPDATE files SET trusted_key = NULL WHERE trusted_key = ?", (trusted_key,)).rowcount

    def file(self, sha256: str) -> FileRecord | None:
        row = self._db.execute("SELECT * FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return _file(row) if row else None

    def files(
        self, *, partner: str | None = None, feed: str | None = None, status: str | None = None
    ) -> list[FileRecord]:
        sql, args = "SELECT * FROM files WHERE 1=1", []
        for col, val in (("partner", partner), ("feed", feed), ("status", status)):
            if val is not None:
                sql += f" AND {col} = ?"
                args.append(val)
        return [_file(r) for r in self._db.execute(sql + " ORDER BY claimed_at", args)]

    def close(self) -> None:
        self._db.close()


def _file(row: sqlite3.Row) -> FileRecord:
    d = dict(row)
    d.pop("owner", None)
    d.pop("lease_until", None)
    return FileRecord(**d)
