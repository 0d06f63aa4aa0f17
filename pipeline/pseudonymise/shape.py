"""How much a word *looks like* a person's name by its spelling alone: a character n-gram model.

Lists never hold every name a county's clients carry, but names from one tradition share spelling shapes that
ordinary Finnish, Swedish and English words do not ("-porn", "Xirsi", "-zadeh", "Nguy-", "-enko", "Abdi-"). This
model is a logistic regression over the character 2-5-grams of the lower-cased word (with ``^``/``$`` marking its
edges), trained by ``scripts/build_name_shape.py`` on person names of many traditions (Faker's name lists of 60+
locales, Cyrillic ones transliterated, in Finnish case forms) against common words (simplemma's Finnish, Swedish and
English dictionaries, the Finnish ones checked with Voikko). It is *evidence* for the decision in `persons.py`,
never a decision on its own: places and organisations share name shapes.

The fitted weights ship as ``data/name_shape.json.gz``; scoring is a pure-Python sum over the word's n-grams (a few
microseconds), so the runtime needs neither scikit-learn nor the training data.

    >>> model = default_shape_model()
    >>> model.score("Wongsawatilla") > 0.5 > model.score("asuntolalla")
    True
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pipeline.errors import ModelNotAvailableError

WEIGHTS_FILE = "name_shape.json.gz"
NGRAMS = (2, 5)


def ngrams(word: str, low: int = NGRAMS[0], high: int = NGRAMS[1]) -> list[str]:
    """Character n-grams of the lower-cased `word` with ``^``/``$`` edge marks ("Abdi" -> "^a", "ab", …, "di$")."""
    w = "^" + word.lower() + "$"
    return [w[i:i + n] for n in range(low, high + 1) for i in range(len(w) - n + 1)]


class NameShapeModel:
    """Probability that a single word is a person's name, from its character n-grams.

    sklearn-style: `fit(words, labels)` (needs scikit-learn, used only when building the weights file), then
    `score(word)` / `predict_proba(words)`. A fitted model saves to and loads from a gzip'd JSON of n-gram weights.

    Arguments:
        C: inverse L2 regularisation strength of the logistic regression.
        min_df: n-grams seen in fewer training words are dropped (keeps the weights file small).
    """

    def __init__(self, C: float = 1.0, min_df: int = 3) -> None:
        self.C = C
        self.min_df = min_df

    def fit(self, words: Sequence[str], labels: Sequence[int]) -> NameShapeModel:
        """Fit on `words` with `labels` (1 = a person's name, 0 = anything else). Returns self."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = CountVectorizer(analyzer=ngrams, min_df=self.min_df, binary=True)
        x = vec.fit_transform(words)
        lr = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        lr.fit(x, list(labels))
        self.weights_ = {g: round(float(w), 4) for g, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if abs(w) >= 1e-4}
        self.bias_ = float(lr.intercept_[0])
        return self

    def decision(self, word: str) -> float:
        """Log-odds that `word` is a person's name."""
        w = self.weights_
        return self.bias_ + sum(w.get(g, 0.0) for g in ngrams(word))

    def score(self, word: str) -> float:
        """Probability (0-1) that `word` is a person's name by its spelling."""
        z = self.decision(word)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def predict_proba(self, words: Iterable[str]) -> list[float]:
        """`score` of each word."""
        return [self.score(w) for w in words]

    def save(self, path: Path) -> None:
        """Write the fitted weights as gzip'd JSON."""
        payload = {"ngrams": list(NGRAMS), "bias": self.bias_, "weights": self.weights_}
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path | None = None) -> NameShapeModel:
        """The fitted model from `path` (default: the packaged ``data/name_shape.json.gz``).

        Raises:
            ModelNotAvailableError: the file is missing or not a weights file.
        """
        try:
            if path is None:
                raw = resources.files("pipeline.pseudonymise").joinpath("data", WEIGHTS_FILE).read_bytes()
            else:
                raw = Path(path).read_bytes()
            payload = json.loads(gzip.decompress(raw).decode("utf-8"))
            model = cls()
            model.weights_ = dict(payload["weights"])
            model.bias_ = float(payload["bias"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelNotAvailableError(
                f"name-shape weights {path or WEIGHTS_FILE} unreadable ({exc}); rebuild them with "
                "python scripts/build_name_shape.py"
            ) from exc
        return model


@lru_cache(maxsize=1)
def default_shape_model() -> NameShapeModel:
    """The packaged model, loaded once per process."""
    return NameShapeModel.load()


@lru_cache(maxsize=100_000)
def name_shape(word: str) -> float:
    """`default_shape_model().score(word)`, cached per word."""
    return default_shape_model().score(word)
