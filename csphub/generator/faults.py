"""Planted faults: bad rows with exactly one contract violation each, and whole files that cannot be parsed.

Row faults are chosen from what the feed's contract can detect (a ``valid_identifier`` fault only where a
block-severity ``valid_identifier`` rule exists, and so on), spread across the applicable kinds, and built
so the planted value breaks exactly one rule. Conventions the validator is tested against: a value that
does not parse (``date_format``, ``type``) is reported under that rule only, not also as ``required``;
fields that another rule reads (an ``age_range`` event date, a ``required_if`` condition) are never
faulted, so one fault never causes a second finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

import numpy as np

from csphub.contracts.model import (
    AgeRange,
    InReference,
    NotFuture,
    Pattern,
    Range,
    Required,
    RequiredIf,
    Severity,
    Unique,
    ValidIdentifier,
)
from csphub.generator import ids
from csphub.generator.base import Cell, FeedSpec, Frame, PlantedBadRow

T = TypeVar("T")

KINDS = (
    "required",
    "date_format",
    "type",
    "enum",
    "in_reference",
    "valid_identifier",
    "not_future",
    "unique",
    "pattern",
    "range",
    "age_range",
)
BAD_ENUM_CODES = ("TBC", "XX", "PENDING_REVIEW", "LEGACY_99")
BAD_INTS = ("two", "1O", "n/a")


def bad_row_count(rows: int, bad_share: float) -> int:
    if bad_share <= 0 or rows == 0:
        return 0
    n = round(rows * bad_share)
    return min(rows - 1, max(n, 1 if rows >= 20 else 0))


@dataclass
class _Plan:
    """What the contract lets us fault, per kind: candidate fields (and rules)."""

    spec: FeedSpec

    def __post_init__(self) -> None:
        c = self.spec.contract
        block = [r for r in c.quality if r.severity is Severity.BLOCK]
        self.at_fields = {r.at for r in c.quality if isinstance(r, AgeRange)}
        self.when_fields = {r.when for r in c.quality if isinstance(r, RequiredIf)}
        self.protected = self.at_fields | self.when_fields | {c.record_id}
        mapped = set(c.format.columns.values())
        f = self.spec.fields
        self.required = sorted(
            {n for n in mapped if f[n].required and n not in self.protected}
            | {r.field for r in block if isinstance(r, Required)}
        )
        dates = [n for n in mapped if f[n].avro_type in ("date", "timestamp-millis", "timestamp-micros")]
        self.date_format = sorted(n for n in dates if n not in self.protected)
        self.type = sorted(n for n in mapped if f[n].avro_type in ("int", "long") and n not in self.protected)
        self.enum = sorted(n for n in mapped if f[n].avro_type == "enum" and n not in self.protected)
        self.in_reference = [r for r in block if isinstance(r, InReference) and r.field in mapped]
        self.valid_identifier = [r for r in block if isinstance(r, ValidIdentifier) and r.field in mapped]
        self.not_future = [r for r in block if isinstance(r, NotFuture) and r.field in mapped]
        self.unique = [r for r in block if isinstance(r, Unique) and r.field == c.record_id]
        self.pattern = [r for r in block if isinstance(r, Pattern) and r.field in mapped]
        self.range = [
            r for r in block if isinstance(r, Range) and r.field in mapped and f[r.field].avro_type in ("int", "long")
        ]
        self.age_range = [r for r in block if isinstance(r, AgeRange) and r.field in mapped]
        self.all_ranges = [r for r in c.quality if isinstance(r, AgeRange)]

    def applicable(self) -> list[str]:
        return [k for k in KINDS if getattr(self, k)]


def _as_date(v: object) -> date | None:
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else v.astype("datetime64[D]").item()
    return None


def _age(dob: date, at: date) -> int:
    return at.year - dob.year - ((at.month, at.day) < (dob.month, dob.day))


class RowFaults:
    """Plants ``n`` single-fault rows into a frame, returning cell overrides and the truth."""

    def __init__(self, frame: Frame, spec: FeedSpec, rng: np.random.Generator) -> None:
        self.frame = frame
        self.spec = spec
        self.rng = rng
        self.plan = _Plan(spec)
        self.overrides: dict[tuple[int, str], Cell] = {}
        self.bad: list[PlantedBadRow] = []
        self.identifiers: set[str] = set()
        rid = frame.columns[spec.contract.record_id]
        self._ids = set(rid.tolist())

    def plant(self, n: int) -> None:
        kinds = self.plan.applicable()
        if n == 0 or not kinds:
            return
        rows = self.rng.permutation(self.frame.rows)
        order = [kinds[i] for i in self.rng.permutation(len(kinds))]
        taken: set[int] = set()
        k = 0
        for r in rows.tolist():
            if len(self.bad) == n:
                break
            for attempt in range(len(order)):
                kind = order[(k + attempt) % len(order)]
                if self._apply(kind, r, taken):
                    taken.add(r)
                    k += attempt + 1
                    break
        self.bad.sort(key=lambda b: b.row)

    # -- one fault ---------------------------------------------------------------------------------
    def _value(self, r: int, name: str) -> object:
        if name in self.frame.header:
            return self.frame.header[name]
        return self.frame.columns[name][r]

    def _set(self, r: int, name: str, value: Cell, rule: str) -> bool:
        self.overrides[(r, name)] = value
        self.bad.append(PlantedBadRow(row=r + 1, field=name, rule=rule))
        return True

    def _pick(self, items: Sequence[T]) -> T:
        return items[int(self.rng.integers(len(items)))]

    def _apply(self, kind: str, r: int, taken: set[int]) -> bool:
        p = self.plan
        if kind == "required":
            name = str(self._pick(p.required))
            return self._set(r, name, None, kind)
        if kind == "date_format":
            name = str(self._pick(p.date_format))
            return self._set(r, name, self._bad_date(r, name), kind)
        if kind == "type":
            name = str(self._pick(p.type))
            return self._set(r, name, str(self._pick(list(BAD_INTS))), kind)
        if kind == "enum":
            name = str(self._pick(p.enum))
            symbols = set(self.spec.fields[name].symbols)
            unknown = [c for c in BAD_ENUM_CODES if c not in symbols]
            return self._set(r, name, str(self._pick(unknown)), kind)
        if kind == "in_reference":
            ref = self._pick(p.in_reference)
            code = str(self._value(r, ref.field) or "E05011118")
            bad = f"{code[:3]}{int(self.rng.integers(900_000, 999_999)):06d}" if code.startswith("E0") else f"ZZ{code}"
            return self._set(r, ref.field, bad, kind)
        if kind == "valid_identifier":
            vid = self._pick(p.valid_identifier)
            current = self._value(r, vid.field)
            if not isinstance(current, str):
                return False
            broken = {"pnc_id": ids.broken_pnc, "ni_number": ids.broken_nino}.get(vid.identifier)
            if broken is None:
                return False
            value = broken(current)
            self.identifiers.add(value)
            return self._set(r, vid.field, value, kind)
        if kind == "not_future":
            return self._not_future(r)
        if kind == "unique":
            return self._unique(r, taken)
        if kind == "pattern":
            return self._pattern(r, self._pick(p.pattern))
        if kind == "range":
            rng_rule = self._pick(p.range)
            out_of_range = (
                int(rng_rule.max) + int(self.rng.integers(1, 9))
                if rng_rule.max is not None
                else int(rng_rule.min or 0) - 1
            )
            return self._set(r, rng_rule.field, out_of_range, kind)
        if kind == "age_range":
            return self._age_range(r)
        raise ValueError(f"unknown fault kind {kind!r}")

    def _bad_date(self, r: int, name: str) -> str:
        """The partner's date format with an impossible day (32) and, for timestamps, hour (25)."""
        fmt = self.spec.contract.format
        kind = self.spec.fields[name].avro_type
        pattern = fmt.date_formats[0] if kind == "date" else fmt.timestamp_formats[0]
        value = self._value(r, name)
        when = _as_date(value) or date(1990, 1, 15)
        text = datetime(when.year, when.month, when.day, 10, 30).strftime(
            pattern.replace("%d", "32").replace("%H", "25")
        )
        for candidate in [*fmt.date_formats, *fmt.timestamp_formats]:
            try:
                datetime.strptime(text, candidate)
            except ValueError:
                continue
            raise AssertionError(f"planted bad date {text!r} parses with {candidate!r}")
        return text

    def _not_future(self, r: int) -> bool:
        for rule in self.rng.permutation(len(self.plan.not_future)).tolist():
            name = self.plan.not_future[rule].field
            value = self._value(r, name)
            if not isinstance(value, np.datetime64) or np.isnat(value):
                continue
            shifted = value.astype("datetime64[s]").item()
            shifted = (
                shifted.replace(year=shifted.year + 10)
                if not (shifted.month == 2 and shifted.day == 29)
                else shifted.replace(year=shifted.year + 8)
            )
            if name in self.plan.at_fields and not self._ages_ok(r, shifted.date()):
                continue
            typed: Cell = shifted if self.spec.fields[name].avro_type.startswith("timestamp") else shifted.date()
            return self._set(r, name, typed, "not_future")
        return False

    def _ages_ok(self, r: int, at: date) -> bool:
        for rule in self.plan.all_ranges:
            dob = _as_date(self._value(r, rule.field))
            if dob is not None and not rule.min <= _age(dob, at) <= rule.max:
                return False
        return True

    def _unique(self, r: int, taken: set[int]) -> bool:
        earlier = [j for j in range(max(0, r - 500), r) if j not in taken]
        if not earlier:
            return False
        j = earlier[int(self.rng.integers(len(earlier)))]
        name = self.spec.contract.record_id
        taken.add(j)  # the first occurrence stays clean
        return self._set(r, name, str(self.frame.columns[name][j]), "unique")

    def _pattern(self, r: int, rule: Pattern) -> bool:
        value = self._value(r, rule.field)
        if not isinstance(value, str):
            return False
        regex = re.compile(rule.regex)
        for candidate in (value[:-1], value + "X", value.replace("/", "-"), value[1:], "?" + value):
            if not regex.fullmatch(candidate) and candidate not in self._ids and candidate:
                if rule.field == self.spec.contract.record_id:
                    self._ids.add(candidate)
                    self.identifiers.add(candidate)
                return self._set(r, rule.field, candidate, "pattern")
        return False

    def _age_range(self, r: int) -> bool:
        for i in self.rng.permutation(len(self.plan.age_range)).tolist():
            rule = self.plan.age_range[i]
            at = _as_date(self._value(r, rule.at))
            if at is None or self._value(r, rule.field) is None:
                continue
            current = _as_date(self._value(r, rule.field))
            if current is None:
                continue
            if rule.min > 0 and self.rng.random() < 0.5:
                age = max(rule.min - int(self.rng.integers(2, 6)), 1)
            else:
                age = rule.max + int(self.rng.integers(1, 6))
            dob = at - timedelta(days=int(age * 365.25 + self.rng.integers(20, 300)))
            if dob.year < 1901:  # keep it a plausible (parseable) date of birth
                continue
            if rule.min <= _age(dob, at) <= rule.max:
                continue
            return self._set(r, rule.field, dob, "age_range")
        return False


# -- whole-file rejects ----------------------------------------------------------------------------
UNPARSEABLE_KINDS = ("wrong_delimiter", "binary_junk", "wrong_encoding", "empty", "header_mismatch")


def make_unparseable(kind: str, good: bytes | None = None, *, spec: FeedSpec | None = None, seed: int = 0) -> bytes:
    """Bytes of a file the hub must reject whole.

    ``wrong_delimiter``: a CSV re-delimited with ``;`` or ``|``; ``binary_junk``: random bytes; ``wrong_encoding``:
    latin-1 bytes (an accented name) in a UTF-8 feed; ``empty``: zero bytes; ``header_mismatch``: a required
    column missing from the header. ``good`` is a valid file of the feed (``csphub.generator.generate_feed``);
    ``spec`` is needed for ``header_mismatch``.
    """
    rng = np.random.default_rng(seed)
    if kind == "empty":
        return b""
    if kind == "binary_junk":
        return b"\x89PK\x03\x04\x00\xff\xfe" + rng.integers(0, 256, 4096, dtype=np.uint8).tobytes()
    if good is None:
        raise ValueError(f"{kind} needs a good file to corrupt")
    text = good.decode("utf-8")
    if kind == "wrong_delimiter":
        import csv
        import io

        rows = list(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        csv.writer(out, delimiter=";" if rng.random() < 0.5 else "|", lineterminator="\n").writerows(rows)
        return out.getvalue().encode("utf-8")
    if kind == "wrong_encoding":
        lines = text.splitlines(keepends=True)
        fixed = [lines[0], *[ln.replace("Zoe", "Zoë").replace("Renee", "Renée") for ln in lines[1:]]]
        body = "".join(fixed)
        if body == text or not any(ord(c) > 127 for c in body):
            body = lines[0] + "".join(lines[1:]).replace(",", ",Zoë ", 1)
        return body.encode("latin-1", errors="replace")
    if kind == "header_mismatch":
        if spec is None:
            raise ValueError("header_mismatch needs the feed spec")
        required = [h for h, f in spec.contract.format.columns.items() if spec.fields[f].required]
        header, _, rest = text.partition("\n")
        victim = required[0]
        cells = header.rstrip("\r").split(spec.contract.format.delimiter)
        renamed = [c if c.strip('"') != victim else f"{victim} (old)" for c in cells]
        return (
            spec.contract.format.delimiter.join(renamed) + ("\r\n" if header.endswith("\r") else "\n") + rest
        ).encode("utf-8")
    raise ValueError(f"unknown unparseable kind {kind!r}; known: {', '.join(UNPARSEABLE_KINDS)}")
