"""The simplemma backend ``lemmatizer.simplemma.v1``: dictionary lookup, no native dependencies."""

from __future__ import annotations

from pipeline.lemmas._base import Lemmatizer, Token, make_token
from pipeline.lemmas.dictionary import load_simplemma, punct_upos, simplemma_lemma, simplemma_tokens
from pipeline.registry import registry


@registry.lemmatizers.register("lemmatizer.simplemma.v1")
class SimplemmaLemmatizer(Lemmatizer):
    """Dictionary lemmatiser for fi/sv/en (about 90 % on UD Finnish TDT, very fast; no POS tags)."""

    name = "simplemma"

    def __init__(self) -> None:
        load_simplemma()

    @property
    def id(self) -> str:
        from importlib.metadata import version

        return f"simplemma/{version('simplemma')}"

    def _lemmatize_fi(self, texts: list[str]) -> list[list[Token]]:
        return [simplemma_tokens(t, "fi") for t in texts]

    def lemmatize_pretokenized(self, sentences: list[list[str]]) -> list[list[Token]]:
        return [[make_token(w, simplemma_lemma(w, "fi"), punct_upos(w), "fi") for w in s] for s in sentences]
