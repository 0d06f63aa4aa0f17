"""Writing an export so that a reader never sees half of it, and reading back what the previous one hid.

The previous export's alternative tables (`pipeline.export.suppression.Protection.witnesses`) are kept privately
beside the store (``cache/disclosure/`` in a SQLite store's folder, else in ``data_dir``; never in ``out_dir``: a
witness bounds a hidden count), so the
next export of the same tables re-solves only the hidden cells whose witness no longer holds.

Files are written into a hidden staging folder next to ``out_dir``. When ``out_dir`` holds only a previous export
(or does not exist), the two folders are swapped by renames, so the whole export appears at once. When ``out_dir``
also holds other files (a user's own folder), the new files are moved in one by one and ``manifest.json`` last, so
a manifest always describes complete files (its sha256 sums say which). A staging folder left by a killed export
(a half-written XLSX included) is removed by the next export.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipeline.export.cube import DIMENSIONS, Cell
from pipeline.cache_files import keep_bytes
from pipeline.processes import process_alive

log = logging.getLogger(__name__)
_PREFIX = ".signaali-export-"
# parameters that must match for the previous export's hidden cells to mean the same cells now
_SAME = ("period", "date_from", "min_cell", "tables", "method")


def _is_export_folder(path: Path) -> bool:
    if not (path / "manifest.json").exists():
        return False
    try:
        listed = set(json.loads((path / "manifest.json").read_text(encoding="utf-8")).get("files", {}))
    except (OSError, ValueError):
        return False
    return all(p.name in listed or p.name == "manifest.json" for p in path.iterdir())


def _clean_stale(parent: Path) -> None:
    for p in parent.glob(f"{_PREFIX}*"):
        try:
            pid = int(p.name.rsplit("-", 1)[-1])
        except ValueError:
            continue
        if pid == os.getpid() or not process_alive(pid):
            shutil.rmtree(p, ignore_errors=True)


@contextmanager
def staged_folder(out_dir: Path) -> Iterator[Path]:
    """A fresh staging folder; on success its files replace ``out_dir``'s export, on error it is removed."""
    out_dir = Path(out_dir)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(parent)
    staging = parent / f"{_PREFIX}{out_dir.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists() or (out_dir.is_dir() and not any(out_dir.iterdir())):
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(staging, out_dir)
        return
    if _is_export_folder(out_dir):
        old = staging.with_name(staging.name + ".old")
        os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
        return
    names = sorted(p.name for p in staging.iterdir() if p.name != "manifest.json")
    for name in [*names, "manifest.json"]:
        os.replace(staging / name, out_dir / name)


def previous_hidden(out_dir: Path, parameters: dict) -> set[Cell] | None:
    """Cells hidden by the export now in ``out_dir`` when it was made with the same tables, period, start date,
    minimum and method; ``None`` otherwise (then the protection starts afresh)."""
    flags = previous_flags(out_dir, parameters)
    return None if flags is None else set(flags)


def previous_flags(out_dir: Path, parameters: dict) -> dict[Cell, str] | None:
    """Like `previous_hidden`, with each hidden cell's published flag (``<N`` or ``..``)."""
    out_dir = Path(out_dir)
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        old = manifest.get("parameters", {})
        if any(old.get(k) != parameters.get(k) for k in _SAME):
            return None
        hidden: dict[Cell, str] = {}
        with open(out_dir / "themes_long.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("flag"):
                    hidden[tuple(row[d].removeprefix("'") for d in DIMENSIONS)] = row["flag"]  # type: ignore[index]
        return hidden
    except (OSError, ValueError, KeyError) as exc:
        log.debug("no previous export to continue from in %s (%s)", out_dir, exc)
        return None


def witness_file(out_dir: Path, private_dir: Path) -> Path:
    """The private file under ``private_dir`` holding the witnesses of the export in ``out_dir`` (one per folder)."""
    key = hashlib.sha256(str(Path(out_dir).resolve()).encode()).hexdigest()[:16]
    return Path(private_dir) / "cache" / "disclosure" / f"witnesses-{key}.json"


def load_witnesses(path: Path, parameters: dict) -> list[dict[Cell, int]] | None:
    """The witnesses saved by the previous export with the same parameters (``None`` when absent or different).

    A stale or tampered file cannot weaken the protection: every witness is checked against today's counts and
    pattern before it counts (`pipeline.export.suppression.protect`); one that fails is solved afresh.
    """
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if any(doc["parameters"].get(k) != parameters.get(k) for k in _SAME):
            return None
        return [{tuple(c): int(dy) for c, dy in w} for w in doc["witnesses"]]  # type: ignore[misc]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.debug("no previous witnesses in %s (%s)", path, exc)
        return None


def save_witnesses(path: Path, parameters: dict, witnesses: list[dict[Cell, int]]) -> None:
    """Keep this export's witnesses for the next one (failure to write only costs the next export time)."""
    doc = {"parameters": {k: parameters.get(k) for k in _SAME},
           "witnesses": [[[list(c), dy] for c, dy in sorted(w.items())] for w in witnesses]}
    keep_bytes(path, json.dumps(doc, ensure_ascii=False).encode("utf-8"),
               "disclosure: the witnesses for the next export")
