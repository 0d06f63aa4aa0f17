"""The lemmatiser interface every backend implements, and the records it returns.

A backend lemmatises Finnish; texts in other languages are routed to simplemma with their own language, so every
backend answers for fi, sv and en alike.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass

from pipeline.lemmas.stopwords import is_stopword

# UD parts of speech that never carry a theme word.
NON_CONTENT_UPOS = frozenset({"PUNCT", "NUM", "SYM", "X", "SPACE"})


@dataclass(frozen=True)
class Token:
    """One word of a text.

    Attributes:
        text: the surface form as written.
        lemma: its base form (case as the backend gives it; `content_lemmas` lowercases).
        upos: the Universal POS tag when the backend tags, else None.
        is_stop: True when the lemma is on the stop-word list of the text's language.
    """

    text: str
    lemma: str
    upos: str | None
    is_stop: bool


def make_token(text: str, lemma: str | None, upos: str | None, language: str) -> Token:
    """A `Token` whose stop flag comes from the curated list of `language` (never from a backend's own list)."""
    lemma = lemma or text
    return Token(text=text, lemma=lemma, upos=upos or None, is_stop=is_stopword(lemma, language))


def is_content(token: Token) -> bool:
    """True when `token` is a content word: not a stop word, not punctuation, not a number or symbol."""
    if token.is_stop or (token.upos in NON_CONTENT_UPOS):
        return False
    # Backends without tags (simplemma) still must drop "12", "%", "--": keep only tokens with a letter.
    return any(ch.isalpha() for ch in token.lemma)


def content_lemmas(tokens: list[Token]) -> list[str]:
    """The lowercased lemmas of a text's content words, in order.

    Arguments:
        tokens: the tokens of one text, as `Lemmatizer.lemmatize` returns them.

    Returns:
        Lemmas without stop words, punctuation, numbers or symbols, lowercased, compound marks (`#`) removed.
    """
    return [t.lemma.replace("#", "").lower() for t in tokens if is_content(t)]


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
            from pipeline.lemmas.simplemma_backend import simplemma_tokens

            for i in other:
                out[i] = simplemma_tokens(texts[i], languages[i])
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r})"
