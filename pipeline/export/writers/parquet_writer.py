"""Parquet: the same tables with typed columns (counts as nullable integers, hidden = null, markers in ``flag``;
in wide tables a hidden cell is null and its marker is in ``themes_long``)."""

from __future__ import annotations

from pathlib import Path

from pipeline.registry import registry

from pipeline.export.spreadsheet import write_parquet
from pipeline.export.writers._files import file_info


@registry.export_writers.register("parquet")
def write(bundle, folder: Path) -> dict:
    files: dict = {}
    for name, df in bundle.frames().items():
        files.update(file_info(write_parquet(df, folder / f"{name}.parquet"), rows=len(df)))
    return files
