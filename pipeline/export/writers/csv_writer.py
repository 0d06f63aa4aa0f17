"""CSV: every table as UTF-8 CSV (comma, RFC 4180 quoting, no index), spreadsheet formulas neutralised."""

from __future__ import annotations

from pathlib import Path

from pipeline.registry import registry

from pipeline.export.spreadsheet import write_csv
from pipeline.export.writers._files import file_info


@registry.export_writers.register("csv")
def write(bundle, folder: Path) -> dict:
    files: dict = {}
    for name, df in bundle.frames().items():
        files.update(file_info(write_csv(df, folder / f"{name}.csv"), rows=len(df)))
    return files
