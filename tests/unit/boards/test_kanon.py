"""k-anonymity at publish time: report, local suppression, withheld rows accounted for."""

from __future__ import annotations

import pyarrow as pa
import pytest

from csphub.boards.kanon import MASK_COLUMN, enforce, smallest_class


def _table(rows: list[tuple[str | None, str | None]]) -> pa.Table:
    return pa.table({"age": [r[0] for r in rows], "ward": [r[1] for r in rows], "id": list(range(len(rows)))})


@pytest.mark.parametrize(
    ("rows", "k", "blanked", "withheld"),
    [
        ([("18-24", "A")] * 6, 5, {"ward": 0, "age": 0}, 0),  # already 5-anonymous
        # wards blanked in the two small classes, which merge into one class of 6
        ([("18-24", "A")] * 6 + [("18-24", "B")] * 3 + [("18-24", "C")] * 3, 5, {"ward": 6, "age": 0}, 0),
        ([("18-24", "A")] * 6 + [("65+", "B")] * 2, 5, {"ward": 2, "age": 2}, 2),  # still too small: withheld
    ],
)
def test_local_suppression(rows: list[tuple[str, str]], k: int, blanked: dict[str, int], withheld: int) -> None:
    """Guards the k rule: every published class has at least k rows, and what was blanked or withheld is counted."""
    out, rep = enforce(_table(rows), ["age", "ward"], k)
    assert rep.masked == blanked
    assert rep.rows_withheld == withheld
    assert out.num_rows + rep.rows_withheld == len(rows)
    assert smallest_class(out, ["age", "ward"]) is None or smallest_class(out, ["age", "ward"]) >= k
    assert rep.as_dict()["rows_published"] == out.num_rows
    masked = [m for m in out.column(MASK_COLUMN).to_pylist() if m]
    assert len(masked) == (blanked["ward"] if not withheld else 0)


def test_report_before_and_after() -> None:
    _out, rep = enforce(_table([("a", "x")] * 3 + [("b", "y")] * 7), ["age", "ward"], 5)
    assert rep.smallest_class_before == 3
    assert rep.classes_below_before == 1
    assert rep.rows_below_before == 3
    assert rep.smallest_class_after is not None
    assert rep.smallest_class_after >= 5
    assert rep.classes_below_after == 0


def test_empty_table() -> None:
    out, rep = enforce(_table([]), ["age", "ward"], 5)
    assert out.num_rows == 0
    assert rep.smallest_class_before is None
    assert rep.rows_withheld == 0
