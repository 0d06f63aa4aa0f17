"""The statistical cube: distinct-report counts for every combination of period, theme, area, target group and
phenomenon type, with ``all`` subtotals on every dimension.

A report with several themes or areas counts once in each of them and once in ``all``, so along those two
dimensions a subtotal is not the sum of its parts; along period, target group and phenomenon type it is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import product
from typing import Iterable

from pipeline.export.labels import ALL, NO_AREA, NO_THEME
from pipeline.export.periods import period_label
from pipeline.export.records import ReportRecord

DIMENSIONS = ("period", "theme", "area", "target_group", "phenomenon_type")
# Dimensions on which a report has exactly one value: their subtotal equals the sum of their cells.
ADDITIVE = frozenset({"period", "target_group", "phenomenon_type"})

Cell = tuple[str, str, str, str, str]


def report_values(rec: ReportRecord, period: str, date_from: date | None = None,
                  date_to: date | None = None) -> tuple[list[str], ...]:
    """The values a report takes on each dimension (several for themes and areas)."""
    return (
        [period_label(rec.submitted, period, date_from, date_to)],
        rec.themes or [NO_THEME],
        rec.areas or [NO_AREA],
        [rec.target_group or NO_AREA],
        [rec.phenomenon_type or NO_AREA],
    )


def build_cube(records: Iterable[ReportRecord], period: str = "quarter", date_from: date | None = None,
               date_to: date | None = None) -> dict[Cell, int]:
    """Count distinct reports per cell; every dimension also has the value ``all``.

    Arguments:
        records: counted reports with their effective themes.
        period: month | quarter | half | year | range.
        date_from, date_to: the export range (names the single period when ``period='range'``).

    Returns:
        ``{(period, theme, area, target_group, phenomenon_type): reports}`` for the combinations present.
    """
    counts: Counter = Counter()
    for rec in records:
        values = report_values(rec, period, date_from, date_to)
        # each dimension's values are distinct, so every key below is hit at most once per report
        for key in product(*([*v, ALL] for v in values)):
            counts[key] += 1
    return dict(counts)


def relations(cube: dict[Cell, int]) -> dict[tuple[int, Cell], list[Cell]]:
    """Every subtotal relation of the cube: ``(dimension index, parent cell) -> child cells``.

    The parent is a cell with ``all`` on that dimension; its children are the cells that differ from it only by a
    concrete value there.
    """
    out: dict[tuple[int, Cell], list[Cell]] = defaultdict(list)
    for cell in cube:
        for d, value in enumerate(cell):
            if value != ALL:
                parent = cell[:d] + (ALL,) + cell[d + 1:]
                out[(d, parent)].append(cell)
    for children in out.values():
        children.sort()
    return dict(out)
