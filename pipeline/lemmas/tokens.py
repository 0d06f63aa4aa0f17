"""The records lemmatisers return (`Token`) and the content-word rule every backend shares."""

from __future__ import annotations

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
