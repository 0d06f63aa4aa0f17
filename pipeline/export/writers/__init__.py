"""Export writers: one module per format, registered in ``registry.export_writers`` under the format's name (adding a
format = a module registering itself + its name in ``_MODULES``).

A writer is ``write(bundle, folder) -> {file name: {"rows"|"sheets"|"bytes": ..., "sha256": ...}}``; it writes
only into ``folder`` (the export's staging folder). Entries are imported when first used, so a format's heavy
dependency (openpyxl, pyarrow, plotly) loads only when that format is asked for.
"""

from __future__ import annotations

import importlib

from pipeline.registry import registry
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterator

# The writers register themselves in ``registry.export_writers`` under their format's name when imported here.
_MODULES = ("csv_writer", "xlsx_writer", "parquet_writer", "html_writer")

Writer = Callable[[Any, Path], dict[str, dict[str, Any]]]


class _Writers(Mapping):
    """``format -> writer``: a read-only view of ``registry.export_writers`` (so ``--format`` lists what is
    registered)."""

    def __getitem__(self, name: str) -> Writer:
        if name not in registry.export_writers:
            raise KeyError(name)
        return registry.export_writers.get(name)

    def __iter__(self) -> Iterator[str]:
        order = {"csv": 0, "xlsx": 1, "parquet": 2, "html": 3}
        return iter(sorted(registry.export_writers.names(), key=lambda n: (order.get(n, 9), n)))

    def __len__(self) -> int:
        return len(registry.export_writers.names())


for _m in _MODULES:
    importlib.import_module(f"pipeline.export.writers.{_m}")
WRITERS: Mapping[str, Writer] = _Writers()


from pipeline.export.writers._files import file_info, write_manifest  # noqa: E402

__all__ = ["WRITERS", "Writer", "file_info", "write_manifest"]
