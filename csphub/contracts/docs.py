"""Human-readable views of contracts: the ``contracts show`` summary and the Markdown catalogue.

Both views are built from the same description of a loaded feed (summary lines and one row per
field), so what a data engineer sees in the terminal and what information-governance staff read in
``docs/contracts.md`` cannot drift apart. Output is deterministic: feeds, boards and fields appear in
a fixed order and nothing depends on the time or the machine, so the committed catalogue can be
checked against the generator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from csphub.contracts.model import (
    AgeRange,
    Classification,
    Contract,
    Drop,
    FieldSpec,
    Generalise,
    InReference,
    Keep,
    Link,
    Pattern,
    Range,
    Redact,
    RequiredIf,
    Rule,
    Tokenise,
    ValidIdentifier,
)
from csphub.contracts.registry import ContractRegistry, Feed

GENERATE_COMMAND = "csphub contracts docs"
CLASSIFICATION_LABELS: dict[Classification, str] = {
    Classification.DIRECT_IDENTIFIER: "direct identifier",
    Classification.QUASI_IDENTIFIER: "quasi-identifier",
    Classification.SPECIAL_CATEGORY: "special category",
    Classification.FREE_TEXT: "free text",
    Classification.OPERATIONAL: "operational",
}
GENERALISED_TO = {
    "postcode_sector": "→ postcode sector",
    "date_hour_weekday": "→ date, hour, weekday",
    "month": "→ month",
}


@dataclass(frozen=True)
class FieldRow:
    """One schema field as people read it: type, classification, what pseudonymisation does, rules."""

    name: str
    avro_type: str
    classification: str
    pseudonymisation: str
    rules: tuple[str, ...]


# -- describing one contract ------------------------------------------------------------------------
def action_label(spec: FieldSpec) -> str:
    """What the trusted zone gets instead of the raw value, e.g. ``tokenise (incident)``."""
    act = spec.pseudonymise
    if isinstance(act, Keep):
        return "keep"
    if isinstance(act, Drop):
        return "drop"
    if isinstance(act, Tokenise):
        normaliser = "" if act.identifier == "free_id" else f", normalised as {act.identifier}"
        return f"tokenise ({act.domain}{normaliser})"
    if isinstance(act, Link):
        return f"link → person {act.person}"
    if isinstance(act, Generalise):
        if act.to == "age_band":
            return f"→ age band at {act.at} ({act.person})"
        return GENERALISED_TO[act.to]
    if isinstance(act, Redact):
        return "redact free text"
    raise TypeError(f"no label for pseudonymisation action {act!r}")


def rule_label(rule: Rule) -> str:
    """One quality rule in words, with its severity, e.g. ``unique [block]``."""
    if isinstance(rule, Pattern):
        text = f"matches `{rule.regex}`"
    elif isinstance(rule, Range):
        text = f"between {_num(rule.min, '-∞')} and {_num(rule.max, '∞')}"
    elif isinstance(rule, InReference):
        column = "" if rule.column == "code" else f" ({rule.column})"
        text = f"in reference list {rule.reference}{column}"
    elif isinstance(rule, ValidIdentifier):
        text = f"valid {rule.identifier}"
    elif isinstance(rule, AgeRange):
        text = f"age {rule.min}–{rule.max} at {rule.at}"
    elif isinstance(rule, RequiredIf):
        text = f"required if {rule.when} in {', '.join(rule.equals)}"
    else:
        text = rule.rule.replace("_", " ")
    return f"{text} [{rule.severity.value}]"


def field_rows(feed: Feed) -> list[FieldRow]:
    """The feed's fields in schema order."""
    rules: dict[str, list[str]] = {}
    for rule in feed.contract.quality:
        rules.setdefault(rule.field, []).append(rule_label(rule))
    rows = []
    for f in feed.fields:
        spec = feed.contract.fields.get(f.name)
        kind = f"enum ({len(f.symbols)} values)" if f.avro_type == "enum" else f.avro_type
        rows.append(
            FieldRow(
                name=f.name,
                avro_type=f"{kind}, nullable" if f.nullable else kind,
                classification=CLASSIFICATION_LABELS[spec.classification] if spec else "UNCLASSIFIED",
                pseudonymisation=action_label(spec) if spec else "—",
                rules=tuple(rules.get(f.name, ())),
            )
        )
    return rows


def consumers(contract: Contract) -> tuple[list[str], list[str]]:
    """(boards with row-level access, boards with aggregates only), each sorted."""
    row_level = sorted(contract.governance.row_level_consumers)
    return row_level, sorted(set(contract.governance.consumers) - set(row_level))


def access(contract: Contract, board: str) -> str:
    """What one board may see of a feed: ``row-level``, ``aggregate`` or ``none``."""
    if board in contract.governance.row_level_consumers:
        return "row-level"
    return "aggregate" if board in contract.governance.consumers else "none"


def short_basis(contract: Contract, limit: int = 100) -> str:
    """The lawful basis up to its first clause (before a colon, semicolon or bracketed aside), for tables."""
    text = " ".join(contract.governance.lawful_basis.split())
    text = re.split(r" \(|[;:]", text, maxsplit=1)[0].rstrip(". ")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def summary(feed: Feed) -> list[tuple[str, str]]:
    """The contract's headline facts as (label, value) pairs, in reading order."""
    c = feed.contract
    d, g = c.delivery, c.governance
    row_level, aggregate = consumers(c)
    how = "S3 drop into the partner's landing prefix" if d.mode == "s3_drop" else f"pulled by connector {d.connector}"
    rows = f"{d.row_count.min}–{d.row_count.max}" if d.row_count.max is not None else f"at least {d.row_count.min}"
    history = ", ".join(f"`{p}`" for p in c.schema_.previous) or "none"
    pairs = [
        ("Title", c.title),
        ("Version", f"{c.version} ({c.status})"),
        ("Owner partner", c.partner),
        ("Steward", c.steward_role),
        ("Schema", f"`schemas/{c.schema_.file}` (compatibility {c.compatibility}; previous: {history})"),
        ("Record id / event time", f"`{c.record_id}` / `{c.event_time}`"),
        ("File format", _format(c)),
        ("Delivery", f"{d.frequency}, {how}"),
        ("SLA latency", f"due {_days(d.latency_days)} after the period ends"),
        ("Row count", f"{rows} rows per delivery"),
        ("Freshness", f"events at most {_days(d.freshness_days)} older than the delivery"),
        ("Lawful basis", " ".join(g.lawful_basis.split())),
        ("Legislation", "; ".join(g.legislation)),
    ]
    if g.special_category_condition:
        pairs.append(("Special category condition", g.special_category_condition))
    pairs += [
        ("Purpose", " ".join(g.purpose.split())),
        ("Agreement", g.agreement_ref),
        ("Row-level consumers", ", ".join(row_level) or "none"),
        ("Aggregate-only consumers", ", ".join(aggregate) or "none"),
        ("Retention", _retention(c)),
    ]
    for name, person in c.persons.items():
        parts = [
            f"{p} `{getattr(person, p)}`" for p in ("forename", "surname", "dob", "pnc", "nhs") if getattr(person, p)
        ]
        pairs.append((f"Person {name}", f"`{name}_token` in linkage domain {person.domain}, from {', '.join(parts)}"))
    return pairs


def _format(c: Contract) -> str:
    f = c.format
    extra = f", delimiter {f.delimiter!r}" if f.type == "csv" else ""
    sheet = f", sheet {f.sheet!r}" if f.sheet else ""
    records = f", records under `{f.records_path}`" if f.records_path else ""
    header = f" + {len(f.header_fields)} header fields" if f.header_fields else ""
    return (
        f"{f.type} ({f.encoding}{extra}{sheet}{records}), {len(f.columns)} columns{header}, "
        f"file names matching `{f.file_pattern}`"
    )


def _retention(c: Contract) -> str:
    r = c.governance.retention
    zones = {"landing": r.landing_days, "quarantine": r.quarantine_days, "trusted": r.trusted_days, "lake": r.lake_days}
    return ", ".join(f"{zone} {_days(days)}" for zone, days in zones.items())


def _days(days: int) -> str:
    text = f"{days} day" + ("" if days == 1 else "s")
    if days >= 365:
        text += f" (≈{round(days / 365.25, 1):g} years)"
    return text


def _num(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:g}"


# -- terminal ---------------------------------------------------------------------------------------
def render_text(feed: Feed) -> str:
    """The ``contracts show`` summary: headline facts, then the fields table (one line per rule)."""
    pairs = summary(feed)
    width = max(len(label) for label, _ in pairs) + 1
    lines = [feed.id, "=" * len(feed.id)]
    lines += [_plain(f"{label + ':':<{width}} {value}") for label, value in pairs]
    header = ("field", "type", "classification", "pseudonymisation", "quality rules")
    rows = field_rows(feed)
    cells = [(r.name, r.avro_type, r.classification, r.pseudonymisation) for r in rows]
    widths = [max(len(row[i]) for row in (header, *cells)) for i in range(4)]
    lines += ["", "Fields:", _text_row(header, widths), _text_row(tuple("-" * len(h) for h in header), widths)]
    for row, cell in zip(rows, cells, strict=True):
        rules = list(row.rules) or [""]
        lines.append(_text_row((*cell, _plain(rules[0])), widths))
        lines += [_text_row(("", "", "", "", _plain(rule)), widths) for rule in rules[1:]]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _text_row(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join([*(f"{cell:<{w}}" for cell, w in zip(cells[:-1], widths, strict=True)), cells[-1]])


def _plain(text: str) -> str:
    return text.replace("`", "")


# -- Markdown catalogue ------------------------------------------------------------------------------
def board_titles(contracts_dir: Path) -> dict[str, str]:
    """Board id -> title, from ``contracts/boards/*.yaml`` (the id when a board has no title)."""
    titles = {}
    for path in sorted((contracts_dir / "boards").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        titles[path.stem] = str(raw.get("title", path.stem)) if isinstance(raw, dict) else path.stem
    return titles


def render_catalogue(registry: ContractRegistry, titles: Mapping[str, str] | None = None) -> str:
    """The Markdown catalogue of every loaded contract, for information-governance staff."""
    feeds = [registry.feeds[key] for key in sorted(registry.feeds)]
    titles = dict(titles) if titles is not None else board_titles(registry.contracts_dir)
    boards = sorted(set(registry.boards) | set(titles))
    out = [
        "# Data-sharing contracts",
        "",
        f"Generated from `contracts/` and `schemas/` by `{GENERATE_COMMAND}`; do not edit by hand.",
        "Each contract is the machine-readable form of a signed information-sharing agreement: what a",
        "partner sends, on what lawful basis, how every field is pseudonymised before anyone reads it,",
        "which boards may read it (row-level pseudonymised data, or disclosure-controlled aggregates only)",
        "and how long each zone keeps it.",
        "",
        "## Contents",
        "",
        *_md_table(
            ("feed", "partner", "version", "status", "lawful basis", "consumers"),
            [
                (
                    f"[{f.id}](#{f.id})",
                    f.partner,
                    f.contract.version,
                    f.contract.status,
                    short_basis(f.contract),
                    _consumer_cell(f.contract),
                )
                for f in feeds
            ],
        ),
        "",
        "## Who can see what",
        "",
        "Row-level: pseudonymised records (tokens, never names, dates of birth or full postcodes).",
        "Aggregate: disclosure-controlled counts only. None: the board receives nothing from the feed.",
        "",
        *_md_table(
            ("board", *(f.id for f in feeds)),
            [(f"{titles.get(b, b)} (`{b}`)", *(access(f.contract, b) for f in feeds)) for b in boards],
        ),
        "",
        "## Classification summary",
        "",
        "Number of fields per classification in each feed.",
        "",
        *_md_table(
            ("feed", *CLASSIFICATION_LABELS.values(), "total"),
            [(f.id, *_class_counts(f), str(len(f.fields))) for f in feeds],
        ),
    ]
    for feed in feeds:
        out += ["", *_md_contract(feed)]
    return "\n".join(out) + "\n"


def _md_contract(feed: Feed) -> list[str]:
    lines = [f'<a id="{feed.id}"></a>', "", f"## {feed.id} — {feed.contract.title}", ""]
    lines += [f"- **{label}:** {value}" for label, value in summary(feed) if label != "Title"]
    lines += ["", "### Fields", ""]
    lines += _md_table(
        ("field", "Avro type", "classification", "pseudonymisation", "quality rules"),
        [
            (f"`{r.name}`", r.avro_type, r.classification, r.pseudonymisation, "<br>".join(r.rules) or "—")
            for r in field_rows(feed)
        ],
    )
    return lines


def _consumer_cell(contract: Contract) -> str:
    row_level, aggregate = consumers(contract)
    parts = [*(f"{b} (row-level)" for b in row_level), *(f"{b} (aggregate)" for b in aggregate)]
    return ", ".join(parts)


def _class_counts(feed: Feed) -> list[str]:
    counts = dict.fromkeys(Classification, 0)
    for f in feed.fields:
        spec = feed.contract.fields.get(f.name)
        if spec is not None:
            counts[spec.classification] += 1
    return [str(counts[c]) for c in CLASSIFICATION_LABELS]


def _md_table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


__all__ = [
    "GENERATE_COMMAND",
    "FieldRow",
    "access",
    "action_label",
    "board_titles",
    "consumers",
    "field_rows",
    "render_catalogue",
    "render_text",
    "rule_label",
    "short_basis",
    "summary",
]
