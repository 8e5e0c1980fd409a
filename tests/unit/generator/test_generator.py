"""The synthetic extract generator: reproducible bytes, files that match their contracts, planted faults
that are exactly what a contract-driven validator finds, raw identifiers that really are in the file, and
the same people planted across partners."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import datetime

import numpy as np
import pytest
from conftest import as_of_date, check, raw_rows

from csphub.cli import main as cli_main
from csphub.generator import DEFAULT_ROWS, GENERATORS, GeneratedFile, Population, generate_feed, make_unparseable
from csphub.generator.base import load_spec
from csphub.generator.faults import UNPARSEABLE_KINDS, bad_row_count
from pseudonymisation.identifiers import IDENTIFIERS

MONTH = "2026-10"
SMALL = {k: max(60, v // 10) for k, v in DEFAULT_ROWS.items()}
FEEDS = sorted(GENERATORS)


@pytest.fixture(scope="module")
def small_files(population: Population) -> dict[str, GeneratedFile]:
    out = {}
    for key in FEEDS:
        partner, feed = key.split(".")
        out[key] = generate_feed(partner, feed, MONTH, SMALL[key], bad_share=0.05, population=population)
    return out


@pytest.mark.parametrize("key", FEEDS)
def test_same_arguments_give_identical_bytes(
    population: Population, small_files: dict[str, GeneratedFile], key: str
) -> None:
    """Regression guard: no wall clock or unseeded randomness reaches the output (XLSX included)."""
    partner, feed = key.split(".")
    again = generate_feed(partner, feed, MONTH, SMALL[key], bad_share=0.05, population=population)
    assert again.data == small_files[key].data
    assert again.name == small_files[key].name
    assert again.truth == small_files[key].truth
    other = generate_feed(partner, feed, MONTH, SMALL[key], seed=7, bad_share=0.05, population=population)
    assert other.data != small_files[key].data


@pytest.mark.parametrize("key", FEEDS)
def test_file_matches_contract(small_files: dict[str, GeneratedFile], key: str) -> None:
    """Name matches format.file_pattern; every mapped column is present; row count is the truth's."""
    gf = small_files[key]
    spec = load_spec(gf.partner, gf.feed)
    assert re.fullmatch(spec.contract.format.file_pattern, gf.name)
    rows = raw_rows(gf, spec)  # asserts every mapped column is in the header
    assert len(rows) == gf.truth.rows == SMALL[key]


@pytest.mark.parametrize("key", FEEDS)
def test_planted_faults_are_exactly_what_the_contract_finds(small_files: dict[str, GeneratedFile], key: str) -> None:
    """Each bad row breaks exactly its planted rule; every other row passes every rule, block or warn."""
    gf = small_files[key]
    assert len(gf.truth.bad_rows) == bad_row_count(gf.truth.rows, 0.05)
    assert len({b.row for b in gf.truth.bad_rows}) == len(gf.truth.bad_rows)
    planted = {b.row: {(b.field, b.rule)} for b in gf.truth.bad_rows}
    assert check(gf) == planted


def test_faults_spread_across_kinds(population: Population) -> None:
    gf = generate_feed("police", "crime_records", MONTH, 4000, bad_share=0.03, population=population)
    kinds = Counter(b.rule for b in gf.truth.bad_rows)
    assert set(kinds) >= {"required", "date_format", "enum", "in_reference", "valid_identifier", "not_future",
                          "unique", "pattern", "age_range"}  # fmt: skip
    assert max(kinds.values()) <= 3 * min(kinds.values()) + 5


def test_bad_share_zero_and_minimum(population: Population) -> None:
    assert generate_feed("fire", "incidents", MONTH, 50, bad_share=0, population=population).truth.bad_rows == ()
    assert (
        len(generate_feed("fire", "incidents", MONTH, 20, bad_share=0.001, population=population).truth.bad_rows) == 1
    )


def _text(gf: GeneratedFile) -> str:
    spec = load_spec(gf.partner, gf.feed)
    if spec.contract.format.type != "xlsx":
        return gf.data.decode("utf-8")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(gf.data), read_only=True).active
    cells = [
        c.strftime("%Y-%m-%d") if isinstance(c, datetime) else str(c)
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    return "\n".join(cells)


@pytest.mark.parametrize("key", FEEDS)
def test_raw_identifiers_are_in_the_file(small_files: dict[str, GeneratedFile], key: str) -> None:
    gf = small_files[key]
    text = _text(gf)
    assert gf.truth.raw_identifiers
    missing = [s for s in gf.truth.raw_identifiers if s not in text]
    assert missing == []


def test_free_text_carries_identifiers(population: Population) -> None:
    """Narratives quote names, addresses, phones, postcodes, DOBs and PNC IDs, as real logs do."""
    gf = generate_feed("police", "crime_records", MONTH, 3000, population=population)
    spec = load_spec("police", "crime_records")
    mo = " ".join(str(r["mo_narrative"]) for r in raw_rows(gf, spec))
    assert re.search(r"DOB \d{2}/\d{2}/\d{4}", mo)
    assert re.search(r"PNC \d{2}/\d{7}[A-Z]", mo)
    assert re.search(r"tel 0\d", mo)
    assert re.search(r"\(B\d{1,2} \d[A-Z]{2}\)", mo)


@pytest.fixture(scope="module")
def crime_sample(population: Population) -> list[dict[str, object]]:
    gf = generate_feed("police", "crime_records", MONTH, 20_000, bad_share=0, population=population)
    return raw_rows(gf, load_spec("police", "crime_records"))


def _share(rows: list[dict[str, object]], pred: object) -> float:
    return sum(1 for r in rows if pred(r)) / len(rows)  # type: ignore[operator]


def test_crime_proportions_follow_the_strategic_assessment(crime_sample: list[dict[str, object]]) -> None:
    """VAP 39%, weapons 9.4% (bladed 43.9%, firearms 4.6%), DA ~21% (seeds 000 §2, 004 local picture)."""
    rows = crime_sample
    vap = ("HOMICIDE", "VIOLENCE_WITH_INJURY", "VIOLENCE_WITHOUT_INJURY", "STALKING_HARASSMENT")
    assert _share(rows, lambda r: r["offence_class"] in vap) == pytest.approx(0.39, abs=0.015)
    armed = [r for r in rows if r["weapon_type"] != "NONE"]
    assert len(armed) / len(rows) == pytest.approx(0.094, abs=0.012)
    assert _share(armed, lambda r: r["weapon_type"] == "BLADED") == pytest.approx(0.439, abs=0.05)
    assert _share(armed, lambda r: r["weapon_type"] == "FIREARM") == pytest.approx(0.046, abs=0.02)
    assert _share(rows, lambda r: r["domestic_abuse"] == "Y") == pytest.approx(0.21, abs=0.03)
    assert _share(rows, lambda r: r["offence_class"] == "SHOPLIFTING") == pytest.approx(0.09, abs=0.01)


def test_crime_gender_splits(crime_sample: list[dict[str, object]]) -> None:
    """DA victims 73% female, sexual offence victims 85% female, robbery victims 81% male, accused 80% male."""
    rows = crime_sample
    da = [r for r in rows if r["domestic_abuse"] == "Y" and r["victim_gender"] != "UNKNOWN"]
    assert _share(da, lambda r: r["victim_gender"] == "FEMALE") == pytest.approx(0.73, abs=0.05)
    sexual = [r for r in rows if r["offence_class"] in ("RAPE", "OTHER_SEXUAL") and r["domestic_abuse"] == "N"]
    assert _share(sexual, lambda r: r["victim_gender"] == "FEMALE") == pytest.approx(0.85, abs=0.07)
    robbery = [r for r in rows if r["offence_class"] == "ROBBERY" and r["victim_gender"] != "UNKNOWN"]
    assert _share(robbery, lambda r: r["victim_gender"] == "MALE") == pytest.approx(0.81, abs=0.06)
    accused = [r for r in rows if r["accused_gender"]]
    assert _share(accused, lambda r: r["accused_gender"] == "MALE") == pytest.approx(0.80, abs=0.05)
    vawg = [r for r in rows if r["vawg"] == "Y"]
    assert all(r["victim_gender"] == "FEMALE" for r in vawg)


def test_events_fall_inside_the_month(crime_sample: list[dict[str, object]]) -> None:
    for r in crime_sample:
        committed = datetime.strptime(str(r["committed_at"]), "%d/%m/%Y %H:%M")
        recorded = datetime.strptime(str(r["recorded_at"]), "%d/%m/%Y %H:%M")
        assert datetime(2026, 10, 1) <= committed <= recorded < datetime(2026, 11, 1)


@pytest.fixture(scope="module")
def month_files(population: Population) -> dict[str, GeneratedFile]:
    rows = {"police.crime_records": 4000, "council.homelessness_presentations": 900, "council.asb_cases": 300,
            "probation.case_assessments": 600}  # fmt: skip
    return {k: generate_feed(*k.split("."), MONTH, n, population=population) for k, n in rows.items()}


def _people(gf: GeneratedFile, role: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for row, roles in gf.truth.persons.items():
        for r, pid in roles:
            if r == role:
                out.setdefault(pid, []).append(row)
    return out


def test_da_victims_reappear_in_council_feeds(month_files: dict[str, GeneratedFile]) -> None:
    """Police DA victims (some repeat victims) present as homeless for DA and complain of ASB."""
    crime = month_files["police.crime_records"]
    crime_rows = raw_rows(crime, load_spec("police", "crime_records"))
    da_victims = {pid for row, roles in crime.truth.persons.items() for r, pid in roles
                  if r == "victim" and crime_rows[row - 1]["domestic_abuse"] == "Y"}  # fmt: skip
    victims = _people(crime, "victim")
    assert any(len(victims[p]) > 1 for p in da_victims), "no repeat DA victim in the month"
    homeless = month_files["council.homelessness_presentations"]
    h_rows = raw_rows(homeless, load_spec("council", "homelessness_presentations"))
    da_applicants = {pid for row, roles in homeless.truth.persons.items() for _, pid in roles
                     if h_rows[row - 1]["primary_reason"] == "DOMESTIC_ABUSE"}  # fmt: skip
    assert len(da_applicants & da_victims) >= 0.5 * len(da_applicants) > 0
    complainants = set(_people(month_files["council.asb_cases"], "complainant"))
    assert complainants & da_victims


def test_accused_with_pnc_reappear_in_probation_with_the_same_pnc(month_files: dict[str, GeneratedFile]) -> None:
    crime = month_files["police.crime_records"]
    c_rows = raw_rows(crime, load_spec("police", "crime_records"))
    pnc = IDENTIFIERS["pnc_id"].normalise_one
    crime_bad = {b.row for b in crime.truth.bad_rows}
    accused_pnc = {pid: pnc(str(c_rows[row - 1]["accused_pnc"])) for row, roles in crime.truth.persons.items()
                   for r, pid in roles if r == "accused" and c_rows[row - 1]["accused_pnc"] and row not in crime_bad}  # fmt: skip
    probation = month_files["probation.case_assessments"]
    p_rows = raw_rows(probation, load_spec("probation", "case_assessments"))
    bad = {b.row for b in probation.truth.bad_rows}
    shared = 0
    for row, roles in probation.truth.persons.items():
        pid = roles[0][1]
        if pid in accused_pnc and row not in bad and p_rows[row - 1]["pnc"]:
            assert pnc(str(p_rows[row - 1]["pnc"])) == accused_pnc[pid]
            shared += 1
    assert shared >= 50


def test_partners_write_the_same_person_differently(
    month_files: dict[str, GeneratedFile], population: Population
) -> None:
    """Linkage has to cope: case, spacing, nicknames, middle names, accents, transliterations."""
    crime = month_files["police.crime_records"]
    rows = raw_rows(crime, load_spec("police", "crime_records"))
    index = {pid: i for i, pid in enumerate(population.person_id.tolist())}
    differs = written = 0
    kinds = Counter()
    for row, roles in crime.truth.persons.items():
        for role, pid in roles:
            fore = str(rows[row - 1][f"{role}_forename"])
            sur = str(rows[row - 1][f"{role}_surname"])
            p = index[pid]
            written += 1
            if (fore, sur) != (population.forename[p], population.surname[p]):
                differs += 1
                kinds["upper"] += sur.isupper()
                kinds["spaces"] += fore != fore.strip() or sur != sur.strip()
                kinds["middle"] += " " in fore.strip()
    assert 0.05 < differs / written < 0.3
    assert all(kinds[k] for k in ("upper", "spaces", "middle")), kinds
    probation = month_files["probation.case_assessments"]
    assert all(
        str(r["surname"]).isupper()
        for r in raw_rows(probation, load_spec("probation", "case_assessments"))
        if r["surname"]
    )


def test_generate_month_covers_every_feed_once() -> None:
    files = __import__("csphub.generator", fromlist=["generate_month"]).generate_month(MONTH, scale=0.02)
    assert sorted(f.feed_id for f in files) == FEEDS
    assert all(f.truth.rows >= 1 for f in files)


@pytest.mark.parametrize("kind", UNPARSEABLE_KINDS)
def test_unparseable_files_cannot_be_read_as_the_feed(small_files: dict[str, GeneratedFile], kind: str) -> None:
    good = small_files["fire.incidents"]
    spec = load_spec("fire", "incidents")
    data = make_unparseable(kind, good.data, spec=spec)
    if kind == "empty":
        assert data == b""
        return
    if kind in ("binary_junk", "wrong_encoding"):
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        return
    header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
    required = {h for h, f in spec.contract.format.columns.items() if spec.fields[f].required}
    assert not required <= set(header)


def test_cli_writes_files_and_truth(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path))
    assert (
        cli_main(["generate", "--partner", "health", "--month", MONTH, "--rows", "40", "--out", str(out), "--truth"])
        == 0
    )
    data = next(out.glob("ISTV_*_????-??.json"))
    truth = json.loads((out / f"{data.name}.truth.json").read_text())
    assert truth["rows"] == 40
    assert json.loads(data.read_text())["attendances"]
    assert cli_main(["generate", "--partner", "police", "--feed", "nope", "--month", MONTH, "--out", str(out)]) == 2


def test_not_future_faults_are_future_even_years_later(small_files: dict[str, GeneratedFile]) -> None:
    """A planted future date is years ahead, so the finding does not depend on when the test runs."""
    gf = small_files["police.crime_records"]
    rows = raw_rows(gf, load_spec("police", "crime_records"))
    for b in gf.truth.bad_rows:
        if b.rule == "not_future":
            when = datetime.strptime(str(rows[b.row - 1][b.field]), "%d/%m/%Y %H:%M")
            assert when > as_of_date(gf.name) + (datetime(2030, 1, 1) - datetime(2026, 1, 1))
    assert np.datetime64("2026-10")  # month parsed
