"""What every export writer receives: the published cells, their protection and the context around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from pipeline.export.cube import Cell
from pipeline.export.labels import ThemeLabels
from pipeline.export.records import CountedReport, SignalRow
from pipeline.export.suppression import Protection
from pipeline.export.tables import TableSpec, long_table, signals_table, table_frame


@dataclass
class ExportBundle:
    """One export's content. Writers read the tables through :meth:`frames` so every file shows the same cells."""

    cells: dict[Cell, int]
    protection: Protection
    specs: list[TableSpec]
    records: list[CountedReport]
    signals: list[SignalRow]
    labels: ThemeLabels
    keywords: dict[str, list[str]]
    run: dict[str, Any]
    lang: str = "fi"
    period: str = "quarter"
    d_from: date | None = None
    d_to: date | None = None
    _frames: dict[str, pd.DataFrame] | None = field(default=None, repr=False)
    _reasons: dict[str, str] | None = field(default=None, repr=False)

    def reasons(self) -> dict[str, str]:
        """Signal reasons in the export's language, no count below the minimum (``signal_id -> text``)."""
        if self._reasons is None:
            from pipeline.export.signal_text import publishable_reason

            self._reasons = {s.signal_id: publishable_reason(s, self.protection.min_cell, self.lang)
                             for s in self.signals}
        return self._reasons

    def frames(self) -> dict[str, pd.DataFrame]:
        """``{table name: DataFrame}``: ``themes_long``, one per published table, then ``signals``."""
        if self._frames is None:
            out = {"themes_long": long_table(self.cells, self.protection)}
            for spec in self.specs:
                out[spec.name] = table_frame(spec, self.cells, self.protection, self.labels, self.lang)
            out["signals"] = signals_table(self.signals, self.reasons())
            self._frames = out
        return self._frames
