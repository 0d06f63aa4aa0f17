"""Scale-out embedding: shard texts over a Dask cluster (a LocalCluster by default, any scheduler by address).

Each worker process keeps one loaded Embedder per (model, prompt, batch size, device) for its lifetime, so a model
is loaded once per worker however many shards it runs.
"""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path

import numpy as np

from pipeline.settings import get_settings

log = logging.getLogger(__name__)

# Worker-side: embedders loaded in this process (a worker imports this module once and keeps it).
_WORKER_EMBEDDERS: dict[tuple, object] = {}


def _embed_shard(texts: list[str], model_path: str | None, prompt: str, batch_size: int | None,
                 device: str, torch_threads: int | None) -> np.ndarray:
    """Runs on a worker: embed one shard with the worker's (cached) embedder.

    The worker builds the bertopic-free core of ``embedder.sentence_transformers.v1`` (`SentenceEncoder`, same
    vectors and ``model_id``) instead of calling `get_embedder`: importing bertopic costs seconds per worker.
    """
    from pipeline.embeddings.encoder import SentenceEncoder

    key = (model_path, prompt, batch_size, device)
    emb = _WORKER_EMBEDDERS.get(key)
    if emb is None:
        if torch_threads:
            import torch

            # One worker per core: more intra-op threads per worker would only fight over the same cores.
            torch.set_num_threads(torch_threads)
        emb = SentenceEncoder(model_path=model_path, prompt=prompt, batch_size=batch_size, device=device)
        _WORKER_EMBEDDERS[key] = emb
    return emb.embed(texts)


def worker_model_loads() -> int:
    """Embedders loaded in this process (called on a worker through ``client.run``; used by tests)."""
    return len(_WORKER_EMBEDDERS)


def embed_with_dask(texts: list[str], model_path: str | Path | None = None, address: str | None = None,
                    n_workers: int = 2, prompt: str = "query: ", batch_size: int | None = None,
                    device: str = "auto", shards_per_worker: int = 2) -> np.ndarray:
    """Embed ``texts`` on a Dask cluster and return the vectors in input order.

    Arguments:
        texts: texts to embed.
        model_path: sentence-transformers folder (must exist at the same path on every worker); default setting.
        address: scheduler address (``tcp://host:8786``); None = ``SIGNAALI_DASK_ADDRESS`` or, when that is empty,
            a LocalCluster of ``n_workers`` single-threaded processes started for this call.
        n_workers: LocalCluster size (ignored with an address).
        prompt, batch_size, device: as for ``Embedder``.
        shards_per_worker: shards per worker, for load balancing.

    Returns:
        float32 array (len(texts), dim), L2-normalised rows.
    """
    if not texts:
        from pipeline.embeddings.encoder import SentenceEncoder

        return np.zeros((0, SentenceEncoder(model_path=model_path, prompt=prompt).dim), dtype=np.float32)
    from dask.distributed import Client, LocalCluster

    settings = get_settings()
    address = address or settings.dask_address or None
    path = str(model_path) if model_path else str(settings.embedding_model_path)
    t0 = time.perf_counter()
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.WARNING)
        client = Client(cluster)
        torch_threads: int | None = 1
    else:
        client = Client(address)
        torch_threads = None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        n_shards = max(1, min(len(texts), workers * shards_per_worker))
        size = math.ceil(len(texts) / n_shards)
        shards = [list(texts[i:i + size]) for i in range(0, len(texts), size)]
        futures = [client.submit(_embed_shard, shard, path, prompt, batch_size, device, torch_threads,
                                 pure=False) for shard in shards]
        parts = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    log.info("embedded %d texts in %d shards on %s in %.1f s", len(texts), len(shards),
             address or f"LocalCluster({n_workers})", time.perf_counter() - t0)
    return np.vstack(parts).astype(np.float32, copy=False)
