"""The demo month end to end on the embedded stack, checked against the generator's ground truth."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from csphub.config import Settings
from csphub.demo import run_demo
from csphub.generator import generate_month
from csphub.hub import Hub
from csphub.pipeline.run import RunReport, run_pending

pytestmark = pytest.mark.e2e
MONTH, SEED, SCALE = "2026-09", 11, 0.05


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, RunReport]:
    settings = Settings(home=tmp_path_factory.mktemp("demo") / "hub")
    return settings, run_demo(settings, month=MONTH, seed=SEED, scale=SCALE)


@pytest.fixture(scope="module")
def truth():  # type: ignore[no-untyped-def]
    return {f"{f.partner}/{f.feed}/{f.name}": f for f in generate_month(MONTH, seed=SEED, scale=SCALE)}


def test_every_file_reconciles_with_the_generated_truth(demo, truth) -> None:  # type: ignore[no-untyped-def]
    """Each generated file: rows in = generated rows = published + quarantined, quarantined = planted bad rows."""
    _settings, report = demo
    outcomes = {f.key: f for f in report.files}
    for key, gen in truth.items():
        o = outcomes[key]
        assert o.status == "validated", (key, o.reason)
        assert o.rows_in == gen.truth.rows, key
        assert o.rows_in == o.rows_published + o.rows_quarantined, key
        assert o.rows_quarantined == len(gen.truth.bad_rows), key


def test_planted_bad_rows_are_quarantined_with_the_planted_rule(demo, truth) -> None:  # type: ignore[no-untyped-def]
    """Every planted fault is reported on its row, field and rule (the quarantine report is precise)."""
    settings, report = demo
    with Hub.open(settings) as hub:
        for o in report.files:
            gen = truth.get(o.key)
            if gen is None or not gen.truth.bad_rows:
                continue
            text = hub.store.get("quarantine", f"{o.quarantine_key}findings.csv").decode()
            found = {
                (int(r["row"]), r["field"], r["rule"])
                for r in csv.DictReader(io.StringIO(text))
                if r["severity"] == "block"
            }
            for bad in gen.truth.bad_rows:
                assert (bad.row, bad.field, bad.rule) in found, (o.key, bad)


def test_resend_is_a_duplicate_and_broken_file_is_rejected(demo) -> None:  # type: ignore[no-untyped-def]
    """The demo's re-sent file is processed once; the wrong-delimiter file is rejected with a reason."""
    _settings, report = demo
    by_status = {o.key: o for o in report.files}
    resend = [o for k, o in by_status.items() if k.endswith("_resend.csv")]
    assert [o.status for o in resend] == ["duplicate"]
    broken = [o for k, o in by_status.items() if k.endswith("_corrected.csv")]
    assert [o.status for o in broken] == ["rejected"]
    assert "delimited" in (broken[0].reason or "")


def test_rerun_duplicates_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    """Running the demo again lands the same bytes: nothing is processed or published twice."""
    settings, first = demo
    again = run_demo(settings, month=MONTH, seed=SEED, scale=SCALE)
    assert again.files == []
    assert all(d.status == "unchanged" for d in again.datasets)
    assert {(d.board, d.dataset, d.rows) for d in again.datasets} == {
        (d.board, d.dataset, d.rows) for d in first.datasets
    }
    with Hub.open(settings) as hub:
        assert run_pending(hub).files == []


def _string_cells(table: pa.Table) -> Iterator[str]:
    for col in table.columns:
        t = col.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            yield from (v for v in col.to_pylist() if v)
        elif pa.types.is_list(t) or pa.types.is_large_list(t):
            yield from (x for v in col.to_pylist() if v for x in v if isinstance(x, str))


def _published_strings(settings: Settings) -> set[str]:
    """Every string value in every Parquet file of the trusted zone and the lake."""
    values: set[str] = set()
    for bucket in ("trusted", "lake"):
        for path in (settings.store_root / bucket).rglob("*.parquet"):
            values.update(_string_cells(pq.read_table(path)))
    return values


def _words(s: str) -> list[str]:
    return re.findall(r"[\w/'.+-]+", s)


def _permitted_places() -> re.Pattern[str]:
    """Place names and street names *without* a house number are location context boards may see; a
    surname that is also a place word ("Hall" in "Hall Green") is not a leak there. Anything preceded by
    a house number stays in the scan, so a numbered address is still found."""
    from pseudonymisation.freetext.gazetteer import PLACES
    from pseudonymisation.freetext.streets import SUFFIXES

    places = "|".join(sorted((re.escape(p) for p in PLACES), key=len, reverse=True))
    street = r"(?:[A-Z][\w'&-]*\s+){1,3}(?i:" + "|".join(SUFFIXES) + r")"
    return re.compile(rf"(?<![0-9] )(?<![0-9], )\b(?:(?i:{places})|{street})\b")


def test_no_raw_identifier_reaches_the_trusted_zone_or_the_lake(demo, truth) -> None:  # type: ignore[no-untyped-def]
    """Scan every published value for every raw identifier the generator planted (names, DOBs,
    NHS/PNC/NI numbers, phones, full postcodes, UPRNs, emails, case refs), in structured fields and free text."""
    settings, _report = demo
    cells = _published_strings(settings)
    assert len(cells) > 1000  # the scan looked at real data
    seqs: set[tuple[str, ...]] = set()
    permitted = _permitted_places()
    for cell in cells:
        w = _words(permitted.sub(" ", cell))
        for n in range(1, 5):
            seqs.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    planted = set().union(*(f.truth.raw_identifiers for f in truth.values()))
    assert planted
    leaks = sorted(p for p in planted if len(p) >= 4 and tuple(_words(p)) in seqs)
    assert leaks == [], f"{len(leaks)} raw identifiers published, e.g. {leaks[:5]}"


def test_audit_trail_records_files_and_publications_and_is_intact(demo) -> None:  # type: ignore[no-untyped-def]
    """Every file and publication is in the append-only audit trail, whose hash chain verifies."""
    settings, report = demo
    with Hub.open(settings) as hub:
        entries = hub.audit.entries()
        assert hub.audit.verify() is None
        validated = {e.subject for e in entries if e.action == "file.validated"}
        assert {o.key for o in report.files if o.status == "validated"} <= validated
        published = {e.subject for e in entries if e.action == "dataset.published"}
        assert {f"{d.board}.{d.dataset}" for d in report.datasets} <= published


def test_state_stays_inside_the_home_folder(demo) -> None:  # type: ignore[no-untyped-def]
    """The embedded run writes only under CSPHUB_HOME (nothing into the repository)."""
    settings, _ = demo
    assert Path(settings.home).is_dir()
    assert (settings.store_root / "lake").is_dir()
