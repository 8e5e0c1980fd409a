"""Data-sharing contracts as pydantic models: the machine-readable data-sharing agreement of a feed.

A contract binds one partner feed to an Avro schema and says how to parse the partner's files, how
every field is classified and pseudonymised, which quality rules apply, who may consume it, on what
lawful basis, and how long each zone keeps it. Loading validates all of it (see ``registry.py`` for
the cross-checks against schemas, reference lists and boards), so a bad contract fails at load.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
IDENT = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Classification(StrEnum):
    DIRECT_IDENTIFIER = "direct_identifier"
    QUASI_IDENTIFIER = "quasi_identifier"
    SPECIAL_CATEGORY = "special_category"
    FREE_TEXT = "free_text"
    OPERATIONAL = "operational"


class Severity(StrEnum):
    BLOCK = "block"  # the row is quarantined
    WARN = "warn"  # the row is published; the finding is counted and recorded on the row


# -- pseudonymisation actions ---------------------------------------------------------------------
class Keep(Strict):
    action: Literal["keep"]


class Drop(Strict):
    action: Literal["drop"]


class Tokenise(Strict):
    """Keyed HMAC token of the normalised value, in a linkage domain. Output column ``<field>_token``."""

    action: Literal["tokenise"]
    domain: str = Field(pattern=IDENT)
    identifier: str = "free_id"  # normaliser from pseudonymisation.identifiers.IDENTIFIERS


class Link(Strict):
    """Consumed into the person token of ``person`` (a name part or identifier); not kept itself."""

    action: Literal["link"]
    person: str = Field(pattern=IDENT)


class Generalise(Strict):
    """Replace by coarser values.

    ``to``: ``age_band`` (a date of birth → ``<person>_age`` and ``<person>_age_band`` at the event
    date field ``at``), ``postcode_sector`` (→ ``<field>_sector``), ``date_hour_weekday`` (a
    timestamp → ``<field>_date``, ``<field>_hour``, ``<field>_weekday``), ``month`` (→ ``<field>_month``).
    """

    action: Literal["generalise"]
    to: Literal["age_band", "postcode_sector", "date_hour_weekday", "month"]
    at: str | None = None  # for age_band: the event date/timestamp field
    person: str | None = None  # for age_band: the person whose age it is (output prefix)

    @model_validator(mode="after")
    def _needs_at(self) -> Generalise:
        if self.to == "age_band" and not (self.at and self.person):
            raise ValueError("generalise to age_band needs 'at' (event field) and 'person'")
        return self


class Redact(Strict):
    """Free text scanned for identifiers, which are replaced by typed placeholders."""

    action: Literal["redact"]


Action = Annotated[Keep | Drop | Tokenise | Link | Generalise | Redact, Field(discriminator="action")]


class FieldSpec(Strict):
    classification: Classification
    pseudonymise: Action
    description: str = ""


class PersonSpec(Strict):
    """A person in each row, linked across partners by a keyed ``person`` token.

    The token comes from the strongest evidence in the row: name + date of birth (normalised), else a
    valid PNC ID / NHS number. Output column ``<person>_token``.
    """

    domain: str = Field(default="person", pattern=IDENT)
    forename: str | None = None
    surname: str | None = None
    dob: str | None = None
    pnc: str | None = None
    nhs: str | None = None


# -- parsing ---------------------------------------------------------------------------------------
class Format(Strict):
    type: Literal["csv", "json", "xlsx"]
    encoding: str = "utf-8"
    delimiter: str = ","
    sheet: str | None = None  # xlsx
    records_path: str | None = None  # json: key of the list of records
    header_fields: dict[str, str] = Field(default_factory=dict)  # json: header key -> field on every row
    date_formats: list[str] = Field(default_factory=lambda: ["%Y-%m-%d"])
    timestamp_formats: list[str] = Field(default_factory=lambda: ["%Y-%m-%dT%H:%M:%S"])
    null_values: list[str] = Field(default_factory=lambda: [""])
    true_values: list[str] = Field(default_factory=lambda: ["Y", "Yes", "TRUE", "true", "1"])
    false_values: list[str] = Field(default_factory=lambda: ["N", "No", "FALSE", "false", "0"])
    columns: dict[str, str]  # partner header name -> schema field
    file_pattern: str = r".+"  # accepted object names (regex)

    @field_validator("delimiter")
    @classmethod
    def _one_char(cls, v: str) -> str:
        if len(v) != 1:
            raise ValueError("delimiter must be one character")
        return v


# -- quality rules ---------------------------------------------------------------------------------
class _Rule(Strict):
    field: str
    severity: Severity = Severity.BLOCK


class NotFuture(_Rule):
    rule: Literal["not_future"]


class Range(_Rule):
    rule: Literal["range"]
    min: float | None = None
    max: float | None = None


class Pattern(_Rule):
    rule: Literal["pattern"]
    regex: str


class InReference(_Rule):
    rule: Literal["in_reference"]
    reference: str  # name of a list in contracts/reference/
    column: str = "code"


class ValidIdentifier(_Rule):
    rule: Literal["valid_identifier"]
    identifier: str  # name in pseudonymisation.identifiers.IDENTIFIERS


class Unique(_Rule):
    rule: Literal["unique"]


class AgeRange(_Rule):
    """Age at the event, from a date-of-birth field, must be within [min, max]."""

    rule: Literal["age_range"]
    at: str
    min: int = 0
    max: int = 120


class Required(_Rule):
    """Required beyond the schema (e.g. a nullable column this feed must fill)."""

    rule: Literal["required"]


class RequiredIf(_Rule):
    rule: Literal["required_if"]
    when: str  # another field
    equals: list[str]


Rule = Annotated[
    NotFuture | Range | Pattern | InReference | ValidIdentifier | Unique | AgeRange | Required | RequiredIf,
    Field(discriminator="rule"),
]


# -- delivery and governance ---------------------------------------------------------------------------
class RowCount(Strict):
    min: int = 1
    max: int | None = None


class Delivery(Strict):
    mode: Literal["s3_drop", "pull"]
    connector: str | None = None  # for pull: name in connectors.pull registry
    frequency: Literal["daily", "weekly", "monthly", "quarterly"]
    latency_days: int = Field(ge=0, description="days after the period end the file is due")
    row_count: RowCount = RowCount()
    freshness_days: int = Field(ge=1, description="oldest event in a delivery, days before delivery")

    @model_validator(mode="after")
    def _pull_has_connector(self) -> Delivery:
        if self.mode == "pull" and not self.connector:
            raise ValueError("pull delivery needs a connector name")
        return self


class Retention(Strict):
    landing_days: int = Field(ge=1)
    quarantine_days: int = Field(ge=1)
    trusted_days: int = Field(ge=1)
    lake_days: int = Field(ge=1)


class Governance(Strict):
    lawful_basis: str
    legislation: list[str] = Field(min_length=1)
    purpose: str
    agreement_ref: str  # the signed information-sharing agreement
    consumers: list[str] = Field(min_length=1)  # board ids
    row_level_consumers: list[str] = Field(default_factory=list)  # boards allowed row-level data
    retention: Retention
    special_category_condition: str | None = None  # DPA 2018 Sch.1 / s.35 condition when special data

    @model_validator(mode="after")
    def _row_level_subset(self) -> Governance:
        extra = set(self.row_level_consumers) - set(self.consumers)
        if extra:
            raise ValueError(f"row_level_consumers not in consumers: {sorted(extra)}")
        return self


class SchemaRef(Strict):
    file: str  # relative to schemas/
    previous: list[str] = Field(default_factory=list)  # earlier versions, oldest first


class Contract(Strict):
    id: str = Field(pattern=r"^[a-z]+\.[a-z_]+$")
    title: str
    version: str
    status: Literal["draft", "active", "deprecated", "retired"]
    partner: str = Field(pattern=IDENT)
    feed: str = Field(pattern=IDENT)
    steward_role: str
    compatibility: Literal[
        "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"
    ]
    schema_: SchemaRef = Field(alias="schema")
    format: Format
    record_id: str  # the partner's record id field (unique within a file)
    event_time: str  # the field that dates the event (freshness, age at event, partitioning)
    fields: dict[str, FieldSpec]
    persons: dict[str, PersonSpec] = Field(default_factory=dict)
    quality: list[Rule] = Field(default_factory=list)
    delivery: Delivery
    governance: Governance

    @field_validator("version")
    @classmethod
    def _semver(cls, v: str) -> str:
        if not SEMVER.match(v):
            raise ValueError(f"version {v!r} is not semantic (MAJOR.MINOR.PATCH)")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Contract:
        if self.id != f"{self.partner}.{self.feed}":
            raise ValueError(f"id {self.id!r} must be '{self.partner}.{self.feed}'")
        problems: list[str] = []
        for header, fname in self.format.columns.items():
            if fname not in self.fields:
                problems.append(f"format.columns[{header!r}] maps to unknown field {fname!r}")
        for src in self.format.header_fields.values():
            if src not in self.fields:
                problems.append(f"format.header_fields maps to unknown field {src!r}")
        for special in ("record_id", "event_time"):
            if getattr(self, special) not in self.fields:
                problems.append(f"{special} {getattr(self, special)!r} is not a field")
        for i, rule in enumerate(self.quality):
            for ref in (rule.field, getattr(rule, "at", None), getattr(rule, "when", None)):
                if ref is not None and ref not in self.fields:
                    problems.append(f"quality[{i}] ({rule.rule}) names unknown field {ref!r}")
        for name, person in self.persons.items():
            for part in ("forename", "surname", "dob", "pnc", "nhs"):
                ref = getattr(person, part)
                if ref is not None and ref not in self.fields:
                    problems.append(f"persons.{name}.{part} names unknown field {ref!r}")
        for fname, spec in self.fields.items():
            act = spec.pseudonymise
            if isinstance(act, Link) and act.person not in self.persons:
                problems.append(f"fields.{fname}: link to unknown person {act.person!r}")
            if isinstance(act, Generalise) and act.to == "age_band":
                if act.at not in self.fields:
                    problems.append(f"fields.{fname}: age_band 'at' names unknown field {act.at!r}")
                if act.person not in self.persons:
                    problems.append(f"fields.{fname}: age_band person {act.person!r} is not in persons")
            if spec.classification is Classification.DIRECT_IDENTIFIER and isinstance(act, Keep):
                problems.append(f"fields.{fname}: a direct identifier cannot be kept")
            if spec.classification is Classification.FREE_TEXT and not isinstance(act, Redact | Drop):
                problems.append(f"fields.{fname}: free text must be redacted or dropped")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])
