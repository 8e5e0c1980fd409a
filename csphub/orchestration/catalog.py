"""The parse-time view of contracts and boards that the DAG files are generated from.

DAG files are parsed every few seconds, so this reads only the YAML and the pydantic models — no Avro
schemas, no pyarrow, no DuckDB planning (``ContractRegistry.load`` does all that and is for run time).
The result is cached per process and re-read when a contract or board file changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from csphub.boards.model import Board
from csphub.contracts.model import Contract
from csphub.events.topics import landing_topic

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: parse time matters here

#: Days covered by one delivery period, for the delivery-deadline arithmetic.
PERIOD_DAYS: dict[str, int] = {"daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92}


@dataclass(frozen=True)
class FeedInfo:
    """One contracted feed as the DAGs need it."""

    id: str
    partner: str
    name: str
    title: str
    version: str
    status: str
    steward: str
    frequency: str
    latency_days: int
    landing_days: int
    quarantine_days: int
    trusted_days: int
    lake_days: int
    consumers: tuple[str, ...]

    @property
    def dag_id(self) -> str:
        return f"ingest_{self.partner}_{self.name}"

    @property
    def prefix(self) -> str:
        """Landing / quarantine / trusted key prefix of the feed."""
        return f"{self.partner}/{self.name}/"

    @property
    def due_within_days(self) -> int:
        """Longest gap between two deliveries that keeps to the contract (period + latency)."""
        return PERIOD_DAYS[self.frequency] + self.latency_days

    def landing_topic(self, topic_prefix: str) -> str:
        return landing_topic(topic_prefix, self.partner, self.name)


@dataclass(frozen=True)
class BoardInfo:
    id: str
    title: str
    description: str
    datasets: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def dag_id(self) -> str:
        return f"publish_{self.id}"


@dataclass(frozen=True)
class Catalog:
    feeds: tuple[FeedInfo, ...]
    boards: tuple[BoardInfo, ...]

    def feed(self, feed_id: str) -> FeedInfo:
        for f in self.feeds:
            if f.id == feed_id:
                return f
        raise KeyError(f"no contract {feed_id!r} (known: {[f.id for f in self.feeds]})")

    def boards_reading(self, feed_id: str) -> list[BoardInfo]:
        return [b for b in self.boards if feed_id in b.sources]


def trusted_asset_uri(feed_id: str) -> str:
    """The Airflow Asset of a feed's trusted (pseudonymised) data: one event per validated file."""
    partner, feed = feed_id.split(".", 1)
    return f"csphub://trusted/{partner}/{feed}"


def lake_asset_uri(board: str, dataset: str) -> str:
    return f"csphub://lake/{board}/{dataset}"


def landing_asset_uri(kafka_bootstrap: str, topic: str) -> str:
    """The Kafka provider's asset URI form: ``kafka://<first bootstrap server>/<topic>``."""
    return f"kafka://{kafka_bootstrap.split(',')[0].strip()}/{topic}"


def load_catalog(contracts_dir: Path) -> Catalog:
    """The catalog for ``contracts_dir``, re-read only when one of its YAML files changed."""
    paths = sorted(contracts_dir.glob("*/*.yaml"))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in paths)
    return _load(contracts_dir, stamp)


@lru_cache(maxsize=4)
def _load(contracts_dir: Path, stamp: tuple[tuple[str, int], ...]) -> Catalog:
    feeds: list[FeedInfo] = []
    boards: list[BoardInfo] = []
    for name, _mtime in stamp:
        path = Path(name)
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
        if path.parent.name == "boards":
            board = Board.model_validate(raw)
            boards.append(
                BoardInfo(
                    id=board.id,
                    title=board.title,
                    description=board.description.strip(),
                    datasets=tuple(d.name for d in board.datasets),
                    sources=tuple(board.sources()),
                )
            )
        elif path.parent.name != "reference":
            c = Contract.model_validate(raw)
            r = c.governance.retention
            feeds.append(
                FeedInfo(
                    id=c.id,
                    partner=c.partner,
                    name=c.feed,
                    title=c.title,
                    version=c.version,
                    status=c.status,
                    steward=c.steward_role,
                    frequency=c.delivery.frequency,
                    latency_days=c.delivery.latency_days,
                    landing_days=r.landing_days,
                    quarantine_days=r.quarantine_days,
                    trusted_days=r.trusted_days,
                    lake_days=r.lake_days,
                    consumers=tuple(c.governance.consumers),
                )
            )
    return Catalog(tuple(sorted(feeds, key=lambda f: f.id)), tuple(sorted(boards, key=lambda b: b.id)))
