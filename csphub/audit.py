"""Append-only, hash-chained audit trail: every file, validation, publication and dataset read.

Each entry stores the SHA-256 of the previous entry's hash and its own content, so an edit or a
deletion anywhere breaks the chain and `verify()` says where. Entries never hold raw identifiers.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_DDL = """
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    subject TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
"""
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: float
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


def _digest(prev: str, at: float, actor: str, action: str, subject: str, details: str) -> str:
    payload = json.dumps([prev, repr(at), actor, action, subject, details], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


class AuditTrail:
    def __init__(self, path: Path, *, actor: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_DDL)
        self.actor = actor or f"hub:{getpass.getuser()}"

    def record(self, action: str, subject: str, actor: str | None = None, **details: Any) -> None:
        body = json.dumps(details, sort_keys=True, default=str)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            row = self._db.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            prev = row[0] if row else GENESIS
            at = time.time()
            who = actor or self.actor
            h = _digest(prev, at, who, action, subject, body)
            self._db.execute(
                "INSERT INTO audit (at, actor, action, subject, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                (at, who, action, subject, body, prev, h),
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def entries(self, action: str | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit" + (" WHERE action = ?" if action else "") + " ORDER BY seq"
        rows = self._db.execute(sql, (action,) if action else ()).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows]

    def verify(self) -> int | None:
        """None if the chain is intact, else the seq of the first entry that does not verify."""
        prev = GENESIS
        for seq, at, actor, action, subject, details, prev_hash, h in self._db.execute(
            "SELECT * FROM audit ORDER BY seq"
        ):
            if prev_hash != prev or _digest(prev, at, actor, action, subject, details) != h:
                return int(seq)
            prev = h
        return None

    def close(self) -> None:
        self._db.close()
