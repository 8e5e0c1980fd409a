"""Master keys and per-domain token keys.

A :class:`KeyProvider` supplies the versioned master key; :class:`KeyRing` derives one 32-byte key per
linkage domain with HKDF-SHA256 (``info = b"csphub/token/" + domain``). Key material never appears in
``repr``/``str`` output, log records or exception messages: errors name the provider, path or variable,
never the value.

Providers:

* :class:`LocalKeyFileProvider`: the embedded default, a JSON key file created on first use (0600, in a
  0700 directory) with ``rotate()`` for a new version;
* :class:`EnvKeyProvider`: ``CSPHUB_MASTER_KEY`` (base64) and optional ``CSPHUB_MASTER_KEY_VERSION``;
* :class:`SecretFileKeyProvider`: a mounted secret file (CI, Kubernetes/Docker secrets);
* :class:`KmsKeyProvider`: envelope decryption through an injected KMS/Vault client.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
HKDF_INFO_PREFIX = b"csphub/token/"


class KeyProviderError(RuntimeError):
    """The master key is unavailable or malformed (the message never contains key material)."""


@dataclass(frozen=True)
class MasterKey:
    """A versioned master key. ``repr``/``str`` show only the version."""

    material: bytes = field(repr=False)
    version: int

    def __post_init__(self) -> None:
        if len(self.material) < KEY_BYTES:
            raise KeyProviderError(f"master key version {self.version} is shorter than {KEY_BYTES} bytes")
        if self.version < 1:
            raise KeyProviderError("master key version must be a positive integer")

    def __repr__(self) -> str:
        return f"MasterKey(version={self.version}, material=<redacted>)"

    __str__ = __repr__


@runtime_checkable
class KeyProvider(Protocol):
    """Anything that can hand out the current (or a given) master key version."""

    def master_key(self, version: int | None = None) -> MasterKey:
        """Return the master key ``version``, or the current one when ``version`` is None."""
        ...


def _decode(value: str, where: str) -> bytes:
    try:
        return base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyProviderError(f"{where} is not valid base64") from None


def _from_versions(doc: Mapping[str, Any], version: int | None, where: str) -> MasterKey:
    try:
        versions = {int(k): v for k, v in doc["versions"].items()}
        current = int(doc["current"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise KeyProviderError(f"{where} lacks 'versions'/'current' entries") from None
    wanted = current if version is None else version
    if wanted not in versions:
        raise KeyProviderError(f"{where} has no key version {wanted}; versions: {sorted(versions)}")
    return MasterKey(_decode(versions[wanted], f"{where} version {wanted}"), wanted)


class LocalKeyFileProvider:
    """Key file on local disk, created on first use: ``{"versions": {"1": "<b64>"}, "current": 1}``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LocalKeyFileProvider(path={str(self.path)!r})"

    def _write(self, doc: Mapping[str, Any]) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.path.parent, 0o700)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def _load(self) -> dict[str, Any]:
        with self._lock:
            if not self.path.exists():
                material = base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
                self._write({"versions": {"1": material}, "current": 1})
            try:
                doc = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise KeyProviderError(f"cannot read key file {self.path}: {type(exc).__name__}") from None
        if not isinstance(doc, dict):
            raise KeyProviderError(f"key file {self.path} is not a JSON object")
        return doc

    def master_key(self, version: int | None = None) -> MasterKey:
        """Return key ``version`` (default: current), creating the file on first use."""
        return _from_versions(self._load(), version, f"key file {self.path}")

    def rotate(self) -> MasterKey:
        """Add a new random key version, make it current and return it."""
        doc = self._load()
        with self._lock:
            versions = dict(doc["versions"])
            new_version = max(int(v) for v in versions) + 1
            versions[str(new_version)] = base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
            self._write({"versions": versions, "current": new_version})
        return self.master_key(new_version)


class EnvKeyProvider:
    """Master key from an environment variable holding base64 (one version only)."""

    def __init__(self, var: str = "CSPHUB_MASTER_KEY", version_var: str = "CSPHUB_MASTER_KEY_VERSION") -> None:
        self.var = var
        self.version_var = version_var

    def __repr__(self) -> str:
        return f"EnvKeyProvider(var={self.var!r})"

    def master_key(self, version: int | None = None) -> MasterKey:
        """Return the key in the environment; asking for another version is an error."""
        raw = os.environ.get(self.var)
        if not raw:
            raise KeyProviderError(f"environment variable {self.var} is not set")
        try:
            current = int(os.environ.get(self.version_var, "1"))
        except ValueError:
            raise KeyProviderError(f"{self.version_var} is not an integer") from None
        if version is not None and version != current:
            raise KeyProviderError(f"{self.var} holds key version {current}, not {version}")
        return MasterKey(_decode(raw, f"environment variable {self.var}"), current)


class SecretFileKeyProvider:
    """Read-only secret mount: either the key-file JSON format or a single base64 line."""

    def __init__(self, path: Path | str, version: int = 1) -> None:
        self.path = Path(path)
        self.version = version

    def __repr__(self) -> str:
        return f"SecretFileKeyProvider(path={str(self.path)!r})"

    def master_key(self, version: int | None = None) -> MasterKey:
        """Return key ``version`` from the mounted secret (never creates anything)."""
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise KeyProviderError(f"cannot read secret file {self.path}: {type(exc).__name__}") from None
        if text.startswith("{"):
            try:
                doc = json.loads(text)
            except json.JSONDecodeError:
                raise KeyProviderError(f"secret file {self.path} is not valid JSON") from None
            return _from_versions(doc, version, f"secret file {self.path}")
        if version is not None and version != self.version:
            raise KeyProviderError(f"secret file {self.path} holds key version {self.version}, not {version}")
        return MasterKey(_decode(text, f"secret file {self.path}"), self.version)


class KmsClient(Protocol):
    """The one call used from a KMS client; boto3's ``kms`` client satisfies it as is.

    For HashiCorp Vault's transit engine, wrap ``hvac``'s ``secrets.transit.decrypt_data`` in an adapter
    with this signature returning ``{"Plaintext": bytes}``.
    """

    def decrypt(self, *, CiphertextBlob: bytes, KeyId: str) -> Mapping[str, Any]:
        """Decrypt a data key and return a mapping with the plaintext under ``"Plaintext"``."""
        ...


class KmsKeyProvider:
    """Envelope encryption: wrapped data keys per version, unwrapped by a KMS/Vault client on demand.

    ``wrapped_keys`` maps version → ciphertext blob (as produced by ``kms.generate_data_key``) and is
    safe to keep in configuration. The client is injected so nothing talks to AWS at import time; the
    unwrapped material is cached in memory only for the life of the process.
    """

    def __init__(
        self,
        key_id: str,
        wrapped_keys: Mapping[int, bytes],
        client: KmsClient | None = None,
        current: int | None = None,
    ) -> None:
        if not wrapped_keys:
            raise KeyProviderError("KmsKeyProvider needs at least one wrapped data key")
        self.key_id = key_id
        self._wrapped = dict(wrapped_keys)
        self._client = client
        self.current = current if current is not None else max(self._wrapped)
        self._cache: dict[int, MasterKey] = {}

    def __repr__(self) -> str:
        return f"KmsKeyProvider(key_id={self.key_id!r}, versions={sorted(self._wrapped)})"

    def master_key(self, version: int | None = None) -> MasterKey:
        """Unwrap (once) and return key ``version``."""
        wanted = self.current if version is None else version
        if wanted in self._cache:
            return self._cache[wanted]
        if self._client is None:
            raise KeyProviderError(
                "KmsKeyProvider has no client: pass e.g. boto3.client('kms') or a Vault transit adapter"
            )
        if wanted not in self._wrapped:
            raise KeyProviderError(f"no wrapped data key for version {wanted}; versions: {sorted(self._wrapped)}")
        try:
            response = self._client.decrypt(CiphertextBlob=self._wrapped[wanted], KeyId=self.key_id)
            material = bytes(response["Plaintext"])
        except Exception as exc:
            raise KeyProviderError(f"KMS decrypt of data key version {wanted} failed: {type(exc).__name__}") from None
        key = MasterKey(material, wanted)
        self._cache[wanted] = key
        return key


class KeyRing:
    """Derives and caches one HMAC key per (linkage domain, master key version)."""

    def __init__(self, provider: KeyProvider) -> None:
        self.provider = provider
        self._cache: dict[tuple[str, int], bytes] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"KeyRing(provider={self.provider!r})"

    def current_version(self) -> int:
        """Version of the provider's current master key."""
        return self.provider.master_key().version

    def domain_key(self, domain: str, version: int | None = None) -> bytes:
        """32-byte key for ``domain``: HKDF-SHA256(master, info=b"csphub/token/" + domain)."""
        if not domain:
            raise ValueError("linkage domain must be a non-empty string")
        resolved = self.current_version() if version is None else version
        cache_key = (domain, resolved)
        with self._lock:
            cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        master = self.provider.master_key(resolved)
        derived = HKDF(
            algorithm=hashes.SHA256(),
            length=KEY_BYTES,
            salt=None,
            info=HKDF_INFO_PREFIX + domain.encode("utf-8"),
        ).derive(master.material)
        with self._lock:
            self._cache[cache_key] = derived
        return derived
