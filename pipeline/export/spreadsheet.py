"""Writing tables as CSV, XLSX and Parquet, with text that a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.export.labels import HEADERS, SHEET_NAMES, special_value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


def neutralise(value: object) -> object:
    """Prefix ``'`` to text a spreadsheet would evaluate (``=``, ``+``, ``-``, ``@``, tab, CR); others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _neutralised(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """UTF-8 CSV (comma, RFC 4180 quoting, no index); empty cells for missing values."""
    _neutralised(df).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def write_parquet(df: pd.DataFrame, path: Path) -> Path:
    """Parquet with the same columns and values as the CSV (mixed count columns stored as text)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            kinds = {type(v) for v in out[col] if v is not None and not (isinstance(v, float) and pd.isna(v))}
            if len(kinds) > 1 or kinds - {str}:
                out[col] = out[col].map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v))
                                        else str(v))
    out.columns = [str(c) for c in out.columns]
    out.to_parquet(path, index=False)
    return path


def _header(name: str, lang: str) -> str:
    return HEADERS.get(lang, HEADERS["fi"]).get(name) or special_value(name, lang)


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path, lang: str = "fi") -> Path:
    """One workbook, one sheet per table: headers in ``lang`` (Finnish by default), bold and frozen, widths set.

    Arguments:
        tables: ``{table name: DataFrame}`` in sheet order.
        path: the ``.xlsx`` file to write.
        lang: ``fi`` or ``en`` for headers and sheet names.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    names = SHEET_NAMES.get(lang, SHEET_NAMES["fi"])
    for name, df in tables.items():
        ws = wb.create_sheet(title=names.get(name, name)[:31])
        headers = [str(neutralise(_header(str(c), lang))) for c in df.columns]
        ws.append(headers)
        for row in df.itertuples(index=False):
            values = []
            for v in row:
                if v is None or (isinstance(v, float) and pd.isna(v)):
                    values.append(None)
                elif isinstance(v, str):
                    values.append(neutralise(v))
                elif hasattr(v, "item"):  # numpy scalar
                    values.append(v.item())
                else:
                    values.append(v)
            ws.append(values)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, col in enumerate(df.columns, start=1):
            longest = max([len(headers[i - 1])] + [len(str(v)) for v in df[col].head(2000) if v is not None])
            ws.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, longest + 2)
        # strings that start with "=" were prefixed above; make sure no cell is stored as a formula
        for r in ws.iter_rows(min_row=1):
            for cell in r:
                if cell.data_type == "f":
                    cell.value = "'" + str(cell.value)
                    cell.data_type = "s"
        if "share" in df.columns:
            ci = list(df.columns).index("share") + 1
            for (cell,) in ws.iter_rows(min_row=2, min_col=ci, max_col=ci):
                cell.number_format = "0.0%"
    wb.save(path)
    return path
