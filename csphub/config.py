"""Runtime settings: one pydantic-settings class, env prefix ``CSPHUB_``, passed explicitly."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the hub keeps its state and which backends it talks to.

    ``stack=embedded`` needs no server: a local folder with the S3 bucket layout, a durable local
    event log and a SQLite Iceberg catalog. ``stack=local`` uses SeaweedFS (S3) and Kafka on
    127.0.0.1 as started by ``csphub stack up``; production points the same settings at AWS/MSK.
    """

    model_config = SettingsConfigDict(env_prefix="CSPHUB_", env_file=None, extra="ignore")

    home: Path = Field(default=REPO_ROOT / "var" / "hub", description="state folder (ledger, log, catalog)")
    stack: Literal["embedded", "local"] = "embedded"
    contracts_dir: Path = REPO_ROOT / "contracts"
    schemas_dir: Path = REPO_ROOT / "schemas"

    # object storage (stack=local / production)
    s3_endpoint: str = "http://127.0.0.1:8333"
    s3_region: str = "eu-west-2"
    s3_access_key: str = "csphub-hub"
    s3_secret_key: SecretStr = SecretStr("csphub-hub-local-secret")

    # events (stack=local / production)
    kafka_bootstrap: str = "127.0.0.1:9092"
    topic_prefix: str = "csphub"

    # pseudonymisation key provider: "file" (embedded default), "env" or "secret-file"
    key_provider: Literal["file", "env", "secret-file"] = "file"
    key_file: Path | None = None

    # free-text redaction worker processes (spaCy nlp.pipe); 2 uses both cores of the reference machine
    redact_processes: int = Field(default=1, ge=1, le=16)

    @property
    def store_root(self) -> Path:
        """Root folder of the embedded object store (one sub-folder per bucket)."""
        return self.home / "store"

    @property
    def ledger_path(self) -> Path:
        return self.home / "ledger.db"

    @property
    def catalog_path(self) -> Path:
        return self.home / "catalog.db"

    @property
    def event_log_path(self) -> Path:
        return self.home / "events.db"

    @property
    def audit_path(self) -> Path:
        return self.home / "audit.db"

    @property
    def resolved_key_file(self) -> Path:
        return self.key_file or (self.home / "keys" / "master.json")
