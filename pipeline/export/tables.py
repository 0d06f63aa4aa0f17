"""Published tables from the suppressed cube: the tidy long table and the wide summaries.

Counts are ``int`` or the string ``<N``; shares are fractions of the period's counted reports (4 decimals) or empty.
"""

from __future__ import annotations

import pandas as pd

from pipeline.export.cube import DIMENSIONS, Cell
from pipeline.export.labels import ALL, NO_AREA, NO_THEME, ThemeLabels
from pipeline.export.records import SignalRow
from pipeline.export.suppression import Suppression

LONG_COLUMNS = [*DIMENSIONS, "reports", "share"]

# wide table name -> (dimension across the columns, dimension fixed to one value or None)
WIDE_TABLES = {
    "themes_by_period": "period",
    "themes_by_area": "area",
    "themes_by_target_group": "target_group",
    "themes_by_phenomenon_type": "phenomenon_type",
}


def cell_value(cube: dict[Cell, int], supp: Suppression, cell: Cell) -> int | str:
    """The published count of ``cell``: the number, ``<N`` when hidden, 0 when the combination is absent."""
    if cell not in cube:
        return 0
    if cell in supp.suppressed:
        return f"<{supp.min_cell}"
    return cube[cell]


def _sort_key(value: str) -> tuple[int, str]:
    # "all" first, the unknown buckets last, the rest alphabetically (periods then read in time order)
    return (0 if value == ALL else 2 if value in (NO_THEME, NO_AREA) else 1, value)


def long_table(cube: dict[Cell, int], supp: Suppression) -> pd.DataFrame:
    """``themes_long``: one row per cell present, with ``reports`` and ``share`` of the period's reports."""
    rows = []
    for cell in sorted(cube, key=lambda c: tuple(_sort_key(v) for v in c)):
        total_cell = (cell[0], ALL, ALL, ALL, ALL)
        value = cell_value(cube, supp, cell)
        share: float | None = None
        # a share next to a hidden period total would give that total away (total = count / share)
        if isinstance(value, int) and total_cell not in supp.suppressed and cube.get(total_cell):
            share = round(value / cube[total_cell], 4)
        rows.append((*cell, value, share))
    df = pd.DataFrame(rows, columns=LONG_COLUMNS)
    df["reports"] = df["reports"].astype(object)
    return df


def wide_table(cube: dict[Cell, int], supp: Suppression, across: str, labels: ThemeLabels,
               lang: str = "fi") -> pd.DataFrame:
    """Themes down, the values of ``across`` along (``all`` first); other dimensions at ``all``.

    The period is ``all`` (the whole export range) unless ``across`` is the period itself.
    """
    d = DIMENSIONS.index(across)
    themes = sorted({c[1] for c in cube}, key=_sort_key)
    values = sorted({c[d] for c in cube}, key=_sort_key)
    rows = []
    for theme in themes:
        row: dict[str, object] = {"theme": theme, "theme_label": labels.label(theme, lang)}
        for v in values:
            cell = [ALL, theme, ALL, ALL, ALL]
            cell[d] = v
            row[v] = cell_value(cube, supp, tuple(cell))
        rows.append(row)
    df = pd.DataFrame(rows, columns=["theme", "theme_label", *values])
    return df.astype(object)


def signals_table(signals: list[SignalRow]) -> pd.DataFrame:
    """``signals``: the latest signals, flagged first; lists joined with ``;``."""
    rows = [{
        "signal_id": s.signal_id, "status": s.status, "report_ids": ";".join(s.report_ids),
        "keywords": ";".join(s.keywords), "first_seen": s.first_seen.isoformat(), "growth": round(s.growth, 4),
        "reason": s.reason, "as_of": s.as_of.isoformat(),
    } for s in signals]
    return pd.DataFrame(rows, columns=["signal_id", "status", "report_ids", "keywords", "first_seen", "growth",
                                       "reason", "as_of"])
