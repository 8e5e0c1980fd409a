"""Redaction quality on the labelled corpus; thresholds fail the build on regression."""

from __future__ import annotations

import pytest

from pseudonymisation.freetext.evaluate import DEFAULT_CORPUS, STRUCTURED, evaluate, load_corpus


@pytest.fixture(scope="module")
def reports(redactor):
    return evaluate(DEFAULT_CORPUS, lambda: redactor)


def test_corpus_is_large_and_deterministic():
    """Guards the committed corpus: at least 300 texts, all three splits, labels inside the text."""
    records = load_corpus(DEFAULT_CORPUS)
    assert len(records) >= 300
    assert {r["split"] for r in records} == {"main", "heldout", "blind"}
    for r in records:
        for _, start, end in r["spans"]:
            assert 0 <= start < end <= len(r["text"])


@pytest.mark.parametrize("split", ["main", "heldout"])
def test_targets_on_development_splits(reports, split):
    """Guards the targets: structured identifiers recall >= 0.98, names and addresses >= 0.90,
    overall precision >= 0.85."""
    report = reports[split]
    for entity in STRUCTURED:
        assert report.entities[entity].recall >= 0.98, entity
    assert report.entities["PERSON"].recall >= 0.90
    assert report.entities["ADDRESS"].recall >= 0.90
    assert report.total.precision >= 0.85


def test_floors_on_blind_split(reports):
    """Guards the never-tuned blind split against regression. Person recall there is below the 0.90
    target (about 0.72 when written); the floor records today's level, not the goal."""
    report = reports["blind"]
    for entity in STRUCTURED:
        assert report.entities[entity].recall >= 0.98, entity
    assert report.entities["ADDRESS"].recall >= 0.90
    assert report.entities["PERSON"].recall >= 0.68
    assert report.total.precision >= 0.85
