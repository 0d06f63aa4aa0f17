"""Topic clusters: BERTopic over precomputed embeddings, c-TF-IDF over lemmas, saved with safetensors.

`TopicModel` is a pure estimator (no store). The stage functions below run it on a `Corpus`: `fit_topics` fits
a new model, `assign_topics` assigns new reports with an existing one without refitting UMAP; both return a
`TopicsResult`, which `write_topic_model` / `write_topic_assignments` store. The store-level composition (load the
corpus, suggest cluster themes, write) is `pipeline.steps.topics`.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from pipeline.errors import ModelNotAvailableError

if TYPE_CHECKING:
    from pipeline.corpus import Corpus
    from pipeline.settings import TopicsParams

log = logging.getLogger(__name__)

TOPIC_MODEL_KIND = "topic_model"


def finnish_stop_words() -> list[str]:
    """The Finnish stop-word list (spaCy's), lowercased and sorted for a stable vectoriser."""
    from spacy.lang.fi.stop_words import STOP_WORDS

    return sorted({w.lower() for w in STOP_WORDS})


def scaled_min_cluster_size(n_docs: int) -> int:
    """HDBSCAN ``min_cluster_size`` for a corpus of ``n_docs``: 5 for a few hundred reports, ~100 at 100k.

    Square-root growth keeps small corpora fine-grained while a large one does not split into thousands of topics.
    """
    return int(max(5, min(200, round(np.sqrt(max(n_docs, 1)) / 3))))


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


class TopicModel:
    """BERTopic on precomputed (mean-centred) embeddings with lemma c-TF-IDF keywords.

    Arguments:
        min_cluster_size: HDBSCAN's; ``None`` scales it with the corpus (`scaled_min_cluster_size`).
        n_neighbors, n_components: UMAP's (``n_neighbors`` is capped below the corpus size).
        random_state: UMAP seed; the same data and settings give the same topics.
        outlier_strategy: ``none`` or a BERTopic ``reduce_outliers`` strategy
            (``embeddings``, ``c-tf-idf``, ``distributions``).
        outlier_threshold: minimum similarity for ``reduce_outliers`` to move a report into a topic.
        representation: ``mmr`` or ``keybert`` (need ``embedder``), else plain c-TF-IDF keywords.
        embedder: a Signaali embedder with ``embed_words`` (keyword vectors), used only to embed candidate keywords
            for the representation (adapted to bertopic's ``BaseEmbedder`` when fitting).
        top_n_words: keywords kept per topic.
        assign_quantile: new reports further from every centroid than this quantile of the fitted members'
            distances are outliers (-1) in `transform`.
    """

    def __init__(self, min_cluster_size: int | None = None, n_neighbors: int = 15, n_components: int = 5,
                 random_state: int = 42, outlier_strategy: str = "embeddings", outlier_threshold: float = 0.0,
                 representation: str = "mmr", embedder=None, top_n_words: int = 10,  # noqa: ANN001
                 assign_quantile: float = 0.05) -> None:
        self.min_cluster_size = min_cluster_size
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.random_state = random_state
        self.outlier_strategy = outlier_strategy
        self.outlier_threshold = outlier_threshold
        self.representation = representation
        self.embedder = embedder
        self.top_n_words = top_n_words
        self.assign_quantile = assign_quantile

    def get_params(self) -> dict:
        """Hyper-parameters as JSON-friendly values (recorded with the model version)."""
        return {"min_cluster_size": self.min_cluster_size, "n_neighbors": self.n_neighbors,
                "n_components": self.n_components, "random_state": self.random_state,
                "outlier_strategy": self.outlier_strategy, "outlier_threshold": self.outlier_threshold,
                "representation": self.representation, "top_n_words": self.top_n_words,
                "assign_quantile": self.assign_quantile,
                "embedder": getattr(self.embedder, "model_id", None)}

    def _vectorizer(self, n_docs: int):  # noqa: ANN202
        from sklearn.feature_extraction.text import CountVectorizer

        return CountVectorizer(stop_words=finnish_stop_words(), min_df=1 if n_docs < 1000 else 2,
                               token_pattern=r"(?u)\b\w[\w-]+\b")

    def fit(self, embeddings: np.ndarray, docs: Sequence[str]) -> "TopicModel":
        """Cluster the reports.

        Arguments:
            embeddings: (n, d) report embeddings (L2-normalised rows, same embedder for every report).
            docs: each report's content lemmas joined by spaces (the c-TF-IDF vocabulary).

        Returns:
            self, with ``topics_`` (topic per report, -1 = outlier), ``probabilities_``, ``topic_keywords_``
            ({topic: [word, ...]}), ``topic_sizes_``, ``centroids_`` (topic → unit vector in centred space),
            ``mean_``, ``assign_threshold_`` and ``bertopic_`` (the fitted BERTopic).
        """
        from bertopic import BERTopic
        from hdbscan import HDBSCAN
        from umap import UMAP

        X = np.asarray(embeddings, dtype=np.float32)
        n = len(X)
        if n < 10 or n != len(docs):
            raise ValueError(f"need at least 10 reports with one doc each to fit topics (got {n})")
        self.mean_ = X.mean(axis=0)
        Xc = _normalise_rows(X - self.mean_)
        mcs = self.min_cluster_size or scaled_min_cluster_size(n)
        self.min_cluster_size_ = int(mcs)
        umap_model = UMAP(n_neighbors=min(self.n_neighbors, n - 1), n_components=min(self.n_components, n - 2),
                          min_dist=0.0, metric="cosine", random_state=self.random_state, low_memory=True)
        hdbscan_model = HDBSCAN(min_cluster_size=mcs, metric="euclidean", cluster_selection_method="eom",
                                prediction_data=True)
        rep = None
        if self.embedder is not None and self.representation in ("mmr", "keybert"):
            from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance

            rep = MaximalMarginalRelevance(diversity=0.3, top_n_words=self.top_n_words) \
                if self.representation == "mmr" else KeyBERTInspired(top_n_words=self.top_n_words)
        model = BERTopic(embedding_model=_keyword_backend(self.embedder), umap_model=umap_model, hdbscan_model=hdbscan_model,
                         vectorizer_model=self._vectorizer(n), representation_model=rep,
                         top_n_words=self.top_n_words, calculate_probabilities=False, verbose=False,
                         # not "english": that setting strips every non-ASCII letter (ä, ö) from the docs
                         language="multilingual")
        docs = list(docs)
        topics, probs = model.fit_transform(docs, embeddings=Xc)
        topics = np.asarray(topics)
        if self.outlier_strategy != "none" and (topics == -1).any() and (topics != -1).any():
            new = model.reduce_outliers(docs, list(topics), strategy=self.outlier_strategy,
                                        embeddings=Xc if self.outlier_strategy == "embeddings" else None,
                                        threshold=self.outlier_threshold)
            model.update_topics(docs, topics=new, vectorizer_model=self._vectorizer(n), representation_model=rep,
                                top_n_words=self.top_n_words)
            topics = np.asarray(new)
        self.bertopic_ = model
        self.topics_ = topics.astype(int)
        self._learn_centroids(Xc)
        self.probabilities_ = self._member_similarity(Xc, self.topics_)
        self.topic_keywords_ = self._keywords(model)
        return self

    def _learn_centroids(self, Xc: np.ndarray) -> None:
        self.topic_sizes_ = {}
        cents = {}
        for t in sorted(set(self.topics_.tolist()) - {-1}):
            m = self.topics_ == t
            self.topic_sizes_[int(t)] = int(m.sum())
            cents[int(t)] = _normalise_rows(Xc[m].mean(axis=0, keepdims=True))[0]
        self.centroids_ = cents
        sims = self._member_similarity(Xc, self.topics_)
        member = sims[self.topics_ != -1]
        self.assign_threshold_ = float(np.quantile(member, self.assign_quantile)) if len(member) else 1.0

    def _member_similarity(self, Xc: np.ndarray, topics: np.ndarray) -> np.ndarray:
        out = np.zeros(len(Xc), dtype=np.float32)
        for i, t in enumerate(topics):
            if int(t) in self.centroids_:
                out[i] = float(Xc[i] @ self.centroids_[int(t)])
        return out

    def _keywords(self, model) -> dict[int, list[str]]:  # noqa: ANN001
        out = {}
        for t, words in model.get_topics().items():
            out[int(t)] = [w for w, _ in words if w][: self.top_n_words]
        return out

    def transform(self, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Topic of new reports by nearest centroid (no UMAP refit); too far from all centroids = -1.

        Returns:
            (topics, similarity to the chosen centroid).
        """
        X = np.asarray(embeddings, dtype=np.float32)
        if not self.centroids_:
            return np.full(len(X), -1), np.zeros(len(X), dtype=np.float32)
        keys = sorted(self.centroids_)
        C = np.stack([self.centroids_[k] for k in keys])
        S = _normalise_rows(X - self.mean_) @ C.T
        best = S.argmax(axis=1)
        sim = S[np.arange(len(X)), best]
        topics = np.where(sim >= self.assign_threshold_, np.asarray(keys)[best], -1)
        return topics.astype(int), sim.astype(np.float32)

    # ------------------------------------------------------------------ persistence (safetensors, never pickle)
    def save(self, path: Path | str) -> Path:
        """Write the model under ``path``: BERTopic (safetensors + c-TF-IDF) and our arrays (safetensors + JSON)."""
        from safetensors.numpy import save_file

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.bertopic_.save(str(path / "bertopic"), serialization="safetensors", save_ctfidf=True,
                            save_embedding_model=False)
        keys = sorted(self.centroids_)
        arrays = {"mean": self.mean_.astype(np.float32),
                  "centroid_topics": np.asarray(keys, dtype=np.int64),
                  "centroids": (np.stack([self.centroids_[k] for k in keys]) if keys
                                else np.zeros((0, len(self.mean_)))).astype(np.float32),
                  "topics": self.topics_.astype(np.int64),
                  "probabilities": self.probabilities_.astype(np.float32)}
        save_file(arrays, str(path / "topic_model.safetensors"))
        meta = {"params": self.get_params(), "min_cluster_size_": self.min_cluster_size_,
                "assign_threshold_": self.assign_threshold_,
                "topic_sizes_": {str(k): v for k, v in self.topic_sizes_.items()},
                "topic_keywords_": {str(k): v for k, v in self.topic_keywords_.items()}}
        (path / "topic_model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path | str, load_bertopic: bool = False) -> "TopicModel":
        """Read a model written by `save`.

        Arguments:
            path: the model folder.
            load_bertopic: also load the BERTopic object (topic representations, c-TF-IDF); not needed to assign.

        Raises:
            ModelNotAvailableError: the folder or its files are missing.
        """
        from safetensors.numpy import load_file

        path = Path(path)
        if not (path / "topic_model.safetensors").exists():
            raise ModelNotAvailableError(f"{path}: no topic model here (run `signaali retrain`)")
        meta = json.loads((path / "topic_model.json").read_text(encoding="utf-8"))
        params = {k: v for k, v in meta["params"].items() if k != "embedder"}
        self = cls(**params)
        arr = load_file(str(path / "topic_model.safetensors"))
        self.mean_ = arr["mean"]
        self.centroids_ = {int(k): v for k, v in zip(arr["centroid_topics"], arr["centroids"])}
        self.topics_ = arr["topics"].astype(int)
        self.probabilities_ = arr["probabilities"]
        self.min_cluster_size_ = meta["min_cluster_size_"]
        self.assign_threshold_ = meta["assign_threshold_"]
        self.topic_sizes_ = {int(k): v for k, v in meta["topic_sizes_"].items()}
        self.topic_keywords_ = {int(k): v for k, v in meta["topic_keywords_"].items()}
        self.bertopic_ = None
        if load_bertopic:
            from bertopic import BERTopic

            self.bertopic_ = BERTopic.load(str(path / "bertopic"))
        return self


# ---------------------------------------------------------------------- the topics stage
@dataclass
class TopicsResult:
    """What the topics stage hands on: the model, every corpus report's topic and the rows to write.

    Attributes:
        version: the model version.
        model: the fitted or loaded `TopicModel`.
        topic_of: topic (-1 = outlier) of every report the model has assigned so far (stored and new).
        assigned: the new assignments to write, ``{report_id: (topic, probability)}``.
        fitted: True when this run fitted the model (then ``assigned`` covers the whole corpus).
        metrics: fit metrics (reports, topics, outliers, seconds) when fitted.
    """

    version: str
    model: TopicModel
    topic_of: dict[str, int]
    assigned: dict[str, tuple[int, float]] = field(default_factory=dict)
    fitted: bool = False
    metrics: dict = field(default_factory=dict)

    def topics_for(self, report_ids: Sequence[str]) -> list[int]:
        """Topic per report id (-1 where the model has not assigned one)."""
        return [self.topic_of.get(r, -1) for r in report_ids]


def topic_model_from_params(params: TopicsParams, embedder=None) -> TopicModel:  # noqa: ANN001
    """An unfitted `TopicModel` with the settings' parameters; MMR/KeyBERT keywords need an embedder with
    ``embed_words`` (any other embedder, e.g. a test stand-in, gives plain c-TF-IDF keywords)."""
    return TopicModel(**params.model_dump(), embedder=embedder if hasattr(embedder, "embed_words") else None)


def _keyword_backend(embedder):  # noqa: ANN001, ANN202 - a bertopic BaseEmbedder or None
    """Our embedder behind bertopic's ``BaseEmbedder`` interface, built only when a topic model is fitted.

    The embedders themselves do not subclass ``BaseEmbedder``: importing bertopic (and with it torch and
    sentence-transformers) costs seconds, and a run whose embeddings are all cached must not pay it.
    """
    if embedder is None:
        return None
    from bertopic.backend import BaseEmbedder

    class _KeywordEmbedder(BaseEmbedder):
        def __init__(self, inner) -> None:  # noqa: ANN001
            super().__init__()
            self.inner = inner

        def embed(self, documents, verbose: bool = False) -> np.ndarray:  # noqa: ANN001
            return self.inner.embed(list(documents), verbose=verbose)

        def embed_words(self, words, verbose: bool = False) -> np.ndarray:  # noqa: ANN001
            return self.inner.embed_words(list(words), verbose=verbose)

    return _KeywordEmbedder(embedder)


def fit_topics(corpus: Corpus, params: TopicsParams, embedder=None, version: str | None = None,  # noqa: ANN001
               ) -> TopicsResult:
    """Fit a topic model on the whole corpus (pure: no store).

    Arguments:
        corpus: the counted reports.
        params: ``settings.topics``.
        embedder: embeds candidate keywords for the MMR/KeyBERT representation (has ``embed_words``).
        version: the version name; default a UTC timestamp ``topics-YYYYmmddHHMMSS``.

    Raises:
        ModelNotAvailableError: fewer than 10 reports.
    """
    if len(corpus) < 10:
        raise ModelNotAvailableError(f"need at least 10 stored reports to fit topics (have {len(corpus)})")
    t0 = time.perf_counter()
    version = version or f"topics-{datetime.now(timezone.utc):%Y%m%d%H%M%S}"
    tm = topic_model_from_params(params, embedder).fit(corpus.embeddings, [" ".join(lem) for lem in corpus.lemmas])
    topics = [int(t) for t in tm.topics_]
    metrics = {"reports": len(corpus), "topics": len(tm.centroids_), "outliers": int((tm.topics_ == -1).sum()),
               "fit_seconds": round(time.perf_counter() - t0, 2)}
    log.info("topic model %s: %d reports, %d topics, %d outliers in %.1fs", version, len(corpus),
             metrics["topics"], metrics["outliers"], metrics["fit_seconds"])
    return TopicsResult(version=version, model=tm, topic_of=dict(zip(corpus.ids, topics)), fitted=True,
                        assigned={rid: (t, float(p)) for rid, t, p in zip(corpus.ids, topics, tm.probabilities_)},
                        metrics=metrics)


def assign_topics(corpus: Corpus, model: TopicModel, version: str,
                  known: dict[str, int] | None = None) -> TopicsResult:
    """Assign the corpus's reports to an existing model's topics (nearest centroid; far from all = -1). Pure.

    Arguments:
        corpus: the reports to assign.
        model, version: the active model.
        known: topics the model assigned earlier (kept in ``topic_of`` unless reassigned here).
    """
    topics, sims = model.transform(corpus.embeddings) if len(corpus) else ([], [])
    assigned = {rid: (int(t), float(s)) for rid, t, s in zip(corpus.ids, topics, sims)}
    topic_of = dict(known or {})
    topic_of.update({rid: t for rid, (t, _) in assigned.items()})
    return TopicsResult(version=version, model=model, topic_of=topic_of, assigned=assigned)


def raw_centroids(corpus: Corpus, result: TopicsResult) -> dict[int, np.ndarray]:
    """Unit mean of each topic's member embeddings in the raw (uncentred) space, as stored in ``clusters``."""
    topics = np.asarray(result.topics_for(corpus.ids))
    return {t: _normalise_rows(corpus.embeddings[topics == t].mean(axis=0, keepdims=True))[0].astype(np.float32)
            for t in result.model.centroids_}


def write_topic_model(engine, corpus: Corpus, result: TopicsResult, models_dir: Path,  # noqa: ANN001
                      suggestions: dict[int, list[tuple[str, float]]], extra_params: dict | None = None,
                      activate: bool = True) -> Path:
    """Save a fitted model under ``models_dir/topics/<version>``, register it and write clusters + assignments."""
    import sqlalchemy as sa

    from pipeline.store.schema import clusters, models

    tm = result.model
    path = tm.save(Path(models_dir) / "topics" / result.version)
    cent = raw_centroids(corpus, result)
    with engine.begin() as conn:
        if activate:
            conn.execute(sa.update(models).where(models.c.kind == TOPIC_MODEL_KIND).values(active=False))
        conn.execute(sa.insert(models).values(
            kind=TOPIC_MODEL_KIND, version=result.version, path=str(path),
            params={**tm.get_params(), "min_cluster_size_": tm.min_cluster_size_, **(extra_params or {})},
            metrics=result.metrics, active=activate, created_at=datetime.now(timezone.utc)))
        conn.execute(sa.delete(clusters).where(clusters.c.model_version == result.version))
        rows = [{"model_version": result.version, "topic": int(t), "size": tm.topic_sizes_[t],
                 "keywords": tm.topic_keywords_.get(t, []), "centroid": cent[t].tobytes(),
                 "suggested_themes": [[k, c] for k, c in suggestions.get(t, [])]} for t in sorted(tm.centroids_)]
        if rows:
            conn.execute(sa.insert(clusters), rows)
        _write_assignments(conn, result)
    return path


def write_topic_assignments(engine, result: TopicsResult) -> int:  # noqa: ANN001
    """Write (replace) the result's new topic assignments; returns rows written."""
    with engine.begin() as conn:
        _write_assignments(conn, result)
    return len(result.assigned)


def _write_assignments(conn, result: TopicsResult) -> None:  # noqa: ANN001
    import sqlalchemy as sa

    from pipeline.store.schema import topic_assignments as ta

    ids = list(result.assigned)
    for i in range(0, len(ids), 900):  # bounded parameter count (SQLite's limit is 32,766)
        conn.execute(sa.delete(ta).where(ta.c.model_version == result.version, ta.c.report_id.in_(ids[i:i + 900])))
    if ids:
        conn.execute(sa.insert(ta), [{"report_id": rid, "model_version": result.version, "topic": t,
                                      "probability": p} for rid, (t, p) in result.assigned.items()])


def load_topics(engine) -> TopicsResult | None:  # noqa: ANN001
    """The active topic model and its stored assignments as a `TopicsResult`, or ``None`` when none is active."""
    from pipeline.store.queries import active_model, topic_of_reports

    with engine.connect() as conn:
        row = active_model(conn)
        if row is None:
            return None
        known = topic_of_reports(conn, row.version)
    return TopicsResult(version=row.version, model=TopicModel.load(row.path), topic_of=known)
