"""Writing tables as CSV, XLSX and Parquet, with text that a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import numpy as np

from pipeline.export.labels import HEADERS, PT_LABELS, SHEET_NAMES, STATUS_LABELS, ThemeLabels, special_value

MARKERS = ("..",)

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


def _typed_counts(col: pd.Series) -> pd.Series | None:
    """A wide table's count column (ints and markers) as nullable integers (markers -> null); None if not one."""
    values = [v for v in col if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if not values or not all(isinstance(v, (int, np.integer)) or v in MARKERS or _is_marker(v) for v in values):
        return None
    if not any(isinstance(v, (int, np.integer)) for v in values) and not any(_is_marker(v) for v in values):
        return None
    return pd.array([int(v) if isinstance(v, (int, np.integer)) else None for v in col], dtype="Int64")


def _is_marker(value: object) -> bool:
    return isinstance(value, str) and (value == ".." or (value.startswith("<") and value[1:].isdigit()))


def write_parquet(df: pd.DataFrame, path: Path) -> Path:
    """Parquet with the same columns and values as the CSV; counts stay integers (hidden = null)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            typed = _typed_counts(out[col])
            if typed is not None:
                out[col] = typed
                continue
            kinds = {type(v) for v in out[col] if v is not None and not (isinstance(v, float) and pd.isna(v))}
            if len(kinds) > 1 or kinds - {str}:
                out[col] = out[col].map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v))
                                        else str(v))
    out.columns = [str(c) for c in out.columns]
    out.to_parquet(path, index=False)
    return path


def _header(name: str, lang: str) -> str:
    return HEADERS.get(lang, HEADERS["fi"]).get(name) or special_value(name, lang)


_KEY_COLUMNS = ("theme", "area", "target_group", "phenomenon_type", "status")


def _label(column: str, value: object, labels: ThemeLabels, lang: str) -> object:
    """A key shown to people: theme keys as theme names, ``all`` as "kaikki", statuses and types translated."""
    if not isinstance(value, str):
        return value
    if column == "theme":
        return labels.label(value, lang)
    if column == "status":
        return STATUS_LABELS.get(lang, {}).get(value, value)
    if column == "phenomenon_type":
        return PT_LABELS.get(lang, {}).get(value, special_value(value, lang))
    return special_value(value, lang)


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path, labels: ThemeLabels | None = None,
               lang: str = "fi") -> Path:
    """One workbook, one sheet per table, for people: headers and every key in ``lang`` (Finnish by default,
    ``all`` = "kaikki"), counts as numbers (a hidden count shows its marker), shares as percentages, bold frozen
    header row and an autofilter.

    Arguments:
        tables: ``{table name: DataFrame}`` in sheet order (as :meth:`ExportBundle.frames` gives them).
        path: the ``.xlsx`` file to write.
        labels: theme names; keys are shown as they are when ``None``.
        lang: ``fi`` or ``en``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    labels = labels or ThemeLabels()
    wb = Workbook()
    wb.remove(wb.active)
    names = SHEET_NAMES.get(lang, SHEET_NAMES["fi"])
    for name, df in tables.items():
        df = df.drop(columns=[c for c in ("theme_label",) if c in df.columns])
        title = names.get(name) or _sheet_title(name, lang)
        ws = wb.create_sheet(title=title[:31])
        headers = [str(neutralise(_header(str(c), lang))) for c in df.columns]
        ws.append(headers)
        for row in df.itertuples(index=False):
            values = []
            for col, v in zip(df.columns, row):
                if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
                    values.append(None)
                elif isinstance(v, str):
                    shown = _label(str(col), v, labels, lang) if col in _KEY_COLUMNS else special_value(v, lang) \
                        if col in ("period",) else v
                    values.append(neutralise(shown))
                elif hasattr(v, "item"):  # numpy scalar
                    values.append(v.item())
                else:
                    values.append(v)
            ws.append(values)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        last = min(ws.max_row, 2000)
        for i, col in enumerate(df.columns, start=1):
            longest = max([len(headers[i - 1])] + [len(str(c.value)) for (c,) in
                                                   ws.iter_rows(min_row=2, max_row=last, min_col=i, max_col=i)
                                                   if c.value is not None])
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


def _sheet_title(name: str, lang: str) -> str:
    """A sheet name for a configured table, e.g. ``themes_by_area`` -> "Teemat alueittain"."""
    words = {"fi": {"period": "jakso", "theme": "teema", "area": "alue", "target_group": "kohderyhmä",
                    "phenomenon_type": "ilmiötyyppi"},
             "en": {"period": "period", "theme": "theme", "area": "area", "target_group": "target group",
                    "phenomenon_type": "phenomenon type"}}[lang if lang in ("fi", "en") else "fi"]
    for key in sorted(words, key=len, reverse=True):
        name = name.replace(key, words[key])
    return name.replace("_by_", " × ").replace("reports_by_", "").replace("table_", "").replace("_", " ")
