"""What a landing key may look like: ``<partner>/<feed>/<file name>`` for a contracted feed."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def unsafe_reason(key: str, feeds: Collection[tuple[str, str]]) -> str | None:
    """Why ``key`` must not be announced, or None when it is a well-formed key of a known feed."""
    if not key:
        return "empty key"
    if _CONTROL.search(key):
        return "control character in key"
    if key.startswith("/"):
        return "absolute path"
    if "\\" in key:
        return "backslash in key"
    parts = key.split("/")
    if any(p in ("..", ".") for p in parts):
        return "path traversal segment ('..' or '.')"
    if any(p == "" for p in parts):
        return "empty path segment"
    if len(parts) != 3:
        return "not <partner>/<feed>/<file name>"
    partner, feed, name = parts
    if partner not in {p for p, _ in feeds}:
        return f"unknown partner {partner!r}"
    if (partner, feed) not in feeds:
        return f"unknown feed {partner}/{feed}"
    if name.startswith("."):
        return "hidden file name"
    return None


def printable(key: str) -> str:
    """The key with control characters escaped, for logs, audit subjects and ledger rows."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", key)


def quarantine_key(key: str) -> str:
    """A safe quarantine location for a rejected landing object, unique per original key."""
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    tail = _SAFE_NAME.sub("_", key.rsplit("/", 1)[-1]).strip("._") or "object"
    return f"rejected-landing/{digest}/{tail}"
