"""Export writers: one module per format, one entry each in :data:`WRITERS` (adding a format = a module + a line).

A writer is ``write(bundle, folder) -> {file name: {"rows"|"sheets"|"bytes": ..., "sha256": ...}}``; it writes
only into ``folder`` (the export's staging folder). Entries are imported when first used, so a format's heavy
dependency (openpyxl, pyarrow, plotly) loads only when that format is asked for.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterator

# name -> "module:function". The versioned name registry of issue 12 can take these entries over as they are.
_ENTRIES = {
    "csv": "pipeline.export.writers.csv_writer:write",
    "xlsx": "pipeline.export.writers.xlsx_writer:write",
    "parquet": "pipeline.export.writers.parquet_writer:write",
    "html": "pipeline.export.writers.html_writer:write",
}

Writer = Callable[[Any, Path], dict[str, dict[str, Any]]]


class _Registry(Mapping):
    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries
        self._loaded: dict[str, Writer] = {}

    def __getitem__(self, name: str) -> Writer:
        if name not in self._loaded:
            module, func = self._entries[name].split(":")
            self._loaded[name] = getattr(importlib.import_module(module), func)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


WRITERS: Mapping[str, Writer] = _Registry(_ENTRIES)


def file_info(path: Path, **info: Any) -> dict[str, dict[str, Any]]:
    """``{name: {**info, "sha256": ...}}`` for the manifest."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {path.name: {**info, "sha256": digest}}


def write_manifest(manifest: dict, folder: Path) -> Path:
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
