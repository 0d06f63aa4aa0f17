"""Curated stop-word lists (Finnish, Swedish, English), stored as lemmas in ``data/stopwords_<lang>.txt``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"
LANGUAGES = ("fi", "sv", "en")


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    """The stop-word lemmas of `language` ("fi", "sv", "en"); an empty set for other languages."""
    path = _DATA / f"stopwords_{language}.txt"
    if not path.exists():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def is_stopword(lemma: str, language: str = "fi") -> bool:
    """True when `lemma` (any case; compound marks ``#`` ignored) is a stop word of `language`."""
    return lemma.replace("#", "").strip(".").lower() in stopwords(language)


FINNISH_STOPWORDS: frozenset[str] = stopwords("fi")
