"""Master key providers and per-domain key derivation."""

from __future__ import annotations

import base64
import json
import logging
import os
import stat

import pytest

from pseudonymisation.keys import (
    EnvKeyProvider,
    KeyProvider,
    KeyProviderError,
    KeyRing,
    KmsKeyProvider,
    LocalKeyFileProvider,
    MasterKey,
    SecretFileKeyProvider,
)


def test_local_key_file_created_with_private_permissions(tmp_path):
    """Guards that the embedded key file is created 0600 inside a 0700 directory, in the documented JSON."""
    path = tmp_path / "keys" / "master.json"
    key = LocalKeyFileProvider(path).master_key()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    doc = json.loads(path.read_text())
    assert doc["current"] == 1
    assert base64.b64decode(doc["versions"]["1"]) == key.material
    assert len(key.material) == 32
    assert key.version == 1


def test_local_key_file_is_stable_and_rotates(tmp_path):
    """Guards that reloading returns the same key and rotate() adds a new current version, keeping old ones."""
    provider = LocalKeyFileProvider(tmp_path / "master.json")
    first = provider.master_key()
    assert LocalKeyFileProvider(tmp_path / "master.json").master_key() == first
    second = provider.rotate()
    assert second.version == 2
    assert second.material != first.material
    assert provider.master_key() == second
    assert provider.master_key(1) == first
    assert stat.S_IMODE(os.stat(tmp_path / "master.json").st_mode) == 0o600
    with pytest.raises(KeyProviderError, match="no key version 7"):
        provider.master_key(7)


def test_key_material_never_in_repr_str_logs_or_errors(tmp_path, monkeypatch, caplog):
    """Guards that key material never leaks through repr/str, log records or exception messages."""
    caplog.set_level(logging.DEBUG)
    provider = LocalKeyFileProvider(tmp_path / "master.json")
    key = provider.master_key()
    encoded = base64.b64encode(key.material).decode()
    ring = KeyRing(provider)
    derived = ring.domain_key("person")
    texts = [repr(key), str(key), repr(provider), repr(ring), f"{key}"]
    # A malformed env key must not echo the value back.
    monkeypatch.setenv("CSPHUB_MASTER_KEY", "not*base64*" + encoded)
    with pytest.raises(KeyProviderError) as excinfo:
        EnvKeyProvider().master_key()
    texts.append(str(excinfo.value))
    texts.append(caplog.text)
    for text in texts:
        assert encoded not in text
        assert key.material.hex() not in text
        assert derived.hex() not in text
        assert "not*base64*" not in text
    assert "redacted" in repr(key)


def test_env_provider(monkeypatch):
    """Guards the CI/production env-var provider, its version variable and a clear error when unset."""
    material = os.urandom(32)
    monkeypatch.setenv("CSPHUB_MASTER_KEY", base64.b64encode(material).decode())
    monkeypatch.setenv("CSPHUB_MASTER_KEY_VERSION", "3")
    key = EnvKeyProvider().master_key()
    assert key == MasterKey(material, 3)
    with pytest.raises(KeyProviderError, match="not 2"):
        EnvKeyProvider().master_key(2)
    monkeypatch.delenv("CSPHUB_MASTER_KEY")
    with pytest.raises(KeyProviderError, match="CSPHUB_MASTER_KEY is not set"):
        EnvKeyProvider().master_key()


def test_secret_file_provider_plain_and_json(tmp_path):
    """Guards that a mounted secret is read in either format and never created."""
    material = os.urandom(32)
    plain = tmp_path / "plain"
    plain.write_text(base64.b64encode(material).decode() + "\n")
    assert SecretFileKeyProvider(plain).master_key() == MasterKey(material, 1)
    as_json = tmp_path / "json"
    as_json.write_text(json.dumps({"versions": {"4": base64.b64encode(material).decode()}, "current": 4}))
    assert SecretFileKeyProvider(as_json).master_key().version == 4
    with pytest.raises(KeyProviderError, match="cannot read secret file"):
        SecretFileKeyProvider(tmp_path / "missing").master_key()
    assert not (tmp_path / "missing").exists()


class _FakeKms:
    """Stands in for boto3's KMS client (no AWS here): 'decrypts' by reversing the blob."""

    def __init__(self):
        self.calls = 0

    def decrypt(self, *, CiphertextBlob, KeyId):
        self.calls += 1
        return {"Plaintext": CiphertextBlob[::-1], "KeyId": KeyId}


def test_kms_provider_needs_client_and_caches():
    """Guards that the KMS provider fails clearly without a client and unwraps each version once."""
    material = os.urandom(32)
    wrapped = {1: material[::-1]}
    with pytest.raises(KeyProviderError, match="has no client"):
        KmsKeyProvider("alias/csphub", wrapped).master_key()
    client = _FakeKms()
    provider = KmsKeyProvider("alias/csphub", wrapped, client=client)
    assert isinstance(provider, KeyProvider)
    assert provider.master_key() == MasterKey(material, 1)
    provider.master_key(1)
    assert client.calls == 1


def test_domain_keys_differ_by_domain_and_version_and_are_cached(tmp_path):
    """Guards HKDF domain separation: each domain and version gets its own key; derivation is cached."""
    provider = LocalKeyFileProvider(tmp_path / "master.json")
    ring = KeyRing(provider)
    person, location = ring.domain_key("person"), ring.domain_key("location")
    assert len(person) == 32
    assert person != location
    assert ring.domain_key("person") is person
    provider.rotate()
    assert ring.domain_key("person", 2) != person
    assert ring.domain_key("person", 1) == person
    with pytest.raises(ValueError, match="non-empty"):
        ring.domain_key("")


def test_short_key_rejected():
    """Guards against weak master keys (fewer than 32 bytes)."""
    with pytest.raises(KeyProviderError, match="shorter than 32 bytes"):
        MasterKey(b"short", 1)
