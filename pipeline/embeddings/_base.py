"""The interface every report embedder implements, and the one place a run's embedder is built.

An embedder turns texts into L2-normalised float32 vectors. Its ``model_id`` keys the embedding cache, so vectors of
two models (or two prompts) never mix; its ``dim`` comes from the loaded model (never a constant in the code).

Add an embedder: a new module defining a `TextEmbedder` subclass registered as
``@registry.embedders.register("embedder.<name>.v1")`` (its constructor takes ``model_path``, ``prompt``,
``batch_size`` and ``device``), its module listed in ``pipeline.registry._PROVIDERS["embedders"]``, and
``SIGNAALI_EMBEDDER__NAME=embedder.<name>.v1``.
"""

from __future__ import annotations

import abc
import importlib.util
import json
import logging
import threading
from pathlib import Path

import numpy as np

from pipeline.registry import registry
from pipeline.settings import get_settings

DEFAULT_PROMPT = "query: "
log = logging.getLogger(__name__)


class TextEmbedder(abc.ABC):
    """Texts in, one L2-normalised float32 row per text out."""

    @property
    @abc.abstractmethod
    def model_id(self) -> str:
        """Stable id of model + prompt (e.g. ``e5-small@cd1caf181241``); keys the embedding cache."""

    @property
    @abc.abstractmethod
    def dim(self) -> int:
        """The vector dimension, read from the model."""

    @abc.abstractmethod
    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """Embed texts: float32 array (len(documents), dim), rows L2-normalised."""


# Short names (SIGNAALI_EMBEDDER=onnx-int8) for the registered embedders.
SHORT_NAMES = {"onnx-int8": "embedder.onnx_int8.v1", "fp32": "embedder.sentence_transformers.v1",
               "sentence-transformers": "embedder.sentence_transformers.v1"}


def int8_unavailable_reason(model_path: Path) -> str | None:
    """Why ``auto`` cannot use the int8 encoder beside ``model_path`` (``None`` when it can)."""
    from pipeline.embeddings.identity import GATED_INT8_BUILDERS, STAMP_FILE, int8_folder_for

    folder = int8_folder_for(Path(model_path))
    try:
        stamp = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"no int8 build at {folder} (`signaali models build-embedder --onnx` builds it)"
    check = stamp.get("check") or {}
    if not check.get("ok"):
        return f"the int8 build at {folder} did not pass its own check (min cosine {check.get('min_cosine')})"
    if stamp.get("builder") not in GATED_INT8_BUILDERS:
        return (f"the int8 build at {folder} was made by {stamp.get('builder')}, which did not pass the quality gate "
                f"bench/int8_gate.py (passed: {', '.join(sorted(GATED_INT8_BUILDERS))}); "
                "`signaali models build-embedder --onnx` rebuilds it")
    if importlib.util.find_spec("onnxruntime") is None:
        return "onnxruntime is not installed"
    return None


_fallback_logged: set[str] = set()


def resolve_embedder_name(name: str, model_path: Path) -> str:
    """A registered name for ``name``: short names mapped; ``auto`` = int8 when its checked build exists (and
    onnxruntime imports), else fp32 with the reason logged once per process."""
    if name == "auto":
        reason = int8_unavailable_reason(model_path)
        if reason is None:
            if str(model_path) not in _fallback_logged:
                _fallback_logged.add(str(model_path))
                log.info("embedder auto: using the int8 encoder beside %s", model_path)
            return SHORT_NAMES["onnx-int8"]
        if str(model_path) not in _fallback_logged:
            _fallback_logged.add(str(model_path))
            log.warning("embedder auto: using the fp32 encoder: %s", reason)
        return SHORT_NAMES["fp32"]
    return SHORT_NAMES.get(name, name)


_shared: dict[tuple, TextEmbedder] = {}
_shared_lock = threading.Lock()


def get_embedder(name: str | None = None, model_path: str | Path | None = None, prompt: str = DEFAULT_PROMPT,
                 batch_size: int | None = None, device: str | None = None) -> TextEmbedder:
    """The process's one embedder for these arguments, built from the settings (the only place one is built).

    Every step of a run (embeddings of each shard, topic keywords, theme descriptions, the CLI) gets the same
    object, so a run loads the model once (seconds of start-up and ~0.5 GB per extra copy).

    Arguments:
        name: a registered embedder (``embedder.sentence_transformers.v1``); None = ``settings.embedder.name``.
        model_path: its local model folder; None = ``settings.embedding_model_path`` (resolved now, so a changed
            setting gets its own embedder).
        prompt: text prepended to every input (e5: ``query: `` for clustering, ``passage: `` for documents).
        batch_size, device: None = ``settings.embedder.batch_size`` / ``settings.embedder.device``.

    Raises:
        UnknownComponentError: ``name`` is not registered (the message lists the registered ones).
    """
    settings = get_settings()
    path = Path(model_path) if model_path else settings.embedding_model_path
    name = resolve_embedder_name(name or settings.embedder.name, path)
    factory = registry.embedders.get(name)
    key = (name, str(path.resolve()), prompt, batch_size, device)
    with _shared_lock:
        emb = _shared.get(key)
        if emb is None:
            emb = _shared[key] = factory(model_path=path, prompt=prompt, batch_size=batch_size,
                                         device=device or "auto")
        return emb
