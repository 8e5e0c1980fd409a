"""Pseudonymisation benchmarks: keyed tokens/s and free-text redaction narratives/s.

Run: ``.venv/bin/python bench/bench_pii.py [--narratives 1200] [--rows 300000]``.
Results are written up in ``bench/README_pii.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pseudonymisation.keys import KeyRing, LocalKeyFileProvider  # noqa: E402
from pseudonymisation.tokeniser import Tokeniser  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "pii_corpus" / "corpus.jsonl"


def machine_info() -> dict[str, str]:
    """nproc, CPU model and Python version."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def bench_tokens(rows: int) -> float:
    """Tokens/s over four identifier columns with realistic duplication (one core)."""
    rng = random.Random(1)
    people = [f"nd:person {i}|19{rng.randrange(40, 99)}-01-01" for i in range(rows // 3)]
    postcodes = [f"B{rng.randrange(1, 99)} {rng.randrange(10)}XY" for _ in range(5_000)]
    columns = {
        "person": pa.array([rng.choice(people) for _ in range(rows)]),
        "location": pa.array([rng.choice(postcodes) for _ in range(rows)]),
        "incident": pa.array([f"20/{i:06d}/24" for i in range(rows)]),
        "case": pa.array([f"ASB-{rng.randrange(rows // 5):06d}" if rng.random() < 0.9 else None for _ in range(rows)]),
    }
    with tempfile.TemporaryDirectory() as tmp:
        tokeniser = Tokeniser(KeyRing(LocalKeyFileProvider(Path(tmp) / "master.json")))
        tokeniser.tokenise(pa.array(["warm-up"]), "person")
        start = time.perf_counter()
        for domain, column in columns.items():
            tokeniser.tokenise(column, domain)
        elapsed = time.perf_counter() - start
    return 4 * rows / elapsed


def narratives(count: int) -> list[str]:
    """Distinct police-log-length texts (300-600 characters) built from the corpus.

    Each starts with its own log reference, so the redactor's removal of duplicate texts in a batch
    does not flatter the figure.
    """
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    out: list[str] = []
    i = 0
    while len(out) < count:
        text = f"Log {len(out):05d}. {texts[i % len(texts)]}"
        while len(text) < 300:
            i += 1
            text = f"{text} {texts[i % len(texts)]}"
        out.append(text[:600])
        i += 1
    return out


def bench_redaction(texts: list[str], n_process: int, repeats: int) -> tuple[float, float]:
    """Best-of-``repeats`` narratives/s for ``FreeTextRedactor.redact_batch`` (wall clock and, for one
    process, per CPU second); the analyzer is built and warmed up first."""
    from pseudonymisation.freetext.redact import FreeTextRedactor

    redactor = FreeTextRedactor()
    redactor.redact_batch(texts[:20])
    best_wall = best_cpu = 0.0
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        redactor.redact_batch(texts, n_process=n_process)
        best_wall = max(best_wall, len(texts) / (time.perf_counter() - start))
        best_cpu = max(best_cpu, len(texts) / (time.process_time() - cpu))
    return best_wall, best_cpu


def main() -> None:
    """Print machine info and the three figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--narratives", type=int, default=1200)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs per setting")
    parser.add_argument("--skip-tokens", action="store_true", help="only the redaction figures")
    args = parser.parse_args()
    for key, value in machine_info().items():
        print(f"{key:>9}: {value}")
    print(f"  loadavg: {os.getloadavg()[0]:.2f} (1 min, before the run)")
    if not args.skip_tokens:
        print(f"tokeniser: {bench_tokens(args.rows):,.0f} tokens/s (4 columns x {args.rows:,} rows, one core)")
    texts = narratives(args.narratives)
    mean = sum(map(len, texts)) / len(texts)
    for n in (1, 2):
        wall, cpu = bench_redaction(texts, n, args.repeats)
        extra = f", {cpu:,.0f} per CPU-second" if n == 1 else ""
        print(f" redact n_process={n}: {wall:,.0f} narratives/s{extra} ({len(texts)} texts, mean {mean:.0f} chars)")


if __name__ == "__main__":
    main()
