"""Apache Kafka for the local stack: one KRaft node (broker + controller) run from the Maven jars.

The jars are resolved once by ``scripts/install_infra.sh`` (Maven, ``infra/kafka/pom.xml``) into
``var/kafka-libs``. The log directory is formatted with a fresh cluster id on first start only; a
restart reuses it, so topics and committed offsets survive ``stack down``/``stack up``. Start-up is
done when a metadata request to the broker succeeds.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import time
import uuid

from csphub.config import REPO_ROOT
from csphub.stack.config import HOST, StackConfig
from csphub.stack.process import Service, StackError, port_open

LOG4J_CONFIG = REPO_ROOT / "infra" / "kafka" / "log4j2.properties"


def service(cfg: StackConfig) -> Service:
    return Service("kafka", cfg.stack_dir, marker=str(cfg.kafka_dir / "server.properties"))


def server_properties(cfg: StackConfig) -> str:
    c = cfg.kafka_controller_port
    props = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@{HOST}:{c}",
        "listeners": f"PLAINTEXT://{HOST}:{cfg.kafka_port},CONTROLLER://{HOST}:{c}",
        "advertised.listeners": f"PLAINTEXT://{HOST}:{cfg.kafka_port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": str(cfg.kafka_dir / "data"),
        "num.partitions": "1",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "5",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        # topics are created by the hub from the declared list, never by a stray producer
        "auto.create.topics.enable": "false",
    }
    return "".join(f"{k}={v}\n" for k, v in props.items())


def _java() -> str:
    java = shutil.which("java")
    if not java:
        raise StackError("java not found on PATH (Java 17+ runs the Kafka broker)", stage="stack")
    return java


def _classpath(cfg: StackConfig) -> str:
    if not any(cfg.kafka_libs.glob("kafka_2.13-*.jar")):
        raise StackError(
            f"Kafka jars missing in {cfg.kafka_libs}: run scripts/install_infra.sh (make setup)", stage="stack"
        )
    return f"{cfg.kafka_libs}/*"


def _format_if_needed(cfg: StackConfig) -> None:
    data = cfg.kafka_dir / "data"
    if (data / "meta.properties").exists():
        return
    data.mkdir(parents=True, exist_ok=True)
    cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    cmd = [_java(), "-cp", _classpath(cfg), "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c"]
    cmd.append(str(cfg.kafka_dir / "server.properties"))
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    if done.returncode != 0:
        raise StackError(f"kafka storage format failed: {done.stdout}{done.stderr}", stage="stack")


def start(cfg: StackConfig, *, timeout_s: float = 90.0) -> int:
    """Start the broker (or keep the running one) and wait until it answers a metadata request."""
    svc = service(cfg)
    pid = svc.pid()
    if pid is None:
        for port in (cfg.kafka_port, cfg.kafka_controller_port):
            if port_open(HOST, port):
                raise StackError(f"port {port} is taken by another process", stage="stack")
        cfg.kafka_dir.mkdir(parents=True, exist_ok=True)
        (cfg.kafka_dir / "server.properties").write_text(server_properties(cfg))
        _format_if_needed(cfg)
        pid = svc.start(
            [
                _java(),
                "-Xms256m",
                f"-Xmx{cfg.kafka_heap}",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
                "-cp",
                _classpath(cfg),
                "kafka.Kafka",
                str(cfg.kafka_dir / "server.properties"),
            ]
        )
    wait_ready(cfg, timeout_s=timeout_s)
    return pid


def stop(cfg: StackConfig) -> bool:
    return service(cfg).stop(grace_s=30.0)


def healthy(cfg: StackConfig) -> tuple[bool, str]:
    try:
        brokers = _describe(cfg)
    except Exception as exc:  # kafka-python raises many types for an absent broker
        return False, f"{type(exc).__name__}: {exc}"
    return True, f"{brokers} broker(s)"


def _describe(cfg: StackConfig) -> int:
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(
        bootstrap_servers=cfg.kafka_bootstrap, request_timeout_ms=3000, client_id="csphub-stack-probe"
    )
    try:
        return len(admin.describe_cluster()["brokers"])
    finally:
        admin.close()


def wait_ready(cfg: StackConfig, *, timeout_s: float) -> None:
    svc = service(cfg)
    deadline = time.monotonic() + timeout_s
    last = ""
    while time.monotonic() < deadline:
        if svc.exited_early():
            raise StackError(f"Kafka exited during start-up; log {svc.log_file}:\n{svc.tail()}", stage="stack")
        if port_open(HOST, cfg.kafka_port):
            ok, last = healthy(cfg)
            if ok:
                return
        time.sleep(0.3)
    raise StackError(f"Kafka did not answer within {timeout_s:.0f}s: {last}", stage="stack")
