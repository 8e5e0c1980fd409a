"""Keyed HMAC tokens over Arrow arrays, and key rotation."""

from __future__ import annotations

import hmac
import re
from base64 import b32encode

import pyarrow as pa
import pytest

from pseudonymisation.keys import KeyRing, LocalKeyFileProvider
from pseudonymisation.tokeniser import Tokeniser, domain_prefix, linkage_map

TOKEN_RE = re.compile(r"^[a-z][0-9]+_[a-z2-7]{32}$")


@pytest.fixture
def provider(tmp_path):
    return LocalKeyFileProvider(tmp_path / "keys" / "master.json")


def test_same_value_same_token_across_partners(provider):
    """Guards cross-partner linkage: the same normalised value gives the same token in every extract."""
    police = Tokeniser(KeyRing(provider)).tokenise(pa.array(["9434765919", "4010232137"]), "person")
    council = Tokeniser(KeyRing(provider)).tokenise(pa.array(["4010232137", "9434765919"]), "person")
    assert police.to_pylist() == council.to_pylist()[::-1]
    assert all(TOKEN_RE.match(t) for t in police.to_pylist())
    assert police[0].as_py().startswith("p1_")


def test_token_is_hmac_of_domain_key(provider):
    """Guards the documented token format: prefix, version, first 20 bytes of HMAC-SHA256 in base32."""
    ring = KeyRing(provider)
    mac = hmac.digest(ring.domain_key("person"), b"abc", "sha256")[:20]
    assert Tokeniser(ring).token("abc", "person") == "p1_" + b32encode(mac).decode().lower()


def test_tokens_differ_across_domains_and_versions(provider):
    """Guards domain separation and key-version separation of tokens."""
    ring = KeyRing(provider)
    v1 = Tokeniser(ring)
    assert v1.token("B15 2TT", "person")[3:] != v1.token("B15 2TT", "location")[3:]
    provider.rotate()
    v2 = Tokeniser(ring)
    assert v2.key_version == 2
    assert v1.key_version == 1
    assert v2.token("B15 2TT", "location").startswith("l2_")
    assert v1.token("B15 2TT", "location")[3:] != v2.token("B15 2TT", "location")[3:]


def test_nulls_and_empty_stay_null_and_chunks_are_combined(provider):
    """Guards that missing values never become a shared token that would falsely link people."""
    tok = Tokeniser(KeyRing(provider))
    out = tok.tokenise(pa.chunked_array([["a", None], ["", "a"]]), "case")
    assert out.to_pylist()[1:3] == [None, None]
    assert out[0] == out[3]
    assert out[0].as_py().startswith("c1_")
    with pytest.raises(ValueError, match="empty"):
        tok.token("", "case")


def test_domain_prefixes():
    """Guards the documented short prefixes and the first-letter fallback; rejects odd domain names."""
    assert [domain_prefix(d) for d in ("person", "location", "incident", "case", "household")] == list("plich")
    assert domain_prefix("vehicle") == "v"
    with pytest.raises(ValueError, match="must match"):
        domain_prefix("Person Name")


def test_rotation_linkage_map(provider):
    """Guards key rotation: the old→new map re-links historic tokens to the new version's tokens."""
    ring = KeyRing(provider)
    old = Tokeniser(ring)
    provider.rotate()
    new = Tokeniser(ring)
    values = pa.array(["x", "y", "x", None, ""])
    mapping = linkage_map(old, new, values, "person")
    assert mapping.num_rows == 2
    pairs = dict(zip(mapping["old_token"].to_pylist(), mapping["new_token"].to_pylist(), strict=True))
    assert pairs[old.token("x", "person")] == new.token("x", "person")
    assert pairs[old.token("y", "person")] == new.token("y", "person")
    assert all(t.startswith("p2_") for t in pairs.values())


def test_repr_does_not_show_keys(provider):
    """Guards that a tokeniser's repr shows only the key version."""
    assert repr(Tokeniser(KeyRing(provider))) == "Tokeniser(key_version=1)"


def test_batch_tokens_equal_the_per_value_hmac_base32(tmp_path):
    """Guards the batched encoding: every token is HMAC-SHA256(domain key, value)[:20] in base32, exactly
    as computed one value at a time (no shift between neighbouring values)."""
    import base64
    import hmac

    import pyarrow as pa

    from pseudonymisation.keys import KeyRing, LocalKeyFileProvider
    from pseudonymisation.tokeniser import MAC_BYTES, Tokeniser

    ring = KeyRing(LocalKeyFileProvider(tmp_path / "k.json"))
    tok = Tokeniser(ring)
    values = [f"value-{i}" for i in range(50)] + ["ünïcode", "x"]
    got = tok.tokenise(pa.array(values), "person").to_pylist()
    key = ring.domain_key("person", tok.key_version)
    want = [
        f"p{tok.key_version}_" + base64.b32encode(hmac.digest(key, v.encode(), "sha256")[:MAC_BYTES]).decode().lower()
        for v in values
    ]
    assert sorted(got) == sorted(want)
    assert got == [want[values.index(v)] for v in values]
