"""The store-level lemma step: language id → lemmas → ``features`` rows, cached by (backend id, text hash).

A nightly run re-lemmatises only texts whose (backend, text hash) is not yet in ``lemma_cache``; a report whose
text or lemmatiser changed gets its ``features`` row rewritten.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy import Engine

from pipeline.lemmas import Lemmatizer, Token, content_lemmas, get_lemmatizer
from pipeline.lemmas._base import make_token
from pipeline.language import detect_language
from pipeline.store import schema
from pipeline.text import text_hash

log = logging.getLogger(__name__)
CHUNK = 256  # reports per read/lemmatise/write round: bounded memory, one transaction each


def _tokens_to_json(tokens: list[Token]) -> list[list[Any]]:
    return [[t.text, t.lemma, t.upos, t.is_stop] for t in tokens]


def _tokens_from_json(rows: list[list[Any]], language: str) -> list[Token]:
    # is_stop is recomputed from today's stop-word list, so editing the list needs no re-lemmatisation.
    return [make_token(r[0], r[1], r[2], language) for r in rows]


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _insert_ignore(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    """Insert rows, skipping keys another worker wrote meanwhile (SQLite and PostgreSQL)."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported stores
        conn.execute(table.insert(), rows)
        return
    conn.execute(insert(table).on_conflict_do_nothing(), rows)


def _pending_report_ids(engine: Engine, lemmatizer_id: str) -> list[str]:
    """Reports without a features row, or whose row came from another lemmatiser or an older text."""
    r, f = schema.reports, schema.features
    query = (
        sa.select(r.c.report_id)
        .select_from(r.outerjoin(f, f.c.report_id == r.c.report_id))
        .where(sa.or_(f.c.report_id.is_(None), f.c.lemmatizer != lemmatizer_id, f.c.text_hash != r.c.text_hash))
        .order_by(r.c.report_id)
    )
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(query)]


def all_report_ids(engine: Engine | str | None = None) -> list[str]:
    """Every report id in the store (to rewrite all features rows, e.g. after the stop-word lists changed)."""
    from pipeline.store import get_engine

    if not isinstance(engine, Engine):
        engine = get_engine(engine)
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(sa.select(schema.reports.c.report_id).order_by(schema.reports.c.report_id))]


def lemmatize_reports(
    engine: Engine | str | None = None,
    report_ids: list[str] | None = None,
    lemmatizer: Lemmatizer | str | None = None,
) -> dict[str, Any]:
    """Detect the language of reports, lemmatise them (cache first) and write their ``features`` rows.

    Arguments:
        engine: a migrated store engine, or its URL (None = settings' store).
        report_ids: the reports to process; None = every report without an up-to-date features row
            (none yet, another lemmatiser, or a changed text).
        lemmatizer: a `Lemmatizer`, a backend name, or None for settings.lemmatizer.

    Returns:
        ``{"processed": reports written, "cached": texts served from lemma_cache, "lemmatized": texts run through
        the backend, "lemmatizer": backend id, "languages": {lang: count}, "seconds": wall time}``.
    """
    from pipeline.store import get_engine

    if not isinstance(engine, Engine):
        engine = get_engine(engine)
    lem = lemmatizer if isinstance(lemmatizer, Lemmatizer) else get_lemmatizer(lemmatizer)
    started = time.perf_counter()
    ids = list(dict.fromkeys(report_ids)) if report_ids is not None else _pending_report_ids(engine, lem.id)
    stats: dict[str, Any] = {"processed": 0, "cached": 0, "lemmatized": 0, "lemmatizer": lem.id, "languages": {}}
    r, cache, feats = schema.reports, schema.lemma_cache, schema.features
    for chunk in _chunks(ids, CHUNK):
        with engine.connect() as conn:
            found = conn.execute(
                sa.select(r.c.report_id, r.c.text, r.c.text_hash).where(r.c.report_id.in_(chunk))
            ).all()
            # reports.text_hash is the store's text identity (pipeline.text.text_hash of the stored text).
            hashes = {rid: (h or text_hash(text)) for rid, text, h in found}
            rows = [(rid, text) for rid, text, _h in found]
            cached = {
                h: (lang, toks)
                for h, lang, toks in conn.execute(
                    sa.select(cache.c.text_hash, cache.c.language, cache.c.tokens)
                    .where(cache.c.backend == lem.id, cache.c.text_hash.in_(set(hashes.values())))
                )
            }
        # Lemmatise each distinct missing text once, even when several reports share it.
        missing: dict[str, str] = {}
        for rid, text in rows:
            if hashes[rid] not in cached:
                missing.setdefault(hashes[rid], text)
        new_cache_rows = []
        if missing:
            texts = list(missing.values())
            languages = [detect_language(t) for t in texts]
            for h, lang, toks in zip(missing, languages, lem.lemmatize(texts, languages)):
                cached[h] = (lang, _tokens_to_json(toks))
                new_cache_rows.append({"backend": lem.id, "text_hash": h, "language": lang,
                                       "tokens": _tokens_to_json(toks)})
        feature_rows = []
        for rid, _text in rows:
            lang, toks = cached[hashes[rid]]
            feature_rows.append({"report_id": rid, "text_hash": hashes[rid], "language": lang, "lemmatizer": lem.id,
                                 "lemmas": content_lemmas(_tokens_from_json(toks, lang))})
            stats["languages"][lang] = stats["languages"].get(lang, 0) + 1
        with engine.begin() as conn:
            _insert_ignore(conn, cache, new_cache_rows)
            conn.execute(feats.delete().where(feats.c.report_id.in_([row["report_id"] for row in feature_rows])))
            if feature_rows:
                conn.execute(feats.insert(), feature_rows)
        stats["processed"] += len(feature_rows)
        stats["lemmatized"] += len(missing)
        stats["cached"] += len(rows) - sum(1 for rid, _ in rows if hashes[rid] in missing)
    stats["seconds"] = round(time.perf_counter() - started, 3)
    log.info("lemmas: %(processed)d reports (%(cached)d cached, %(lemmatized)d lemmatised) with %(lemmatizer)s",
             stats)
    return stats


def lemmatize_missing(engine: Engine, report_ids: list[str] | None = None) -> dict[str, Any]:
    """Lemmatise the reports (all counted ones, or ``report_ids``) that have no ``features`` row yet.

    The explicit "features first" step before a `pipeline.corpus.Corpus` is loaded (loading never lemmatises).
    """
    from pipeline.store.queries import corpus_rows, report_lemmas

    with engine.connect() as conn:
        ids = [r["report_id"] for r in corpus_rows(conn, report_ids)]
        have = report_lemmas(conn, ids)
    missing = [rid for rid in ids if rid not in have]
    if not missing:
        return {"processed": 0}
    return lemmatize_reports(engine, missing)
