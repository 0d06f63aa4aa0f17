"""Topic clusters: BERTopic over precomputed embeddings, c-TF-IDF over lemmas, saved with safetensors.

`TopicModel` is a pure estimator (no store). The store-level steps below fit it on all counted reports
(`fit_topic_model`), assign new reports with the active model without refitting UMAP (`assign_topics`) and name the
active version (`active_model_version`).
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.errors import ModelNotAvailableError

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
        embedder: a bertopic ``BaseEmbedder`` used only to embed candidate keywords for the representation.
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
        model = BERTopic(embedding_model=self.embedder, umap_model=umap_model, hdbscan_model=hdbscan_model,
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


# ---------------------------------------------------------------------- store-level steps
def _embed_stored(engine, embedder, texts: list[str]) -> np.ndarray:  # noqa: ANN001
    """Embeddings of stored texts through the store's embedding cache (keyed by model id + text hash)."""
    from pipeline.embeddings import embed_cached

    return embed_cached(engine, embedder, texts)


def _report_inputs(engine, report_ids: Sequence[str] | None = None, embedder=None,  # noqa: ANN001, ANN202
                   _retry: bool = True):
    """ids, rows, embeddings, lemma lists and embedder of counted reports (all of them, or ``report_ids``)."""
    import sqlalchemy as sa

    from pipeline.store.queries import counted_reports
    from pipeline.store.schema import features, reports

    chunk = 900  # SQLite allows at most 32,766 bound parameters per statement: query large id lists in chunks
    with engine.connect() as conn:
        q = counted_reports(conn).order_by(reports.c.submitted, reports.c.report_id)
        if report_ids is None:
            rows = conn.execute(q).mappings().all()
        else:
            wanted = list(report_ids)
            rows = [r for i in range(0, len(wanted), chunk)
                    for r in conn.execute(q.where(reports.c.report_id.in_(wanted[i:i + chunk]))).mappings().all()]
            rows.sort(key=lambda r: (r["submitted"], r["report_id"]))
        ids = [r["report_id"] for r in rows]
        lem = {}
        for i in range(0, len(ids), chunk):
            for rid, lemmas in conn.execute(sa.select(features.c.report_id, features.c.lemmas)
                                            .where(features.c.report_id.in_(ids[i:i + chunk]))):
                lem[rid] = list(lemmas or [])
    missing = [rid for rid in ids if rid not in lem]
    if missing and _retry:
        from pipeline.features import lemmatize_reports

        lemmatize_reports(engine, missing)
        return _report_inputs(engine, report_ids, embedder, _retry=False)
    texts = [r["text"] for r in rows]
    if embedder is None:
        from pipeline.embeddings import Embedder

        embedder = Embedder()
    E = np.asarray(_embed_stored(engine, embedder, texts), dtype=np.float32) if texts else np.zeros((0, 384))
    return ids, rows, E, [lem.get(i, []) for i in ids], embedder


def active_model_version(engine) -> str | None:  # noqa: ANN001
    """Version of the active topic model, or ``None`` when none has been trained."""
    import sqlalchemy as sa

    from pipeline.store.schema import models

    with engine.connect() as conn:
        return conn.execute(sa.select(models.c.version).where(models.c.kind == TOPIC_MODEL_KIND,
                                                              models.c.active.is_(True))
                            .order_by(models.c.id.desc())).scalar()


def load_active_model(engine) -> tuple[str, TopicModel] | None:  # noqa: ANN001
    """(version, model) of the active topic model, or ``None``."""
    import sqlalchemy as sa

    from pipeline.store.schema import models

    with engine.connect() as conn:
        row = conn.execute(sa.select(models.c.version, models.c.path).where(
            models.c.kind == TOPIC_MODEL_KIND, models.c.active.is_(True)).order_by(models.c.id.desc())).first()
    if row is None:
        return None
    return row.version, TopicModel.load(row.path)


def fit_topic_model(engine, version: str | None = None, activate: bool = True, embedder=None) -> str:  # noqa: ANN001
    """Fit a topic model on all counted reports; save it, register it and write clusters + topic assignments.

    Arguments:
        engine: the store.
        version: the version name; default a UTC timestamp ``topics-YYYYmmddHHMMSS``.
        activate: make it the active model (others become inactive).
        embedder: embedder to use (default ``pipeline.embeddings.Embedder()``).

    Returns:
        The version.
    """
    import sqlalchemy as sa

    from pipeline.settings import get_settings
    from pipeline.store.schema import clusters, models, topic_assignments
    from pipeline.themes.assign import ThemeAssigner
    from pipeline.themes.vocabulary import load_vocabulary

    settings = get_settings()
    t0 = time.perf_counter()
    ids, _rows, E, lemmas, embedder = _report_inputs(engine, None, embedder)
    if len(ids) < 10:
        raise ModelNotAvailableError(f"need at least 10 stored reports to fit topics (have {len(ids)})")
    now = datetime.now(timezone.utc)
    version = version or f"topics-{now:%Y%m%d%H%M%S}"
    from bertopic.backend import BaseEmbedder

    # MMR keywords need a bertopic embedder; any other embedder (a test stand-in) gives plain c-TF-IDF keywords.
    tm = TopicModel(random_state=settings.random_state, outlier_strategy=settings.outlier_strategy,
                    embedder=embedder if isinstance(embedder, BaseEmbedder) else None).fit(
        E, [" ".join(lem) for lem in lemmas])
    path = tm.save(settings.models_dir / "topics" / version)
    vocab = load_vocabulary()
    assigner = ThemeAssigner(vocab, embedder=embedder).fit(E, lemmas)
    suggestions = assigner.suggest_cluster_themes(E, lemmas, tm.topics_)
    raw_cent = {}
    for t in tm.centroids_:
        m = tm.topics_ == t
        raw_cent[t] = _normalise_rows(E[m].mean(axis=0, keepdims=True))[0].astype(np.float32)
    n_out = int((tm.topics_ == -1).sum())
    metrics = {"reports": len(ids), "topics": len(tm.centroids_), "outliers": n_out,
               "fit_seconds": round(time.perf_counter() - t0, 2)}
    with engine.begin() as conn:
        if activate:
            conn.execute(sa.update(models).where(models.c.kind == TOPIC_MODEL_KIND).values(active=False))
        conn.execute(sa.insert(models).values(kind=TOPIC_MODEL_KIND, version=version, path=str(path),
                                              params={**tm.get_params(), "min_cluster_size_": tm.min_cluster_size_,
                                                      "vocabulary": vocab.id},
                                              metrics=metrics, active=activate, created_at=now))
        conn.execute(sa.delete(clusters).where(clusters.c.model_version == version))
        conn.execute(sa.delete(topic_assignments).where(topic_assignments.c.model_version == version))
        crow = [{"model_version": version, "topic": int(t), "size": tm.topic_sizes_[t],
                 "keywords": tm.topic_keywords_.get(t, []), "centroid": raw_cent[t].tobytes(),
                 "suggested_themes": [[k, c] for k, c in suggestions.get(t, [])]} for t in sorted(tm.centroids_)]
        if crow:
            conn.execute(sa.insert(clusters), crow)
        conn.execute(sa.insert(topic_assignments),
                     [{"report_id": rid, "model_version": version, "topic": int(t), "probability": float(p)}
                      for rid, t, p in zip(ids, tm.topics_, tm.probabilities_)])
    log.info("topic model %s: %d reports, %d topics, %d outliers in %.1fs", version, len(ids),
             len(tm.centroids_), n_out, metrics["fit_seconds"])
    return version


def assign_topics(engine, report_ids: Sequence[str], embedder=None) -> int:  # noqa: ANN001
    """Assign reports to the active model's topics (nearest centroid; far from all = -1). Returns rows written.

    Does nothing (returns 0) when no topic model is active yet.
    """
    import sqlalchemy as sa

    from pipeline.store.schema import topic_assignments

    loaded = load_active_model(engine)
    if loaded is None or not report_ids:
        return 0
    version, tm = loaded
    ids, _rows, E, _lem, _ = _report_inputs(engine, report_ids, embedder)
    if not ids:
        return 0
    topics, sims = tm.transform(E)
    with engine.begin() as conn:
        conn.execute(sa.delete(topic_assignments).where(topic_assignments.c.model_version == version,
                                                        topic_assignments.c.report_id.in_(ids)))
        conn.execute(sa.insert(topic_assignments),
                     [{"report_id": rid, "model_version": version, "topic": int(t), "probability": float(s)}
                      for rid, t, s in zip(ids, topics, sims)])
    return len(ids)
