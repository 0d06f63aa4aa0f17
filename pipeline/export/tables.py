"""The published table set and its tables: which tables an export publishes, and each one as a DataFrame.

A table is 1-, 2- or 3-way over the dimensions of :data:`pipeline.export.cube.DIMENSIONS`, always with its margins
(a theme × period table also holds the theme totals, the period totals and the grand total). ``themes_long`` is
the union of the cells of all published tables, one row each, dimensions not in a table at ``all``.

Counts are whole numbers; a hidden count is empty in ``themes_long`` (``reports``) with ``flag`` ``<N`` (below the
minimum) or ``..`` (hidden to protect another cell; no bound stated). In the wide tables the marker stands in the
cell itself, as in Statistics Finland's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from pipeline.errors import InputError
from pipeline.export.cube import DIMENSIONS, TOTAL, Cell
from pipeline.export.labels import ALL, NO_AREA, NO_THEME, ThemeLabels
from pipeline.export.records import SignalRow
from pipeline.export.suppression import Protection

LONG_COLUMNS = [*DIMENSIONS, "reports", "share", "flag"]
DEFAULT_TABLES = ("theme,theme*period,theme*area,theme*target_group,theme*phenomenon_type,"
                  "area,target_group,phenomenon_type,period")
_SEPARATORS = ("*", "×", " x ", ":")


@dataclass(frozen=True)
class TableSpec:
    """One published table: its dimensions (indexes into DIMENSIONS, in the order given) and file name."""

    dims: tuple[int, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(DIMENSIONS[d] for d in self.dims)

    @property
    def token(self) -> str:
        return "*".join(self.names)

    @property
    def name(self) -> str:
        names = self.names
        if names == ("theme",):
            return "themes_total"
        if len(names) == 1:
            return f"reports_by_{names[0]}"
        if len(names) == 2 and "theme" in names:
            return f"themes_by_{[n for n in names if n != 'theme'][0]}"
        if len(names) == 2:
            return f"{names[0]}_by_{names[1]}"
        return "table_" + "_".join(names)


def parse_tables(text: str | Iterable[str] | None) -> list[TableSpec]:
    """Parse a table set such as ``"theme,theme*period,area"`` (``default`` = the county's set, DESIGN §10).

    Raises:
        InputError: naming the unknown table or dimension token, a repeated dimension, or more than 3 dimensions.
    """
    if text is None:
        text = DEFAULT_TABLES
    tokens = [t.strip() for t in (text.split(",") if isinstance(text, str) else text) if t and t.strip()]
    if not tokens:
        raise InputError("--tables: no table given")
    out: list[TableSpec] = []
    for token in tokens:
        if token.lower() == "default":
            out.extend(parse_tables(DEFAULT_TABLES))
            continue
        parts = [token.lower()]
        for sep in _SEPARATORS:
            parts = [q for p in parts for q in p.split(sep)]
        parts = [p.strip().replace("-", "_") for p in parts]
        dims = []
        for p in parts:
            if p not in DIMENSIONS:
                raise InputError(f"--tables: unknown dimension '{p}' in table '{token}' "
                                 f"(dimensions: {', '.join(DIMENSIONS)}; join them with '*')")
            dims.append(DIMENSIONS.index(p))
        if len(set(dims)) != len(dims):
            raise InputError(f"--tables: table '{token}' names a dimension twice")
        if len(dims) > 3:
            raise InputError(f"--tables: table '{token}' has {len(dims)} dimensions (at most 3)")
        spec = TableSpec(tuple(dims))
        if spec not in out:
            out.append(spec)
    return out


def sort_key(value: str) -> tuple[int, str]:
    """``all`` first, the unknown buckets last, the rest alphabetically (period labels then read in time order)."""
    return (0 if value == ALL else 2 if value in (NO_THEME, NO_AREA) else 1, value)


def cell_sort_key(cell: Cell) -> tuple:
    return tuple(sort_key(v) for v in cell)


def spec_cells(spec: TableSpec, cells: dict[Cell, int]) -> list[Cell]:
    """The published cells of one table (its dimensions free, every other dimension ``all``)."""
    other = [d for d in range(len(DIMENSIONS)) if d not in spec.dims]
    return sorted((c for c in cells if all(c[d] == ALL for d in other)), key=cell_sort_key)


def _share(cells: dict[Cell, int], prot: Protection, cell: Cell, base: Cell) -> float | None:
    # a share next to a hidden base would give the base away (base = count / share)
    value, total = prot.value(cells, cell), prot.value(cells, base)
    if value is None or not total:
        return None
    return round(value / total, 4)


def long_table(cells: dict[Cell, int], prot: Protection) -> pd.DataFrame:
    """``themes_long``: one row per published cell; ``share`` of the period's reports; ``flag`` why hidden."""
    rows = []
    for cell in sorted(cells, key=cell_sort_key):
        base = (cell[0], ALL, ALL, ALL, ALL)
        rows.append((*cell, prot.value(cells, cell), _share(cells, prot, cell, base), prot.flag(cell)))
    df = pd.DataFrame(rows, columns=LONG_COLUMNS)
    df["reports"] = df["reports"].astype("Int64")
    df["share"] = df["share"].astype("Float64")
    return df


def _display(cells: dict[Cell, int], prot: Protection, cell: Cell) -> int | str:
    if cell not in cells:
        return 0
    value = prot.value(cells, cell)
    return prot.flag(cell) if value is None else value


def table_frame(spec: TableSpec, cells: dict[Cell, int], prot: Protection, labels: ThemeLabels,
                lang: str = "fi") -> pd.DataFrame:
    """One published table as a DataFrame.

    1- and 3-way tables are long (one row per cell with ``reports``, ``share`` of the grand total for 1-way or of
    the period for 3-way, ``flag``); 2-way tables are wide: the first dimension (theme when present) down, the
    other along, ``all`` first, a marker in place of a hidden count and 0 for an absent combination.
    """
    names = spec.names
    mine = spec_cells(spec, cells)
    if len(spec.dims) != 2:
        rows = []
        for cell in mine:
            if len(spec.dims) == 1 and cell[spec.dims[0]] == ALL:
                continue
            row: dict[str, object] = {n: cell[d] for n, d in zip(names, spec.dims)}
            if "theme" in names:
                row["theme_label"] = labels.label(cell[1], lang)
            base = TOTAL if len(spec.dims) == 1 else (cell[0], ALL, ALL, ALL, ALL)
            row.update(reports=prot.value(cells, cell), share=_share(cells, prot, cell, base), flag=prot.flag(cell))
            rows.append(row)
        cols = [*names, *(["theme_label"] if "theme" in names else []), "reports", "share", "flag"]
        df = pd.DataFrame(rows, columns=cols)
        df["reports"] = df["reports"].astype("Int64")
        df["share"] = df["share"].astype("Float64")
        return df
    down, across = (spec.dims if spec.dims[0] == 1 or 1 not in spec.dims else spec.dims[::-1])
    down_values = sorted({c[down] for c in mine}, key=sort_key)
    across_values = sorted({c[across] for c in mine}, key=sort_key)
    down_name = DIMENSIONS[down]
    rows = []
    for v in down_values:
        row = {down_name: v}
        if down == 1:
            row["theme_label"] = labels.label(v, lang)
        for a in across_values:
            cell = [ALL] * len(DIMENSIONS)
            cell[down], cell[across] = v, a
            row[a] = _display(cells, prot, tuple(cell))
        rows.append(row)
    cols = [down_name, *(["theme_label"] if down == 1 else []), *across_values]
    return pd.DataFrame(rows, columns=cols).astype(object)


def signals_table(signals: list[SignalRow], reasons: dict[str, str] | None = None) -> pd.DataFrame:
    """``signals``: the latest signals, flagged first; lists joined with ``;``; ``reason`` as given in ``reasons``."""
    rows = [{
        "signal_id": s.signal_id, "status": s.status, "report_ids": ";".join(s.report_ids),
        "keywords": ";".join(s.keywords), "first_seen": s.first_seen.isoformat(), "growth": round(s.growth, 4),
        "reason": (reasons or {}).get(s.signal_id, s.reason), "as_of": s.as_of.isoformat(),
    } for s in signals]
    return pd.DataFrame(rows, columns=["signal_id", "status", "report_ids", "keywords", "first_seen", "growth",
                                       "reason", "as_of"])
