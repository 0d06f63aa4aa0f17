"""Sentence embeddings from any local sentence-transformers folder: prompt, batching, device, long-text chunks.

This module does not import bertopic (a Dask worker only needs this; bertopic's import costs seconds per worker).
``pipeline.embeddings.embedder.Embedder`` is the same class with remembered keyword vectors (``embed_words``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from pathlib import Path

import numpy as np

from pipeline.embeddings._base import DEFAULT_PROMPT, TextEmbedder
from pipeline.embeddings.identity import folder_fingerprint
from pipeline.errors import ModelNotAvailableError
from pipeline.settings import get_settings

log = logging.getLogger(__name__)

_CHUNK_MARGIN = 8  # tokens kept free per chunk: a decoded chunk may re-tokenise a few tokens longer


def resolve_device(device: str = "auto") -> str:
    """``auto`` -> the setting ``embedder.device`` if not auto, else ``cuda`` when present, else ``cpu``."""
    if device == "auto":
        device = get_settings().embedder.device
    if device == "auto":
        import torch

        device = "cuda" if torch.cuda.is_available() else "cpu"
    return device


class SentenceEncoder(TextEmbedder):
    """Sentence embeddings from a local sentence-transformers folder (default: the rebuilt e5-small).

    Loads lazily on the first ``embed``; never touches a model hub. Texts longer than the model's window are
    split into token chunks whose vectors are averaged by chunk length (not truncated).

    Arguments:
        model_path: a sentence-transformers folder; default ``SIGNAALI_EMBEDDING_MODEL`` or ``models/e5-small``.
        prompt: text prepended to every input (e5 expects ``query: `` for clustering and similarity,
            ``passage: `` for documents searched by queries; ``""`` for models without prompts).
        batch_size: texts per forward pass; default ``SIGNAALI_EMBEDDING_BATCH_SIZE``.
        device: ``auto`` (cuda when present), ``cpu`` or ``cuda``.
    """

    def __init__(self, model_path: str | Path | None = None, prompt: str = DEFAULT_PROMPT,
                 batch_size: int | None = None, device: str = "auto") -> None:
        self.model_path = model_path
        self.prompt = prompt
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._model_id: str | None = None
        self.calls_ = 0  # embed() calls that ran the model (the cache tests count these)
        self.texts_embedded_ = 0

    # -- identity -------------------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        """The resolved model folder."""
        return Path(self.model_path) if self.model_path else get_settings().embedding_model_path

    def _check_folder(self) -> Path:
        path = self.path
        if not (path / "modules.json").exists() and not (path / "config.json").exists():
            hint = ("run `signaali models build-embedder`" if path == get_settings().embedding_model_path
                    else "point SIGNAALI_EMBEDDING_MODEL at a local sentence-transformers folder")
            raise ModelNotAvailableError(f"{path}: no sentence-transformers model there; {hint}")
        return path

    @property
    def model_id(self) -> str:
        """Stable id of model + prompt, e.g. ``e5-small@cd1caf181241`` (prompt ``query: ``) or
        ``e5-small@cd1caf181241:passage``; it keys the embedding cache, so vectors never mix across models."""
        if self._model_id is None:
            path = self._check_folder()
            mid = f"{path.name}@{folder_fingerprint(path)}"
            if self.prompt != DEFAULT_PROMPT:
                slug = re.sub(r"[^0-9A-Za-z]+", "-", self.prompt).strip("-").lower()
                if not slug or len(slug) > 24:
                    slug = "p" + hashlib.sha256(self.prompt.encode()).hexdigest()[:8]
                mid += f":{slug}"
            self._model_id = mid
        return self._model_id

    # -- model ----------------------------------------------------------------------------------------------
    @property
    def model(self):  # noqa: ANN201 - sentence_transformers.SentenceTransformer, imported lazily
        """The loaded SentenceTransformer (loaded on first use, local files only)."""
        if self._model is None:
            path = self._check_folder()
            from sentence_transformers import SentenceTransformer

            device = resolve_device(self.device)
            t0 = time.perf_counter()
            self._model = SentenceTransformer(str(path), device=device, local_files_only=True)
            log.info("loaded embedder %s on %s in %.1f s", self.model_id, device, time.perf_counter() - t0)
        return self._model

    @property
    def dim(self) -> int:
        """Embedding dimension, read from the loaded model."""
        return int(self.model.get_sentence_embedding_dimension())

    def __getstate__(self) -> dict:
        # Ship the settings, not the loaded model, to Dask workers and subprocesses.
        state = self.__dict__.copy()
        state["_model"] = None
        return state

    # -- embedding ------------------------------------------------------------------------------------------
    def _pieces(self, texts: list[str]) -> tuple[list[str], list[int], list[float]]:
        """Split texts into model-sized pieces: (pieces, owner text index, weight = token count)."""
        model = self.model
        tok = model.tokenizer
        max_len = int(model.max_seq_length or 512)
        budget = max_len - tok.num_special_tokens_to_add(pair=False)
        prompt_len = len(tok(self.prompt, add_special_tokens=False)["input_ids"]) if self.prompt else 0
        window = budget - prompt_len - _CHUNK_MARGIN
        pieces: list[str] = []
        owner: list[int] = []
        weight: list[float] = []
        for i, text in enumerate(texts):
            # Cheap bound first: every token covers at least one UTF-8 byte (plus a leading word marker).
            fits = len(text.encode("utf-8")) + 1 + prompt_len <= budget
            if not fits:
                ids = tok(text, add_special_tokens=False)["input_ids"]
                fits = len(ids) + prompt_len <= budget
            if fits:
                pieces.append(text)
                owner.append(i)
                weight.append(1.0)
                continue
            for a in range(0, len(ids), window):
                chunk = ids[a:a + window]
                pieces.append(tok.decode(chunk, skip_special_tokens=True))
                owner.append(i)
                weight.append(float(len(chunk)))
        return pieces, owner, weight

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """Embed texts.

        Arguments:
            documents: texts (any length; long ones are chunked).
            verbose: show a progress bar (stderr).

        Returns:
            float32 array (n, dim), rows L2-normalised.
        """
        texts = ["" if t is None else str(t) for t in documents]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        t0 = time.perf_counter()
        pieces, owner, weight = self._pieces(texts)
        vecs = self.model.encode(pieces, prompt=self.prompt or None, batch_size=self._batch_size(),
                                 show_progress_bar=verbose, convert_to_numpy=True, normalize_embeddings=True)
        vecs = np.asarray(vecs, dtype=np.float32)
        if len(pieces) == len(texts):
            out = vecs
        else:
            out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            np.add.at(out, np.asarray(owner), vecs * np.asarray(weight, dtype=np.float32)[:, None])
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out = out / np.maximum(norms, 1e-12)
        self.calls_ += 1
        self.texts_embedded_ += len(texts)
        log.info("embedded %d texts (%d pieces) with %s in %.2f s", len(texts), len(pieces), self.model_id,
                 time.perf_counter() - t0)
        return out.astype(np.float32, copy=False)

    def _batch_size(self) -> int:
        return int(self.batch_size or get_settings().embedder.batch_size)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model_path={str(self.path)!r}, prompt={self.prompt!r}, device={self.device!r})"

