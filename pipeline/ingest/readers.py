"""Read report exports (CSV with sniffed delimiter and encoding, XLSX, JSONL) into raw rows.

A reader yields ``(row_number, {header: value})``. Row numbers are what a person sees: for CSV and XLSX the
spreadsheet row (header = row 1), for JSONL the line number. A file that cannot be read at all raises
`UnreadableFileError`; a single bad JSONL line is yielded as a row with the key ``__error__``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterator

from pipeline.errors import UnreadableFileError

RawRow = dict[str, Any]
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Text and encoding of a file: UTF-8 (with or without BOM) first, then cp1252 (Excel), then latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for enc in _ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError(path, "unknown text encoding")  # latin-1 decodes anything; kept for clarity


def _sniff_delimiter(sample: str) -> str:
    first_line = sample.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def read_csv(path: Path) -> Iterator[tuple[int, RawRow]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError(str(path), "binary content, not a CSV text file")
    text, _enc = decode_bytes(data, str(path))
    if not text.strip():
        raise UnreadableFileError(str(path), "file is empty")
    delimiter = _sniff_delimiter(text[:20000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except csv.Error as exc:
        raise UnreadableFileError(str(path), f"not valid CSV: {exc}") from exc
    row_no = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_no += 1
            yield row_no, {"__error__": f"CSV syntax error: {exc}"}
            continue
        row_no += 1
        if not any(v.strip() for v in values):
            continue
        row: RawRow = {}
        for i, v in enumerate(values):
            key = headers[i] if i < len(headers) else f"column_{i + 1}"
            row[key] = v
        if len(values) > len(headers) and any(v.strip() for v in values[len(headers):]):
            row["__warning__"] = f"{len(values)} fields, header has {len(headers)}"
        yield row_no, row


def read_xlsx(path: Path) -> Iterator[tuple[int, RawRow]]:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open means the file is unreadable
        raise UnreadableFileError(str(path), f"not a readable XLSX workbook ({type(exc).__name__})") from exc
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        headers = next(rows, None)
        if headers is None:
            raise UnreadableFileError(str(path), "workbook's first sheet is empty")
        headers = [str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(headers)]
        for row_no, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            yield row_no, {headers[i] if i < len(headers) else f"column_{i + 1}": v for i, v in enumerate(values)}
    finally:
        wb.close()


def read_jsonl(path: Path) -> Iterator[tuple[int, RawRow]]:
    text, _enc = decode_bytes(path.read_bytes(), str(path))
    if not text.strip():
        raise UnreadableFileError(str(path), "file is empty")
    parsed_any = False
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, {"__error__": f"invalid JSON: {exc.msg}", "__line__": line[:500]}
            continue
        if not isinstance(obj, dict):
            yield line_no, {"__error__": "a JSON line must be an object", "__line__": line[:500]}
            continue
        parsed_any = True
        yield line_no, obj
    if not parsed_any:
        raise UnreadableFileError(str(path), "no JSON object found on any line")


def read_rows(path: Path) -> Iterator[tuple[int, RawRow]]:
    """Raw rows of one export file, by extension (.csv/.txt/.tsv, .xlsx, .jsonl/.ndjson/.json)."""
    if not path.exists():
        raise UnreadableFileError(str(path), "no such file")
    if path.is_dir():
        raise UnreadableFileError(str(path), "is a directory")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".jsonl", ".ndjson", ".json"):
        return read_jsonl(path)
    raise UnreadableFileError(str(path), f"unsupported file type '{suffix}' (use .csv, .xlsx or .jsonl)")
