"""Housekeeping DAG: retention per contract, delivery deadlines and the contract-compatibility gate."""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, task

from csphub.config import Settings
from csphub.orchestration.catalog import load_catalog
from csphub.orchestration.dagdefaults import HUB_OWNER, START, deadline, default_args, open_hub
from csphub.orchestration.dagdocs import HOUSEKEEPING_DOC

DAG_ID = "housekeeping"
_catalog = load_catalog(Settings().contracts_dir)

with DAG(
    dag_id=DAG_ID,
    description="Retention per contract, delivery deadlines, contract gate",
    schedule="@daily",
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(HUB_OWNER),
    tags=["housekeeping", *sorted({f"partner:{f.partner}" for f in _catalog.feeds})],
    doc_md=HOUSEKEEPING_DOC,
    deadline=deadline(DAG_ID, minutes=120),
):

    @task
    def retention() -> dict[str, Any]:
        """Delete what each contract's retention says is past its time; republish affected boards."""
        from csphub.orchestration.housekeeping import apply_retention

        with open_hub() as hub:
            report = apply_retention(hub, load_catalog(hub.settings.contracts_dir))
        for line in report.lines():
            print(line)
        return report.as_dict()

    @task
    def deliveries() -> list[str]:
        """Feeds whose last processed delivery is older than the contract's period plus latency."""
        from csphub.orchestration.housekeeping import overdue_deliveries

        with open_hub() as hub:
            late = overdue_deliveries(hub, load_catalog(hub.settings.contracts_dir).feeds)
            for o in late:
                hub.audit.record("delivery.overdue", o.feed, steward=o.steward)
        lines = [o.line() for o in late]
        for line in lines or ["every active feed delivered within its contract"]:
            print(line)
        return lines

    @task
    def contract_gate() -> list[str]:
        """The schema compatibility gate over contracts/; fails when a contract breaks it."""
        from csphub.orchestration.housekeeping import contract_gate as gate

        settings = Settings()
        result = gate(settings.contracts_dir, settings.schemas_dir)
        for line in result.notices:
            print(line)
        if not result.ok:
            raise RuntimeError("contract gate failed:\n  " + "\n  ".join(result.problems))
        return result.notices

    contract_gate()
    retention()
    deliveries()
