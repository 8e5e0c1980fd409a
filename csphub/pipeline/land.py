"""Land a partner file: put it in ``landing/<partner>/<feed>/<name>`` and announce it with FileLanded."""

from __future__ import annotations

import hashlib

from csphub.errors import ObjectExists, StorageError
from csphub.events import FileLanded
from csphub.events.topics import landing_topic
from csphub.hub import Hub


def land_file(hub: Hub, partner: str, feed: str, name: str, data: bytes, *, source: str = "cli") -> str:
    """Write a new landing object and announce it; returns its key.

    A landing object is never overwritten: delivering different content under an existing name is
    refused (partners deliver corrections as new files). The same content again is a no-op.
    """
    hub.contracts.get(partner, feed)  # unknown feeds fail here with the list of known ones
    key = f"{partner}/{feed}/{name}"
    try:
        hub.store.put("landing", key, data, if_absent=True)
    except ObjectExists:
        if hashlib.sha256(hub.store.get("landing", key)).hexdigest() != hashlib.sha256(data).hexdigest():
            raise StorageError(
                "a different file already landed under this name; deliver corrections as a new file",
                stage="land",
                partner=partner,
                feed=feed,
                file=key,
            ) from None
        return key
    announce(hub, key, size=len(data), sha256=hashlib.sha256(data).hexdigest(), source=source)
    return key


def announce(hub: Hub, key: str, *, size: int, sha256: str | None = None, source: str = "drop") -> bool:
    """Publish FileLanded for a landing key unless it was announced before. True if published.

    The event goes out before the ledger records the announcement: a crash in between repeats the
    announcement (harmless: ingest is idempotent by checksum) rather than losing it.
    """
    if (rec := hub.ledger.object("landing", key)) is not None and rec.announced_at is not None:
        return False
    partner, feed, _name = key.split("/", 2)
    hub.bus.publish(
        landing_topic(hub.settings.topic_prefix, partner, feed),
        FileLanded(partner=partner, feed=feed, key=key, size=size, sha256=sha256, source=source),
        key=key,
    )
    hub.ledger.mark_announced("landing", key, size=size)
    hub.audit.record("file.landed", key, size=size, source=source)
    return True
