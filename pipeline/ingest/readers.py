"""Read report exports (CSV, XLSX, JSONL) into raw rows, as people actually make them.

`open_table(path)` checks the whole file first (encoding, that it is a table at all, where the header is) and
raises `UnreadableFileError` before anything is written; its ``rows`` then yield ``(row_number, {header: value})``.
Row numbers are what a person sees: for CSV and XLSX the spreadsheet row (title rows and the header counted),
for JSONL the line number.

Special keys in a raw row (never report fields):
    ``__error__``: the row cannot be a report (quote damage, bad JSON); it goes to quarantine with this reason.
    ``__line__``: the raw text of such a row, kept in quarantine so a person can fix it.
    ``__warnings__``: things said aloud about the row (decoded as cp1252, merged cell filled, recovered...).
    ``__part__``: which sheet of a workbook the row came from (added to the row's source).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pipeline.errors import UnreadableFileError
from pipeline.ingest.columns import map_headers
from pipeline.ingest.encoding import DecodedText, control_char_share, decode_export

RawRow = dict[str, Any]
HEADER_SCAN_ROWS = 20
MAX_CONTROL_SHARE = 0.005  # random bytes decode to ~11 % control characters; real exports have none
_DELIMITERS = (",", ";", "\t", "|")


@dataclass
class Table:
    """An opened export: file-level notes (encoding, sheets read/skipped, title rows) and its rows."""

    path: str
    kind: str
    rows: Iterator[tuple[int, RawRow]]
    notes: list[str] = field(default_factory=list)


def header_fields(cells: list[Any]) -> set[str]:
    """Report fields named by a candidate header row."""
    return {v for v in map_headers(list(cells)).values() if not v.startswith("extra:")}


def find_header(rows: list[list[Any]]) -> tuple[int, set[str]] | None:
    """Index of the header among the first rows (the one naming most report fields, first on a tie), or None."""
    best: tuple[int, set[str]] | None = None
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = header_fields(cells)
        if fields and (best is None or len(fields) > len(best[1])):
            best = (i, fields)
    return best


def _lines(text: str) -> list[str]:
    lines = re.split(r"(?<=\n)", text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _line_warnings(notes: dict[int, str], start: int, end: int) -> list[str]:
    return [f"line {n}: {notes[n]}" for n in range(start, end + 1) if n in notes]


def _choose_delimiter(lines: list[str], suffix: str) -> tuple[str, int, set[str]]:
    sample = lines[:200]
    best: tuple[int, int, str, int, set[str]] | None = None
    for d in _DELIMITERS:
        try:
            records = []
            for rec in csv.reader(iter(sample), delimiter=d):
                records.append(rec)
                if len(records) >= HEADER_SCAN_ROWS:
                    break
        except csv.Error:
            continue
        found = find_header(records)
        if not found:
            continue
        idx, fields = found
        score = (len(fields), len(records[idx]))
        if best is None or score > best[:2]:
            best = (*score, d, idx, fields)
    if best is None:
        return ("\t" if suffix == ".tsv" else ","), -1, set()
    return best[2], best[3], best[4]


def _row_start_pattern(lines: list[str], delimiter: str) -> re.Pattern[str] | None:
    """The shape of a line that begins a report (its id then the delimiter, e.g. ``R-\\d+,``), learned from the file."""
    token = re.compile(rf'^"?([^\s"{re.escape(delimiter)}]{{1,40}})"?{re.escape(delimiter)}')
    shapes: Counter[str] = Counter()
    for line in lines:
        m = token.match(line)
        if m and any(ch.isdigit() for ch in m.group(1)):
            shapes[re.escape(re.sub(r"\d+", "0", m.group(1))).replace("0", r"\d+")] += 1
    if not shapes:
        return None
    shape, count = shapes.most_common(1)[0]
    if count < 3:
        return None
    return re.compile(rf'^"?{shape}"?{re.escape(delimiter)}')


def read_csv(path: Path) -> Table:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFileError(str(path), "file is empty")
    decoded = decode_export(data)
    share = control_char_share(decoded.text)
    if share > MAX_CONTROL_SHARE:
        raise UnreadableFileError(str(path), f"binary content ({share:.1%} control characters), not a text table")
    lines = _lines(decoded.text)
    delimiter, header_idx, fields = _choose_delimiter(lines, path.suffix.lower())
    if header_idx < 0:
        raise UnreadableFileError(str(path), "no header row naming report fields (e.g. report_id, päivämäärä, "
                                             f"havainto) in the first {HEADER_SCAN_ROWS} rows: not a report table")
    notes = []
    if decoded.encoding != "utf-8" or decoded.other_lines:
        notes.append(f"{path}: decoded as {decoded.encoding}"
                     + (f"; {len(decoded.other_lines)} line(s) in another encoding (warned per row)"
                        if decoded.other_lines else ""))
    if header_idx > 0:
        notes.append(f"{path}: header found on row {header_idx + 1}; {header_idx} title row(s) above it skipped")
    return Table(str(path), "csv", _csv_rows(path, lines, decoded, delimiter, header_idx), notes)


def _csv_rows(path: Path, lines: list[str], decoded: DecodedText, delimiter: str,
              header_idx: int) -> Iterator[tuple[int, RawRow]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a swallowed file must reach our checks, not csv.Error
    notes = decoded.line_notes()
    reader = csv.reader(iter(lines), delimiter=delimiter)
    headers: list[str] = []
    row_start: re.Pattern[str] | None = None
    prev_end = 0
    row_no = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # pragma: no cover - non-strict csv raises only on NUL, rejected above
            row_no += 1
            prev_end = reader.line_num
            yield row_no, {"__error__": f"CSV syntax error: {exc}"}
            continue
        start, end = prev_end + 1, reader.line_num
        prev_end = end
        row_no += 1
        if row_no <= header_idx:
            continue
        if row_no == header_idx + 1:
            headers = [h if h.strip() else f"column_{i + 1}" for i, h in enumerate(values)]
            if header_fields(headers[:1]) == {"report_id"}:
                row_start = _row_start_pattern(lines[end:], delimiter)
            continue
        if not any(v.strip() for v in values):
            continue
        raw_lines = lines[start - 1:end]
        damage = _quote_damage(values, raw_lines, len(headers), row_start, at_eof=end >= len(lines))
        if damage is None:
            row = _make_row(headers, values)
            warnings = _line_warnings(notes, start, end)
            if len(values) > len(headers) and any(v.strip() for v in values[len(headers):]):
                warnings.append(f"{len(values)} fields, header has {len(headers)}")
            if warnings:
                row["__warnings__"] = warnings
            yield row_no, row
            continue
        # Split what one unclosed quote merged back into its rows; rows that parse cleanly alone are kept.
        pieces = _split_pieces(raw_lines, start, row_start)
        first_row = row_no
        for k, (p_start, p_lines) in enumerate(pieces):
            if k:
                row_no += 1
            p_end = p_start + len(p_lines) - 1
            parsed = list(csv.reader(iter(p_lines), delimiter=delimiter))
            clean = (len(pieces) > 1 and len(parsed) == 1 and len(parsed[0]) == len(headers)
                     and "".join(p_lines).count('"') % 2 == 0)
            if clean:
                row = _make_row(headers, parsed[0])
                row["__warnings__"] = _line_warnings(notes, p_start, p_end) + [
                    f"lines {p_start}–{p_end} had been swallowed by an unclosed quote in row {first_row}; "
                    "recovered as their own row"]
                yield row_no, row
            else:
                span = f"line {p_start}" if p_start == p_end else f"lines {p_start}–{p_end}"
                yield row_no, {"__error__": f"{damage} ({span}); fix the quotes and re-ingest the row "
                                            "(signaali quarantine export / reingest)",
                               "__line__": "".join(p_lines)[:4000]}


def _quote_damage(values: list[str], raw_lines: list[str], n_fields: int, row_start: re.Pattern[str] | None,
                  at_eof: bool) -> str | None:
    """Why this CSV record looks like quote damage, or None when it is a sound row."""
    if at_eof and "".join(raw_lines).count('"') % 2 == 1:
        return "a quote opened in this row is never closed: it runs to the end of the file"
    if len(raw_lines) > 1:
        if row_start is not None and any(row_start.match(line) for line in raw_lines[1:]):
            return (f"a quote opened in this row is not closed where the row ends: it swallowed "
                    f"{sum(1 for line in raw_lines[1:] if row_start.match(line))} following row(s)")
        if len(values) != n_fields:
            return (f"the row spans {len(raw_lines)} lines with {len(values)} fields (header has {n_fields}): "
                    "an unclosed quote merged rows")
    return None


def _split_pieces(raw_lines: list[str], start: int, row_start: re.Pattern[str] | None) -> list[tuple[int, list[str]]]:
    if row_start is None:
        return [(start, raw_lines)]
    pieces: list[tuple[int, list[str]]] = []
    for i, line in enumerate(raw_lines):
        if i == 0 or row_start.match(line):
            pieces.append((start + i, [line]))
        else:
            pieces[-1][1].append(line)
    return pieces


def _make_row(headers: list[str], values: list[Any]) -> RawRow:
    return {headers[i] if i < len(headers) else f"column_{i + 1}": v for i, v in enumerate(values)}


def read_xlsx(path: Path) -> Table:
    try:
        from openpyxl import load_workbook

        # Not read-only: merged cell ranges are only known in the full model.
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open means the file is unreadable
        raise UnreadableFileError(str(path), f"not a readable XLSX workbook ({type(exc).__name__})") from exc
    sheets = []
    skipped = []
    first_title = wb.worksheets[0].title if wb.worksheets else ""
    for ws in wb.worksheets:
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        filled = _fill_merged(ws, grid)
        found = find_header([[c for c in r] for r in grid])
        if not grid:
            skipped.append((ws.title, "empty"))
        elif found is None:
            skipped.append((ws.title, f"no header naming report fields in the first {HEADER_SCAN_ROWS} rows"))
        else:
            sheets.append((ws.title, grid, found[0], found[1], filled))
    wb.close()
    data = [s for s in sheets if "observation" in s[3]]
    for s in sheets:
        if s not in data and data:
            skipped.append((s[0], f"header on row {s[2] + 1} has no observation column "
                                  f"(names only {', '.join(sorted(s[3]))})"))
    if not data:
        data = [s for s in sheets if len(s[3]) >= 2]
    if not data:
        why = "; ".join(f"'{t}': {r}" for t, r in skipped) or "no sheets"
        raise UnreadableFileError(str(path), f"no sheet has a header row naming report fields ({why})")
    notes = [f"{path}: read sheet(s) " + ", ".join(f"'{t}' (header on row {h + 1})" for t, _, h, _, _ in data)
             + (("; skipped " + "; ".join(f"'{t}' ({r})" for t, r in skipped)) if skipped else "")]
    return Table(str(path), "xlsx", _xlsx_rows(data, several=len(data) > 1 or first_title != data[0][0]),
                 notes)


def _fill_merged(ws: Any, grid: list[list[Any]]) -> dict[int, list[str]]:
    """Give every cell of a merged range the top-left value; row (0-based) → warnings naming the cells filled."""
    filled: dict[int, list[str]] = {}
    for rng in ws.merged_cells.ranges:
        min_col, min_row, max_col, max_row = rng.bounds
        if min_row - 1 >= len(grid):
            continue
        value = grid[min_row - 1][min_col - 1] if min_col - 1 < len(grid[min_row - 1]) else None
        if value is None:
            continue
        for r in range(min_row - 1, min(max_row, len(grid))):
            row = grid[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                if (r, c) != (min_row - 1, min_col - 1):
                    row[c] = value
            if r != min_row - 1:
                filled.setdefault(r, []).append(f"merged cells {rng.coord}: the value of "
                                                f"{rng.coord.split(':')[0]} filled in")
    return filled


def _xlsx_rows(sheets: list, several: bool) -> Iterator[tuple[int, RawRow]]:
    for title, grid, header_idx, _fields, filled in sheets:
        headers = [str(h).strip() if h is not None and str(h).strip() else f"column_{i + 1}"
                   for i, h in enumerate(grid[header_idx])]
        for r in range(header_idx + 1, len(grid)):
            values = grid[r]
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            row = _make_row(headers, values)
            if r in filled:
                row["__warnings__"] = filled[r]
            if several:
                row["__part__"] = f" [sheet {title}]"
            yield r + 1, row


def read_jsonl(path: Path) -> Table:
    decoded = decode_export(path.read_bytes())
    if not decoded.text.strip():
        raise UnreadableFileError(str(path), "file is empty")
    share = control_char_share(decoded.text)
    if share > MAX_CONTROL_SHARE:
        raise UnreadableFileError(str(path), f"binary content ({share:.1%} control characters), not JSON lines")
    lines = decoded.text.split("\n")
    if not any(line.strip().startswith("{") for line in lines[:HEADER_SCAN_ROWS * 5]):
        raise UnreadableFileError(str(path), "no JSON object found on any line")
    notes = [f"{path}: decoded as {decoded.encoding}"] if decoded.encoding != "utf-8" or decoded.other_lines else []
    return Table(str(path), "jsonl", _jsonl_rows(lines, decoded.line_notes()), notes)


def _jsonl_rows(lines: list[str], notes: dict[int, str]) -> Iterator[tuple[int, RawRow]]:
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, {"__error__": f"invalid JSON: {exc.msg}", "__line__": line[:4000]}
            continue
        if not isinstance(obj, dict):
            yield line_no, {"__error__": "a JSON line must be an object", "__line__": line[:4000]}
            continue
        if line_no in notes:
            obj["__warnings__"] = [f"line {line_no}: {notes[line_no]}"]
        yield line_no, obj


READERS = {".csv": read_csv, ".txt": read_csv, ".tsv": read_csv, ".xlsx": read_xlsx, ".xlsm": read_xlsx,
           ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".json": read_jsonl}


def open_table(path: Path) -> Table:
    """Open one export file by extension (.csv/.txt/.tsv, .xlsx/.xlsm, .jsonl/.ndjson/.json).

    Raises:
        UnreadableFileError: missing file, unknown type, not a table (random bytes, no header naming report fields),
            or an unreadable workbook; raised here, before any row is yielded.
    """
    check_readable(path)
    return READERS[path.suffix.lower()](path)


def check_readable(path: Path) -> None:
    """Raise `UnreadableFileError` for a missing file, a directory or an unsupported type (nothing is read)."""
    if not path.exists():
        raise UnreadableFileError(str(path), "no such file")
    if path.is_dir():
        raise UnreadableFileError(str(path), "is a directory")
    if path.suffix.lower() not in READERS:
        raise UnreadableFileError(str(path), f"unsupported file type '{path.suffix.lower()}' (use .csv, .xlsx or .jsonl)")


def read_rows(path: Path) -> Iterator[tuple[int, RawRow]]:
    """Raw rows of one export file (see `open_table`; file-level notes are dropped)."""
    return open_table(path).rows
