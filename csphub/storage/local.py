"""Embedded object store: a folder per bucket, same keys as S3, atomic writes by rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from csphub.errors import ObjectExists, ObjectNotFound, StorageError
from csphub.storage.base import BUCKETS, ObjectInfo, check_key


class LocalObjectStore:
    """Stores ``bucket/key`` as ``root/bucket/key``. Metadata is not kept (S3 keeps it)."""

    def __init__(self, root: Path, buckets: tuple[str, ...] = BUCKETS) -> None:
        self.root = root
        for bucket in buckets:
            (root / bucket).mkdir(parents=True, exist_ok=True)

    def _path(self, bucket: str, key: str) -> Path:
        if not (self.root / bucket).is_dir():
            raise StorageError(f"no such bucket {bucket!r}", stage="storage")
        return self.root / bucket / check_key(key)

    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        if_absent: bool = False,
        metadata: dict[str, str] | None = None,
    ) -> None:
        path = self._path(bucket, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if if_absent:
                try:
                    os.link(tmp, path)  # atomic create-only
                except FileExistsError:
                    raise ObjectExists(f"{bucket}/{key} already exists", stage="storage") from None
            else:
                os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def get(self, bucket: str, key: str) -> bytes:
        path = self._path(bucket, key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise ObjectNotFound(f"{bucket}/{key} not found", stage="storage") from None

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        path = self._path(bucket, key)
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return ObjectInfo(bucket, key, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC))

    def list(self, bucket: str, prefix: str = "") -> Iterator[ObjectInfo]:
        base = self.root / bucket
        if not base.is_dir():
            raise StorageError(f"no such bucket {bucket!r}", stage="storage")
        found = []
        for dirpath, _dirs, files in os.walk(base):
            for name in files:
                if name.startswith(".tmp-"):
                    continue
                full = Path(dirpath) / name
                key = full.relative_to(base).as_posix()
                if key.startswith(prefix):
                    st = full.stat()
                    found.append(ObjectInfo(bucket, key, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC)))
        yield from sorted(found, key=lambda o: o.key)

    def delete(self, bucket: str, key: str) -> None:
        path = self._path(bucket, key)
        path.unlink(missing_ok=True)

    def uri(self, bucket: str, key: str = "") -> str:
        base = (self.root / bucket).resolve().as_uri()
        return f"{base}/{key}" if key else base
