"""Scan a hub's trusted zone and lake for raw identifiers the generator planted in a demo month.

    .venv/bin/csphub --home /tmp/h demo --month 2026-07 --scale 0.3 --seed 3
    .venv/bin/python scripts/leak_scan.py /tmp/h --month 2026-07 --seed 3 --scale 0.3 [--min-len 3]

Prints every planted identifier found in a published value (with where), and exits 1 if any.
Place names and street names without a house number are location context and are not counted
(the same rule as tests/e2e/test_demo.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow.parquet as pq

from csphub.generator import generate_month
from tests.e2e.test_demo import _permitted_places, _string_cells, _words


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("home", type=Path)
    ap.add_argument("--month", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--scale", type=float, required=True)
    ap.add_argument("--min-len", type=int, default=3)
    args = ap.parse_args()
    truth = generate_month(args.month, seed=args.seed, scale=args.scale)
    planted = {p for p in set().union(*(f.truth.raw_identifiers for f in truth)) if len(p.strip()) >= args.min_len}
    permitted = _permitted_places()
    hits: dict[str, list[tuple[str, str, str]]] = {}
    for bucket in ("trusted", "lake"):
        for path in (args.home / "store" / bucket).rglob("*.parquet"):
            for value in set(_string_cells(pq.read_table(path))):
                w = _words(permitted.sub(" ", value))
                seqs = {tuple(w[i : i + n]) for n in range(1, 5) for i in range(len(w) - n + 1)}
                for p in planted:
                    if tuple(_words(p)) in seqs:
                        hits.setdefault(p.strip(), []).append((bucket, path.parent.parent.name, value[:200]))
    for p, where in sorted(hits.items()):
        print(f"{p!r}: {len(where)}x, e.g. {where[0]}")
    print(f"{len(hits)} of {len(planted)} planted identifiers found in published values")
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
