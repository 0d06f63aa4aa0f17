"""One loaded embedder per process for the nightly steps, and remembered keyword vectors (bench/pipeline.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("bertopic")

from pipeline.embeddings import Embedder, get_embedder  # noqa: E402
from pipeline.registry import UnknownComponentError, registry  # noqa: E402


def test_steps_share_one_embedder_per_model_and_prompt(tmp_path: Path) -> None:
    a = get_embedder(model_path=tmp_path)
    assert isinstance(a, Embedder)
    assert get_embedder(model_path=tmp_path) is a
    assert get_embedder(model_path=str(tmp_path)) is a
    assert get_embedder("embedder.sentence_transformers.v1", model_path=tmp_path) is a
    assert get_embedder(model_path=tmp_path, prompt="passage: ") is not a


def test_the_configured_embedder_name_is_looked_up_in_the_registry(tmp_path: Path) -> None:
    assert "embedder.sentence_transformers.v1" in registry.embedders.names()
    with pytest.raises(UnknownComponentError, match="embedder.sentence_transformers.v1"):
        get_embedder("embedder.nonexistent.v1", model_path=tmp_path)


def test_keywords_are_embedded_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def fake_embed(self, documents, verbose=False):  # noqa: ANN001, ANN202
        seen.append(list(documents))
        return np.stack([np.full(4, len(d), dtype=np.float32) for d in documents])

    monkeypatch.setattr(Embedder, "embed", fake_embed)
    emb = Embedder(model_path=tmp_path)
    first = emb.embed_words(["asunto", "velka", "asunto"])
    again = emb.embed_words(["velka", "asunto", "häätö"])
    assert seen == [["asunto", "velka"], ["häätö"]]  # each word reaches the model once
    assert first.shape == (3, 4) and first.dtype == np.float32
    np.testing.assert_array_equal(again[1], first[0])
    assert np.array_equal(again[2], np.full(4, 5, dtype=np.float32))
