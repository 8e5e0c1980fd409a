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


def test_readme_analyst_snippet_runs_against_a_demo_home(demo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The README's copy-paste example for analysts works as written (paths relative to the repo)."""
    from csphub.config import REPO_ROOT

    settings, _ = demo
    readme = (REPO_ROOT / "README.md").read_text()
    section = readme[readme.index("### Board analysts") :]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "hub").symlink_to(settings.home)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example


def _cross_partner(records: list[tuple[str | None, str, str]]) -> tuple[float, float, int]:
    """Pairwise precision/recall of same-person decisions between records of *different* partners."""
    from collections import Counter

    def cross(counter: Counter, by_partner: Counter) -> int:  # type: ignore[type-arg]
        total = sum(c * (c - 1) // 2 for c in counter.values())
        return total - sum(c * (c - 1) // 2 for c in by_partner.values())

    truth = cross(Counter(pid for _, pid, _ in records), Counter((pid, p) for _, pid, p in records))
    keyed = [(k, pid, p) for k, pid, p in records if k is not None]
    predicted = cross(Counter(k for k, _, _ in keyed), Counter((k, p) for k, _, p in keyed))
    correct = cross(Counter((k, pid) for k, pid, _ in keyed), Counter((k, pid, p) for k, pid, p in keyed))
    return (correct / predicted if predicted else 1.0), (correct / truth if truth else 1.0), truth


def test_person_tokens_link_the_planted_people_across_partners(demo, truth) -> None:  # type: ignore[no-untyped-def]
    """The same planted person gets the same `person` token in different partners' extracts (so the DA
    board can count repeat victims across police and council), and different people rarely share one.
    Measured on every published row of every feed against the generator's person ids."""
    import hashlib

    from pseudonymisation.linkage import evaluate_linkage

    settings, _ = demo
    by_sha = {hashlib.sha256(f.data).hexdigest(): f for f in truth.values()}
    records: list[tuple[str | None, str, str]] = []
    for path in (settings.store_root / "trusted").rglob("*.parquet"):
        t = pq.read_table(path)
        gen = by_sha[t.column("_source_sha256")[0].as_py()]
        roles = [c.removesuffix("_token") for c in t.column_names if c.endswith("_token")]
        rows = t.column("_row").to_pylist()
        tokens = {r: t.column(f"{r}_token").to_pylist() for r in roles}
        for i, row in enumerate(rows):
            for role, pid in gen.truth.persons.get(row, []):
                if role in tokens:
                    records.append((tokens[role][i], pid, gen.partner))
    overall = evaluate_linkage((k, pid) for k, pid, _ in records)
    precision, recall, cross_pairs = _cross_partner(records)
    print(f"\nlinkage over {len(records)} person records: precision {overall.precision:.3f} recall {overall.recall:.3f};"
          f" across partners ({cross_pairs} true pairs): precision {precision:.3f} recall {recall:.3f}")  # fmt: skip
    assert cross_pairs >= 30  # enough cross-partner people at the test scale for the figures to mean something
    assert overall.precision >= 0.98
    assert precision >= 0.98
    assert recall >= 0.85
