"""The seven partner-feed contracts: they lint clean, classify every field, name only known boards, and
their field-level shape is pinned by golden files so a contract or schema change shows up in review.

Regenerate the golden files after an intended change with ``CSPHUB_UPDATE_GOLDEN=1 pytest tests/unit/contracts``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from csphub.config import REPO_ROOT
from csphub.contracts.model import Generalise, Link, Tokenise
from csphub.contracts.registry import ContractRegistry, Feed

FEEDS = [
    "police.crime_records",
    "police.asb_calls",
    "council.asb_cases",
    "council.homelessness_presentations",
    "probation.case_assessments",
    "health.ed_assault_attendances",
    "fire.incidents",
]
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def linted() -> tuple[ContractRegistry, list[str]]:
    return ContractRegistry.lint(REPO_ROOT / "contracts", REPO_ROOT / "schemas")


def test_all_feed_contracts_lint_clean(linted: tuple[ContractRegistry, list[str]]) -> None:
    """Every partner contract loads with no problem (schema, mapping, references, identifiers, connector)."""
    reg, problems = linted
    assert problems == []
    assert set(FEEDS) <= set(reg.feeds)


@pytest.mark.parametrize("feed_id", FEEDS)
def test_every_schema_field_is_classified(linted: tuple[ContractRegistry, list[str]], feed_id: str) -> None:
    feed = linted[0].feeds[feed_id]
    assert {f.name for f in feed.fields} == set(feed.contract.fields)


@pytest.mark.parametrize("feed_id", FEEDS)
def test_consumers_are_known_boards(linted: tuple[ContractRegistry, list[str]], feed_id: str) -> None:
    reg = linted[0]
    gov = reg.feeds[feed_id].contract.governance
    assert set(gov.consumers) <= set(reg.boards)
    assert set(gov.row_level_consumers) <= set(gov.consumers)


@pytest.mark.parametrize("feed_id", FEEDS)
def test_direct_identifiers_never_reach_the_lake_raw(linted: tuple[ContractRegistry, list[str]], feed_id: str) -> None:
    """Names, DOBs, phones, refs and UPRNs are tokenised, linked, generalised or dropped — never kept."""
    contract = linted[0].feeds[feed_id].contract
    for name, spec in contract.fields.items():
        if spec.classification == "direct_identifier":
            assert spec.pseudonymise.action != "keep", name
        if name.endswith("_dob") or name == "dob":
            act = spec.pseudonymise
            assert isinstance(act, Generalise), name
            assert act.to == "age_band", name


def _action(feed: Feed, name: str) -> str:
    act = feed.contract.fields[name].pseudonymise
    if isinstance(act, Tokenise):
        return f"tokenise:{act.domain}:{act.identifier}"
    if isinstance(act, Link):
        return f"link:{act.person}"
    if isinstance(act, Generalise):
        return f"generalise:{act.to}" + (f"@{act.at}:{act.person}" if act.at else "")
    return act.action


def _shape(feed: Feed) -> list[list[str]]:
    rows = []
    for f in sorted(feed.fields, key=lambda f: f.name):
        kind = f.avro_type + ("?" if f.nullable else "")
        rows.append([f.name, kind, str(feed.contract.fields[f.name].classification), _action(feed, f.name)])
    return rows


@pytest.mark.parametrize("feed_id", FEEDS)
def test_golden_field_shape(linted: tuple[ContractRegistry, list[str]], feed_id: str) -> None:
    """(field, avro type, classification, action) per feed matches the reviewed golden file."""
    path = GOLDEN / f"{feed_id}.fields.json"
    shape = _shape(linted[0].feeds[feed_id])
    if os.environ.get("CSPHUB_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("[\n" + ",\n".join(" " + json.dumps(r) for r in shape) + "\n]\n", encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with CSPHUB_UPDATE_GOLDEN=1 and review the diff"
    assert json.loads(path.read_text(encoding="utf-8")) == shape
