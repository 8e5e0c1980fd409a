"""Settings every hub DAG shares: retries with backoff, owners, tags, deadlines, the hub in a task.

Imported by the DAG files at parse time, so it imports nothing heavy; ``open_hub`` is for task bodies.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from csphub.config import Settings

if TYPE_CHECKING:
    from csphub.hub import Hub

#: A fixed start date in the past: with ``catchup=False`` it only anchors cron schedules.
START = datetime(2025, 1, 1)
HUB_OWNER = "hub-data-engineering"
KAFKA_CONN_ID = "csphub_kafka"
S3_CONN_ID = "csphub_s3"


def default_args(owner: str, *, retries: int = 3) -> dict[str, Any]:
    """Retries with exponential backoff (30 s, 1 min, 2 min … at most 15 min); tasks are idempotent."""
    return {
        "owner": owner,
        "retries": retries,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=15),
        "execution_timeout": timedelta(hours=2),
    }


def deadline(dag_id: str, minutes: int) -> Any:
    """A deadline alert: the run should finish ``minutes`` after it was queued, else it is recorded."""
    from airflow.sdk.definitions.callback import AsyncCallback
    from airflow.sdk.definitions.deadline import DeadlineAlert, DeadlineReference

    from csphub.orchestration.alerts import run_overdue

    return DeadlineAlert(
        reference=DeadlineReference.DAGRUN_QUEUED_AT,
        interval=timedelta(minutes=minutes),
        callback=AsyncCallback(run_overdue, kwargs={"dag_id": dag_id, "interval_minutes": minutes}),
    )


@contextmanager
def open_hub() -> Iterator[Hub]:
    """The hub for a task, from the ``CSPHUB_*`` environment of the Airflow worker."""
    from csphub.hub import Hub

    with Hub.open(Settings()) as hub:
        yield hub
