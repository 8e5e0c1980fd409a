"""Throughput of the structured path (parse, validate, pseudonymise, write) on generated crime records.

Beside each stage it measures the bare libraries doing the same work on the same rows — fastavro's
per-record validation, and one HMAC-SHA256 per identifier in a Python loop — and prints the ratio.
Free text (Presidio) is benchmarked separately in bench/bench_pii.py; here the narrative column is
dropped so the figure is the structured path alone.

    .venv/bin/python bench/bench_pipeline.py [--rows 300000] [--json bench/results/pipeline.json]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import fastavro
import pyarrow as pa

from csphub.config import REPO_ROOT, Settings
from csphub.contracts.model import Drop, FieldSpec
from csphub.contracts.registry import ContractRegistry, Feed
from csphub.pipeline.ingest import _parquet
from csphub.pipeline.parse import parse_file
from csphub.pipeline.pseudonymise import Pseudonymiser
from csphub.pipeline.validate import validate
from csphub.storage.local import LocalObjectStore


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "pyarrow": pa.__version__,
        "fastavro": fastavro.__version__,
    }


def structured_only(feed: Feed) -> Feed:
    """The same feed with free-text fields dropped (their redaction is benchmarked separately)."""
    fields = {
        name: (
            FieldSpec(classification=s.classification, pseudonymise=Drop(action="drop"))
            if s.pseudonymise.action == "redact"
            else s
        )
        for name, s in feed.contract.fields.items()
    }
    contract = feed.contract.model_copy(update={"fields": fields})
    return Feed(contract, feed.path, feed.schema, feed.parsed_schema, feed.previous_schemas, feed.fields)


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    from csphub.generator import generate_feed

    registry = ContractRegistry.load(REPO_ROOT / "contracts", REPO_ROOT / "schemas")
    feed = structured_only(registry.feeds["police.crime_records"])
    gen, t_gen = timed(generate_feed, "police", "crime_records", "2026-09", args.rows)
    n = args.rows
    print(f"generated {n:,} crime records ({len(gen.data) / 1e6:.0f} MB CSV) in {t_gen:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp))
        store = LocalObjectStore(settings.store_root)
        pseudo = Pseudonymiser(settings)
        parsed, t_parse = timed(parse_file, gen.data, feed, "police/crime_records/" + gen.name)
        v, t_validate = timed(validate, parsed.table, feed, registry, fields=parsed.fields)
        good = v.typed.filter(pa.array(~v.blocked))
        warnings = pa.array([[] for _ in range(good.num_rows)], pa.list_(pa.string()))
        trusted, t_pseudo = timed(pseudo.apply, good, feed, sha256="0" * 64, warnings=warnings)

        def write() -> None:
            store.put("trusted", "police/crime_records/bench.parquet", _parquet(trusted, feed, "0" * 64, "bench"))

        _, t_write = timed(write)

        # Bare-library baselines on the same rows.
        records = [
            {k: val for k, val in r.items() if k != "_row"} for r in v.typed.filter(pa.array(v.schema_ok)).to_pylist()
        ]
        _, t_fastavro = timed(
            lambda: [fastavro.validation.validate(r, feed.parsed_schema, raise_errors=False) for r in records]
        )
        key = hashlib.sha256(b"bench").digest()
        idents = [
            (r["crime_ref"] or "", f"{r['victim_forename']}|{r['victim_surname']}|{r['victim_dob']}",
             f"{r['accused_forename']}|{r['accused_surname']}|{r['accused_dob']}", r["location_postcode"] or "")
            for r in records
        ]  # fmt: skip

        def hmac_loop() -> None:
            for quad in idents:
                for value in quad:
                    hmac.new(key, value.encode(), hashlib.sha256).digest()

        _, t_hmac = timed(hmac_loop)

    structured = t_validate + t_pseudo + t_write
    rate = {
        "parse": n / t_parse,
        "validate": n / t_validate,
        "pseudonymise": good.num_rows / t_pseudo,
        "write": good.num_rows / t_write,
        "structured_path": n / structured,
        "fastavro_validate_alone": len(records) / t_fastavro,
        "hmac_4_identifiers_alone": len(idents) / t_hmac,
    }
    result = {
        "machine": machine(),
        "rows": n,
        "rows_published": good.num_rows,
        "seconds": {
            "parse": t_parse,
            "validate": t_validate,
            "pseudonymise": t_pseudo,
            "write": t_write,
            "fastavro_alone": t_fastavro,
            "hmac_alone": t_hmac,
        },
        "records_per_s": {k: round(val) for k, val in rate.items()},
        "ratios": {
            "validate_vs_fastavro": round(rate["validate"] / rate["fastavro_validate_alone"], 1),
            "pseudonymise_vs_hmac": round(rate["pseudonymise"] / rate["hmac_4_identifiers_alone"], 1),
        },
    }
    m = result["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, pyarrow {m['pyarrow']}")
    for k, val in result["records_per_s"].items():
        print(f"  {k:<26} {val:>12,} records/s")
    print(f"  validate is {result['ratios']['validate_vs_fastavro']}x fastavro per-record validation")
    print(f"  pseudonymise is {result['ratios']['pseudonymise_vs_hmac']}x a per-value HMAC loop (4 identifiers)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
