"""Deadline alerts: what happens when a DAG run is still unfinished past its deadline.

Airflow 3 replaced task SLAs with deadline alerts. Each hub DAG declares one (queued-at + interval,
interval from the run's expected duration); when it is missed, the triggerer calls ``run_overdue``,
which logs it and records it in the hub's audit trail, where the operators' daily report reads it.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


async def run_overdue(context: Any = None, *, dag_id: str, interval_minutes: int, **_: Any) -> None:
    """Record that a run of ``dag_id`` has not finished ``interval_minutes`` after it was queued."""
    from csphub.audit import AuditTrail
    from csphub.config import Settings

    run_id = _run_id(context)
    log.warning("%s run %s is still unfinished %d minutes after it was queued", dag_id, run_id, interval_minutes)
    trail = AuditTrail(Settings().audit_path, actor="airflow")
    try:
        trail.record("dag.deadline_missed", dag_id, run_id=run_id, interval_minutes=interval_minutes)
    finally:
        trail.close()


def _run_id(context: Any) -> str:
    if isinstance(context, dict):
        dag_run = context.get("dag_run")
        if isinstance(dag_run, dict):
            return str(dag_run.get("run_id", "?"))
        return str(getattr(dag_run, "run_id", "?"))
    return "?"
