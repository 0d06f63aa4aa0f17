"""The ingest step against the store: one transaction per file, idempotent, nothing lost.

Per row: validate → pseudonymise → exact duplicate check (report id / text hash) → near-duplicate link → insert.
Bad rows go to ``quarantine`` with the file, row, field and reason, and the (pseudonymised) raw row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from pathlib import Path
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from pipeline.ingest.dedupe import band_keys, jaccard, tokens
from pipeline.ingest.readers import read_rows
from pipeline.ingest.records import IngestSummary, ReportRecord, RowProblem
from pipeline.ingest.validate import validate_row
from pipeline.pseudonymise import pseudonymise, pseudonymise_report
from pipeline.settings import Settings, get_settings
from pipeline.store.schema import ingested_files, near_duplicate_keys, quarantine, reports, reviews
from pipeline.text import report_text, text_hash

log = logging.getLogger(__name__)
BATCH = 500


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes: the same export ingested twice is recognised."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _known_theme_keys() -> set[str] | None:
    try:
        from pipeline.themes import load_vocabulary
    except ImportError:
        return None
    try:
        vocab = load_vocabulary()
    except Exception:  # noqa: BLE001 - a broken vocabulary must not block ingest
        log.warning("theme vocabulary could not be loaded; imported theme labels are kept unchecked")
        return None
    keys = set()
    for theme in vocab.themes:
        keys.add(theme.key)
        keys.update(getattr(theme, "aliases", []) or [])
    return keys


def _pseudonymise_row(raw: dict) -> dict:
    """A raw row with every text value pseudonymised together (one report: same names, same numbers)."""
    keys = [k for k, v in raw.items() if isinstance(v, str) and v]
    done = dict(zip(keys, (p.text for p in pseudonymise_report([raw[k] for k in keys]))))
    return {k: done.get(k, [pseudonymise(x).text if isinstance(x, str) else x for x in v] if isinstance(v, list) else v)
            for k, v in raw.items()}


class _Batch:
    """Rows of one file waiting to be written, plus what they make known to later rows of the same file."""

    def __init__(self) -> None:
        self.report_rows: list[dict] = []
        self.key_rows: list[dict] = []
        self.review_rows: list[dict] = []
        self.ids: dict[str, str] = {}  # report_id -> text_hash
        self.hashes: dict[str, str] = {}  # text_hash -> report_id
        self.tokens: dict[str, tuple[set[str], str | None]] = {}  # report_id -> (tokens, duplicate_of)
        self.keys: dict[str, list[str]] = {}  # band key -> report_ids


def ingest_files(
    paths: Iterable[Path | str],
    engine: Engine,
    settings: Settings | None = None,
    on_row: Callable[[], None] | None = None,
) -> IngestSummary:
    """Ingest export files into the store.

    Arguments:
        paths: CSV / XLSX / JSONL export files.
        engine: a migrated store engine (`pipeline.store.get_engine`).
        settings: configuration (near-duplicate threshold, keep_raw_text); default the process settings.
        on_row: called once per row read (progress display).

    Returns:
        The summary: rows read, new reports stored, exact duplicates skipped, near-duplicates linked,
        rows quarantined, files skipped because they were ingested before.

    Raises:
        UnreadableFileError: a file cannot be read at all (nothing of that file is stored).
    """
    settings = settings or get_settings()
    summary = IngestSummary()
    theme_keys = _known_theme_keys()
    for path in (Path(p) for p in paths):
        t0 = time.perf_counter()
        summary.files.append(str(path))
        fhash = file_hash(path) if path.is_file() else ""
        rows = read_rows(path)  # raises UnreadableFileError before anything is written
        with engine.begin() as conn:
            if fhash and conn.execute(sa.select(ingested_files.c.id).where(ingested_files.c.file_hash == fhash)).first():
                summary.files_skipped += 1
                log.info("%s: already ingested (same content), skipped", path)
                continue
            counts = _ingest_rows(conn, path, fhash, rows, settings, summary, theme_keys, on_row)
            conn.execute(ingested_files.insert().values(
                file_hash=fhash, path=str(path), ingested_at=dt.datetime.now(dt.timezone.utc),
                rows_read=counts[0], rows_stored=counts[1], rows_quarantined=counts[2]))
        log.info("%s: read %d, stored %d, quarantined %d in %.2fs", path, *counts, time.perf_counter() - t0)
    return summary


def _ingest_rows(conn: Connection, path: Path, fhash: str, rows, settings: Settings, summary: IngestSummary,
                 theme_keys: set[str] | None, on_row) -> tuple[int, int, int]:
    source = str(path)
    read = stored = quarantined = 0
    batch = _Batch()
    now = dt.datetime.now(dt.timezone.utc)
    for row_no, raw in rows:
        read += 1
        summary.read += 1
        if on_row:
            on_row()
        if "__warning__" in raw:
            summary.problems.append(f"{source}, row {row_no}: {raw.pop('__warning__')}")
        result = validate_row(raw, source, row_no)
        if isinstance(result, RowProblem):
            if _quarantine(conn, result, fhash, now):
                quarantined += 1
            summary.quarantined += 1
            summary.problems.append(str(result))
            continue
        outcome = _add_record(conn, result, batch, settings, summary, theme_keys, now, fhash)
        if outcome == "stored":
            stored += 1
        elif outcome == "quarantined":
            quarantined += 1
        if len(batch.report_rows) >= BATCH:
            _flush(conn, batch)
    _flush(conn, batch)
    return read, stored, quarantined


def _quarantine(conn: Connection, problem: RowProblem, fhash: str, now: dt.datetime) -> bool:
    exists = conn.execute(sa.select(quarantine.c.id).where(
        quarantine.c.file_hash == fhash, quarantine.c.source_row == problem.source_row)).first()
    if exists:
        return False
    raw = _pseudonymise_row(problem.raw)
    conn.execute(quarantine.insert().values(
        source=problem.source, file_hash=fhash, source_row=problem.source_row, field=problem.field,
        reason=problem.reason, raw=raw, quarantined_at=now))
    return True


def _add_record(conn: Connection, rec: ReportRecord, batch: _Batch, settings: Settings, summary: IngestSummary,
                theme_keys: set[str] | None, now: dt.datetime, fhash: str) -> str:
    # One report = one pseudonymisation: the texts, the unit and free-text extra columns share names and numbers.
    extra_keys = [k for k, v in rec.extra.items() if isinstance(v, str) and v]
    parts = pseudonymise_report([rec.observation, rec.client_voice, rec.proposal, rec.unit,
                                 *(rec.extra[k] for k in extra_keys)])
    unit = parts[3].text
    extra = {**rec.extra, **{k: p.text for k, p in zip(extra_keys, parts[4:])}}
    summary.problems.extend(rec.warnings)
    pii: dict[str, int] = {}
    for p in parts:
        for k, v in p.counts.items():
            pii[k] = pii.get(k, 0) + v
            summary.pii_replaced[k] = summary.pii_replaced.get(k, 0) + v
    observation, client_voice, proposal = (p.text for p in parts[:3])
    text = report_text(observation, client_voice, proposal)
    thash = text_hash(text)

    # exact duplicates: same id, or same text under another id
    stored_hash = batch.ids.get(rec.report_id)
    if stored_hash is None:
        row = conn.execute(sa.select(reports.c.text_hash).where(reports.c.report_id == rec.report_id)).first()
        stored_hash = row[0] if row else None
    if stored_hash is not None:
        if stored_hash == thash:
            summary.duplicates += 1
            _import_labels(conn, rec, batch, theme_keys, summary, now)
            return "duplicate"
        problem = RowProblem(rec.source, rec.source_row, "report_id",
                             f"'{rec.report_id}' is already stored with different text", _record_raw(rec))
        summary.quarantined += 1
        summary.problems.append(str(problem))
        return "quarantined" if _quarantine(conn, problem, fhash, now) else "duplicate"
    same_text = batch.hashes.get(thash)
    if same_text is None:
        row = conn.execute(sa.select(reports.c.report_id).where(reports.c.text_hash == thash)).first()
        same_text = row[0] if row else None
    if same_text is not None:
        summary.duplicates += 1
        summary.problems.append(f"{rec.source}, row {rec.source_row}: same text as stored report {same_text}, skipped")
        return "duplicate"

    # near-duplicates: candidates by shared LSH band, verified by token Jaccard
    toks = tokens(text)
    keys = band_keys(toks)
    duplicate_of, best = _near_duplicate(conn, toks, keys, batch, settings.near_duplicate_threshold)

    batch.report_rows.append(dict(
        report_id=rec.report_id, source=rec.source, source_row=rec.source_row, submitted=rec.submitted,
        area=rec.area, target_group=rec.target_group, phenomenon_type=rec.phenomenon_type, unit=unit,
        observation=observation, client_voice=client_voice, proposal=proposal, text=text, text_hash=thash,
        raw_text=report_text(rec.observation, rec.client_voice, rec.proposal) if settings.keep_raw_text else None,
        pii_found=pii, duplicate_of=duplicate_of, similarity=best if duplicate_of else None,
        extra=extra, ingested_at=now))
    batch.ids[rec.report_id] = thash
    batch.hashes[thash] = rec.report_id
    batch.tokens[rec.report_id] = (toks, duplicate_of)
    for k in keys:
        batch.key_rows.append({"band_key": k, "report_id": rec.report_id})
        batch.keys.setdefault(k, []).append(rec.report_id)
    summary.new_report_ids.append(rec.report_id)
    _import_labels(conn, rec, batch, theme_keys, summary, now)
    if duplicate_of:
        summary.near_duplicates += 1
        return "near_duplicate"
    summary.stored += 1
    return "stored"


def _near_duplicate(conn: Connection, toks: set[str], keys: list[str], batch: _Batch,
                    threshold: float) -> tuple[str | None, float]:
    candidates: set[str] = set()
    for k in keys:
        candidates.update(batch.keys.get(k, ()))
    if keys:
        stored = conn.execute(sa.select(near_duplicate_keys.c.report_id).where(
            near_duplicate_keys.c.band_key.in_(keys)).distinct())
        candidates.update(r[0] for r in stored)
    best_id, best = None, 0.0
    for cid in sorted(candidates):
        if cid in batch.tokens:
            ctoks, cdup = batch.tokens[cid]
        else:
            row = conn.execute(sa.select(reports.c.text, reports.c.duplicate_of).where(reports.c.report_id == cid)).first()
            if row is None:
                continue
            ctoks, cdup = tokens(row[0]), row[1]
        sim = jaccard(toks, ctoks)
        if sim >= threshold and sim > best:
            best_id, best = (cdup or cid), sim
    return best_id, best


def _import_labels(conn: Connection, rec: ReportRecord, batch: _Batch, theme_keys: set[str] | None,
                   summary: IngestSummary, now: dt.datetime) -> None:
    """A ``themes`` column holds reviewed labels: store them as a review unless the latest review already says so."""
    if not rec.themes:
        return
    themes = rec.themes
    if theme_keys is not None:
        unknown = [t for t in themes if t not in theme_keys]
        if unknown:
            summary.problems.append(f"{rec.source}, row {rec.source_row}, field 'themes': unknown theme key(s) "
                                    f"{', '.join(unknown)} ignored")
        themes = [t for t in themes if t in theme_keys]
        if not themes:
            return
    _flush(conn, batch)  # the report row must exist first
    latest = conn.execute(sa.select(reviews.c.new).where(reviews.c.kind == "report", reviews.c.target == rec.report_id)
                          .order_by(reviews.c.id.desc()).limit(1)).first()
    old = latest[0].get("themes", []) if latest else []
    if latest and old == themes:
        return
    conn.execute(reviews.insert().values(
        kind="report", target=rec.report_id, reviewer=f"import:{Path(rec.source).name}", created_at=now,
        old={"themes": old}, new={"themes": themes}, note=f"themes column of {Path(rec.source).name}, row {rec.source_row}"))
    summary.reviewed_labels += 1


def _record_raw(rec: ReportRecord) -> dict:
    return {"report_id": rec.report_id, "submitted": rec.submitted.isoformat(), "observation": rec.observation,
            "client_voice": rec.client_voice, "proposal": rec.proposal}


def _flush(conn: Connection, batch: _Batch) -> None:
    if batch.report_rows:
        conn.execute(reports.insert(), batch.report_rows)
        batch.report_rows = []
    if batch.key_rows:
        conn.execute(near_duplicate_keys.insert(), batch.key_rows)
        batch.key_rows = []
