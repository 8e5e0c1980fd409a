"""Disclosure control: primary, secondary and dominance suppression, and attacks on the result."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from csphub.boards.disclosure import protect_frame
from csphub.boards.model import Disclosure
from tests.unit.boards.attack import recover_by_algebra, recover_by_subtraction

POLICY = Disclosure(threshold=10)


def _table(counts: dict[tuple[str, ...], int], dims: list[str]) -> pd.DataFrame:
    rows = [(*k, v) for k, v in counts.items()]
    return pd.DataFrame(rows, columns=[*dims, "n"])


def _random_table(seed: int, shape: tuple[int, ...], small_share: float) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dims = [f"d{i}" for i in range(len(shape))]
    rows = []
    for key in itertools.product(*[[f"{d}_{j}" for j in range(n)] for d, n in zip(dims, shape, strict=True)]):
        v = int(rng.integers(1, 10)) if rng.random() < small_share else int(rng.integers(10, 80))
        rows.append((*key, v))
    return pd.DataFrame(rows, columns=[*dims, "n"])


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # one small cell in a 1-D table with its total: the next-smallest cell must go too
        ({("a",): 3, ("b",): 40, ("c",): 25}, {("a",): "primary", ("c",): "secondary"}),
        # two small cells already protect each other
        ({("a",): 3, ("b",): 4, ("c",): 25}, {("a",): "primary", ("b",): "primary"}),
        # nothing small: nothing withheld
        ({("a",): 30, ("b",): 40}, {}),
    ],
)
def test_one_dimension(counts: dict[tuple[str, ...], int], expected: dict[tuple[str, ...], str]) -> None:
    """Guards the line rule on a single dimension: a lone withheld cell is never left beside its total."""
    out, _ = protect_frame(_table(counts, ["k"]), ["k"], "n", POLICY)
    cells = out[~out["is_total"]]
    got = {(r["k"],): r["suppression_reason"] for _, r in cells.iterrows() if r["suppressed"]}
    assert got == expected
    assert not out[out["is_total"]]["suppressed"].any()


def test_two_dimensions_both_margins() -> None:
    """A small cell in a 2-D table is protected along its row and its column."""
    counts = {(m, w): 50 for m in ("m1", "m2", "m3") for w in ("A", "B", "C")}
    counts[("m1", "A")] = 4
    out, rep = protect_frame(_table(counts, ["month", "ward"]), ["month", "ward"], "n", POLICY)
    cells = out[~out["is_total"]]
    hidden = cells[cells["suppressed"]]
    assert len(hidden) == 4  # the smallest rectangle through (m1, A)
    assert (hidden["month"] == "m1").sum() == 2
    assert (hidden["ward"] == "A").sum() == 2
    assert rep.suppressed == {"primary": 1, "dominance": 0, "secondary": 3}


def test_suppressed_cells_are_kept_and_marked() -> None:
    """Withheld cells stay in the table as null values with a reason; nothing is dropped."""
    df = _table({("a",): 3, ("b",): 40, ("c",): 25}, ["k"])
    out, _ = protect_frame(df, ["k"], "n", POLICY)
    cells = out[~out["is_total"]]
    assert len(cells) == 3
    assert cells.loc[cells["suppressed"], "n"].isna().all()
    assert set(cells["suppression_reason"].dropna()) == {"primary", "secondary"}


def test_zeros_policy() -> None:
    """Zeros are published unless the board suppresses them; then they are withheld too."""
    df = _table({("a", "x"): 30, ("a", "y"): 20, ("b", "x"): 40}, ["r", "c"])
    published, _ = protect_frame(df, ["r", "c"], "n", POLICY)
    assert not published["suppressed"].any()
    hidden, _ = protect_frame(df, ["r", "c"], "n", Disclosure(threshold=10, suppress_zeros=True))
    zero = hidden[(hidden["r"] == "b") & (hidden["c"] == "y")]
    assert zero["suppressed"].item()
    assert zero["suppression_reason"].item() == "primary"


def test_dominance_on_sums() -> None:
    """A sum dominated by one contribution (a single homicide's harm days) is withheld."""
    df = pd.DataFrame(
        {
            "ward": ["A", "B", "C"],
            "n": [20, 20, 20],
            "harm": [5475.0 + 19 * 2.5, 20 * 16.0, 20 * 30.0],
            "harm_c": [[5475.0, *[2.5] * 19], [16.0] * 20, [30.0] * 20],
        }
    )
    out, rep = protect_frame(df, ["ward"], "n", Disclosure(dominance_n=1, dominance_k=0.6), sums={"harm": "harm_c"})
    a = out[out["ward"] == "A"]
    assert a["suppression_reason"].item() == "dominance"
    assert pd.isna(a["harm"].item())
    assert rep.suppressed["dominance"] >= 1
    assert out["suppressed"].sum() >= 2  # the total cannot reveal it either (here: also dominated)
    assert recover_by_subtraction(out, ["ward"], "harm") == {}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("shape", "small"), [((8,), 0.3), ((5, 6), 0.3), ((7, 24), 0.5), ((3, 4, 5), 0.4)])
def test_attack_cannot_recover_withheld_values(seed: int, shape: tuple[int, ...], small: float) -> None:
    """Guards secondary suppression: from the published cells and totals, no withheld value can be
    recovered, by iterated subtraction or by solving all line equations together."""
    df = _random_table(seed, shape, small)
    dims = [c for c in df.columns if c != "n"]
    out, rep = protect_frame(df, dims, "n", POLICY)
    assert rep.unaudited_values == 0
    published = out.copy()
    assert recover_by_subtraction(published, dims, "n") == {}
    assert recover_by_algebra(published, dims, "n") == []
    shown = published["n"].dropna()
    assert ((shown == 0) | (shown >= POLICY.threshold)).all()


def test_attack_finds_an_unprotected_table() -> None:
    """The attack itself works: primary suppression alone leaks the withheld cell."""
    df = _table({("a",): 3, ("b",): 40, ("c",): 25}, ["k"])
    out, _ = protect_frame(df, ["k"], "n", POLICY)
    leaky = out.copy()
    leaky.loc[leaky["suppression_reason"] == "secondary", "n"] = 25
    assert recover_by_subtraction(leaky, ["k"], "n") == {0: 3.0}
    assert recover_by_algebra(leaky, ["k"], "n") == [0]
