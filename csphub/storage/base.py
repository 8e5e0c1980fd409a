"""The object-store interface every stage uses; the local folder and S3 fill it in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from csphub.errors import StorageError

#: The zones of the hub, one bucket each: raw partner drops, failed rows, pseudonymised feeds, curated lake.
BUCKETS: tuple[str, ...] = ("landing", "quarantine", "trusted", "lake")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ObjectInfo:
    bucket: str
    key: str
    size: int
    last_modified: datetime
    etag: str | None = None


def check_key(key: str) -> str:
    """Refuse object keys that could escape their prefix or hide in logs.

    Raises StorageError for empty keys, absolute paths, ``..`` or ``.`` segments, backslashes and
    control characters. Returns the key unchanged when it is safe.
    """
    if not key or key.startswith("/") or "\\" in key or _CONTROL.search(key):
        raise StorageError(f"unsafe object key {key!r}", stage="storage")
    parts = key.split("/")
    if any(p in ("", ".", "..") for p in parts[:-1]) or parts[-1] in ("", ".", ".."):
        raise StorageError(f"unsafe object key {key!r}", stage="storage")
    return key


@runtime_checkable
class ObjectStore(Protocol):
    """Bucket/key object storage with atomic whole-object writes.

    A ``put`` is all-or-nothing: a reader never sees a partly written object. ``if_absent=True``
    makes the put conditional (create-only); it raises ObjectExists when the key is already there.
    """

    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        if_absent: bool = False,
        metadata: dict[str, str] | None = None,
    ) -> None: ...

    def get(self, bucket: str, key: str) -> bytes: ...

    def head(self, bucket: str, key: str) -> ObjectInfo | None: ...

    def list(self, bucket: str, prefix: str = "") -> Iterator[ObjectInfo]: ...

    def delete(self, bucket: str, key: str) -> None: ...

    def uri(self, bucket: str, key: str = "") -> str:
        """A URI that pyarrow/pyiceberg/DuckDB understand for this object (file:// or s3://)."""
        ...
