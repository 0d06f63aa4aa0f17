"""The themes stage: fit a `ThemeAssigner` on a reference `Corpus` and theme reports; store-level wrappers.

`assign_themes` is pure: it takes the corpus, the topics stage's result (`pipeline.topics.TopicsResult`, so the
themes step never re-reads or recomputes topics), the reviewed labels and confirmed cluster mappings, and returns a
`ThemesResult`; `write_themes` stores it. `assign_report_themes` and `assign_texts` load those inputs from the store
for callers outside the nightly flow (tests, `signaali themes assign`). On an empty store it is zero-shot from the
vocabulary alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from pipeline.themes.assign import ThemeAssigner
from pipeline.themes.vocabulary import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from pipeline.corpus import Corpus
    from pipeline.settings import ThemesParams
    from pipeline.topics import TopicsResult

log = logging.getLogger(__name__)
Prediction = list[tuple[str, float, dict]]


@dataclass
class ThemesResult:
    """Model themes per report (``[(theme, score, evidence), ...]`` best first) and how they were made."""

    predictions: dict[str, Prediction]
    mode: str
    reviewed: int
    vocabulary: str


def assigner_from_params(vocabulary: Vocabulary, params: ThemesParams, embedder: Any) -> ThemeAssigner:
    """An unfitted `ThemeAssigner` with ``settings.themes``' parameters."""
    return ThemeAssigner(vocabulary, embedder=embedder, **params.model_dump(exclude={"vocabulary_path"}))


def reference_ids(ids: Sequence[str], reviewed: dict[str, list[str]], max_reference: int = 5000) -> list[str]:
    """Reports the assigner learns corpus statistics from: every reviewed one plus a deterministic sample.

    The reference corpus only sets per-theme statistics; a sample bounds a nightly run's cost on a large store.
    """
    counted = sorted(ids)
    rest = [rid for rid in counted if rid not in reviewed]
    room = max(max_reference - (len(counted) - len(rest)), 0)
    step = max(1, -(-len(rest) // room)) if room else len(rest) + 1
    return [rid for rid in counted if rid in reviewed] + rest[::step][:room]


def fit_assigner(reference: Corpus, assigner: ThemeAssigner, reviewed: dict[str, list[str]],
                 topics: TopicsResult | None, cluster_themes: dict[int, list[str]],
                 exclude: Sequence[str] = ()) -> tuple[ThemeAssigner, int]:
    """Fit ``assigner`` on the reference corpus (unfitted when it has fewer than 2 reports).

    Returns:
        (the assigner, number of reviewed labels learned from).
    """
    skip = set(exclude)
    labels = [reviewed.get(rid) if rid not in skip else None for rid in reference.ids]
    if len(reference) >= 2:
        known = topics.topics_for(reference.ids) if topics is not None and topics.topic_of else None
        assigner.fit(reference.embeddings, reference.lemmas, labels=labels, topics=known,
                     cluster_themes=cluster_themes, report_ids=reference.ids,
                     phenomenon=reference.column("phenomenon_type"))
    return assigner, sum(1 for lab in labels if lab)


def batch_topics(batch: Corpus, topics: TopicsResult | None) -> list[int] | None:
    """Topic per batch report: the topics stage's, else the model's nearest centroid; None without a model."""
    if topics is None:
        return None
    new = topics.model.transform(batch.embeddings)[0] if len(batch) else []
    return [topics.topic_of[rid] if rid in topics.topic_of else int(n) for rid, n in zip(batch.ids, new)]


def assign_themes(corpus: Corpus, report_ids: Sequence[str], assigner: ThemeAssigner,
                  reviewed: dict[str, list[str]], topics: TopicsResult | None,
                  cluster_themes: dict[int, list[str]], max_reference: int = 5000,
                  reference: Sequence[str] | None = None) -> ThemesResult:
    """Themes for ``report_ids`` (pure: no store).

    Arguments:
        corpus: every counted report (the reference sample is drawn from it).
        report_ids: the reports to theme (those not in ``corpus`` are skipped).
        assigner: an unfitted `ThemeAssigner` (`assigner_from_params`).
        reviewed: reviewed theme keys per report (`pipeline.store.queries.reviewed_themes`).
        topics: the topics stage's result (None when no topic model exists).
        cluster_themes: reviewer-confirmed themes per topic of ``topics.version``.
        max_reference: size bound of the reference sample (all reviewed reports always count).
        reference: the reference report ids when already drawn (default `reference_ids` over ``corpus``).
    """
    batch = corpus.subset(report_ids)
    ref = corpus.subset(reference if reference is not None else reference_ids(corpus.ids, reviewed, max_reference))
    assigner, n_reviewed = fit_assigner(ref, assigner, reviewed, topics, cluster_themes)
    if not hasattr(assigner, "keys_") and len(batch):  # a store of one report: fit on the batch itself
        assigner.fit(batch.embeddings, batch.lemmas)
    preds = assigner.predict(batch.embeddings, batch.lemmas, topics=batch_topics(batch, topics),
                             phenomenon=batch.column("phenomenon_type")) if len(batch) else []
    reviewed = getattr(assigner, "supervised_", None) is not None or (
        getattr(assigner, "head_", None) is not None and getattr(assigner, "head_reviewed_", 1) > 0)
    mode = "reviewed" if reviewed else "zero-shot"
    return ThemesResult(predictions=dict(zip(batch.ids, preds)), mode=mode, reviewed=n_reviewed,
                        vocabulary=str(assigner.vocabulary.version))


def write_themes(engine, result: ThemesResult, run_id: str) -> int:  # noqa: ANN001
    """Write the result as model rows of ``theme_assignments`` for ``run_id`` (re-running a run replaces its rows).

    Reviewer decisions are untouched and keep winning (`pipeline.store.queries.effective_themes`).
    """
    import sqlalchemy as sa

    from pipeline.store.schema import theme_assignments as ta

    ids = list(result.predictions)
    now = datetime.now(timezone.utc)
    rows = [{"report_id": rid, "theme": key, "score": float(score), "evidence": ev, "source": "model",
             "run_id": run_id, "created_at": now}
            for rid, pred in result.predictions.items() for key, score, ev in pred]
    with engine.begin() as conn:
        for i in range(0, len(ids), 900):  # bounded parameter count (SQLite's limit is 32,766)
            conn.execute(sa.delete(ta).where(ta.c.source == "model", ta.c.run_id == run_id,
                                             ta.c.report_id.in_(ids[i:i + 900])))
        if rows:
            conn.execute(sa.insert(ta), rows)
    return len(ids)


# ---------------------------------------------------------------------- store-level wrappers
def store_inputs(engine) -> tuple[dict[str, list[str]], TopicsResult | None, dict[int, list[str]]]:  # noqa: ANN001
    """(reviewed labels, active topics, confirmed cluster mappings) as stored."""
    from pipeline.store.queries import cluster_mappings, reviewed_themes
    from pipeline.topics import load_topics

    topics = load_topics(engine)
    with engine.connect() as conn:
        reviewed = reviewed_themes(conn, None)
        mappings = cluster_mappings(conn, topics.version if topics else None)
    return reviewed, topics, mappings


def _store_corpus(engine, embedder: Any, reviewed: dict[str, list[str]],  # noqa: ANN001
                  extra: Sequence[str] = ()) -> tuple[Corpus, list[str]]:
    """(the reference sample plus ``extra`` reports, the reference ids) from the store; missing lemmas first."""
    from pipeline.corpus import load_corpus
    from pipeline.features import lemmatize_missing
    from pipeline.store.queries import counted_report_ids

    with engine.connect() as conn:
        ref = reference_ids(counted_report_ids(conn), reviewed)
    ids = ref + list(extra)
    if ids:
        lemmatize_missing(engine, ids)
    return load_corpus(engine, embedder, ids), ref


def assign_report_themes(engine, report_ids: Sequence[str], run_id: str, embedder: Any = None) -> int:  # noqa: ANN001
    """Theme stored reports and write the rows (`assign_themes` + `write_themes` on inputs read from the store).

    Returns:
        Number of reports themed.
    """
    from pipeline.embeddings import get_embedder
    from pipeline.settings import get_settings

    if not report_ids:
        return 0
    embedder = embedder or get_embedder()
    reviewed, topics, mappings = store_inputs(engine)
    corpus, ref = _store_corpus(engine, embedder, reviewed, report_ids)
    assigner = assigner_from_params(load_vocabulary(), get_settings().themes, embedder)
    result = assign_themes(corpus, report_ids, assigner, reviewed, topics, mappings, reference=ref)
    log.info("themes: %d reports (%s, %d reviewed labels, topic model %s)", len(result.predictions), result.mode,
             result.reviewed, topics.version if topics else None)
    return write_themes(engine, result, run_id)


def lemmatize_texts(texts: Sequence[str]) -> list[list[str]]:
    """Content lemmas of ad-hoc texts with the configured lemmatiser (languages detected per text)."""
    from pipeline.language import detect_language
    from pipeline.lemmas import content_lemmas, get_lemmatizer

    texts = list(texts)
    if not texts:
        return []
    langs = [detect_language(t) for t in texts]
    return [content_lemmas(toks) for toks in get_lemmatizer().lemmatize(texts, langs)]


def assign_texts(texts: Sequence[str], engine=None, embedder: Any = None,  # noqa: ANN001
                 phenomenon: Sequence[str] | None = None) -> list[Prediction]:
    """Themes for ad-hoc texts: the store's reports, reviewed labels and active model when it has them,
    else zero-shot from the vocabulary (the batch itself is the reference corpus).

    Returns:
        Per text ``[(theme, score, evidence), ...]``, best first.
    """
    from pipeline.embeddings import get_embedder
    from pipeline.settings import get_settings

    texts = list(texts)
    if not texts:
        return []
    embedder = embedder or get_embedder()
    params = get_settings().themes
    E = np.asarray(embedder.embed(texts), dtype=np.float32)
    lemmas = lemmatize_texts(texts)
    assigner, topics = assigner_from_params(load_vocabulary(), params, embedder), None
    if engine is not None:
        reviewed, topics, mappings = store_inputs(engine)
        fit_assigner(_store_corpus(engine, embedder, reviewed)[0], assigner, reviewed, topics, mappings)
    if not hasattr(assigner, "keys_"):
        # Empty store: zero-shot; the batch itself gives the per-theme mean similarity to subtract.
        assigner = assigner_from_params(load_vocabulary(), params, embedder).fit(E, lemmas)
        return assigner.predict(E, lemmas, phenomenon=phenomenon)
    known = [int(t) for t in topics.model.transform(E)[0]] if topics is not None else None
    return assigner.predict(E, lemmas, topics=known, phenomenon=phenomenon)
