"""Parsing partner files: whole-file rejects with actionable reasons, row-level shape problems kept."""

from __future__ import annotations

import pytest

from csphub.errors import FileRejected
from csphub.pipeline.parse import ROW, parse_file
from tests.unit.pipeline.police_rows import GOOD, HEADERS, csv_bytes, row

NAME = "police/crime_records/wmp_crime_202609.csv"


@pytest.fixture
def feed(registry):  # type: ignore[no-untyped-def]
    return registry.feeds["police.crime_records"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \r\n\n", "empty file", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary content", id="binary-junk"),
        pytest.param(
            csv_bytes([row(Victim_Surname="Zoë")]).replace("Zoë".encode(), "Zoë".encode("latin-1")),
            "not valid utf-8: undecodable byte 0xeb on line 2",
            id="latin-1-in-utf8-feed",
        ),
        pytest.param(
            csv_bytes([row()], delimiter=";"),
            "the file looks ';'-delimited; the contract says ','",
            id="wrong-delimiter",
        ),
        pytest.param(
            csv_bytes([row()], headers=[h for h in HEADERS if h != "Ward Code"]),
            "header mismatch: missing columns ['Ward Code']",
            id="missing-column",
        ),
        pytest.param(
            csv_bytes([row()], headers=[*HEADERS, "LSOA"]),
            "header mismatch: repeated columns ['LSOA']",
            id="repeated-column",
        ),
    ],
)
def test_unreadable_files_are_rejected_whole_with_a_reason(feed, data: bytes, reason: str) -> None:  # type: ignore[no-untyped-def]
    """A file that cannot be parsed is rejected with a reason naming the problem, never a traceback."""
    with pytest.raises(FileRejected) as info:
        parse_file(data, feed, NAME)
    assert reason in info.value.reason
    assert info.value.file == NAME
    assert info.value.partner == "police"


def test_rows_with_wrong_field_count_are_row_problems_with_their_row_number(feed) -> None:  # type: ignore[no-untyped-def]
    """A ragged row does not sink the file: it is kept aside (to quarantine) and the rest parse."""
    good = csv_bytes([row(), row(), row(), row()])
    lines = good.split(b"\r\n")
    lines[2] = b"20/999999/26,only,three"  # data row 2
    parsed = parse_file(b"\r\n".join(lines), feed, NAME)
    assert parsed.rows_in == 4
    assert [p.row for p in parsed.problems] == [2]
    assert "expected 28 fields, found 3" in parsed.problems[0].reason
    assert parsed.table.column(ROW).to_pylist() == [1, 3, 4]


def test_extra_columns_are_dropped_and_reported(feed) -> None:  # type: ignore[no-untyped-def]
    """An unexpected column (possibly an unclassified identifier) never enters the pipeline."""
    data = csv_bytes([{**GOOD, "Victim Phone": "07700 900123"}], headers=[*HEADERS, "Victim Phone"])
    parsed = parse_file(data, feed, NAME)
    assert parsed.ignored_columns == ["Victim Phone"]
    assert "Victim Phone" not in parsed.table.column_names
    assert "victim_forename" in parsed.table.column_names


def test_values_are_trimmed_and_null_markers_become_null(feed) -> None:  # type: ignore[no-untyped-def]
    """Partner padding and the contract's null markers (N/K, NULL) are normalised before validation."""
    parsed = parse_file(csv_bytes([row(Victim_Ethnicity="N/K", Victim_Forename="  Jane  ")]), feed, NAME)
    assert parsed.table.column("victim_ethnicity").to_pylist() == [None]
    assert parsed.table.column("victim_forename").to_pylist() == ["Jane"]


def test_quoted_newlines_in_free_text_stay_in_one_row(feed) -> None:  # type: ignore[no-untyped-def]
    """Narratives with line breaks (quoted) are one value, not extra rows."""
    parsed = parse_file(csv_bytes([row(MO_Summary="line one\nline two"), row()]), feed, NAME)
    assert parsed.rows_in == 2
    assert parsed.table.column("mo_narrative").to_pylist()[0] == "line one\nline two"
