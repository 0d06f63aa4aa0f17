"""The simplemma backend: dictionary lookup, no native dependencies, the fallback and the non-Finnish route."""

from __future__ import annotations

from functools import lru_cache

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas._base import Lemmatizer, Token, make_token
from pipeline.lemmas.tokenize import tokenize
from pipeline.registry import registry


@lru_cache(maxsize=1)
def _simplemma():  # noqa: ANN202 - module object
    try:
        import simplemma
    except ImportError as exc:  # pragma: no cover - simplemma is a core dependency
        raise ModelNotAvailableError("simplemma is not installed: pip install simplemma") from exc
    return simplemma


def _punct_upos(word: str) -> str | None:
    # simplemma does not tag; marking punctuation and numbers lets content_lemmas drop them the same way for
    # every backend.
    if not any(ch.isalnum() for ch in word):
        return "PUNCT"
    if not any(ch.isalpha() for ch in word):
        return "NUM"
    return None


def simplemma_lemma(word: str, language: str) -> str:
    """The simplemma lemma of one word (the word itself when simplemma does not know it)."""
    if _punct_upos(word):
        return word
    return _simplemma().lemmatize(word, lang=language)


def simplemma_tokens(text: str, language: str) -> list[Token]:
    """Tokenise and lemmatise one text with simplemma in `language` ("fi", "sv", "en")."""
    return [make_token(w, simplemma_lemma(w, language), _punct_upos(w), language) for w in tokenize(text)]


@registry.lemmatizers.register("lemmatizer.simplemma.v1")
class SimplemmaLemmatizer(Lemmatizer):
    """Dictionary lemmatiser for fi/sv/en (about 90 % on UD Finnish TDT, very fast; no POS tags)."""

    name = "simplemma"

    def __init__(self) -> None:
        _simplemma()

    @property
    def id(self) -> str:
        from importlib.metadata import version

        return f"simplemma/{version('simplemma')}"

    def _lemmatize_fi(self, texts: list[str]) -> list[list[Token]]:
        return [simplemma_tokens(t, "fi") for t in texts]

    def lemmatize_pretokenized(self, sentences: list[list[str]]) -> list[list[Token]]:
        return [[make_token(w, simplemma_lemma(w, "fi"), _punct_upos(w), "fi") for w in s] for s in sentences]
