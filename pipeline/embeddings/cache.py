"""Embedding cache in the store: table ``embedding_cache`` keyed by (model id, text hash).

A re-run embeds only texts it has not seen with the same model (and prompt): incremental runs cost O(new texts).
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

import numpy as np
from sqlalchemy import Engine, select

from pipeline.cache_files import keep_bytes
from pipeline.store import get_engine
from pipeline.store.schema import embedding_cache
from pipeline.text import normalise, text_hash

if TYPE_CHECKING:
    from pipeline.embeddings.embedder import Embedder

log = logging.getLogger(__name__)

_SELECT_CHUNK = 500  # keys per IN (...) query: well under SQLite's and PostgreSQL's parameter limits
_INSERT_CHUNK = 1000  # rows per executemany


def _chunks(seq: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _insert(engine: Engine):  # noqa: ANN202 - a dialect insert construct
    """INSERT that ignores keys another process cached meanwhile (SQLite and PostgreSQL)."""
    name = engine.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy import insert as plain

        return plain(embedding_cache)
    return insert(embedding_cache).on_conflict_do_nothing(index_elements=["model_id", "text_hash"])


def cached_vectors(engine: Engine, model_id: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
    """Vectors already cached for ``model_id``, keyed by text hash (missing hashes are absent)."""
    found: dict[str, np.ndarray] = {}
    t = embedding_cache.c
    with engine.connect() as conn:
        for chunk in _chunks(list(hashes), _SELECT_CHUNK):
            rows = conn.execute(select(t.text_hash, t.dim, t.vector)
                                .where(t.model_id == model_id, t.text_hash.in_(chunk)))
            for h, dim, blob in rows:
                found[h] = np.frombuffer(blob, dtype="<f4", count=dim)
    return found


def embed_cached(engine: Engine | str | None, embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embed ``texts``, serving repeats from the store and embedding only the misses (in one model call).

    Arguments:
        engine: a migrated SQLAlchemy engine, a database URL, or None for the configured store.
        embedder: the embedder; its ``model_id`` is part of the cache key.
        texts: texts to embed; texts equal after ``pipeline.text.normalise`` share one vector.

    Returns:
        float32 array (len(texts), dim), in the order of ``texts``.
    """
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    if not isinstance(engine, Engine):
        engine = get_engine(engine)
    t0 = time.perf_counter()
    model_id = embedder.model_id
    hashes = [text_hash(t) for t in texts]
    unique = list(dict.fromkeys(hashes))
    found = cached_vectors(engine, model_id, unique)
    first_text = {}
    for h, t in zip(hashes, texts):
        first_text.setdefault(h, t)
    misses = [h for h in unique if h not in found]
    if misses:
        # Embed the normalised text: the key is its hash, so the vector must not depend on which spelling of
        # the text happened to be seen first.
        vecs = np.asarray(embedder.embed([normalise(first_text[h]) for h in misses]), dtype=np.float32)
        rows = [{"model_id": model_id, "text_hash": h, "dim": int(v.shape[0]),
                 "vector": v.astype("<f4").tobytes()} for h, v in zip(misses, vecs)]
        with engine.begin() as conn:
            for chunk in _chunks(rows, _INSERT_CHUNK):
                conn.execute(_insert(engine), list(chunk))
        found.update(zip(misses, vecs))
    log.info("embeddings for %d texts (%d unique): %d cached, %d embedded with %s in %.2f s", len(texts),
             len(unique), len(unique) - len(misses), len(misses), model_id, time.perf_counter() - t0)
    return np.vstack([found[h] for h in hashes]).astype(np.float32, copy=False)


class FixedTextsEmbedder:
    """An embedder whose answer for a whole list of texts is kept on disk: for the fixed texts every run embeds
    again (the theme vocabulary's ~150 descriptions and examples: 3-40 s on shared cores, in a run adding five
    reports as in one adding thousands), not for report texts (those go through `embed_cached` and the store).

    ``embed(texts)`` reads ``<cache_dir>/embeddings/<key>.npy``, the key being a hash of the model id and the
    texts in order, and embeds (and writes that file) only when it is missing. Other attributes are the wrapped
    embedder's.

    Arguments:
        embedder: the embedder (its ``model_id`` names the model and prompt).
        cache_dir: folder of the files; None = ``settings.cache_dir``.
    """

    def __init__(self, embedder: Embedder, cache_dir: Path | None = None) -> None:
        self.embedder = embedder
        self.cache_dir = cache_dir

    def __getattr__(self, name: str):  # noqa: ANN204 - whatever the wrapped embedder has
        return getattr(self.embedder, name)

    def _path(self, texts: Sequence[str]) -> Path:
        from pipeline.settings import get_settings

        digest = hashlib.sha256("\0".join([self.embedder.model_id, *texts]).encode("utf-8")).hexdigest()[:32]
        return (self.cache_dir or get_settings().cache_dir) / "embeddings" / f"{digest}.npy"

    def embed(self, texts: Sequence[str], **kwargs) -> np.ndarray:  # noqa: ANN003 - passed to the embedder
        texts = [str(t) for t in texts]
        path = self._path(texts)
        try:
            vecs = np.load(path, allow_pickle=False)
            if vecs.shape[0] == len(texts):
                return vecs
        except (OSError, ValueError):
            pass  # not kept yet (or unreadable): embed and keep
        vecs = np.asarray(self.embedder.embed(texts, **kwargs), dtype=np.float32)
        buf = io.BytesIO()
        np.save(buf, vecs, allow_pickle=False)
        keep_bytes(path, buf.getvalue(), "the embeddings of fixed texts")
        return vecs
