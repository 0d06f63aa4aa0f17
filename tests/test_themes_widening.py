"""Keywords widened by word vectors (pipeline/themes/word_vectors.py) and SetFit-style encoder tuning
(pipeline/themes/setfit.py): unit tests on hand-made vectors and a tiny encoder built here (no shipped model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.themes.setfit import FineTuneParams, SetFitError, fine_tune_encoder, sample_pairs
from pipeline.themes.word_vectors import WordNeighbours

# Hand-made 3-d "word vectors": housing words along x, mental-health words along y, a word between them.
VEC = {"asunto": (1, 0, 0), "vuokra": (0.95, 0.1, 0), "häätö": (0.9, 0.05, 0.1), "asumisneuvonta": (0.97, 0.05, 0),
       "masennus": (0, 1, 0), "ahdistus": (0.05, 0.95, 0), "terapia": (0.1, 0.9, 0.1), "mielipaha": (0.05, 0.98, 0),
       "keskiväli": (0.7, 0.7, 0), "kahvinkeitin": (0, 0, 1)}


def fake_vectors(words):  # noqa: ANN001, ANN201
    V = np.array([VEC[w] for w in words], dtype=np.float32)
    return V / np.linalg.norm(V, axis=1, keepdims=True)


def test_word_neighbours_joins_the_nearest_theme_and_skips_ambiguous_and_far_words() -> None:
    docs = [["asunto", "vuokra", "asumisneuvonta", "mielipaha", "keskiväli", "kahvinkeitin"],
            ["häätö", "masennus", "ahdistus", "terapia", "asumisneuvonta", "mielipaha", "keskiväli", "kahvinkeitin"]]
    seeds = {"housing": {"asunto", "vuokra", "häätö"}, "mental_health": {"masennus", "ahdistus", "terapia"}}
    m = WordNeighbours(threshold=0.8, margin=0.1, top=2, min_count=2, min_length=5, vectors=fake_vectors).fit(
        docs, seeds)
    assert m.neighbours_ == {"asumisneuvonta": "housing", "mielipaha": "mental_health"}
    # Seen once only: not a candidate.
    once = WordNeighbours(threshold=0.8, margin=0.1, min_count=3, vectors=fake_vectors).fit(docs, seeds)
    assert once.neighbours_ == {}


def test_word_neighbour_scorer_adds_the_widened_words_and_their_evidence() -> None:
    from pipeline.themes.scorers import ScoringBatch
    from pipeline.themes.word_vectors import word_neighbour_score

    class Assigner:
        keys_ = ["housing", "mental_health"]
        neighbour_weight = 0.5
        neighbours_ = {"asumisneuvonta": "housing"}

    batch = ScoringBatch(X=np.zeros((2, 3)), lemmas=[["asumisneuvonta", "hyvä"], ["hyvä"]],
                         evidence=[{}, {}])
    out = word_neighbour_score(Assigner(), batch)
    assert out[0, 0] == pytest.approx(0.5 * (1 - np.exp(-1 / 1.5)))
    assert out[1].sum() == 0 and out[0, 1] == 0
    assert batch.evidence[0] == {"housing": ["~asumisneuvonta"]}


def test_sample_pairs_balances_sharing_and_disjoint_pairs_with_jaccard_targets() -> None:
    Y = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    pairs = sample_pairs(Y, 4, seed=0)
    assert len(pairs) == 4 and len({(i, j) for i, j, _ in pairs}) == 4
    targets = {(i, j): s for i, j, s in pairs}
    assert all(i < j for i, j in targets)
    assert sum(s > 0 for s in targets.values()) == 2  # half share a theme
    if (0, 1) in targets:
        assert targets[(0, 1)] == pytest.approx(0.5)
    with pytest.raises(SetFitError, match="share a theme"):
        sample_pairs(np.array([[1, 0], [1, 0], [1, 0]]), 4)
    with pytest.raises(SetFitError, match="at least 2"):
        sample_pairs(np.array([[1, 0]]), 4)


def _tiny_encoder(folder: Path) -> Path:
    """A 1-layer, 16-d BERT sentence encoder with a word-level tokenizer, built and saved here."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as stm
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = "query asunto vuokra häätö velka masennus ahdistus terapia lapsi koulu perhe".split()
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", ":", *words])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]")
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=64)
    BertModel(cfg).save_pretrained(folder / "hf")
    fast.save_pretrained(folder / "hf")
    st = SentenceTransformer(modules=[stm.Transformer(str(folder / "hf"), max_seq_length=32),
                                      stm.Pooling(16, "mean"), stm.Normalize()], device="cpu")
    st.save(str(folder / "st"))
    return folder / "st"


def test_fine_tune_pulls_same_theme_reports_together_and_leaves_the_source_untouched(tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer

    src = _tiny_encoder(tmp_path)
    before = {p.name: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    texts = ["asunto vuokra", "vuokra häätö", "häätö asunto velka", "masennus ahdistus", "ahdistus terapia",
             "terapia masennus", "lapsi koulu", "koulu perhe", "perhe lapsi"]
    Y = np.array([[1, 0, 0]] * 3 + [[0, 1, 0]] * 3 + [[0, 0, 1]] * 3)

    def gap(model_path: Path) -> float:
        E = SentenceTransformer(str(model_path), device="cpu").encode(["query: " + t for t in texts])
        S = E @ E.T
        same = Y @ Y.T > 0
        off = ~np.eye(len(texts), dtype=bool)
        return float(S[same & off].mean() - S[~same].mean())

    out = fine_tune_encoder(src, texts, Y, tmp_path / "tuned",
                            FineTuneParams(pairs=36, batch_size=6, epochs=8, learning_rate=5e-3,
                                           freeze_word_embeddings=False))
    assert gap(out) > gap(src) + 0.1
    assert (out / "signaali_setfit.json").exists()
    assert {p.name: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before
    with pytest.raises(SetFitError, match="texts but"):
        fine_tune_encoder(src, texts[:2], Y, tmp_path / "bad")
