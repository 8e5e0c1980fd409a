"""Reference tables board queries may join: every ``contracts/reference/<stem>.csv`` as ``ref_<stem>``.

Code columns (``code`` and ``*_code``) are read as text so Home Office codes such as ``4.1`` or ``10``
keep their spelling; other columns are typed by the CSV reader. A dataset's input fingerprint includes
the SHA-256 of each reference file its SQL names, so a new harm-weight version republishes it.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa

PREFIX = "ref_"


def reference_dir(contracts_dir: Path) -> Path:
    return contracts_dir / "reference"


def reference_files(contracts_dir: Path) -> dict[str, Path]:
    """SQL table name → CSV file, e.g. ``ref_cchi_harm_weights`` → ``contracts/reference/cchi_harm_weights.csv``."""
    return {f"{PREFIX}{p.stem}": p for p in sorted(reference_dir(contracts_dir).glob("*.csv"))}


def referenced(sql: str, contracts_dir: Path) -> dict[str, Path]:
    """The reference tables a query names."""
    words = set(re.findall(r"\b(ref_[a-z0-9_]+)\b", sql.lower()))
    return {name: path for name, path in reference_files(contracts_dir).items() if name in words}


def read_reference(path: Path) -> pa.Table:
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read(path: str, _mtime: int, _size: int) -> pa.Table:
    from pyarrow import csv

    header = Path(path).read_text(encoding="utf-8").splitlines()[0].split(",")
    text = {c: pa.string() for c in header if c == "code" or c.endswith("_code")}
    return csv.read_csv(path, convert_options=csv.ConvertOptions(column_types=text))


def reference_hashes(sql: str, contracts_dir: Path) -> dict[str, str]:
    """SHA-256 of each reference file ``sql`` names (part of a dataset's input fingerprint)."""
    return {
        name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in referenced(sql, contracts_dir).items()
    }


def register_references(con: Any, sql: str, contracts_dir: Path) -> None:
    """Register the reference tables ``sql`` names on a DuckDB connection."""
    for name, path in referenced(sql, contracts_dir).items():
        con.register(name, read_reference(path))
