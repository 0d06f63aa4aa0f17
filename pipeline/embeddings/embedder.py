"""The report embedder: ``SentenceEncoder`` behind bertopic's ``BaseEmbedder`` interface."""

from __future__ import annotations

from pathlib import Path

from bertopic.backend import BaseEmbedder

from pipeline.embeddings.encoder import DEFAULT_PROMPT, SentenceEncoder, resolve_device

__all__ = ["Embedder", "SentenceEncoder", "DEFAULT_PROMPT", "resolve_device"]


class Embedder(SentenceEncoder, BaseEmbedder):
    """Sentence embeddings from a local sentence-transformers folder, usable as BERTopic's ``embedding_model``.

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
        BaseEmbedder.__init__(self)
