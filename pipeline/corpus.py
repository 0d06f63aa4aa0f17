"""The `Corpus`: what every analysis stage reads, loaded once per run through the store's query layer.

Stages are pure functions ``stage(corpus, params) -> result`` (`pipeline.topics.fit_topics`,
`pipeline.themes.assign_themes`, `pipeline.signals.detect`); writing their results is separate (``write_*``), so a
stage is tested on an in-memory `Corpus` without a store. Loading never computes lemmas: the features step
(`pipeline.features.lemmatize_missing`) runs first, and a report without lemmas is an error here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Engine

from pipeline.errors import SignaaliError


class MissingFeaturesError(SignaaliError):
    """Reports in a corpus have no lemmas yet (the features step has not run for them)."""


@dataclass(frozen=True)
class Corpus:
    """Counted reports in (submitted, report_id) order, with everything the stages use.

    Attributes:
        ids: report ids.
        metadata: per report the stored columns other than the texts (``submitted``, ``phenomenon_type``, ...).
        texts: pseudonymised NLP texts.
        lemmas: content lemmas per report.
        embeddings: (n, d) float32 report embeddings (L2-normalised rows), one embedder for all.
        embedder_id: the ``model_id`` of the embedder that made ``embeddings``.
    """

    ids: list[str]
    metadata: list[Mapping[str, Any]]
    texts: list[str]
    lemmas: list[list[str]]
    embeddings: np.ndarray
    embedder_id: str | None = None
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.ids)
        if not (len(self.metadata) == len(self.texts) == len(self.lemmas) == len(self.embeddings) == n):
            raise ValueError(f"corpus parts differ in length: {n} ids, {len(self.metadata)} metadata rows, "
                             f"{len(self.texts)} texts, {len(self.lemmas)} lemma lists, "
                             f"{len(self.embeddings)} embeddings")
        object.__setattr__(self, "_index", {rid: i for i, rid in enumerate(self.ids)})

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, report_id: object) -> bool:
        return report_id in self._index

    def column(self, name: str) -> list[Any]:
        """One metadata field per report (``corpus.column("phenomenon_type")``)."""
        return [m.get(name) for m in self.metadata]

    @property
    def submitted(self) -> list[dt.date]:
        return self.column("submitted")

    def subset(self, report_ids: Iterable[str]) -> Corpus:
        """The reports of ``report_ids`` that are in this corpus, in corpus order (unknown ids are skipped)."""
        keep = sorted({self._index[r] for r in report_ids if r in self._index})
        return self._take(keep)

    def until(self, as_of: dt.date) -> Corpus:
        """Reports submitted on or before ``as_of``."""
        return self._take([i for i, d in enumerate(self.submitted) if d <= as_of])

    def _take(self, idx: Sequence[int]) -> Corpus:
        E = self.embeddings[list(idx)] if len(idx) else self.embeddings[:0]
        return Corpus(ids=[self.ids[i] for i in idx], metadata=[self.metadata[i] for i in idx],
                      texts=[self.texts[i] for i in idx], lemmas=[self.lemmas[i] for i in idx], embeddings=E,
                      embedder_id=self.embedder_id)


def _embed_stored(engine: Engine, embedder: Any, texts: list[str]) -> np.ndarray:
    """Embeddings of stored texts through the store's embedding cache (keyed by model id + text hash)."""
    from pipeline.embeddings import embed_cached

    return embed_cached(engine, embedder, texts)


def load_corpus(engine: Engine, embedder: Any, report_ids: Iterable[str] | None = None,
                as_of: dt.date | None = None) -> Corpus:
    """Counted reports of the store (all, or ``report_ids``; up to ``as_of`` when given) as a `Corpus`.

    Arguments:
        engine: the store.
        embedder: the report embedder (``embed``/``model_id``/``dim``); embeddings come from its cache.
        report_ids: restrict to these reports (unknown ids and near-duplicates are skipped).
        as_of: leave out reports submitted after this date.

    Raises:
        MissingFeaturesError: a report has no lemmas (run the features step first).
    """
    from pipeline.store.queries import corpus_rows, report_lemmas

    with engine.connect() as conn:
        rows = corpus_rows(conn, report_ids, as_of)
        ids = [r["report_id"] for r in rows]
        lemmas = report_lemmas(conn, ids)
    missing = [rid for rid in ids if rid not in lemmas]
    if missing:
        raise MissingFeaturesError(f"{len(missing)} reports have no lemmas yet (first: {missing[:5]}); "
                                   "run the features step (`signaali lemmas`) first")
    texts = [r["text"] for r in rows]
    # `dim` loads the model; only an empty corpus needs it (a cached corpus must not pay the model load)
    E = np.asarray(_embed_stored(engine, embedder, texts), dtype=np.float32) if texts \
        else np.zeros((0, int(getattr(embedder, "dim", 0) or 0)), dtype=np.float32)
    meta = [{k: v for k, v in r.items() if k not in ("text", "raw_text")} for r in rows]
    return Corpus(ids=ids, metadata=meta, texts=texts, lemmas=[lemmas[i] for i in ids], embeddings=E,
                  embedder_id=getattr(embedder, "model_id", None))
