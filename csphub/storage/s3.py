"""S3 object store (SeaweedFS locally, AWS S3 in production) behind the ObjectStore interface.

boto3 is imported here only, so ``import csphub`` stays light. Errors from botocore become the hub's
storage errors: a refused request is a StorageError whose reason names the S3 error code (e.g.
``AccessDenied``), a missing key is ObjectNotFound, an unreachable endpoint is a StorageError that says
so. ``put(if_absent=True)`` is an atomic conditional create (``If-None-Match: *``), which both SeaweedFS
4.x and AWS S3 honour; only against a server that answers 501 to that header does it fall back to
head-then-put, where a concurrent writer can slip in between the two calls.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from csphub.errors import ObjectExists, ObjectNotFound, StorageError
from csphub.storage.base import ObjectInfo, check_key

if TYPE_CHECKING:
    from csphub.config import Settings

_NOT_FOUND = {"NoSuchKey", "404", "NotFound"}
_EXISTS = {"PreconditionFailed", "412", "ConditionalRequestConflict"}


@dataclass(frozen=True)
class ObjectVersion:
    key: str
    version_id: str
    size: int
    last_modified: datetime
    etag: str | None
    is_latest: bool


class S3ObjectStore:
    """Buckets and keys on an S3 endpoint, with one identity's credentials."""

    def __init__(
        self,
        endpoint: str | None,
        access_key: str,
        secret_key: str,
        *,
        region: str = "eu-west-2",
        max_attempts: int = 3,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 60.0,
    ) -> None:
        self.endpoint = endpoint
        self.access_key = access_key
        self.region = region
        self.client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name=region,
            config=Config(
                s3={"addressing_style": "path"},
                retries={"max_attempts": max_attempts, "mode": "standard"},
                connect_timeout=connect_timeout_s,
                read_timeout=read_timeout_s,
                # only send/verify checksums where the API requires them (SeaweedFS and older S3s)
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )
        self._conditional_puts = True

    @classmethod
    def from_settings(cls, settings: Settings) -> S3ObjectStore:
        """The hub's processing identity (admin of landing, quarantine, trusted and lake)."""
        return cls(
            settings.s3_endpoint,
            settings.s3_access_key,
            settings.s3_secret_key.get_secret_value(),
            region=settings.s3_region,
        )

    @classmethod
    def for_identity(
        cls, endpoint: str, access_key: str, secret_key: str, *, region: str = "eu-west-2", max_attempts: int = 3
    ) -> S3ObjectStore:
        """A store acting as another identity (a partner writer or a board reader)."""
        return cls(endpoint, access_key, secret_key, region=region, max_attempts=max_attempts)

    # -- ObjectStore --------------------------------------------------------------------------
    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        if_absent: bool = False,
        metadata: dict[str, str] | None = None,
    ) -> None:
        check_key(key)
        args: dict[str, Any] = {"Bucket": bucket, "Key": key, "Body": data, "Metadata": metadata or {}}
        if if_absent and not self._conditional_puts:
            if self.head(bucket, key) is not None:  # racy fallback, see module docstring
                raise ObjectExists(f"{bucket}/{key} already exists", stage="storage", file=key)
        elif if_absent:
            args["IfNoneMatch"] = "*"
        try:
            self.client.put_object(**args)
        except ClientError as exc:
            code = _code(exc)
            if if_absent and code in _EXISTS:
                raise ObjectExists(f"{bucket}/{key} already exists", stage="storage", file=key) from None
            if if_absent and code in {"NotImplemented", "501"} and self._conditional_puts:
                self._conditional_puts = False
                self.put(bucket, key, data, if_absent=True, metadata=metadata)
                return
            raise _storage_error(exc, "put", bucket, key) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "put", bucket, key) from None

    def get(self, bucket: str, key: str) -> bytes:
        try:
            body = self.client.get_object(Bucket=bucket, Key=key)["Body"]
            try:
                return bytes(body.read())
            finally:
                body.close()
        except ClientError as exc:
            raise _storage_error(exc, "get", bucket, key) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "get", bucket, key) from None

    def get_version(self, bucket: str, key: str, version_id: str) -> bytes:
        """One stored version of an object (the landing bucket is versioned)."""
        try:
            return bytes(self.client.get_object(Bucket=bucket, Key=key, VersionId=version_id)["Body"].read())
        except ClientError as exc:
            raise _storage_error(exc, "get", bucket, key) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "get", bucket, key) from None

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        try:
            r = self.client.head_object(Bucket=bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in _NOT_FOUND:
                return None
            raise _storage_error(exc, "head", bucket, key) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "head", bucket, key) from None
        return ObjectInfo(bucket, key, int(r["ContentLength"]), r["LastModified"], _etag(r.get("ETag")))

    def list(self, bucket: str, prefix: str = "") -> Iterator[ObjectInfo]:
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for page in pages:
                for o in page.get("Contents", []):
                    yield ObjectInfo(bucket, o["Key"], int(o["Size"]), o["LastModified"], _etag(o.get("ETag")))
        except ClientError as exc:
            raise _storage_error(exc, "list", bucket, prefix) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "list", bucket, prefix) from None

    def list_versions(self, bucket: str, prefix: str = "") -> Iterator[ObjectVersion]:
        """Every stored version (delete markers left out), newest first within each key, as S3 lists them.

        Timestamps have one-second resolution and version ids are opaque, so the server's order is the
        only reliable one.
        """
        found: builtins.list[ObjectVersion] = []
        try:
            for page in self.client.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
                for v in page.get("Versions", []):
                    found.append(
                        ObjectVersion(
                            v["Key"],
                            str(v["VersionId"]),
                            int(v["Size"]),
                            v["LastModified"],
                            _etag(v.get("ETag")),
                            bool(v.get("IsLatest")),
                        )
                    )
        except ClientError as exc:
            raise _storage_error(exc, "list-versions", bucket, prefix) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "list-versions", bucket, prefix) from None
        yield from found

    def restore_version(self, bucket: str, key: str, version_id: str) -> str:
        """Make an earlier version current again (server-side copy); returns the new version id."""
        try:
            r = self.client.copy_object(
                Bucket=bucket, Key=key, CopySource={"Bucket": bucket, "Key": key, "VersionId": version_id}
            )
        except ClientError as exc:
            raise _storage_error(exc, "restore", bucket, key) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "restore", bucket, key) from None
        return str(r.get("VersionId", ""))

    def delete(self, bucket: str, key: str) -> None:
        try:
            self.client.delete_object(Bucket=bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in _NOT_FOUND:
                return
            raise _storage_error(exc, "delete", bucket, key) from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "delete", bucket, key) from None

    def uri(self, bucket: str, key: str = "") -> str:
        return f"s3://{bucket}/{key}" if key else f"s3://{bucket}"

    def list_buckets(self) -> builtins.list[str]:
        """Bucket names this identity can see (the readiness probe of the local stack)."""
        try:
            return [b["Name"] for b in self.client.list_buckets().get("Buckets", [])]
        except ClientError as exc:
            raise _storage_error(exc, "list-buckets", "", "") from None
        except BotoCoreError as exc:
            raise _unreachable(exc, "list-buckets", "", "") from None


def _code(exc: ClientError) -> str:
    err = exc.response.get("Error", {})
    return str(err.get("Code") or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))


def _etag(value: str | None) -> str | None:
    return value.strip('"') if value else None


def _storage_error(exc: ClientError, op: str, bucket: str, key: str) -> StorageError:
    code = _code(exc)
    where = f"{bucket}/{key}" if key else bucket
    if code in _NOT_FOUND:
        return ObjectNotFound(f"{where} not found", stage="storage", file=key or None)
    if code in {"403", "AccessDenied"}:
        code = "AccessDenied"
    message = exc.response.get("Error", {}).get("Message", "")
    return StorageError(
        f"S3 {op} {where} refused: {code}" + (f" ({message})" if message else ""),
        stage="storage",
        file=key or None,
        details={"code": code, "operation": op, "bucket": bucket},
    )


def _unreachable(exc: BotoCoreError, op: str, bucket: str, key: str) -> StorageError:
    return StorageError(
        f"S3 endpoint unreachable during {op} {bucket}/{key}: {type(exc).__name__}: {exc}",
        stage="storage",
        file=key or None,
        details={"code": "Unreachable", "operation": op, "bucket": bucket},
    )
