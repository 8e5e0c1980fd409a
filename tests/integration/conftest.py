"""Real services for the integration suite: SeaweedFS and Kafka on free loopback ports, once per session.

The stack runs under a temporary home through ``csphub.stack`` — the same code as ``csphub stack up`` —
and is stopped at the end of the session whatever happened (also when start-up fails half-way).
Each test gets its own hub home (ledger, audit, connector state) and its own topic prefix, and the
landing bucket is emptied (delete markers; Object Lock keeps the bytes) before each test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from csphub.config import Settings
from csphub.events.kafka import KafkaEventBus
from csphub.events.topics import declared_topics
from csphub.hub import Hub
from csphub.stack import StackConfig, down, up
from csphub.stack.config import DEFAULT_FEEDS, SeaweedPorts
from csphub.stack.identities import local_secret
from csphub.stack.process import free_port
from csphub.storage.s3 import S3ObjectStore

FEEDS = list(DEFAULT_FEEDS)


def _ports() -> SeaweedPorts:
    return SeaweedPorts(*(free_port() for _ in range(8)))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackConfig]:
    home = tmp_path_factory.mktemp("stack-home")
    ports = _ports()
    kafka_port, controller_port = free_port(), free_port()
    settings = Settings(
        home=home,
        stack="local",
        s3_endpoint=f"http://127.0.0.1:{ports.s3}",
        kafka_bootstrap=f"127.0.0.1:{kafka_port}",
    )
    cfg = replace(
        StackConfig.from_settings(settings),
        seaweed=ports,
        kafka_port=kafka_port,
        kafka_controller_port=controller_port,
        kafka_heap="512m",
    )
    try:
        up(cfg, FEEDS)
        yield cfg
    finally:
        down(cfg)


@pytest.fixture
def hub_settings(stack: StackConfig, tmp_path: Path) -> Settings:
    return Settings(
        home=tmp_path / "hub",
        stack="local",
        s3_endpoint=stack.s3_endpoint,
        kafka_bootstrap=stack.kafka_bootstrap,
        topic_prefix=f"t{uuid.uuid4().hex[:10]}",
    )


@pytest.fixture
def hub(hub_settings: Settings, stack: StackConfig) -> Iterator[Hub]:
    """A hub on the real stack with its own topics (a fresh prefix) and an emptied landing bucket."""
    admin = hub_store(stack)
    for obj in list(admin.list("landing")):
        admin.delete("landing", obj.key)
    h = Hub.open(hub_settings)
    assert isinstance(h.bus, KafkaEventBus)
    h.bus.publish_timeout_s = 8.0
    h.bus.ensure_topics(declared_topics(hub_settings.topic_prefix, FEEDS))
    try:
        yield h
    finally:
        h.close()


def hub_store(stack: StackConfig) -> S3ObjectStore:
    s = stack.settings
    return S3ObjectStore.for_identity(stack.s3_endpoint, s.s3_access_key, s.s3_secret_key.get_secret_value())


def identity_store(stack: StackConfig, identity: str) -> S3ObjectStore:
    """A store acting as a partner or board identity, with its local-stack secret; no retries."""
    return S3ObjectStore.for_identity(stack.s3_endpoint, identity, local_secret(identity), max_attempts=1)


@pytest.fixture
def admin_store(stack: StackConfig) -> S3ObjectStore:
    return hub_store(stack)
