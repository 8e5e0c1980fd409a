"""UK identifier normalisers and validators, one module per identifier family.

Every family exposes ``normalise(arr) -> (normalised, validity)`` over Arrow arrays plus the scalar
``is_valid(s)`` and ``normalise_one(s)``. :data:`IDENTIFIERS` is the one table the pipeline uses to
look a family up by the name a contract gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pyarrow as pa

from pseudonymisation.identifiers import (
    cro,
    dob,
    free_id,
    names,
    nhs,
    nino,
    phone,
    pnc,
    postcode,
    uprn,
)


@dataclass(frozen=True)
class IdentifierType:
    """One identifier family: its name, vectorised normaliser and scalar validators."""

    name: str
    normalise: Callable[..., tuple[pa.Array, pa.Array]]
    is_valid: Callable[[str], bool]
    normalise_one: Callable[..., Any]
    description: str

    @classmethod
    def from_module(cls, name: str, module: ModuleType) -> IdentifierType:
        """Build the entry from a module following the normaliser contract."""
        doc = (module.__doc__ or "").strip().splitlines()
        return cls(
            name=name,
            normalise=module.normalise,
            is_valid=module.is_valid,
            normalise_one=module.normalise_one,
            description=doc[0] if doc else name,
        )


class _Registry(dict[str, IdentifierType]):
    """A dict whose missing-key error lists the known identifier names."""

    def __missing__(self, key: str) -> IdentifierType:
        known = ", ".join(sorted(self))
        raise KeyError(f"unknown identifier type {key!r}; known types: {known}")


IDENTIFIERS: Mapping[str, IdentifierType] = _Registry(
    {
        name: IdentifierType.from_module(name, module)
        for name, module in {
            "nhs_number": nhs,
            "pnc_id": pnc,
            "cro_number": cro,
            "ni_number": nino,
            "postcode": postcode,
            "phone": phone,
            "date_of_birth": dob,
            "uprn": uprn,
            "person_name": names,
            "free_id": free_id,
        }.items()
    }
)

__all__ = ["IDENTIFIERS", "IdentifierType"]
