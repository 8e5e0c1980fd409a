"""The pull-connector protocol and the landing step every connector shares.

A connector lists a partner's export location and fetches each file it has not fetched before
(remembered by remote name and fingerprint). ``land_fetched`` then writes it once into
``landing/<partner>/<feed>/<name>`` and announces it with ``FileLanded(source="pull")``, in an order
where a crash at any point repeats work on the next run but never loses or doubles a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from connectors.state import ConnectorState
from csphub.errors import HubError, ObjectExists
from csphub.events import FileLanded
from csphub.events.topics import landing_topic
from csphub.hub import Hub

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


@dataclass(frozen=True)
class RemoteFile:
    name: str
    fingerprint: str  # what identifies this version of the file remotely (sha256, or size + mtime)
    size: int | None = None
    sha256: str | None = None


@dataclass
class PullReport:
    landed: list[str] = field(default_factory=list)
    unchanged: int = 0


class PullConnector(Protocol):
    name: ClassVar[str]
    partner: ClassVar[str]
    feed: ClassVar[str]

    def run(self, hub: Hub) -> PullReport: ...


def check_remote_name(name: str) -> str:
    """A remote file name is used as the last part of a landing key: plain names only."""
    if not _NAME.fullmatch(name) or ".." in name:
        raise HubError(f"unsafe remote file name {name!r}", stage="pull")
    return name


def land_fetched(
    hub: Hub, state: ConnectorState, connector: str, partner: str, feed: str, remote: RemoteFile, data: bytes
) -> str:
    """Write fetched bytes to landing once, announce them, remember the fetch. Returns the landing key."""
    sha = hashlib.sha256(data).hexdigest()
    if remote.sha256 and remote.sha256 != sha:
        raise HubError(f"{remote.name}: content does not match the index checksum", stage="pull", partner=partner)
    if remote.size is not None and remote.size != len(data):
        raise HubError(f"{remote.name}: size {len(data)} differs from the index ({remote.size})", stage="pull")
    key = f"{partner}/{feed}/{check_remote_name(remote.name)}"
    try:
        hub.store.put("landing", key, data, if_absent=True, metadata={"sha256": sha, "source": f"pull:{connector}"})
    except ObjectExists:
        if hashlib.sha256(hub.store.get("landing", key)).hexdigest() != sha:
            # the partner re-issued a file under the same name: land it beside, never over, the first
            stem, dot, ext = remote.name.rpartition(".")
            key = f"{partner}/{feed}/{stem or ext}--{sha[:12]}{dot + ext if stem else ''}"
            with contextlib.suppress(ObjectExists):  # landed by an earlier, interrupted run
                hub.store.put("landing", key, data, if_absent=True, metadata={"sha256": sha})
    record = hub.ledger.object("landing", key)
    if record is None or record.announced_at is None:
        event = FileLanded(partner=partner, feed=feed, key=key, size=len(data), sha256=sha, source="pull")
        hub.bus.publish(landing_topic(hub.settings.topic_prefix, partner, feed), event, key=key)
        if hub.ledger.mark_announced("landing", key, size=len(data)):
            hub.ledger.record_object("landing", key, size=len(data), sha256=sha)
            hub.audit.record("object.pulled", key, connector=connector, remote=remote.name, sha256=sha)
    state.record_fetch(connector, remote.name, remote.fingerprint, key, sha)
    return key
