"""Turn validated rows into trusted-zone rows: every field handled as its contract classification says.

Column rules (the trusted schema is derived from the contract, nothing else):

=====================  ==================================================================
action                 trusted columns
=====================  ==================================================================
keep                   ``<field>``
drop / link            none (link fields feed a person token)
tokenise               ``<field>_token`` (keyed HMAC of the normalised value, per domain)
generalise age_band    ``<person>_age``, ``<person>_age_band`` (age at the event field)
generalise sector      ``<field>_sector`` (``B15 2``)
generalise date_hour…  ``<field>_date``, ``<field>_hour``, ``<field>_weekday``
generalise month       ``<field>_month`` (``2026-10``)
redact                 ``<field>`` with identifiers replaced by typed placeholders
persons                ``<person>_token`` (linkage key: name+DOB, else PNC/NHS; keyed HMAC)
=====================  ==================================================================

Plus lineage: ``_source_sha256``, ``_row``, ``_contract_version``, ``_key_version`` and
``_dq_warnings`` (the warn-level rules the row broke).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from csphub.config import Settings
from csphub.contracts.model import Generalise, Redact, Tokenise
from csphub.contracts.registry import Feed
from csphub.pipeline.parse import ROW

if TYPE_CHECKING:
    from pseudonymisation.freetext.redact import FreeTextRedactor
    from pseudonymisation.keys import KeyProvider
    from pseudonymisation.tokeniser import Tokeniser


LINEAGE: list[tuple[str, pa.DataType]] = [
    ("_source_sha256", pa.string()),
    (ROW, pa.int64()),
    ("_contract_version", pa.string()),
    ("_key_version", pa.int32()),
    ("_dq_warnings", pa.list_(pa.string())),
]


def trusted_schema(feed: Feed) -> pa.Schema:
    """The trusted-zone schema of a feed, derived from its contract alone (see the module table)."""
    cols: list[tuple[str, pa.DataType]] = []
    for name, spec in feed.contract.fields.items():
        act = spec.pseudonymise
        if act.action == "keep":
            cols.append((name, feed.field_map[name].arrow_type))
        elif isinstance(act, Tokenise):
            cols.append((f"{name}_token", pa.string()))
        elif isinstance(act, Generalise):
            if act.to == "age_band":
                cols += [(f"{act.person}_age", pa.int32()), (f"{act.person}_age_band", pa.string())]
            elif act.to == "postcode_sector":
                cols.append((f"{name}_sector", pa.string()))
            elif act.to == "date_hour_weekday":
                cols += [(f"{name}_date", pa.date32()), (f"{name}_hour", pa.int8()), (f"{name}_weekday", pa.string())]
            elif act.to == "month":
                cols.append((f"{name}_month", pa.string()))
        elif isinstance(act, Redact):
            cols.append((name, pa.string()))
    cols += [(f"{person}_token", pa.string()) for person in feed.contract.persons]
    return pa.schema(cols + LINEAGE)


def key_provider(settings: Settings) -> KeyProvider:
    """The master-key provider the settings select (key file by default; env or secret file in CI)."""
    from pseudonymisation.keys import EnvKeyProvider, LocalKeyFileProvider, SecretFileKeyProvider

    if settings.key_provider == "env":
        return EnvKeyProvider()
    if settings.key_provider == "secret-file":
        if settings.key_file is None:
            from csphub.errors import ConfigError

            raise ConfigError("CSPHUB_KEY_PROVIDER=secret-file needs CSPHUB_KEY_FILE", stage="pseudonymise")
        return SecretFileKeyProvider(settings.key_file)
    return LocalKeyFileProvider(settings.resolved_key_file)


class Pseudonymiser:
    """Built once per process: the keyed tokeniser now, the Presidio redactor on first free text."""

    def __init__(self, settings: Settings, *, n_process: int = 1) -> None:
        from pseudonymisation.keys import KeyRing
        from pseudonymisation.tokeniser import Tokeniser

        self.tokeniser: Tokeniser = Tokeniser(KeyRing(key_provider(settings)))
        self.n_process = n_process

    @cached_property
    def redactor(self) -> FreeTextRedactor:
        from pseudonymisation.freetext.redact import FreeTextRedactor

        return FreeTextRedactor()

    def apply(self, typed: pa.Table, feed: Feed, *, sha256: str, warnings: pa.Array) -> pa.Table:
        """Pseudonymise the (already filtered, good) rows of one file."""
        from pseudonymisation import generalise as gen
        from pseudonymisation.identifiers import IDENTIFIERS
        from pseudonymisation.linkage import person_keys

        c = feed.contract
        n = typed.num_rows
        out: dict[str, pa.Array] = {}
        col = {name: typed.column(name).combine_chunks() for name in typed.column_names}
        known = self._known_people(feed, col, n)
        for name, spec in c.fields.items():
            act = spec.pseudonymise
            v = col[name]
            if act.action == "keep":
                out[name] = v
            elif isinstance(act, Tokenise):
                normalised, _valid = IDENTIFIERS[act.identifier].normalise(v)
                out[f"{name}_token"] = self.tokeniser.tokenise(normalised, act.domain)
            elif isinstance(act, Generalise):
                if act.to == "age_band":
                    assert act.at is not None
                    assert act.person is not None
                    ages, _ = gen.age_at(v, col[act.at])
                    out[f"{act.person}_age"] = ages
                    out[f"{act.person}_age_band"] = gen.age_band(ages)
                elif act.to == "postcode_sector":
                    normalised, valid = IDENTIFIERS["postcode"].normalise(v)
                    ok = pc.fill_null(valid, False)
                    out[f"{name}_sector"] = pc.if_else(
                        ok, gen.postcode_sector(normalised), pa.scalar(None, pa.string())
                    )
                elif act.to == "date_hour_weekday":
                    out[f"{name}_date"] = pc.cast(v, pa.date32())
                    out[f"{name}_hour"] = pc.cast(gen.hour_of_day(v), pa.int8())
                    out[f"{name}_weekday"] = gen.weekday(v)
                elif act.to == "month":
                    out[f"{name}_month"] = gen.month(v)
            elif isinstance(act, Redact):
                out[name] = self._redact(v, known)
        for person, who in c.persons.items():
            empty = pa.nulls(n, pa.string())
            keys = person_keys(
                col[who.forename] if who.forename else empty,
                col[who.surname] if who.surname else empty,
                col[who.dob] if who.dob else pa.nulls(n, pa.date32()),
                pnc=col[who.pnc] if who.pnc else None,
                nhs=col[who.nhs] if who.nhs else None,
            )
            out[f"{person}_token"] = self.tokeniser.tokenise(keys, who.domain)
        out["_source_sha256"] = pa.array([sha256] * n, pa.string())
        out[ROW] = col[ROW]
        out["_contract_version"] = pa.array([c.version] * n, pa.string())
        out["_key_version"] = pa.array(np.full(n, self.tokeniser.key_version, dtype=np.int32))
        out["_dq_warnings"] = warnings
        schema = trusted_schema(feed)
        return pa.table({name: out[name] for name in schema.names}).cast(schema)

    def _known_people(self, feed: Feed, col: dict[str, pa.Array], n: int) -> list[dict[str, str]] | None:
        """Per row, the structured names of the row's people, so the narrative can refer to them."""
        persons = feed.contract.persons
        if not persons or not any(isinstance(s.pseudonymise, Redact) for s in feed.contract.fields.values()):
            return None
        rows: list[dict[str, str]] = [{} for _ in range(n)]
        for role, spec in persons.items():
            parts = [col[p].to_pylist() for p in (spec.forename, spec.surname) if p]
            for i, names in enumerate(zip(*parts, strict=True)):
                full = " ".join(x for x in names if x)
                if full:
                    rows[i][role] = full
        return rows

    def _redact(self, texts: pa.Array, known: list[dict[str, str]] | None) -> pa.Array:
        values: list[Any] = texts.to_pylist()
        if not any(values):
            return texts
        results = self.redactor.redact_batch(values, known, n_process=self.n_process)
        return pa.array([None if v is None else r.text for v, r in zip(values, results, strict=True)], pa.string())
