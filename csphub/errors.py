"""One exception hierarchy for the hub.

A data problem (bad file, bad row) becomes a recorded finding, not an exception that escapes a run.
`HubError` is for problems a caller must handle: a file that cannot be read at all, a contract that
does not load, a storage or event-bus failure. Programming errors still raise ordinary exceptions.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass
class HubError(Exception):
    """A failure with enough context to act on: which stage, partner, feed, file, row and field."""

    reason: str
    stage: str | None = None
    partner: str | None = None
    feed: str | None = None
    file: str | None = None
    row: int | None = None
    field: str | None = None
    details: dict[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [
            f"{name}={value}"
            for name, value in (
                ("stage", self.stage),
                ("partner", self.partner),
                ("feed", self.feed),
                ("file", self.file),
                ("row", self.row),
                ("field", self.field),
            )
            if value is not None
        ]
        return f"{self.reason} ({', '.join(where)})" if where else self.reason


class ConfigError(HubError):
    """Settings, contracts or board definitions that do not load. Raised at load, never mid-run."""


class FileRejected(HubError):
    """A landed file that cannot be parsed at all; it is quarantined whole with this reason."""


class StorageError(HubError):
    """The object store failed or refused (e.g. AccessDenied, unreachable)."""


class ObjectNotFound(StorageError):
    """The object does not exist."""


class ObjectExists(StorageError):
    """A conditional create found the object already there."""


class EventBusError(HubError):
    """The event bus failed (broker unreachable, undecodable event)."""


class PoisonEvent(EventBusError):
    """An event that can never be processed (undecodable, or names a missing object)."""
