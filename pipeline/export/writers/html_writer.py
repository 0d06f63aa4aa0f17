"""HTML: the self-contained report (``report.html``), drawn from the published tables only."""

from __future__ import annotations

from pathlib import Path

from pipeline.registry import registry

from pipeline.export.writers._files import file_info


@registry.export_writers.register("html")
def write(bundle, folder: Path) -> dict:
    from pipeline.export.html_report import write_report

    path = write_report(bundle, folder / "report.html")
    return file_info(path, bytes=path.stat().st_size)
