"""The ingest step against the store: short batched writes, all-or-nothing per file from the user's view.

Per row: validate → pseudonymise → exact duplicate check (report id / text hash) → near-duplicate / resubmission
link → insert. Bad rows go to ``quarantine`` with the file, row, field and reason, and the (pseudonymised) raw row.

The CPU work (validation, pseudonymisation, similarity) happens outside any transaction; every ``batch_size`` rows
one short write transaction lands (retried with back-off when the store is busy), so a reviewer saving a decision
during a 20,000-row ingest waits milliseconds, not the whole file. The file's row in ``ingested_files`` stays
``partial`` (with the rows done) until its last batch lands; a rerun after a crash continues after those rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from pipeline.ingest.dedupe import (
    BLOCK_SCAN_MAX,
    BUCKET_CAP,
    ResubmissionRule,
    Verdict,
    band_keys,
    block_band_keys,
    block_key,
    shingles,
    tokens,
)
from pipeline.ingest.readers import open_table
from pipeline.ingest.records import IngestSummary, ReportRecord, RowProblem
from pipeline.ingest.validate import validate_row
from pipeline.pseudonymise import pseudonymise, pseudonymise_report
from pipeline.settings import Settings, get_settings
from pipeline.store.locks import write_with_retry
from pipeline.store.schema import ingested_files, near_duplicate_keys, quarantine, reports, resubmissions, reviews
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


def _pseudonymise_value(value: object) -> object:
    if isinstance(value, str) and value:
        return pseudonymise(value).text
    return value


def _pseudonymise_row(raw: dict) -> dict:
    """A raw row with every text value pseudonymised together (one report: same names, same numbers)."""
    keys = [k for k, v in raw.items() if isinstance(v, str) and v]
    done = dict(zip(keys, (p.text for p in pseudonymise_report([raw[k] for k in keys]))))
    return {k: done.get(k, [pseudonymise(x).text if isinstance(x, str) else x for x in v] if isinstance(v, list) else v)
            for k, v in raw.items()}


def dedupe_rule(settings: Settings) -> ResubmissionRule:
    """The resubmission rule with the configured window and near-duplicate threshold."""
    return ResubmissionRule(window_days=settings.resubmission_window_days,
                            near_duplicate=settings.near_duplicate_threshold)


@dataclass
class _Known:
    """What dedupe needs to know about a report (stored or waiting in the batch)."""

    report_id: str
    submitted: dt.date
    block: str
    text: str
    duplicate_of: str | None


@dataclass
class _Batch:
    """Writes of one batch, plus what they make known to later rows of the same file."""

    report_rows: list[dict] = field(default_factory=list)
    key_rows: list[dict] = field(default_factory=list)
    review_rows: list[dict] = field(default_factory=list)
    quarantine_rows: list[dict] = field(default_factory=list)
    resubmission_rows: list[dict] = field(default_factory=list)
    supersede: list[tuple[str, str, float]] = field(default_factory=list)  # (old head, new head, similarity)
    evict: set[tuple[str, str]] = field(default_factory=set)  # (band key, report id) leaving a full bucket
    rows_by_id: dict[str, dict] = field(default_factory=dict)

    def empty(self) -> bool:
        return not (self.report_rows or self.review_rows or self.quarantine_rows or self.resubmission_rows
                    or self.supersede)


@dataclass
class _FileState:
    """In-memory view of the rows of this file not yet visible in the store (the current batch and earlier ones
    are committed, but keeping them here saves queries)."""

    ids: dict[str, str] = field(default_factory=dict)  # report_id -> text_hash
    hashes: dict[str, str] = field(default_factory=dict)  # text_hash -> report_id
    known: dict[str, _Known] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)  # band key -> report ids (this file)
    blocks: dict[str, list[str]] = field(default_factory=dict)  # block -> report ids (this file)
    latest_review: dict[str, list[str]] = field(default_factory=dict)
    quarantined: set[tuple[str, int]] = field(default_factory=set)


def ingest_files(
    paths: Iterable[Path | str],
    engine: Engine,
    settings: Settings | None = None,
    on_row: Callable[[], None] | None = None,
    batch_size: int = BATCH,
) -> IngestSummary:
    """Ingest export files into the store.

    Arguments:
        paths: CSV / XLSX / JSONL export files.
        engine: a migrated store engine (`pipeline.store.get_engine`).
        settings: configuration (near-duplicate threshold, resubmission window, keep_raw_text).
        on_row: called once per row read (progress display).
        batch_size: rows per write transaction.

    Returns:
        The summary: rows read, new reports stored, exact duplicates skipped, near-duplicates and resubmissions
        linked, candidates listed for review, rows quarantined, files skipped because they were ingested before,
        and file-level notes (encoding, sheets read and skipped, title rows).

    Raises:
        UnreadableFileError: a file cannot be read at all (checked before anything of it is written).
    """
    settings = settings or get_settings()
    summary = IngestSummary()
    theme_keys = _known_theme_keys()
    rule = dedupe_rule(settings)
    for path in (Path(p) for p in paths):
        t0 = time.perf_counter()
        summary.files.append(str(path))
        fhash = file_hash(path) if path.is_file() else ""
        with engine.connect() as conn:
            done = conn.execute(sa.select(ingested_files).where(ingested_files.c.file_hash == fhash)).first() \
                if fhash else None
        if done is not None and done.status == "done":
            summary.files_skipped += 1
            log.info("%s: already ingested (same content), skipped", path)
            continue
        table = open_table(path)  # raises UnreadableFileError before anything is written
        summary.notes.extend(table.notes)
        resume = int(done.rows_done) if done is not None else 0
        if resume:
            summary.notes.append(f"{path}: an earlier ingest stopped after {resume} rows; continuing from there")
        counts = _ingest_rows(engine, path, fhash, table.rows, settings, rule, summary, theme_keys, on_row,
                              batch_size, resume, done)
        log.info("%s: read %d, stored %d, quarantined %d in %.2fs", path, *counts, time.perf_counter() - t0)
    return summary


def _ingest_rows(engine: Engine, path: Path, fhash: str, rows, settings: Settings, rule: ResubmissionRule,
                 summary: IngestSummary, theme_keys: set[str] | None, on_row, batch_size: int, resume: int,
                 progress_row) -> tuple[int, int, int]:
    base = str(path)
    read = int(progress_row.rows_read) if progress_row is not None else 0
    stored = int(progress_row.rows_stored) if progress_row is not None else 0
    quarantined = int(progress_row.rows_quarantined) if progress_row is not None else 0
    batch, state = _Batch(), _FileState()
    now = dt.datetime.now(dt.timezone.utc)
    index = 0
    pending = 0
    for row_no, raw in rows:
        index += 1
        if index <= resume:
            continue
        read += 1
        pending += 1
        summary.read += 1
        if on_row:
            on_row()
        source = base + str(raw.pop("__part__", ""))
        for warning in raw.pop("__warnings__", None) or []:
            summary.problems.append(f"{source}, row {row_no}: {warning}")
        result = validate_row(raw, source, row_no)
        if isinstance(result, RowProblem):
            if _quarantine(engine, result, fhash, now, batch, state):
                quarantined += 1
            summary.quarantined += 1
            summary.problems.append(str(result))
        else:
            outcome = _add_record(engine, result, batch, state, settings, rule, summary, theme_keys, now, fhash)
            if outcome == "stored":
                stored += 1
            elif outcome == "quarantined":
                quarantined += 1
        if pending >= batch_size:
            _commit(engine, batch, fhash, base, now, (read, stored, quarantined, index), final=False)
            batch, pending = _Batch(), 0
    _commit(engine, batch, fhash, base, now, (read, stored, quarantined, index), final=True)
    return read, stored, quarantined


def _commit(engine: Engine, batch: _Batch, fhash: str, path: str, now: dt.datetime,
            counts: tuple[int, int, int, int], final: bool) -> None:
    """Write one batch and the file's progress in one short transaction (retried when the store is busy)."""
    read, stored, quarantined, done_rows = counts

    def write(conn: Connection) -> None:
        if batch.report_rows:
            conn.execute(reports.insert(), batch.report_rows)
        if batch.evict:
            conn.execute(near_duplicate_keys.delete().where(
                near_duplicate_keys.c.band_key == sa.bindparam("k"), near_duplicate_keys.c.report_id == sa.bindparam("r")),
                [{"k": k, "r": r} for k, r in batch.evict])
        key_rows = [r for r in batch.key_rows if (r["band_key"], r["report_id"]) not in batch.evict]
        if key_rows:
            conn.execute(near_duplicate_keys.insert(), key_rows)
        for old, new, sim in batch.supersede:
            # one pointer per version (old head -> new head): counted = the version nothing points past
            conn.execute(reports.update().where(reports.c.report_id == old).values(duplicate_of=new, similarity=sim))
        if batch.resubmission_rows:
            conn.execute(resubmissions.insert(), batch.resubmission_rows)
        if batch.quarantine_rows:
            conn.execute(quarantine.insert(), batch.quarantine_rows)
        if batch.review_rows:
            conn.execute(reviews.insert(), batch.review_rows)
        values = dict(path=path, ingested_at=now, rows_read=read, rows_stored=stored, rows_quarantined=quarantined,
                      status="done" if final else "partial", rows_done=done_rows)
        updated = conn.execute(ingested_files.update().where(ingested_files.c.file_hash == fhash).values(**values))
        if updated.rowcount == 0:
            conn.execute(ingested_files.insert().values(file_hash=fhash, **values))

    write_with_retry(engine, write, what=f"ingest {path}")


def _quarantine(engine: Engine, problem: RowProblem, fhash: str, now: dt.datetime, batch: _Batch,
                state: _FileState) -> bool:
    key = (problem.source, problem.source_row)
    if key in state.quarantined:
        return False
    with engine.connect() as conn:
        exists = conn.execute(sa.select(quarantine.c.id).where(
            quarantine.c.file_hash == fhash, quarantine.c.source == problem.source,
            quarantine.c.source_row == problem.source_row)).first()
    if exists:
        return False
    state.quarantined.add(key)
    raw = _pseudonymise_row(problem.raw)
    batch.quarantine_rows.append(dict(
        source=problem.source, file_hash=fhash, source_row=problem.source_row, field=problem.field,
        reason=problem.reason, raw=raw, quarantined_at=now, status="open",
        history=[{"event": "quarantined", "at": now.isoformat(), "field": problem.field, "reason": problem.reason}]))
    return True


def _add_record(engine: Engine, rec: ReportRecord, batch: _Batch, state: _FileState, settings: Settings,
                rule: ResubmissionRule, summary: IngestSummary, theme_keys: set[str] | None, now: dt.datetime,
                fhash: str) -> str:
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

    with engine.connect() as conn:
        # exact duplicates: same id, or same text under another id
        stored_hash = state.ids.get(rec.report_id)
        if stored_hash is None:
            row = conn.execute(sa.select(reports.c.text_hash).where(reports.c.report_id == rec.report_id)).first()
            stored_hash = row[0] if row else None
        if stored_hash is not None:
            if stored_hash == thash:
                summary.duplicates += 1
                _import_labels(conn, rec, batch, state, theme_keys, summary, now)
                return "duplicate"
            problem = RowProblem(rec.source, rec.source_row, "report_id",
                                 f"'{rec.report_id}' is already stored with different text", _record_raw(rec))
            summary.quarantined += 1
            summary.problems.append(str(problem))
            return "quarantined" if _quarantine(engine, problem, fhash, now, batch, state) else "duplicate"
        same_text = state.hashes.get(thash)
        if same_text is None:
            row = conn.execute(sa.select(reports.c.report_id).where(reports.c.text_hash == thash)).first()
            same_text = row[0] if row else None
        if same_text is not None:
            summary.duplicates += 1
            summary.problems.append(f"{rec.source}, row {rec.source_row}: same text as stored report {same_text}, "
                                    "skipped")
            return "duplicate"

        block = block_key(rec.area, rec.target_group, unit, rec.phenomenon_type)
        toks = tokens(text)
        keys = band_keys(toks) + block_band_keys(block, shingles(text))
        candidates, buckets = _candidates(conn, keys, block, rec.submitted, rule.window_days, state)
        verdict, other, loaded = _best_verdict(conn, rule, text, block, rec.submitted, candidates, state)

    row = dict(
        report_id=rec.report_id, source=rec.source, source_row=rec.source_row, submitted=rec.submitted,
        area=rec.area, target_group=rec.target_group, phenomenon_type=rec.phenomenon_type, unit=unit,
        observation=observation, client_voice=client_voice, proposal=proposal, text=text, text_hash=thash,
        raw_text=report_text(rec.observation, rec.client_voice, rec.proposal) if settings.keep_raw_text else None,
        pii_found=pii, duplicate_of=None, similarity=None, dedupe_block=block,
        extra=extra, ingested_at=now)
    batch.report_rows.append(row)
    batch.rows_by_id[rec.report_id] = row
    state.ids[rec.report_id] = thash
    state.hashes[thash] = rec.report_id
    state.known[rec.report_id] = _Known(rec.report_id, rec.submitted, block, text, None)
    state.blocks.setdefault(block, []).append(rec.report_id)
    for k in keys:
        # capped buckets (see dedupe's docstring): a full bucket drops its oldest member, so it keeps the recent
        # versions, whose chains to the counted version are short
        members = [m for m in buckets.get(k, []) if (k, m) not in batch.evict]
        if len(members) >= BUCKET_CAP:
            by_age = sorted(members, key=lambda m: (loaded[m].submitted, m) if m in loaded else (dt.date.min, m))
            for oldest in by_age[:len(members) - BUCKET_CAP + 1]:
                batch.evict.add((k, oldest))
                if oldest in state.keys.get(k, ()):
                    state.keys[k].remove(oldest)
        batch.key_rows.append({"band_key": k, "report_id": rec.report_id})
        batch.evict.discard((k, rec.report_id))
        state.keys.setdefault(k, []).append(rec.report_id)
    summary.new_report_ids.append(rec.report_id)
    _import_labels_after_insert(engine, rec, batch, state, theme_keys, summary, now)
    if verdict is None or other is None:
        summary.stored += 1
        return "stored"
    pair_earlier, pair_later = _order(rec.report_id, rec.submitted, other.report_id, other.submitted)
    resub = dict(earlier_id=pair_earlier, later_id=pair_later, score=round(verdict.score, 4),
                 evidence=verdict.evidence, status="linked" if verdict.decision == "link" else "candidate",
                 created_at=now)
    batch.resubmission_rows.append(resub)
    if verdict.decision == "candidate":
        summary.resubmission_candidates += 1
        summary.problems.append(f"{rec.source}, row {rec.source_row}: may be an edited resubmission of "
                                f"{other.report_id} (evidence {verdict.evidence}); listed in "
                                "`signaali review duplicates`")
        summary.stored += 1
        return "stored"
    # strong evidence: the family's newest version counts (the later one is the correction)
    head = _head(engine, other, state)
    if (rec.submitted, 1) >= (head.submitted, 0):
        batch.supersede.append((head.report_id, rec.report_id, round(verdict.score, 4)))
        head.duplicate_of = rec.report_id
        if head.report_id in batch.rows_by_id:
            batch.rows_by_id[head.report_id]["duplicate_of"] = rec.report_id
            batch.rows_by_id[head.report_id]["similarity"] = round(verdict.score, 4)
        state.known[head.report_id] = head
    else:
        row["duplicate_of"] = head.report_id
        row["similarity"] = round(verdict.score, 4)
        state.known[rec.report_id].duplicate_of = head.report_id
    summary.near_duplicates += 1
    return "near_duplicate"


def _order(a_id: str, a_date: dt.date, b_id: str, b_date: dt.date) -> tuple[str, str]:
    """(earlier, later) of a new report ``a`` and a stored one ``b``; on the same day the new one is later."""
    return (b_id, a_id) if a_date >= b_date else (a_id, b_id)


MAX_CHAIN = 1000
MAX_VERIFY = 24  # LSH candidates verified per new report (those sharing most bands)


def _head(engine: Engine, start: _Known, state: _FileState) -> _Known:
    """The counted version of ``start``'s family: follow ``duplicate_of`` (one pointer per newer version)."""
    node = start
    for _ in range(MAX_CHAIN):
        if not node.duplicate_of:
            return node
        nxt = state.known.get(node.duplicate_of) or _load_known(engine, node.duplicate_of)
        if nxt is None:
            return node
        node = nxt
    return node


def _load_known(engine: Engine, report_id: str) -> _Known | None:
    with engine.connect() as conn:
        r = conn.execute(sa.select(reports.c.report_id, reports.c.submitted, reports.c.dedupe_block, reports.c.text,
                                   reports.c.duplicate_of).where(reports.c.report_id == report_id)).first()
    return _Known(r[0], r[1], r[2] or "", r[3], r[4]) if r else None


def _candidates(conn: Connection, keys: list[str], block: str, submitted: dt.date, window_days: int,
                state: _FileState) -> tuple[set[str], dict[str, list[str]]]:
    """Report ids worth comparing (bounded) and the members of each LSH bucket."""
    shared: Counter[str] = Counter()
    buckets: dict[str, set[str]] = {}
    for k in keys:
        members = state.keys.get(k, ())
        buckets.setdefault(k, set()).update(members)
    for i in range(0, len(keys), 400):
        for key, rid in conn.execute(sa.select(near_duplicate_keys.c.band_key, near_duplicate_keys.c.report_id)
                                     .where(near_duplicate_keys.c.band_key.in_(keys[i:i + 400]))):
            buckets.setdefault(key, set()).add(rid)
    for members in buckets.values():
        shared.update(members)
    # the number of bands two texts share estimates their similarity: verify only the best few
    candidates = {rid for rid, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_VERIFY]}
    # a block small enough in the window is scanned whole: no LSH miss for ordinary data
    lo, hi = submitted - dt.timedelta(days=window_days), submitted + dt.timedelta(days=window_days)
    in_block = list(conn.execute(sa.select(reports.c.report_id).where(
        reports.c.dedupe_block == block, reports.c.submitted >= lo, reports.c.submitted <= hi)
        .limit(BLOCK_SCAN_MAX + 1)).scalars())
    local = state.blocks.get(block, ())
    if len(in_block) + len(local) <= BLOCK_SCAN_MAX:
        candidates.update(in_block)
        candidates.update(r for r in local if abs((state.known[r].submitted - submitted).days) <= window_days)
    return candidates, {k: sorted(v) for k, v in buckets.items()}


def _best_verdict(conn: Connection, rule: ResubmissionRule, text: str, block: str, submitted: dt.date,
                  candidates: set[str], state: _FileState) -> tuple[Verdict | None, _Known | None, dict[str, _Known]]:
    if not candidates:
        return None, None, {}
    known = [state.known[c] for c in candidates if c in state.known]
    missing = sorted(c for c in candidates if c not in state.known)
    for i in range(0, len(missing), 400):
        for r in conn.execute(sa.select(reports.c.report_id, reports.c.submitted, reports.c.dedupe_block,
                                        reports.c.text, reports.c.duplicate_of)
                              .where(reports.c.report_id.in_(missing[i:i + 400]))):
            known.append(_Known(r[0], r[1], r[2] or "", r[3], r[4]))
    best: tuple[int, float, str] | None = None
    chosen: tuple[Verdict, _Known] | None = None
    for k in known:
        v = rule.judge(text, k.text, k.block == block, (submitted - k.submitted).days)
        if v.decision == "distinct":
            continue
        rank = (1 if v.decision == "link" else 0, v.score, k.report_id)
        if best is None or rank > best:
            best, chosen = rank, (v, k)
    loaded = {k.report_id: k for k in known}
    return (chosen[0], chosen[1], loaded) if chosen else (None, None, loaded)


def _import_labels(conn: Connection, rec: ReportRecord, batch: _Batch, state: _FileState,
                   theme_keys: set[str] | None, summary: IngestSummary, now: dt.datetime) -> None:
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
    if rec.report_id in state.latest_review:
        old = state.latest_review[rec.report_id]
        has_latest = True
    else:
        latest = conn.execute(sa.select(reviews.c.new).where(reviews.c.kind == "report",
                                                             reviews.c.target == rec.report_id)
                              .order_by(reviews.c.id.desc()).limit(1)).first()
        has_latest = latest is not None
        old = latest[0].get("themes", []) if latest else []
    if has_latest and old == themes:
        return
    batch.review_rows.append(dict(
        kind="report", target=rec.report_id, reviewer=f"import:{Path(rec.source).name}", created_at=now,
        old={"themes": old}, new={"themes": themes},
        note=f"themes column of {Path(rec.source).name}, row {rec.source_row}"))
    state.latest_review[rec.report_id] = themes
    summary.reviewed_labels += 1


def _import_labels_after_insert(engine: Engine, rec: ReportRecord, batch: _Batch, state: _FileState,
                                theme_keys: set[str] | None, summary: IngestSummary, now: dt.datetime) -> None:
    if rec.themes:
        with engine.connect() as conn:
            _import_labels(conn, rec, batch, state, theme_keys, summary, now)


def _record_raw(rec: ReportRecord) -> dict:
    return {"report_id": rec.report_id, "submitted": rec.submitted.isoformat(), "observation": rec.observation,
            "client_voice": rec.client_voice, "proposal": rec.proposal}
