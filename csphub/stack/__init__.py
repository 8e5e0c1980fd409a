"""The local stack: SeaweedFS (S3) and Kafka on 127.0.0.1, started and stopped by pid file.

``up`` is idempotent (a running service is kept), waits until each service really answers, then
creates the buckets, identities and declared topics. ``down`` stops exactly the processes ``up``
started. State, pid files and logs live under ``<home>/stack``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csphub.config import Settings
from csphub.events.topics import declared_topics
from csphub.stack import kafka, seaweedfs
from csphub.stack.config import DEFAULT_FEEDS, SeaweedPorts, StackConfig
from csphub.stack.process import StackError

__all__ = [
    "DEFAULT_FEEDS",
    "SeaweedPorts",
    "ServiceStatus",
    "StackConfig",
    "StackError",
    "down",
    "ensure_topics",
    "feeds_for",
    "status",
    "up",
]


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    address: str
    pid: int | None
    healthy: bool
    detail: str
    started: bool = False  # True when this call started it (False: it was already running)


def feeds_for(settings: Settings) -> list[tuple[str, str]]:
    """The (partner, feed) pairs of the contract registry, or the default list if none loads."""
    try:
        from csphub.contracts.registry import ContractRegistry

        return list(ContractRegistry.load(settings.contracts_dir, settings.schemas_dir).feed_pairs())
    except Exception:  # no contracts yet (fresh checkout, tests): the seven first feeds
        return list(DEFAULT_FEEDS)


def ensure_topics(cfg: StackConfig, feeds: Sequence[tuple[str, str]] | None = None) -> list[str]:
    from csphub.events.kafka import KafkaEventBus

    specs = declared_topics(cfg.settings.topic_prefix, list(feeds if feeds is not None else cfg.feeds))
    bus = KafkaEventBus(cfg.kafka_bootstrap, client_id="csphub-stack")
    try:
        bus.ensure_topics(specs)
    finally:
        bus.close()
    return [t.name for t in specs]


def up(cfg: StackConfig, feeds: Sequence[tuple[str, str]] | None = None) -> list[ServiceStatus]:
    """Start what is not running, wait for both services, create buckets and topics."""
    cfg.stack_dir.mkdir(parents=True, exist_ok=True)
    out = []
    was = seaweedfs.service(cfg).pid()
    pid = seaweedfs.start(cfg)
    out.append(ServiceStatus("seaweedfs", cfg.s3_endpoint, pid, True, "buckets ready", started=was is None))
    was = kafka.service(cfg).pid()
    pid = kafka.start(cfg)
    topics = ensure_topics(cfg, feeds)
    out.append(
        ServiceStatus("kafka", cfg.kafka_bootstrap, pid, True, f"{len(topics)} topics ready", started=was is None)
    )
    return out


def down(cfg: StackConfig) -> list[tuple[str, bool]]:
    """Stop Kafka, then SeaweedFS; each entry says whether it was running."""
    return [("kafka", kafka.stop(cfg)), ("seaweedfs", seaweedfs.stop(cfg))]


def status(cfg: StackConfig) -> list[ServiceStatus]:
    out = []
    for name, mod, address in (
        ("seaweedfs", seaweedfs, cfg.s3_endpoint),
        ("kafka", kafka, cfg.kafka_bootstrap),
    ):
        pid = mod.service(cfg).pid()
        ok, detail = mod.healthy(cfg) if pid is not None else (False, "not running")
        out.append(ServiceStatus(name, address, pid, ok, detail))
    return out
