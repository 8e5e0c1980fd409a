"""Redaction quality on the labelled corpus; thresholds fail the build on regression."""

from __future__ import annotations

import pytest

from pseudonymisation.freetext.evaluate import DEFAULT_CORPUS, STRUCTURED, evaluate, load_corpus


@pytest.fixture(scope="module")
def reports(redactor):
    return evaluate(DEFAULT_CORPUS, lambda: redactor)


def test_corpus_is_large_and_deterministic():
    """Guards the committed corpus: at least 300 texts, all four splits, labels inside the text."""
    records = load_corpus(DEFAULT_CORPUS)
    assert len(records) >= 300
    assert {r["split"] for r in records} == {"main", "heldout", "blind", "blind2"}
    assert sum(r["split"] == "blind2" for r in records) >= 100
    for r in records:
        for _, start, end in r["spans"]:
            assert 0 <= start < end <= len(r["text"])


@pytest.mark.parametrize("split", ["main", "heldout", "blind"])
def test_targets_on_development_splits(reports, split):
    """Guards the targets: structured identifiers recall >= 0.98, names and addresses >= 0.90,
    overall precision >= 0.85. The blind split's person misses motivated the first-name gazetteer,
    so it is held to the targets like the development splits."""
    report = reports[split]
    for entity in STRUCTURED:
        assert report.entities[entity].recall >= 0.98, entity
    assert report.entities["PERSON"].recall >= 0.90
    assert report.entities["ADDRESS"].recall >= 0.90
    assert report.total.precision >= 0.85


def test_blind2_split(reports):
    """Guards the never-tuned blind2 split. Targets reached there are asserted (structured recall,
    addresses, overall precision); person recall is below the 0.90 target (0.88 when written, from
    forenames in neither name list and role words followed by a noun), so it has a regression floor
    that records today's level, not the goal."""
    report = reports["blind2"]
    for entity in STRUCTURED:
        assert report.entities[entity].recall >= 0.98, entity
    assert report.entities["ADDRESS"].recall >= 0.90
    assert report.total.precision >= 0.85
    assert report.entities["PERSON"].recall >= 0.85  # floor, target 0.90
    assert report.entities["PERSON"].precision >= 0.83  # floor
