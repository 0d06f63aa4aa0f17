"""The nightly steps as plain functions: what each Prefect task calls (flows/ stays wiring).

Each step reads through the query layer, runs its pure stage function and writes with the stage's ``write_*``:

    ingest → features (lemmas, embeddings) → corpus → topics(corpus) → themes(corpus, topics) → signals(corpus)
    → export

The corpus (`pipeline.corpus.Corpus`) is loaded once per run after the features step and handed to the later steps;
the themes step receives the topics step's `TopicsResult` instead of re-reading the store. Every step is
idempotent: lemmas and embeddings are cached by text hash, theme rows are written per run, signals per as-of date.

The steps share one loaded embedder per process (`pipeline.embeddings.get_embedder`): every shard of the
embedding step, the topic keywords and the theme descriptions would otherwise each load the model again
(bench/pipeline.py measured seconds and ~0.5 GB per load). The Finnish spaCy pipeline is likewise one object
shared by ingest's pseudonymisation and the lemma step (`pipeline.lemmas.spacy_fi.finnish_pipeline`), and the
embedding step frees it and simplemma's dictionaries before the encoder loads (`pipeline.lemmas.release_models`).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from pipeline.settings import get_settings

if TYPE_CHECKING:
    from pipeline.corpus import Corpus
    from pipeline.topics import TopicsResult

log = logging.getLogger(__name__)
INGEST_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".jsonl", ".ndjson")


def inbox_files(inbox: Path) -> list[Path]:
    """Export files waiting in the inbox folder (sorted; ingest recognises files it has seen by content)."""
    if not inbox.exists():
        return []
    return sorted(p for p in inbox.rglob("*") if p.is_file() and p.suffix.lower() in INGEST_SUFFIXES)


def ingest(engine: Engine, paths: list[str]) -> dict[str, Any]:
    from pipeline.ingest import ingest_files

    return ingest_files([Path(p) for p in paths], engine).as_dict()


def lemmas(engine: Engine, report_ids: list[str]) -> dict[str, Any]:
    from pipeline.features import lemmatize_reports

    if not report_ids:
        return {"processed": 0}
    return dict(lemmatize_reports(engine, report_ids))


def _embedder():  # noqa: ANN202 - a pipeline.embeddings.TextEmbedder, imported lazily (bertopic, torch)
    from pipeline.embeddings import get_embedder

    return get_embedder()


def _theme_embedder(embedder: Any = None):  # noqa: ANN202 - FixedTextsEmbedder
    """The embedder for the theme assigner, whose only texts are the vocabulary's descriptions and examples: their
    vectors are kept on disk per model, so a run does not embed them again (twice in a cold run: the topic fit's
    cluster suggestions and the themes step)."""
    from pipeline.embeddings.cache import FixedTextsEmbedder

    return FixedTextsEmbedder(embedder or _embedder())


def embeddings(engine: Engine, report_ids: list[str]) -> dict[str, Any]:
    from pipeline.embeddings import embed_cached
    from pipeline.lemmas import release_models
    from pipeline.store.queries import report_texts

    # The lemma step is over (flow order): its models leave memory before the encoder comes in.
    release_models()
    embedder = _embedder()
    if report_ids:
        with engine.connect() as conn:
            texts = report_texts(conn, report_ids)
        embed_cached(engine, embedder, [texts[r] for r in report_ids if r in texts])
    return {"processed": len(report_ids), "embedder": embedder.model_id}


def corpus(engine: Engine) -> Corpus:
    """Every counted report as a `Corpus` (after the features step: lemmas of reports lacking them first)."""
    from pipeline.corpus import load_corpus
    from pipeline.features import lemmatize_missing

    lemmatize_missing(engine)
    return load_corpus(engine, _embedder())


def resubmissions(engine: Engine, corpus: Corpus, report_ids: list[str]) -> tuple[dict[str, Any], Corpus]:
    """Link heavily reworded resubmissions among ``report_ids`` (after features, before topics).

    Returns the summary and the corpus without the earlier versions this step took out of the counts, so topics,
    themes, signals and export count each report once.
    """
    from pipeline.resubmissions import find_resubmissions, params_from_settings, recorded_pairs, write_resubmissions

    links = find_resubmissions(corpus, report_ids, params_from_settings(get_settings()), recorded_pairs(engine))
    written = write_resubmissions(engine, links)
    dropped = set(written["dropped"])
    if dropped:
        log.info("resubmissions: %d earlier versions linked to a reworded later one", len(dropped))
        corpus = corpus.subset([r for r in corpus.ids if r not in dropped])
    return {"linked": written["linked"], "listed": written["listed"], "dropped": len(dropped)}, corpus


def fit_topic_model(engine: Engine, corpus: Corpus | None = None, version: str | None = None,
                    activate: bool = True, embedder: Any = None) -> TopicsResult:
    """Fit a topic model on the corpus, suggest themes per cluster and store model, clusters and assignments.

    Arguments:
        engine: the store to write to.
        corpus: the counted reports (default: loaded from ``engine``).
        version: the version name (default a timestamp).
        activate: make it the active model (others become inactive).
        embedder: the report embedder (default the process's shared one).
    """
    from pipeline.corpus import load_corpus
    from pipeline.features import lemmatize_missing
    from pipeline.themes import assigner_from_params, load_vocabulary
    from pipeline.topics import fit_topics, write_topic_model

    settings = get_settings()
    embedder = embedder or _embedder()
    if corpus is None:
        lemmatize_missing(engine)
        corpus = load_corpus(engine, embedder)
    result = fit_topics(corpus, settings.topics, embedder=embedder, version=version)
    vocab = load_vocabulary()
    assigner = assigner_from_params(vocab, settings.themes, _theme_embedder(embedder)).fit(corpus.embeddings,
                                                                                           corpus.lemmas)
    suggestions = assigner.suggest_cluster_themes(corpus.embeddings, corpus.lemmas, result.model.topics_)
    write_topic_model(engine, corpus, result, settings.fitted_models_dir(engine.url.render_as_string(False)),
                      suggestions, extra_params={"vocabulary": vocab.id}, activate=activate)
    return result


def topics(engine: Engine, corpus: Corpus, report_ids: list[str]) -> TopicsResult:
    """Assign ``report_ids`` to the active topic model's clusters; fit one first when the store has none."""
    from pipeline.topics import assign_topics, load_topics, write_topic_assignments

    active = load_topics(engine)
    if active is None:
        return fit_topic_model(engine, corpus)
    result = assign_topics(corpus.subset(report_ids), active.model, active.version, known=active.topic_of)
    write_topic_assignments(engine, result)
    return result


def topics_summary(result: TopicsResult) -> dict[str, Any]:
    """The run record's view of a topics step."""
    return {"topic_model": result.version, "fitted": result.fitted, "assigned": len(result.assigned)}


def themes(engine: Engine, corpus: Corpus, report_ids: list[str], run_id: str,
           topics: TopicsResult | None) -> dict[str, Any]:
    """Theme ``report_ids`` with the topics step's result, the reviewed labels and confirmed cluster mappings."""
    from pipeline.store.queries import cluster_mappings, reviewed_themes
    from pipeline.themes import assign_themes, assigner_from_params, load_vocabulary, write_themes

    with engine.connect() as conn:
        reviewed = reviewed_themes(conn, None)
        mappings = cluster_mappings(conn, topics.version if topics else None)
    assigner = assigner_from_params(load_vocabulary(), get_settings().themes, _theme_embedder())
    result = assign_themes(corpus, report_ids, assigner, reviewed, topics, mappings) if report_ids else None
    n = write_themes(engine, result, run_id) if result else 0
    if result:
        log.info("themes: %d reports (%s, %d reviewed labels, topic model %s)", n, result.mode, result.reviewed,
                 topics.version if topics else None)
    return {"themed": n, "vocabulary": str(load_vocabulary().version)}


def signals(engine: Engine, corpus: Corpus, as_of: dt.date, run_id: str) -> dict[str, Any]:
    """Detect the signals as of ``as_of`` with the configured detector and store them."""
    from pipeline.signals import detect, detector_from_params, stored_signals, write_signals

    params = get_settings().signals
    found = detect(corpus, as_of, detector_from_params(params), stored_signals(engine, as_of, before=True), run_id)
    write_signals(engine, as_of, found)
    return {"signals": sum(s.flagged for s in found), "candidates": len(found), "detector": params.detector}


def export(engine: Engine, out_dir: Path, run_id: str, period: str = "quarter") -> dict[str, Any]:
    from pipeline.export import export as run_export

    manifest = run_export(engine, out_dir, period=period, run_id=run_id)
    return {"out_dir": str(out_dir), "report": str(Path(out_dir) / "report.html"), "files": manifest.get("files", [])}


def lemmatizer_id() -> str:
    from pipeline.lemmas import get_lemmatizer

    return get_lemmatizer().id


def embedder_id() -> str:
    return _embedder().model_id
