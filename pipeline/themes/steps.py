"""Store-level theme steps: themes for stored reports (nightly) and for ad-hoc texts (`signaali themes assign`).

Both fit a `ThemeAssigner` on what the store holds: every counted report as the reference corpus, reviewed labels
(part d) when there are any, the active topic model's clusters and reviewer-confirmed cluster mappings (part c).
On an empty store it is zero-shot from the vocabulary alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence

import numpy as np

from pipeline.themes.assign import ThemeAssigner
from pipeline.themes.vocabulary import Vocabulary, load_vocabulary

log = logging.getLogger(__name__)


@dataclass
class StoreContext:
    """What the store contributes to theme assignment."""

    assigner: ThemeAssigner
    topic_model: object | None
    model_version: str | None
    topics: dict[str, int]
    reviewed: int


def _cluster_mappings(engine, version: str | None) -> dict[int, list[str]]:  # noqa: ANN001
    import sqlalchemy as sa

    from pipeline.store.schema import reviews

    if not version:
        return {}
    prefix = f"{version}:"
    out: dict[int, list[str]] = {}
    with engine.connect() as conn:
        for target, new in conn.execute(sa.select(reviews.c.target, reviews.c.new).where(
                reviews.c.kind == "cluster").order_by(reviews.c.id)):
            topic = target[len(prefix):] if target.startswith(prefix) else ""
            if topic.lstrip("-").isdigit():
                out[int(topic)] = list(new.get("themes", [])) if isinstance(new, dict) else list(new or [])
    return out


def fit_from_store(engine, embedder=None, vocabulary: Vocabulary | None = None,  # noqa: ANN001
                   exclude: Sequence[str] = (), max_reference: int = 5000) -> StoreContext:
    """A `ThemeAssigner` fitted on the store's counted reports, reviewed labels and active clusters.

    Arguments:
        engine: the store.
        embedder: the report embedder (default ``pipeline.embeddings.Embedder()``).
        vocabulary: default ``load_vocabulary()``.
        exclude: report ids whose reviewed labels must not be learned from (e.g. the reports being assigned).
        max_reference: at most this many reports as the reference corpus (all reviewed ones always count).
    """
    import sqlalchemy as sa

    from pipeline.store.queries import reviewed_themes
    from pipeline.store.schema import topic_assignments
    from pipeline.topics import _report_inputs, load_active_model

    from pipeline.store.queries import counted_reports
    from pipeline.store.schema import reports

    vocabulary = vocabulary or load_vocabulary()
    if embedder is None:
        from pipeline.embeddings import Embedder

        embedder = Embedder()
    with engine.connect() as conn:
        reviewed = reviewed_themes(conn, None)
        counted = [r.report_id for r in conn.execute(counted_reports(conn).order_by(reports.c.report_id))]
    # The reference corpus only sets per-theme statistics; a deterministic sample of it (plus every reviewed
    # report) keeps a nightly run's cost bounded on a large store.
    rest = [rid for rid in counted if rid not in reviewed]
    room = max(max_reference - (len(counted) - len(rest)), 0)
    step = max(1, -(-len(rest) // room)) if room else len(rest) + 1
    ref = [rid for rid in counted if rid in reviewed] + rest[::step][:room]
    ids, rows, E, lemmas, _ = _report_inputs(engine, ref, embedder) if ref else ([], [], None, [], None)
    loaded = load_active_model(engine)
    version, tm = loaded if loaded else (None, None)
    topics: dict[str, int] = {}
    with engine.connect() as conn:
        if version:
            topics = {r.report_id: int(r.topic) for r in conn.execute(
                sa.select(topic_assignments.c.report_id, topic_assignments.c.topic)
                .where(topic_assignments.c.model_version == version))}
    skip = set(exclude)
    labels = [reviewed.get(rid) if rid not in skip else None for rid in ids]
    assigner = ThemeAssigner(vocabulary, embedder=embedder)
    if len(ids) >= 2:
        assigner.fit(E, lemmas, labels=labels, topics=[topics.get(r, -1) for r in ids] if topics else None,
                     cluster_themes=_cluster_mappings(engine, version), report_ids=ids,
                     phenomenon=[r["phenomenon_type"] for r in rows])
    return StoreContext(assigner=assigner, topic_model=tm, model_version=version, topics=topics,
                        reviewed=sum(1 for lab in labels if lab))


def assign_report_themes(engine, report_ids: Sequence[str], run_id: str, embedder=None) -> int:  # noqa: ANN001
    """Write 1–3 model themes per report to ``theme_assignments`` (source ``model``) for this run.

    Reviewer decisions are untouched and keep winning (`pipeline.store.queries.effective_themes`).

    Arguments:
        engine: the store.
        report_ids: the reports to theme (stored, counted ones; others are skipped).
        run_id: the run recorded on each row; re-running the same run replaces its rows.
        embedder: the report embedder (default ``pipeline.embeddings.Embedder()``).

    Returns:
        Number of reports themed.
    """
    import sqlalchemy as sa

    from pipeline.store.schema import theme_assignments
    from pipeline.topics import _report_inputs

    if not report_ids:
        return 0
    ctx = fit_from_store(engine, embedder)
    if not hasattr(ctx.assigner, "keys_"):  # a store of one report: fit on the batch itself
        ids0, _r, E0, lem0, _ = _report_inputs(engine, report_ids, ctx.assigner.embedder)
        ctx.assigner.fit(E0, lem0)
    ids, rows, E, lemmas, _ = _report_inputs(engine, report_ids, ctx.assigner.embedder)
    if not ids:
        return 0
    topics = [ctx.topics.get(rid, -1) for rid in ids]
    if ctx.topic_model is not None:
        new = ctx.topic_model.transform(E)[0]
        topics = [t if rid in ctx.topics else int(n) for rid, t, n in zip(ids, topics, new)]
    preds = ctx.assigner.predict(E, lemmas, topics=topics if ctx.topic_model is not None else None,
                                 phenomenon=[r["phenomenon_type"] for r in rows])
    now = datetime.now(timezone.utc)
    out = []
    for rid, pred in zip(ids, preds):
        for key, score, ev in pred:
            out.append({"report_id": rid, "theme": key, "score": float(score), "evidence": ev, "source": "model",
                        "run_id": run_id, "created_at": now})
    with engine.begin() as conn:
        for i in range(0, len(ids), 900):  # bounded parameter count (SQLite's limit is 32,766)
            conn.execute(sa.delete(theme_assignments).where(theme_assignments.c.source == "model",
                                                            theme_assignments.c.run_id == run_id,
                                                            theme_assignments.c.report_id.in_(ids[i:i + 900])))
        if out:
            conn.execute(sa.insert(theme_assignments), out)
    log.info("themes: %d reports (%s, %d reviewed labels, topic model %s)", len(ids),
             "reviewed" if ctx.assigner.supervised_ is not None else "zero-shot", ctx.reviewed, ctx.model_version)
    return len(ids)


def lemmatize_texts(texts: Sequence[str]) -> list[list[str]]:
    """Content lemmas of ad-hoc texts with the configured lemmatiser (languages detected per text)."""
    from pipeline.language import detect_language
    from pipeline.lemmas import content_lemmas, get_lemmatizer

    texts = list(texts)
    if not texts:
        return []
    langs = [detect_language(t) for t in texts]
    return [content_lemmas(toks) for toks in get_lemmatizer().lemmatize(texts, langs)]


def assign_texts(texts: Sequence[str], engine=None, embedder=None,  # noqa: ANN001
                 phenomenon: Sequence[str] | None = None) -> list[list[tuple[str, float, dict]]]:
    """Themes for ad-hoc texts: the store's reports, reviewed labels and active model when it has them,
    else zero-shot from the vocabulary (the batch itself is the reference corpus).

    Returns:
        Per text ``[(theme, score, evidence), ...]``, best first.
    """
    texts = list(texts)
    if not texts:
        return []
    if embedder is None:
        from pipeline.embeddings import Embedder

        embedder = Embedder()
    E = np.asarray(embedder.embed(texts), dtype=np.float32)
    lemmas = lemmatize_texts(texts)
    ctx = fit_from_store(engine, embedder) if engine is not None else None
    if ctx is None or not hasattr(ctx.assigner, "keys_"):
        # Empty store: zero-shot; the batch itself gives the per-theme mean similarity to subtract.
        assigner = ThemeAssigner(load_vocabulary(), embedder=embedder).fit(E, lemmas)
        return assigner.predict(E, lemmas, phenomenon=phenomenon)
    topics = None
    if ctx.topic_model is not None:
        topics = [int(t) for t in ctx.topic_model.transform(E)[0]]
    return ctx.assigner.predict(E, lemmas, topics=topics, phenomenon=phenomenon)
