"""Object storage: one interface (`ObjectStore`), a local-folder and an S3 implementation."""

from __future__ import annotations

from csphub.config import Settings
from csphub.storage.base import BUCKETS, ObjectInfo, ObjectStore, check_key

__all__ = ["BUCKETS", "ObjectInfo", "ObjectStore", "check_key", "open_store"]


def open_store(settings: Settings) -> ObjectStore:
    """The hub's own object store for the configured stack."""
    if settings.stack == "embedded":
        from csphub.storage.local import LocalObjectStore

        return LocalObjectStore(settings.store_root)
    from csphub.storage.s3 import S3ObjectStore

    return S3ObjectStore.from_settings(settings)
