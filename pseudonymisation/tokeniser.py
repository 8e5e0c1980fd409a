"""Keyed pseudonymous tokens over Arrow arrays.

A token is ``<prefix><key version>_<base32(HMAC-SHA256(domain key, value))[:32]>``: the first 20 bytes
(160 bits) of the MAC, lower-case base32 without padding, e.g. ``p1_5k3...`` for a person token under
master key version 1. The domain key comes from :class:`~pseudonymisation.keys.KeyRing`, so the same
normalised value gives the same token in every partner's extract within a linkage domain, and unrelated
tokens in other domains or key versions.

Prefixes: :data:`DOMAIN_PREFIXES` (``person`` → ``p``, ``location`` → ``l``, ``incident`` → ``i``,
``case`` → ``c``, ``household`` → ``h``); any other domain uses its first letter. The prefix is only a
reading aid: two domains that share a letter still get unrelated tokens because their keys differ.

Rotation: create a new master key version (``LocalKeyFileProvider.rotate()`` or a new KMS data key),
re-run tokenisation from the landing zone with ``Tokeniser(keyring, version=new)``, and carry linkage
history over with :func:`linkage_map`, which pairs each old token with its new token for the same value.
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Iterable
from typing import cast

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers._arrow import as_string_array
from pseudonymisation.keys import KeyRing

DOMAIN_PREFIXES: dict[str, str] = {
    "person": "p",
    "location": "l",
    "incident": "i",
    "case": "c",
    "household": "h",
}
MAC_BYTES = 20
assert MAC_BYTES * 8 % 5 == 0, "batch base32 encoding in _macs needs MACs that encode without padding"
_DOMAIN_RE = re.compile(r"[a-z][a-z0-9_]*")


def domain_prefix(domain: str) -> str:
    """Short prefix for ``domain`` (see :data:`DOMAIN_PREFIXES`)."""
    if not _DOMAIN_RE.fullmatch(domain):
        raise ValueError(f"linkage domain {domain!r} must match {_DOMAIN_RE.pattern}")
    return DOMAIN_PREFIXES.get(domain, domain[0])


class Tokeniser:
    """HMAC-SHA256 tokeniser bound to one master key version."""

    def __init__(self, keyring: KeyRing, version: int | None = None) -> None:
        self.keyring = keyring
        self._version = keyring.current_version() if version is None else version
        # Fail early (without revealing anything) if this version cannot be obtained.
        keyring.provider.master_key(self._version)

    def __repr__(self) -> str:
        return f"Tokeniser(key_version={self._version})"

    @property
    def key_version(self) -> int:
        """Master key version embedded in every token this tokeniser produces."""
        return self._version

    def _head(self, domain: str) -> str:
        return f"{domain_prefix(domain)}{self._version}_"

    def _macs(self, values: Iterable[str], domain: str) -> list[str]:
        key = self.keyring.domain_key(domain, self._version)
        head = self._head(domain)
        digest = hmac.digest
        macs = b"".join([digest(key, v.encode("utf-8"), "sha256")[:MAC_BYTES] for v in values])
        # 20 bytes encode to exactly 32 base32 characters with no padding, so one encode of all the
        # MACs back to back, cut every 32 characters, equals encoding each (and is ~5x faster).
        text = base64.b32encode(macs).decode("ascii").lower()
        width = MAC_BYTES * 8 // 5
        return [head + text[i : i + width] for i in range(0, len(text), width)]

    def token(self, value: str, domain: str) -> str:
        """Token for one already-normalised value (must be non-empty)."""
        if not value:
            raise ValueError("cannot tokenise an empty value")
        return self._macs([value], domain)[0]

    def tokenise(self, values: pa.Array | pa.ChunkedArray, domain: str) -> pa.Array:
        """Tokens for an Arrow string array of normalised values; nulls and empty strings give null.

        Each distinct value is MACed once (``unique`` + ``index_in`` + ``take``), so repeated
        identifiers cost one dictionary lookup.
        """
        arr = as_string_array(values)
        cleaned = cast(pa.Array, pc.if_else(pc.equal(arr, pa.scalar("")), pa.nulls(len(arr), pa.string()), arr))
        uniques = pc.unique(cleaned).drop_null()
        tokens = pa.array(self._macs([str(v) for v in uniques.to_pylist()], domain), type=pa.string())
        return pc.take(tokens, pc.index_in(cleaned, value_set=uniques))


def linkage_map(
    old_tokeniser: Tokeniser,
    new_tokeniser: Tokeniser,
    values: pa.Array | pa.ChunkedArray,
    domain: str,
) -> pa.Table:
    """Distinct ``(old_token, new_token)`` pairs for ``values`` re-tokenised under a new key version.

    Run it over the normalised identifiers from the landing zone when rotating keys; joining the
    result onto historic trusted-zone rows carries their linkage over to the new tokens.
    """
    old = old_tokeniser.tokenise(values, domain)
    new = new_tokeniser.tokenise(values, domain)
    table = pa.table({"old_token": old, "new_token": new}).filter(pc.is_valid(old))
    return table.group_by(["old_token", "new_token"]).aggregate([]).sort_by("old_token")
