"""Airflow test setup: a private AIRFLOW_HOME (SQLite metadata DB) and the repository's dags/.

Airflow reads its configuration when first imported, so each Airflow test module imports this module
before anything from Airflow. The metadata DB is migrated once per session, only for tests that run
DAGs. Airflow is the ``airflow`` extra; without it these tests are skipped with the install command.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from csphub.config import REPO_ROOT

AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="csphub-airflow-"))
atexit.register(shutil.rmtree, AIRFLOW_HOME, ignore_errors=True)
DAGS = REPO_ROOT / "dags"
AIRFLOW_ENV = {
    "AIRFLOW_HOME": str(AIRFLOW_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME / 'airflow.db'}",
}
os.environ.update(AIRFLOW_ENV)
pytest.importorskip("airflow.sdk", reason="Airflow is an optional extra: uv pip install -e '.[airflow]'")


def migrate_metadata_db() -> Path:
    """Create the metadata DB of this session's AIRFLOW_HOME (idempotent)."""
    airflow = Path(sys.executable).parent / "airflow"
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True, env={**os.environ, **AIRFLOW_ENV})
    return AIRFLOW_HOME / "airflow.db"
