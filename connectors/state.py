"""Connector bookkeeping the ledger does not hold: files fetched by pull connectors, landing versions seen.

A small SQLite file next to the ledger (``<home>/connectors.db``). The ledger stays the truth about
announcements and processing; this only remembers *remote* fetches (by name and fingerprint) and which
landing object versions the watcher has already dealt with.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_DDL = """
CREATE TABLE IF NOT EXISTS fetched (
    connector TEXT NOT NULL, remote_name TEXT NOT NULL, fingerprint TEXT NOT NULL,
    landed_key TEXT NOT NULL, sha256 TEXT NOT NULL, fetched_at REAL NOT NULL,
    PRIMARY KEY (connector, remote_name, fingerprint)
);
CREATE TABLE IF NOT EXISTS landing_versions (
    key TEXT NOT NULL, version_id TEXT NOT NULL, role TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (key, version_id)
);
"""


class ConnectorState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_DDL)

    @classmethod
    def for_home(cls, home: Path) -> ConnectorState:
        return cls(home / "connectors.db")

    # -- pull connectors -----------------------------------------------------------------------
    def fetched(self, connector: str, remote_name: str, fingerprint: str) -> str | None:
        """The landing key a remote file (by name and fingerprint) was landed under, or None."""
        row = self._db.execute(
            "SELECT landed_key FROM fetched WHERE connector = ? AND remote_name = ? AND fingerprint = ?",
            (connector, remote_name, fingerprint),
        ).fetchone()
        return str(row[0]) if row else None

    def record_fetch(self, connector: str, remote_name: str, fingerprint: str, landed_key: str, sha256: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO fetched VALUES (?, ?, ?, ?, ?, ?)",
            (connector, remote_name, fingerprint, landed_key, sha256, time.time()),
        )

    # -- landing object versions ----------------------------------------------------------------
    def version_role(self, key: str, version_id: str) -> str | None:
        row = self._db.execute(
            "SELECT role FROM landing_versions WHERE key = ? AND version_id = ?", (key, version_id)
        ).fetchone()
        return str(row[0]) if row else None

    def record_version(self, key: str, version_id: str, role: str) -> None:
        """role: ``original`` (the announced bytes), ``overwrite`` (rejected), ``restored`` (hub's copy back)."""
        self._db.execute(
            "INSERT OR IGNORE INTO landing_versions VALUES (?, ?, ?, ?)", (key, version_id, role, time.time())
        )

    def close(self) -> None:
        self._db.close()
