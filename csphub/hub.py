"""The hub's runtime context: settings plus the storage, bus, ledger and audit trail they select."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from csphub.audit import AuditTrail
from csphub.config import Settings
from csphub.events import EventBus, open_bus
from csphub.ledger import Ledger
from csphub.storage import ObjectStore, open_store

if TYPE_CHECKING:
    from csphub.contracts.registry import ContractRegistry
    from csphub.pipeline.pseudonymise import Pseudonymiser


@dataclass
class Hub:
    """Everything a stage needs, built once from Settings and passed explicitly."""

    settings: Settings
    store: ObjectStore
    bus: EventBus
    ledger: Ledger
    audit: AuditTrail
    _closed: bool = field(default=False, repr=False)

    @classmethod
    def open(cls, settings: Settings | None = None) -> Hub:
        settings = settings or Settings()
        settings.home.mkdir(parents=True, exist_ok=True)
        return cls(
            settings=settings,
            store=open_store(settings),
            bus=open_bus(settings),
            ledger=Ledger(settings.ledger_path),
            audit=AuditTrail(settings.audit_path),
        )

    @cached_property
    def contracts(self) -> ContractRegistry:
        from csphub.contracts.registry import ContractRegistry

        return ContractRegistry.load(self.settings.contracts_dir, self.settings.schemas_dir)

    @cached_property
    def pseudonymiser(self) -> Pseudonymiser:
        from csphub.pipeline.pseudonymise import Pseudonymiser

        return Pseudonymiser(self.settings, n_process=self.settings.redact_processes)

    def close(self) -> None:
        if not self._closed:
            self.bus.close()
            self.ledger.close()
            self.audit.close()
            self._closed = True

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
