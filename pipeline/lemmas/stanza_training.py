"""Train a Stanza lemmatizer from CoNLL-U files into a model directory the stanza backend loads.

Trained without POS (we have no tagger to feed it), with Stanza's own trainer (`stanza.models.lemmatizer`):
a dictionary from the training words plus, unless ``dict_only``, a small seq2seq model for unseen words.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError, ModelNotAvailableError, UnreadableFileError
from pipeline.lemmas.stanza_backend import LANG

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainResult:
    """What `train_stanza_lemmatizer` produced."""

    model_dir: Path
    model_file: Path
    package: str
    train_sentences: int
    dev_sentences: int
    seconds: float


def _read_sentences(paths: list[Path]) -> list[str]:
    blocks: list[str] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UnreadableFileError(str(path), str(exc)) from exc
        found = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
        if not any(line[:1].isdigit() for b in found for line in b.splitlines()):
            raise UnreadableFileError(str(path), "no CoNLL-U token lines")
        blocks.extend(found)
    return blocks


def _write(path: Path, blocks: list[str]) -> None:
    path.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")


def _register(model_dir: Path, package: str) -> None:
    """Make `package` the default Finnish lemmatizer in the directory's resources.json (kept if present)."""
    path = model_dir / "resources.json"
    resources = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    fi = resources.setdefault(LANG, {"lang_name": "Finnish"})
    fi.setdefault("lemma", {})[package] = {}
    defaults = fi.setdefault("default_processors", {})
    defaults["lemma"] = package
    # A lemmatizer trained without POS must not be paired with a tagger it never saw.
    defaults.pop("pos", None)
    path.write_text(json.dumps(resources, indent=2, ensure_ascii=False), encoding="utf-8")


def train_stanza_lemmatizer(
    conllu: list[str | Path],
    out_dir: str | Path,
    *,
    dev: str | Path | None = None,
    package: str = "signaali",
    epochs: int = 10,
    dict_only: bool = False,
    max_sentences: int | None = None,
    hidden_dim: int = 100,
    batch_size: int = 50,
    seed: int = 1234,
) -> TrainResult:
    """Train a Finnish Stanza lemmatizer and install it as the default lemma model of `out_dir`.

    Arguments:
        conllu: CoNLL-U files with gold LEMMA columns (e.g. UD_Finnish-TDT train).
        out_dir: the model directory (``<out_dir>/fi/lemma/<package>.pt`` + ``resources.json``).
        dev: a CoNLL-U file for model selection; None = hold out every 10th sentence of the training data.
        package: the model's package name inside the directory.
        epochs: seq2seq epochs (ignored with `dict_only`).
        dict_only: train only the dictionary (seconds; unseen words are copied unchanged).
        max_sentences: use only the first N training sentences (fast builds, tests).
        hidden_dim: seq2seq hidden size.
        batch_size: training batch size.
        seed: random seed.

    Returns:
        Where the model went and how much data it saw.
    """
    paths = [Path(p) for p in conllu]
    if not paths:
        raise InputError("train-lemmatizer: give at least one CoNLL-U file")
    try:
        from stanza.models import lemmatizer as stanza_lemmatizer
    except ImportError as exc:
        raise ModelNotAvailableError("training needs the stanza package: pip install stanza") from exc
    blocks = _read_sentences(paths)
    if max_sentences:
        blocks = blocks[:max_sentences]
    if dev is not None:
        train_blocks, dev_blocks = blocks, _read_sentences([Path(dev)])
    else:
        dev_blocks = blocks[::10]
        train_blocks = [b for i, b in enumerate(blocks) if i % 10] or blocks
    out = Path(out_dir)
    lemma_dir = out / LANG / "lemma"
    lemma_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="signaali-lemma-") as tmp:
        train_file, dev_file = Path(tmp) / "train.conllu", Path(tmp) / "dev.conllu"
        _write(train_file, train_blocks)
        _write(dev_file, dev_blocks)
        args = [
            "--train_file", str(train_file), "--eval_file", str(dev_file),
            "--shorthand", f"{LANG}_{package}", "--save_dir", str(lemma_dir), "--save_name", f"{package}.pt",
            "--no_pos", "--num_epoch", str(epochs), "--hidden_dim", str(hidden_dim),
            "--batch_size", str(batch_size), "--seed", str(seed), "--device", "cpu",
        ]
        if dict_only:
            args.append("--dict_only")
        log.info("training Stanza lemmatizer on %d sentences (%d dev) into %s", len(train_blocks),
                 len(dev_blocks), lemma_dir)
        stanza_lemmatizer.main(args)
    model_file = lemma_dir / f"{package}.pt"
    if not model_file.is_file():
        raise ModelNotAvailableError(f"Stanza's trainer wrote no model to {model_file}")
    _register(out, package)
    return TrainResult(out, model_file, package, len(train_blocks), len(dev_blocks),
                       time.perf_counter() - started)
