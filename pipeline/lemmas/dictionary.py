"""simplemma's dictionary lookup of a word or text: the non-Finnish route of every backend, and the simplemma backend."""

from __future__ import annotations

from functools import lru_cache

from pipeline.lemmas.tokenize import tokenize
from pipeline.lemmas.tokens import Token, make_token


@lru_cache(maxsize=1)
def load_simplemma():  # noqa: ANN202 - module object
    import simplemma  # a core dependency, imported on first use: the CLI's start-up does not need it

    return simplemma


def punct_upos(word: str) -> str | None:
    # simplemma does not tag; marking punctuation and numbers lets content_lemmas drop them the same way for
    # every backend.
    if not any(ch.isalnum() for ch in word):
        return "PUNCT"
    if not any(ch.isalpha() for ch in word):
        return "NUM"
    return None


def simplemma_lemma(word: str, language: str) -> str:
    """The simplemma lemma of one word (the word itself when simplemma does not know it)."""
    if punct_upos(word):
        return word
    return load_simplemma().lemmatize(word, lang=language)


def simplemma_tokens(text: str, language: str) -> list[Token]:
    """Tokenise and lemmatise one text with simplemma in `language` ("fi", "sv", "en")."""
    return [make_token(w, simplemma_lemma(w, language), punct_upos(w), language) for w in tokenize(text)]
