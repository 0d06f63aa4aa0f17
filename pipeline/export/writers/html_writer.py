"""HTML: the self-contained report (``report.html``), drawn from the published tables only."""

from __future__ import annotations

from pathlib import Path

from pipeline.export.writers import file_info


def write(bundle, folder: Path) -> dict:
    from pipeline.export.html_report import write_report

    path = write_report(bundle, folder / "report.html")
    return file_info(path, bytes=path.stat().st_size)
