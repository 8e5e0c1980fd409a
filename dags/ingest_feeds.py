"""Ingest DAGs: one per contracted feed, generated from ``contracts/<partner>/<feed>.yaml``.

Each DAG is scheduled on its feed's landing asset, whose watcher listens to the feed's Kafka landing
topic for FileLanded events. Adding a contract adds a DAG; nothing here changes.
"""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, Asset, AssetWatcher, TriggerRule, get_current_context, task

from csphub.config import Settings
from csphub.orchestration.catalog import FeedInfo, landing_asset_uri, load_catalog, trusted_asset_uri
from csphub.orchestration.dagdefaults import KAFKA_CONN_ID, START, deadline, default_args, open_hub
from csphub.orchestration.dagdocs import ingest_doc
from csphub.orchestration.trigger import FileLandedTrigger


def build(feed: FeedInfo, settings: Settings) -> DAG:
    topic = feed.landing_topic(settings.topic_prefix)
    trigger = FileLandedTrigger(topics=[topic], partner=feed.partner, feed=feed.name, kafka_config_id=KAFKA_CONN_ID)
    landing = Asset(
        name=f"landing.{feed.id}",
        uri=landing_asset_uri(settings.kafka_bootstrap, topic),
        group="landing",
        watchers=[AssetWatcher(name=f"{feed.dag_id}_watcher", trigger=trigger)],
    )
    trusted = Asset(name=f"trusted.{feed.id}", uri=trusted_asset_uri(feed.id), group="trusted")

    with DAG(
        dag_id=feed.dag_id,
        description=feed.title,
        schedule=[landing],
        start_date=START,
        catchup=False,
        max_active_runs=1,
        default_args=default_args(feed.steward),
        tags=["ingest", f"partner:{feed.partner}", *(f"board:{b}" for b in feed.consumers)],
        doc_md=ingest_doc(feed, topic),
        deadline=deadline(feed.dag_id, minutes=60),
    ) as dag:

        @task
        def find_pending() -> list[str]:
            """Keys named by the triggering events, plus every other unprocessed file of the feed."""
            from csphub.orchestration.ingest import announced_keys, pending_keys

            events = get_current_context()["triggering_asset_events"]
            payloads = [
                e.extra["payload"]
                for evs in events.values()
                for e in evs
                if e.extra.get("from_trigger") and isinstance(e.extra.get("payload"), dict)
            ]
            announced = announced_keys(payloads, partner=feed.partner, feed=feed.name)
            with open_hub() as hub:
                keys = pending_keys(hub, feed.partner, feed.name, announced)
            print(f"{len(payloads)} event(s) announced {announced}; {len(keys)} file(s) pending: {keys}")
            return keys

        @task(outlets=[trusted], map_index_template="{{ landing_key }}")
        def ingest_file(key: str) -> dict[str, Any]:
            """Claim, validate, pseudonymise and write one file to the trusted zone (idempotent by checksum)."""
            from csphub.orchestration.ingest import ingest_one

            context = get_current_context()
            context["landing_key"] = key  # type: ignore[typeddict-unknown-key]
            with open_hub() as hub:
                outcome = ingest_one(hub, key)
            context["outlet_events"][trusted].extra = {
                k: outcome.get(k) for k in ("key", "status", "sha256", "rows_published", "trusted_key")
            }
            return outcome

        @task(trigger_rule=TriggerRule.ALL_DONE)
        def summarise(keys: list[str], outcomes: list[dict[str, Any] | None]) -> dict[str, Any]:
            """Totals of the run; fails naming any file that has no outcome."""
            from csphub.orchestration.ingest import summarise as totals

            summary = totals(keys, list(outcomes or []))
            for line in summary.lines():
                print(line)
            if summary.unfinished:
                raise RuntimeError(f"{len(summary.unfinished)} file(s) not processed: {summary.unfinished}")
            return summary.as_dict()

        keys = find_pending()
        summarise(keys, ingest_file.expand(key=keys))
    return dag


_settings = Settings()
for _feed in load_catalog(_settings.contracts_dir).feeds:
    globals()[_feed.dag_id] = build(_feed, _settings)
