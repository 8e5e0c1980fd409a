"""Serialise a frame exactly as the partner sends it: CSV (delimiter, encoding, line endings), XLSX
(native date cells, reproducible bytes) or JSON (file header plus a records list).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from csphub.generator.base import Cell, FeedSpec, Frame

Overrides = dict[tuple[int, str], Cell]
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def _date_strings(col: np.ndarray, fmt: str) -> list[str | None]:
    """Format each distinct instant once (a month has far fewer minutes than a big extract has rows)."""
    values = col.astype("datetime64[s]")
    uniq, inverse = np.unique(values, return_inverse=True)
    arr = pa.array(uniq, type=pa.timestamp("s"), from_pandas=True)
    text = np.array(pc.strftime(arr, format=fmt).to_pylist(), dtype=object)
    out: list[str | None] = text[inverse.reshape(-1)].tolist()
    return out


def format_cell(value: Cell, kind: str, spec: FeedSpec) -> str | None:
    """One typed value in the partner's written form."""
    fmt = spec.contract.format
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return fmt.true_values[0] if value else fmt.false_values[0]
    if isinstance(value, datetime):
        return value.strftime(fmt.timestamp_formats[0] if kind.startswith("timestamp") else fmt.date_formats[0])
    if isinstance(value, date):
        return value.strftime(fmt.date_formats[0])
    return str(value)


def render(frame: Frame, spec: FeedSpec, overrides: Overrides) -> dict[str, list[str | None]]:
    """Every column as the partner's strings (None = empty), faults applied."""
    fmt = spec.contract.format
    out: dict[str, list[str | None]] = {}
    for name, col in frame.columns.items():
        kind = spec.fields[name].avro_type
        if kind.startswith("timestamp"):
            out[name] = _date_strings(col, fmt.timestamp_formats[0])
        elif kind == "date":
            out[name] = _date_strings(col, fmt.date_formats[0])
        elif kind == "boolean":
            out[name] = np.where(col.astype(bool), fmt.true_values[0], fmt.false_values[0]).tolist()
        elif kind in ("int", "long"):
            out[name] = [None if v is None else str(v) for v in col.tolist()]
        else:
            out[name] = col.tolist()
    for (row, name), value in overrides.items():
        out[name][row] = format_cell(value, spec.fields[name].avro_type, spec)
    return out


def write_csv(frame: Frame, spec: FeedSpec, cols: dict[str, list[str | None]], *, line_terminator: str = "\n") -> bytes:
    """CSV from rendered columns (see :func:`render`), quoting only cells that need it (RFC 4180)."""
    fmt = spec.contract.format
    headers = spec.headers
    order = [f for f in frame.columns if f in headers]
    null = fmt.null_values[0]
    special = (fmt.delimiter, '"', "\n", "\r")
    out_cols = []
    for f in order:
        col = [null if v is None else v for v in cols[f]]
        joined = "\x00".join(col)
        if any(ch in joined for ch in special):
            col = [_quote(v, special) for v in col]
        out_cols.append(col)
    lines = [fmt.delimiter.join(_quote(headers[f], special) for f in order)]
    lines.extend(map(fmt.delimiter.join, zip(*out_cols, strict=True)))
    lines.append("")
    return line_terminator.join(lines).encode(fmt.encoding)


def _quote(value: str, special: tuple[str, ...]) -> str:
    if any(ch in value for ch in special):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_json(
    frame: Frame, spec: FeedSpec, cols: dict[str, list[str | None]], *, extra_header: dict[str, str]
) -> bytes:
    """JSON document: partner header keys, the contract's header fields, then the records list."""
    fmt = spec.contract.format
    headers = spec.headers
    order = [f for f in frame.columns if f in headers]
    doc: dict[str, object] = dict(extra_header)
    for name, key in spec.header_keys.items():
        doc[key] = format_cell(frame.header[name], spec.fields[name].avro_type, spec)
    records = [
        dict(zip([headers[f] for f in order], values, strict=True))
        for values in zip(*[cols[f] for f in order], strict=True)
    ]
    doc[fmt.records_path or "records"] = records
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode(fmt.encoding)


def _xlsx_cell(value: object, kind: str, spec: FeedSpec) -> object:
    fmt = spec.contract.format
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return fmt.true_values[0] if value else fmt.false_values[0]
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        return value.astype("datetime64[D]").item() if kind == "date" else value.astype("datetime64[s]").item()
    if isinstance(value, np.integer):
        return int(value)
    return value


def write_xlsx(frame: Frame, spec: FeedSpec, overrides: Overrides) -> bytes:
    """An Excel workbook with native date cells; zip timestamps and document properties are fixed so
    the same frame always gives the same bytes."""
    from openpyxl import Workbook

    fmt = spec.contract.format
    headers = spec.headers
    order = [f for f in frame.columns if f in headers]
    wb = Workbook()
    ws = wb.active
    ws.title = fmt.sheet or "Sheet1"
    ws.append([headers[f] for f in order])
    kinds = [spec.fields[f].avro_type for f in order]
    cols = [frame.columns[f] for f in order]
    for r in range(frame.rows):
        row = []
        for f, kind, col in zip(order, kinds, cols, strict=True):
            key = (r, f)
            row.append(overrides[key] if key in overrides else _xlsx_cell(col[r], kind, spec))
        ws.append(row)
    for cells in ws.iter_cols(min_row=2):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    fixed = datetime(*_FIXED_TIME)
    wb.properties.creator = "Birmingham City Council Housing Options"
    wb.properties.created = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps and a fixed dcterms:modified."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", body
                )
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            dst.writestr(zi, body)
    return out.getvalue()
