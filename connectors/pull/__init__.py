"""Pull connectors: one module per partner source, registered once in ``CONNECTORS``."""

from __future__ import annotations

from connectors.pull.base import PullConnector, PullReport, RemoteFile
from connectors.pull.probation_https import ProbationHttps

#: connector name (as in a contract's ``delivery.connector``) -> implementation
CONNECTORS: dict[str, type[PullConnector]] = {
    ProbationHttps.name: ProbationHttps,
}

__all__ = ["CONNECTORS", "PullConnector", "PullReport", "RemoteFile", "get_connector"]


def get_connector(name: str) -> type[PullConnector]:
    try:
        return CONNECTORS[name]
    except KeyError:
        from csphub.errors import ConfigError

        raise ConfigError(f"unknown pull connector {name!r} (known: {sorted(CONNECTORS)})", stage="pull") from None
