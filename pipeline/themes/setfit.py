"""SetFit-style contrastive fine-tuning of the sentence encoder on reviewed reports.

SetFit (Tunstall et al. 2022) tunes a sentence encoder on pairs of labelled texts — pairs that share a class pulled
together, pairs that do not pushed apart — and then fits a plain classifier on the tuned embeddings. Theme labels are
multi-label, so a pair's target similarity here is the Jaccard overlap of the two reports' reviewed themes (1 = same
themes, 0 = none shared) and the loss is sentence-transformers' CosineSimilarityLoss (MSE between the pair's cosine
and that target).

- `sample_pairs` — the training pairs of a label matrix (half sharing a theme, half sharing none, seeded);
- `fine_tune_encoder` — a copy of a local sentence-transformers folder tuned on those pairs and saved to a new
  folder (the source folder is only read). CPU, one epoch, short sequences: minutes for a few hundred reports.

The caller (``bench/themes_setfit.py``) embeds reports with the tuned folder through the ordinary
`pipeline.embeddings.encoder.SentenceEncoder` and fits a head (`pipeline.themes.head.ReviewedHead`) on them.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["FineTuneParams", "SetFitError", "fine_tune_encoder", "sample_pairs"]

log = logging.getLogger(__name__)
STAMP = "signaali_setfit.json"


class SetFitError(ValueError):
    """The reviewed labels cannot train the encoder (too few reports, no pair that shares or lacks a theme)."""


@dataclass(frozen=True)
class FineTuneParams:
    """Fine-tuning settings (defaults chosen on one 80/20 dev split, ``bench/results/themes_setfit.json``).

    Arguments:
        pairs: training pairs sampled (half positive, half negative).
        max_seq_length: tokens per text while training (longer texts are truncated here only; embedding later
            chunks as usual).
        batch_size: pairs per optimiser step.
        epochs: passes over the pairs.
        learning_rate: AdamW step size.
        freeze_word_embeddings: leave the (250k-row, multilingual) token embedding table as it is: most of the
            model's parameters, few of them seen in a few hundred reports.
        prompt: the prefix the product embeds with (e5: ``query: ``).
        seed: pair sampling and torch seed.
    """

    pairs: int = 1500
    max_seq_length: int = 128
    batch_size: int = 16
    epochs: int = 1
    learning_rate: float = 2e-5
    freeze_word_embeddings: bool = True
    prompt: str = "query: "
    seed: int = 42


def sample_pairs(Y: np.ndarray, n_pairs: int, seed: int = 42) -> list[tuple[int, int, float]]:
    """Training pairs of a 0/1 label matrix: ``(i, j, jaccard(Y[i], Y[j]))``.

    Half the pairs share at least one theme and half share none (as many of each as exist); pairs are distinct and
    ``i != j``.

    Raises:
        SetFitError: fewer than 2 labelled rows, or no positive or no negative pair exists.
    """
    Y = np.asarray(Y, dtype=bool)
    n = len(Y)
    if n < 2:
        raise SetFitError(f"fine-tuning needs at least 2 reviewed reports; got {n}")
    inter = (Y[:, None, :] & Y[None, :, :]).sum(axis=2)
    union = (Y[:, None, :] | Y[None, :, :]).sum(axis=2)
    iu, ju = np.triu_indices(n, k=1)
    shared = inter[iu, ju] > 0
    pos, neg = np.flatnonzero(shared), np.flatnonzero(~shared)
    if len(pos) == 0 or len(neg) == 0:
        raise SetFitError(f"fine-tuning needs pairs that share a theme and pairs that do not; the {n} reviewed "
                          f"reports give {len(pos)} sharing and {len(neg)} not sharing")
    rng = np.random.default_rng(seed)
    half = max(n_pairs // 2, 1)
    pick = np.r_[rng.choice(pos, min(half, len(pos)), replace=False),
                 rng.choice(neg, min(n_pairs - half, len(neg)), replace=False)]
    rng.shuffle(pick)
    jac = inter[iu, ju] / np.maximum(union[iu, ju], 1)
    return [(int(iu[p]), int(ju[p]), float(jac[p])) for p in pick]


def fine_tune_encoder(model_path: str | Path, texts: Sequence[str], Y: np.ndarray, out_dir: str | Path,
                      params: FineTuneParams | None = None) -> Path:
    """Tune a copy of the encoder at ``model_path`` on reviewed reports and save it to ``out_dir``.

    Arguments:
        model_path: a local sentence-transformers folder (read only).
        texts: the reviewed reports' texts.
        Y: (len(texts), themes) 0/1 reviewed themes.
        out_dir: the new folder (created; an existing one is replaced by the saved model's files).
        params: `FineTuneParams` (defaults if None).

    Returns:
        ``out_dir``, a sentence-transformers folder with ``signaali_setfit.json`` (params, pairs, minutes, source).

    Raises:
        SetFitError: the labels give no usable pairs (`sample_pairs`), or ``texts`` and ``Y`` differ in length.
    """
    import torch
    from sentence_transformers import SentenceTransformer

    p = params or FineTuneParams()
    if len(texts) != len(Y):
        raise SetFitError(f"{len(texts)} texts but {len(Y)} label rows")
    pairs = sample_pairs(Y, p.pairs, p.seed)
    torch.manual_seed(p.seed)
    t0 = time.perf_counter()
    model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
    window = model.max_seq_length  # the product embeds with the model's own window (chunking longer texts)
    model.max_seq_length = p.max_seq_length
    if p.freeze_word_embeddings:
        for name, param in model.named_parameters():
            if "word_embeddings" in name:
                param.requires_grad_(False)
    trainable = [q for q in model.parameters() if q.requires_grad]
    opt = torch.optim.AdamW(trainable, lr=p.learning_rate)
    steps = 0
    losses: list[float] = []
    prompted = [p.prompt + str(t) for t in texts]
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # sentence-transformers ≥ 6 renamed it
    model.train()
    for epoch in range(p.epochs):
        order = np.random.default_rng(p.seed + epoch).permutation(len(pairs))
        for a in range(0, len(order), p.batch_size):
            batch = [pairs[k] for k in order[a:a + p.batch_size]]
            left = tokenize([prompted[i] for i, _, _ in batch])
            right = tokenize([prompted[j] for _, j, _ in batch])
            u = model(left)["sentence_embedding"]
            v = model(right)["sentence_embedding"]
            target = torch.tensor([s for *_, s in batch], dtype=u.dtype)
            # CosineSimilarityLoss: the pair's cosine regressed on its label overlap.
            loss = torch.nn.functional.mse_loss(torch.nn.functional.cosine_similarity(u, v), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            steps += 1
            losses.append(float(loss.detach()))
    model.eval()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.max_seq_length = window
    model.save(str(out))
    minutes = (time.perf_counter() - t0) / 60
    stamp = {"source": str(model_path), "params": asdict(p), "reviewed_reports": len(texts), "pairs": len(pairs),
             "steps": steps, "first_loss": losses[0] if losses else None,
             "last_loss": float(np.mean(losses[-10:])) if losses else None, "minutes": round(minutes, 2)}
    (out / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    log.info("fine-tuned %s on %d reports (%d pairs, %d steps) in %.1f min", model_path, len(texts), len(pairs),
             steps, minutes)
    return out
