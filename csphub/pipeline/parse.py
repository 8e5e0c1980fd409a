"""Parse a partner file into an Arrow table of strings, one column per contract field.

Every value stays a string here (validation does the typing, so a bad value becomes a row finding
rather than a parse failure). Each row keeps its 1-based data row number in ``_row``. A file that
cannot be read at all — empty, binary, wrong encoding, wrong delimiter, header that does not match
the contract — raises FileRejected with a reason a partner can act on. Rows with the wrong number of
fields are kept aside as row problems and quarantined; they never stop the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from csphub.contracts.registry import AvroField, Feed
from csphub.errors import FileRejected

ROW = "_row"


@dataclass(frozen=True)
class RowProblem:
    """A data row that could not be split into fields; it is quarantined with this reason."""

    row: int
    reason: str
    text: str


@dataclass
class Parsed:
    table: pa.Table  # string columns named by schema field, plus _row (int64)
    rows_in: int  # every data row in the file, including row problems
    problems: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)  # headers not in the contract (dropped)
    schema_file: str = ""  # the schema version the file was written under
    fields: list[AvroField] = field(default_factory=list)  # that version's fields


Parser = Callable[[bytes, Feed, str], Parsed]


def parse_file(data: bytes, feed: Feed, name: str) -> Parsed:
    """Parse ``data`` (the object ``name``) with the feed contract's format options."""
    fmt = feed.contract.format
    reject = _rejecter(feed, name)
    if not data.strip():
        raise reject("empty file")
    try:
        parser = PARSERS[fmt.type]
    except KeyError:
        raise reject(f"no parser for format {fmt.type!r} (known: {sorted(PARSERS)})") from None
    return parser(data, feed, name)


def _rejecter(feed: Feed, name: str) -> Callable[[str], FileRejected]:
    def make(reason: str) -> FileRejected:
        return FileRejected(reason, stage="parse", partner=feed.partner, feed=feed.name, file=name)

    return make


def _decode_text(data: bytes, feed: Feed, name: str) -> str:
    reject = _rejecter(feed, name)
    if b"\x00" in data[:65536]:
        raise reject("binary content (NUL bytes): not a text file")
    enc = feed.contract.format.encoding
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise reject(f"not valid {enc}: undecodable byte 0x{data[exc.start]:02x} on line {line}") from None
    return text.removeprefix("\ufeff")


def _check_header(headers: list[str], feed: Feed, name: str) -> tuple[dict[str, str], list[str], str, list[AvroField]]:
    """Map file headers to fields and pick the schema version the file was written under.

    The current version needs every contracted column. A file that lacks only columns for fields an
    earlier schema version did not have is read as that version. Otherwise the file is rejected.
    """
    fmt = feed.contract.format
    reject = _rejecter(feed, name)
    clean = [h.strip() for h in headers]
    dupes = sorted({h for h in clean if clean.count(h) > 1})
    if dupes:
        raise reject(f"header mismatch: repeated columns {dupes}")
    first_missing: list[str] | None = None
    for schema_file, fields in feed.versions:
        names = {f.name for f in fields}
        wanted = {h: f for h, f in fmt.columns.items() if f in names}
        missing = [h for h in wanted if h not in clean]
        if first_missing is None:
            first_missing = missing
        if not missing:
            mapping = {h: wanted[h] for h in clean if h in wanted}
            ignored = [h for h in clean if h not in wanted]
            return mapping, ignored, schema_file, fields
    if len(clean) == 1:
        for d in (";", "\t", "|", ","):
            if d != fmt.delimiter and d in clean[0]:
                raise reject(f"header mismatch: the file looks {d!r}-delimited; the contract says {fmt.delimiter!r}")
    missing = first_missing or []
    shown = ", ".join(repr(m) for m in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    raise reject(f"header mismatch: missing columns [{shown}]")


def _row_numbers(n_good: int, bad_rows: list[int]) -> pa.Array:
    """1-based data row numbers of the good rows, given the numbers of the skipped ones."""
    if not bad_rows:
        return pa.array(np.arange(1, n_good + 1, dtype=np.int64))
    total = n_good + len(bad_rows)
    keep = np.ones(total, dtype=bool)
    keep[np.asarray(bad_rows, dtype=np.int64) - 1] = False
    return pa.array(np.arange(1, total + 1, dtype=np.int64)[keep])


def parse_csv(data: bytes, feed: Feed, name: str) -> Parsed:
    fmt = feed.contract.format
    text = _decode_text(data, feed, name)
    first = next(csv.reader(io.StringIO(text), delimiter=fmt.delimiter), None)
    if not first:
        raise _rejecter(feed, name)("empty file: no header row")
    mapping, ignored, schema_file, fields = _check_header(first, feed, name)
    problems: list[RowProblem] = []

    def on_invalid(row: pacsv.InvalidRow) -> Literal["skip", "error"]:
        # row.number counts physical lines from 1 including the header; in files without embedded
        # newlines this is the data row number + 1. Values are never echoed (they may be identifiers).
        problems.append(
            RowProblem(
                row=(row.number - 1) if row.number is not None else -1,
                reason=f"row_shape: expected {row.expected_columns} fields, found {row.actual_columns}",
                text=row.text,
            )
        )
        return "skip"

    raw_headers = [h for h in first]
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(use_threads=False, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(
                delimiter=fmt.delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in raw_headers},
                strings_can_be_null=True,
                null_values=fmt.null_values,
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise _rejecter(feed, name)(f"CSV cannot be parsed: {str(exc).splitlines()[0]}") from None
    columns = {field_: table.column(h).combine_chunks() for h, field_ in _mapped(raw_headers, mapping)}
    _trim(columns)
    columns[ROW] = _row_numbers(table.num_rows, [p.row for p in problems if p.row > 0])
    return Parsed(pa.table(columns), table.num_rows + len(problems), problems, ignored, schema_file, fields)


def _mapped(raw_headers: list[str], mapping: dict[str, str]) -> list[tuple[str, str]]:
    return [(h, mapping[h.strip()]) for h in raw_headers if h.strip() in mapping]


def _trim(columns: dict[str, pa.Array]) -> None:
    import pyarrow.compute as pc

    for k, arr in columns.items():
        columns[k] = pc.utf8_trim_whitespace(arr)


def _stringify(value: Any, kind: str | None, date_fmt: str, ts_fmt: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime(date_fmt if kind == "date" else ts_fmt)
    if isinstance(value, date):
        return value.strftime(date_fmt)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records_to_table(records: list[list[Any]], headers: list[str], feed: Feed, name: str) -> Parsed:
    fmt = feed.contract.format
    mapping, ignored, schema_file, fields = _check_header(headers, feed, name)
    kinds = {f.name: f.avro_type for f in fields}
    date_fmt, ts_fmt = fmt.date_formats[0], fmt.timestamp_formats[0]
    positions = [(i, mapping[h.strip()]) for i, h in enumerate(headers) if h.strip() in mapping]
    problems, good = [], []
    for n, rec in enumerate(records, start=1):
        if len(rec) > len(headers) and any(v not in (None, "") for v in rec[len(headers) :]):
            problems.append(RowProblem(n, f"row_shape: expected {len(headers)} fields, found {len(rec)}", ""))
        else:
            good.append(n)
    nulls = set(fmt.null_values)
    columns: dict[str, Any] = {}
    for i, fname in positions:
        vals = []
        for n in good:
            rec = records[n - 1]
            s = _stringify(rec[i] if i < len(rec) else None, kinds.get(fname), date_fmt, ts_fmt)
            vals.append(None if s is None or s.strip() in nulls else s.strip())
        columns[fname] = pa.array(vals, pa.string())
    columns[ROW] = pa.array(good, pa.int64())
    return Parsed(pa.table(columns), len(records), problems, ignored, schema_file, fields)


def parse_json(data: bytes, feed: Feed, name: str) -> Parsed:
    fmt = feed.contract.format
    reject = _rejecter(feed, name)
    text = _decode_text(data, feed, name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise reject(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    header: dict[str, Any] = {}
    if fmt.records_path:
        if not isinstance(doc, dict) or not isinstance(doc.get(fmt.records_path), list):
            raise reject(f"JSON has no list of records under {fmt.records_path!r}")
        header, records = doc, doc[fmt.records_path]
    elif isinstance(doc, list):
        records = doc
    else:
        raise reject("JSON must be a list of records")
    missing_header = [k for k in fmt.header_fields if _dig(header, k) is None]
    if missing_header:
        raise reject(f"header mismatch: JSON header is missing {missing_header}")
    headers = list(fmt.columns)
    rows: list[list[Any]] = []
    problems: list[RowProblem] = []
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            problems.append(RowProblem(n, "row_shape: record is not a JSON object", ""))
            rows.append([None] * len(headers))
            continue
        rows.append([rec.get(h) for h in headers])
    parsed = _records_to_table(rows, headers, feed, name)
    bad = {p.row for p in problems}
    if bad:
        keep = pa.array([r not in bad for r in parsed.table.column(ROW).to_pylist()])
        parsed.table = parsed.table.filter(keep)
        parsed.problems = sorted(parsed.problems + problems, key=lambda p: p.row)
    n = parsed.table.num_rows
    for key, fname in fmt.header_fields.items():
        value = _stringify(
            _dig(header, key), feed.field_map[fname].avro_type, fmt.date_formats[0], fmt.timestamp_formats[0]
        )
        parsed.table = parsed.table.append_column(fname, pa.array([value] * n, pa.string()))
    extra = sorted({k for rec in records if isinstance(rec, dict) for k in rec} - set(headers))
    parsed.ignored_columns = extra
    return parsed


def _dig(doc: dict[str, Any], dotted: str) -> Any:
    cur: Any = doc
    for part in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def parse_xlsx(data: bytes, feed: Feed, name: str) -> Parsed:
    import zipfile

    from openpyxl import load_workbook

    fmt = feed.contract.format
    reject = _rejecter(feed, name)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise reject(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        if fmt.sheet:
            if fmt.sheet not in wb.sheetnames:
                raise reject(f"workbook has no sheet {fmt.sheet!r} (sheets: {wb.sheetnames})")
            ws = wb[fmt.sheet]
        else:
            ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        first = next(it, None)
        if not first or all(v is None for v in first):
            raise reject("empty sheet: no header row")
        headers = [str(v) if v is not None else "" for v in first]
        while headers and headers[-1] == "":
            headers.pop()
        records = [list(r) for r in it]
        while records and all(v is None or str(v).strip() == "" for v in records[-1]):
            records.pop()  # trailing blank rows are spreadsheet padding, not data
    finally:
        wb.close()
    return _records_to_table(records, headers, feed, name)


#: format name -> parser; a new file format is one function and one entry here.
PARSERS: dict[str, Parser] = {"csv": parse_csv, "json": parse_json, "xlsx": parse_xlsx}
