"""Start, stop and inspect a local Airflow 3 (api-server, scheduler, dag-processor, triggerer).

State lives in ``<CSPHUB_HOME>/airflow`` (AIRFLOW_HOME: SQLite metadata DB, logs, generated admin
password). The DAGs folder is the repository's ``dags/``. The executor is the LocalExecutor, which
Airflow 3.3 supports on SQLite. Connections come from the hub's settings as ``AIRFLOW_CONN_*``
environment variables of the components, so no secret is written to a DAG file or the metadata DB.
Each component runs in its own process group with a pid file; ``down`` stops exactly those.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from csphub.config import REPO_ROOT, Settings
from csphub.orchestration.dagdefaults import KAFKA_CONN_ID, S3_CONN_ID
from csphub.stack.process import Service, StackError, port_open

HOST = "127.0.0.1"
ADMIN = "admin"
#: The Kafka consumer group of the ingest DAGs' watchers (the hub's own consumer uses another).
WATCHER_GROUP = "csphub-airflow-watchers"
#: component -> its command line; the marker that identifies its process (the api-server retitles itself
#: "airflow api_server -- host:…", so markers are matched on that prefix)
MARKERS: dict[str, str] = {
    "api-server": "airflow api",
    "scheduler": "airflow scheduler",
    "dag-processor": "airflow dag-processor",
    "triggerer": "airflow triggerer",
}
COMPONENTS: dict[str, list[str]] = {
    "api-server": ["api-server", "--host", HOST, "--workers", "1"],
    "scheduler": ["scheduler", "--skip-serve-logs"],
    "dag-processor": ["dag-processor"],
    "triggerer": ["triggerer", "--skip-serve-logs"],
}


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    pid: int | None
    started: bool = False


@dataclass
class AirflowLocal:
    """The local Airflow of a hub home."""

    settings: Settings
    port: int = 8080
    dags_folder: Path = REPO_ROOT / "dags"
    parallelism: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def home(self) -> Path:
        return self.settings.home / "airflow"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def password_file(self) -> Path:
        return self.home / "simple_auth_manager_passwords.json.generated"

    def service(self, name: str) -> Service:
        return Service(f"airflow-{name}", self.home / "run", marker=MARKERS[name])

    def env(self) -> dict[str, str]:
        """The environment of every component: Airflow config, connections, and the hub's settings."""
        s = self.settings
        kafka = {
            "bootstrap.servers": s.kafka_bootstrap,
            "group.id": WATCHER_GROUP,
            "enable.auto.commit": "false",
            "auto.offset.reset": "earliest",
        }
        s3 = {
            "conn_type": "aws",
            "login": s.s3_access_key,
            "password": s.s3_secret_key.get_secret_value(),
            "extra": {"endpoint_url": s.s3_endpoint, "region_name": s.s3_region},
        }
        env = {
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags_folder),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": str(self.parallelism),
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN}:admin",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.url}/execution/",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{self.home / 'airflow.db'}",
            "AIRFLOW__API__HOST": HOST,
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__BASE_URL": self.url,
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "15",
            "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "30",
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
            # two cores run all four components and the tasks: give the execution API time to answer
            "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": "30",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(self.home / "logs"),
            f"AIRFLOW_CONN_{KAFKA_CONN_ID.upper()}": json.dumps({"conn_type": "kafka", "extra": kafka}),
            f"AIRFLOW_CONN_{S3_CONN_ID.upper()}": json.dumps(s3),
            "CSPHUB_HOME": str(s.home),
            "CSPHUB_STACK": s.stack,
            "CSPHUB_CONTRACTS_DIR": str(s.contracts_dir),
            "CSPHUB_SCHEMAS_DIR": str(s.schemas_dir),
            "CSPHUB_S3_ENDPOINT": s.s3_endpoint,
            "CSPHUB_S3_REGION": s.s3_region,
            "CSPHUB_S3_ACCESS_KEY": s.s3_access_key,
            "CSPHUB_S3_SECRET_KEY": s.s3_secret_key.get_secret_value(),
            "CSPHUB_KAFKA_BOOTSTRAP": s.kafka_bootstrap,
            "CSPHUB_TOPIC_PREFIX": s.topic_prefix,
        }
        return {**env, **self.extra_env}

    def _airflow(self) -> str:
        beside = Path(sys.executable).parent / "airflow"
        if beside.exists():
            return str(beside)
        raise StackError(
            "Airflow is not installed in this environment: run "
            "`uv pip install -e '.[airflow]'` (or scripts/setup.sh --dev)",
            stage="airflow",
        )

    def migrate(self) -> None:
        """Create or upgrade the metadata DB (idempotent)."""
        self.home.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(  # noqa: S603 - fixed argv
            [self._airflow(), "db", "migrate"],
            env={**os.environ, **self.env()},
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            raise StackError(f"airflow db migrate failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}", stage="airflow")

    def up(self, *, timeout_s: float = 120.0) -> list[ComponentStatus]:
        """Start whatever is not running and wait until the API answers. Idempotent."""
        if self.service("api-server").pid() is None and port_open(HOST, self.port):
            raise StackError(f"port {self.port} on {HOST} is taken by another process", stage="airflow")
        self.migrate()
        out = []
        for name, args in COMPONENTS.items():
            svc = self.service(name)
            if (pid := svc.pid()) is not None:
                out.append(ComponentStatus(name, pid))
                continue
            pid = svc.start([self._airflow(), *args], cwd=self.home, env=self.env())
            out.append(ComponentStatus(name, pid, started=True))
        self.wait_ready(timeout_s=timeout_s)
        return out

    def wait_ready(self, *, timeout_s: float) -> None:
        from csphub.airflow_local.api import AirflowApi

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for name in COMPONENTS:
                if self.service(name).exited_early():
                    svc = self.service(name)
                    raise StackError(f"airflow {name} exited during start-up:\n{svc.tail(30)}", stage="airflow")
            if AirflowApi(self.url).healthy():
                return
            time.sleep(1.0)
        raise StackError(f"Airflow did not answer on {self.url} within {timeout_s:.0f}s", stage="airflow")

    def down(self) -> list[tuple[str, bool]]:
        """Stop exactly the components ``up`` started (by pid file); True for each that was running."""
        return [(name, self.service(name).stop(grace_s=15.0)) for name in reversed(COMPONENTS)]

    def status(self) -> list[ComponentStatus]:
        return [ComponentStatus(name, self.service(name).pid()) for name in COMPONENTS]

    def admin_password(self) -> str | None:
        """The admin password the simple auth manager generated on first start."""
        try:
            return str(json.loads(self.password_file.read_text())[ADMIN])
        except (FileNotFoundError, KeyError, json.JSONDecodeError):
            return None
