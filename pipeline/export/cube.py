"""Counting the published cells: distinct reports per combination of period, theme, area, target group and
phenomenon type, for the combinations the published tables hold (every table with its margins, ``all`` elsewhere).

A report with several themes or areas counts once in each of them and once in ``all``, so along those two
dimensions a subtotal is not the sum of its parts; along period, target group and phenomenon type it is.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import product
from typing import Iterable, Sequence

from pipeline.export.labels import ALL, NO_AREA, NO_THEME
from pipeline.export.periods import period_label
from pipeline.export.records import CountedReport

DIMENSIONS = ("period", "theme", "area", "target_group", "phenomenon_type")
# Dimensions on which a report has exactly one value: their subtotal equals the sum of their cells.
ADDITIVE = frozenset({"period", "target_group", "phenomenon_type"})
ADDITIVE_IDX = frozenset(i for i, d in enumerate(DIMENSIONS) if d in ADDITIVE)
TOTAL: tuple[str, ...] = (ALL,) * len(DIMENSIONS)

Cell = tuple[str, str, str, str, str]


def report_values(rec: CountedReport, period: str, date_from: date | None = None,
                  date_to: date | None = None) -> tuple[list[str], ...]:
    """The values a report takes on each dimension (several for themes and areas)."""
    return (
        [period_label(rec.submitted, period, date_from, date_to)],
        rec.themes or [NO_THEME],
        rec.areas or [NO_AREA],
        [rec.target_group or NO_AREA],
        [rec.phenomenon_type or NO_AREA],
    )


def table_cells_of(values: Sequence[list[str]], dims: Sequence[int]) -> set[Cell]:
    """The cells of one table (dimensions ``dims``, with all their margins) that one report counts in."""
    choices = [([*values[d], ALL] if d in dims else [ALL]) for d in range(len(DIMENSIONS))]
    return set(product(*choices))


def build_cells(records: Iterable[CountedReport], tables: Sequence[Sequence[int]], period: str = "quarter",
                date_from: date | None = None, date_to: date | None = None) -> dict[Cell, int]:
    """Count distinct reports in every cell of the published tables.

    Arguments:
        records: counted reports with their effective themes.
        tables: each table as the indexes (into :data:`DIMENSIONS`) of its dimensions.
        period: month | quarter | half | year | range.
        date_from, date_to: the export range (names the single period when ``period='range'``).

    Returns:
        ``{(period, theme, area, target_group, phenomenon_type): reports}`` for the cells present (>= 1).
    """
    counts: Counter = Counter()
    for rec in records:
        values = report_values(rec, period, date_from, date_to)
        mine: set[Cell] = set()
        for dims in tables:
            mine |= table_cells_of(values, dims)
        counts.update(mine)
    return dict(counts)
