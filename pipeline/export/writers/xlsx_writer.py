"""XLSX: one workbook, one sheet per table, Finnish (or English) labels for every key and value."""

from __future__ import annotations

from pathlib import Path

from pipeline.registry import registry

from pipeline.export.spreadsheet import write_xlsx
from pipeline.export.writers._files import file_info


@registry.export_writers.register("xlsx")
def write(bundle, folder: Path) -> dict:
    frames = bundle.frames()
    path = write_xlsx(frames, folder / "signaali_tables.xlsx", bundle.labels, bundle.lang)
    return file_info(path, sheets={name: len(df) for name, df in frames.items()})
