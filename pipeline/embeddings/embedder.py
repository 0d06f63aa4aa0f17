"""The report embedder ``embedder.sentence_transformers.v1``: ``SentenceEncoder`` plus remembered keyword vectors
(``embed_words``, bertopic's interface; `pipeline.topics` adapts it to bertopic's ``BaseEmbedder`` when fitting, so
that this module imports no bertopic).

Build it with `pipeline.embeddings.get_embedder` (one per process), not by calling the class.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
from pipeline.embeddings._base import DEFAULT_PROMPT
from pipeline.embeddings.encoder import SentenceEncoder
from pipeline.registry import registry

__all__ = ["Embedder"]

_WORD_MEMO_SIZE = 20_000  # keyword vectors kept per embedder (e5-small: 384 float32 each, ~30 MB at most)


@registry.embedders.register("embedder.sentence_transformers.v1")
class Embedder(SentenceEncoder):
    """Sentence embeddings from a local sentence-transformers folder, with remembered keyword vectors for BERTopic.

    Loads lazily on the first ``embed``; never touches a model hub. Texts longer than the model's window are
    split into token chunks whose vectors are averaged by chunk length (not truncated).

    Arguments:
        model_path: a sentence-transformers folder; default ``SIGNAALI_EMBEDDING_MODEL`` or ``models/e5-small``.
        prompt: text prepended to every input (e5: ``query: `` for clustering and similarity, ``passage: `` for
            documents searched by queries; ``""`` for models without prompts).
        batch_size: texts per forward pass; default ``SIGNAALI_EMBEDDING_BATCH_SIZE``.
        device: ``auto`` (cuda when present), ``cpu`` or ``cuda``.
    """

    def __init__(self, model_path: str | Path | None = None, prompt: str = DEFAULT_PROMPT,
                 batch_size: int | None = None, device: str = "auto") -> None:
        SentenceEncoder.__init__(self, model_path=model_path, prompt=prompt, batch_size=batch_size,
                                 device=device)
        self._word_vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed_words(self, words: list[str], verbose: bool = False) -> np.ndarray:
        """Embed candidate keywords (BERTopic's MMR / KeyBERT representations), remembering each word's vector.

        A topic fit asks for the same keywords again and again: once per topic while fitting, and again after the
        outliers are reassigned; each call is a separate model call. Remembered words skip the model. Keywords
        run on one torch thread: a few tokens per sequence leave nothing to split across threads, and on busy
        shared cores two threads made 620 keywords take 17-22 s instead of 3-4 s (bench/pipeline.py, 2 CPUs).
        """
        words = ["" if w is None else str(w) for w in words]
        missing = [w for w in dict.fromkeys(words) if w not in self._word_vectors]
        if missing:
            with _one_torch_thread():
                vecs = self.embed(missing, verbose=verbose)
            for w, v in zip(missing, vecs):
                self._word_vectors[w] = v
            while len(self._word_vectors) > _WORD_MEMO_SIZE:
                self._word_vectors.popitem(last=False)
        if not words:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._word_vectors[w] for w in words]).astype(np.float32, copy=False)

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state["_word_vectors"] = OrderedDict()
        return state


@contextmanager
def _one_torch_thread() -> Iterator[None]:
    """Run the block with one torch intra-op thread (process-wide; restored afterwards)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)
