"""Reviewed labels from a file (CSV or XLSX with ``report_id`` and a themes column) stored as review decisions.

Imported labels are ordinary ``reviews`` rows (kind ``report``, reviewer ``import:<file name>``), so they win over the
model like any reviewer decision. Importing the same labels again adds nothing: a row is skipped when the report's
current reviewed themes, or this importer's previous label for it, already equal the file's themes — the second rule
keeps a re-import of an old file from overwriting a correction a reviewer made after the first import.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Literal

import sqlalchemy as sa

from pipeline.errors import InputError, RowError, UnreadableFileError
from pipeline.review._bind import Bind, begin, utcnow
from pipeline.review.vocabulary_keys import (
    allowed_theme_keys,
    canonical_keys,
    parse_themes,
)
from pipeline.store.queries import model_themes, reviewed_themes
from pipeline.store.schema import reports, reviews
from pipeline.themes.vocabulary import load_vocabulary

log = logging.getLogger(__name__)


def _read_rows(path: Path) -> list[dict[str, str]]:
    """Rows as dicts of strings; header names lower-cased and stripped."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            it = wb.active.iter_rows(values_only=True)
            header = [str(h or "").strip().lower() for h in next(it, [])]
            rows = [{h: "" if v is None else str(v) for h, v in zip(header, r)} for r in it]
            wb.close()
            return rows
        if suffix in (".csv", ".txt", ".tsv", ""):
            text = path.read_text(encoding="utf-8-sig")
            first = text.splitlines()[0] if text else ""
            # Finnish spreadsheet exports often use ';' — but ';' also joins theme keys, so only pick it when the
            # header line has no commas.
            delimiter = "\t" if "\t" in first else ("," if "," in first or ";" not in first else ";")
            reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
            return [{str(k or "").strip().lower(): (v or "") for k, v in r.items()} for r in reader]
    except (OSError, UnicodeDecodeError, csv.Error, StopIteration, KeyError, ValueError) as exc:
        raise UnreadableFileError(str(path), str(exc)) from exc
    except Exception as exc:  # openpyxl raises its own zip/XML errors on a broken workbook
        raise UnreadableFileError(str(path), f"{type(exc).__name__}: {exc}") from exc
    raise UnreadableFileError(str(path), f"unsupported file type '{suffix}' (CSV or XLSX)")


def import_reviewed_labels(
    bind: Bind,
    path: str | Path,
    themes_column: str = "themes",
    reviewer: str | None = None,
    unknown_themes: Literal["error", "drop"] = "error",
) -> dict:
    """Store a file's reviewed labels as review decisions (all or nothing).

    Arguments:
        bind: engine, connection or store URL.
        path: CSV or XLSX file with a ``report_id`` column and ``themes_column`` (keys joined by ``;``).
        themes_column: name of the themes column (case-insensitive).
        reviewer: name stored with each decision; default ``import:<file name>``.
        unknown_themes: ``error`` = a key outside the vocabulary stops the import (file, row and field named);
            ``drop`` = leave such keys out and count them.

    Returns:
        Counts: ``rows`` (data rows read), ``imported`` (decisions added), ``unchanged`` (same labels already stored),
        ``empty`` (no themes in the row), ``unknown_reports`` (count) and ``unknown_report_ids`` (list; not fatal),
        ``dropped_themes`` ({key: count}, with ``unknown_themes="drop"``), ``reviewer``.

    Raises:
        UnreadableFileError: the file cannot be read. InputError/RowError: a column is missing or a theme key is
        unknown (with ``unknown_themes="error"``).
    """
    path = Path(path)
    if not path.is_file():
        raise UnreadableFileError(str(path), "no such file")
    rows = _read_rows(path)
    col = themes_column.strip().lower()
    if rows and ("report_id" not in rows[0] or col not in rows[0]):
        missing = [c for c in ("report_id", col) if c not in rows[0]]
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    who = (reviewer or "").strip() or f"import:{path.name}"
    counts = {"rows": len(rows), "imported": 0, "unchanged": 0, "empty": 0, "unknown_reports": 0,
              "unknown_report_ids": [], "dropped_themes": {}, "reviewer": who}
    with begin(bind) as conn:
        allowed = set(allowed_theme_keys(conn))
        vocab = load_vocabulary()
        wanted: dict[str, tuple[int, list[str]]] = {}
        for i, r in enumerate(rows, start=2):  # row 1 is the header
            rid = (r.get("report_id") or "").strip()
            if not rid:
                raise RowError(str(path), i, "report_id", "empty")
            keys = canonical_keys(parse_themes(r.get(col) or ""), vocab)
            unknown = [k for k in keys if k not in allowed]
            if unknown and unknown_themes == "error":
                raise RowError(str(path), i, themes_column,
                               f"unknown theme key(s) {', '.join(repr(u) for u in unknown)}")
            for k in unknown:
                counts["dropped_themes"][k] = counts["dropped_themes"].get(k, 0) + 1
            keys = [k for k in keys if k in allowed]
            if not keys:
                counts["empty"] += 1
                continue
            wanted[rid] = (i, keys)  # a later row for the same report wins, as in the store
        known = {
            r.report_id
            for r in conn.execute(sa.select(reports.c.report_id).where(reports.c.report_id.in_(list(wanted))))
        } if wanted else set()
        unknown_ids = [rid for rid in wanted if rid not in known]
        counts["unknown_reports"] = len(unknown_ids)
        counts["unknown_report_ids"] = unknown_ids
        ids = [rid for rid in wanted if rid in known]
        current = reviewed_themes(conn, ids)
        mine: dict[str, list[str]] = {}
        for target, new in conn.execute(
            sa.select(reviews.c.target, reviews.c.new)
            .where(reviews.c.kind == "report", reviews.c.reviewer == who, reviews.c.target.in_(ids))
            .order_by(reviews.c.id)
        ):
            mine[target] = list(new.get("themes", [])) if isinstance(new, dict) else list(new or [])
        model = model_themes(conn, ids)
        now = utcnow()
        new_rows = []
        for rid in ids:
            line, keys = wanted[rid]
            if sorted(current.get(rid, [])) == sorted(keys) or sorted(mine.get(rid, [])) == sorted(keys):
                counts["unchanged"] += 1
                continue
            if rid in current:
                old = {"themes": current[rid], "source": "review"}
            elif rid in model:
                old = {"themes": [t for t, _ in model[rid]], "source": "model"}
            else:
                old = {"themes": [], "source": "none"}
            new_rows.append({"kind": "report", "target": rid, "reviewer": who, "created_at": now, "old": old,
                             "new": {"themes": keys}, "note": f"imported from {path.name}, row {line}"})
        if new_rows:
            conn.execute(sa.insert(reviews), new_rows)
        counts["imported"] = len(new_rows)
    if unknown_ids:
        log.warning("%s: %d report id(s) not in the store, skipped: %s", path, len(unknown_ids),
                    ", ".join(unknown_ids[:10]))
    log.info("%s: %d rows, %d imported, %d unchanged, %d empty", path, counts["rows"], counts["imported"],
             counts["unchanged"], counts["empty"])
    return counts
