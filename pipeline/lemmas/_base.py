"""The lemmatiser interface every backend implements (records: `pipeline.lemmas.tokens`).

A backend lemmatises Finnish; texts in other languages are routed to simplemma with their own language, so every
backend answers for fi, sv and en alike.
"""

from __future__ import annotations

import abc

from pipeline.lemmas.dictionary import simplemma_tokens
from pipeline.lemmas.tokens import NON_CONTENT_UPOS, Token, content_lemmas, is_content, make_token

__all__ = ["Lemmatizer", "NON_CONTENT_UPOS", "Token", "content_lemmas", "is_content", "make_token"]


class Lemmatizer(abc.ABC):
    """A lemmatiser backend: texts in, tokens with lemmas out.

    Subclasses implement `_lemmatize_fi` (raw Finnish texts) and `lemmatize_pretokenized` (gold-tokenised Finnish
    sentences, for the benchmark). Texts in other languages go to simplemma with their own language.
    """

    name: str = ""

    @property
    @abc.abstractmethod
    def id(self) -> str:
        """Backend and model version, e.g. ``spacy-fi/0.15.0+voikko``: the lemma cache key and the run record."""

    @abc.abstractmethod
    def _lemmatize_fi(self, texts: list[str]) -> list[list[Token]]:
        """Lemmatise Finnish texts (tokenising them the backend's way)."""

    @abc.abstractmethod
    def lemmatize_pretokenized(self, sentences: list[list[str]]) -> list[list[Token]]:
        """Lemmatise Finnish sentences that are already split into words (one output token per input word).

        Arguments:
            sentences: each sentence as its list of words.
        """

    def lemmatize(self, texts: list[str], languages: list[str] | None = None) -> list[list[Token]]:
        """Lemmatise texts in one batch.

        Arguments:
            texts: raw texts (reports), any length.
            languages: the language of each text ("fi", "sv", "en"); None = detect each text's language.

        Returns:
            One list of tokens per text, in input order.
        """
        if languages is None:
            from pipeline.language import detect_language

            languages = [detect_language(t) for t in texts]
        if len(languages) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(languages)} languages")
        out: list[list[Token]] = [[] for _ in texts]
        fi_idx = [i for i, lang in enumerate(languages) if lang == "fi" and texts[i].strip()]
        if fi_idx:
            for i, toks in zip(fi_idx, self._lemmatize_fi([texts[i] for i in fi_idx])):
                out[i] = toks
        other = [i for i, lang in enumerate(languages) if lang != "fi" and texts[i].strip()]
        if other:
            for i in other:
                out[i] = simplemma_tokens(texts[i], languages[i])
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r})"
