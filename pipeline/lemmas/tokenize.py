"""A rule-based tokeniser and sentence splitter for backends without their own (Stanza, simplemma).

Stanza's tokeniser needs a model we may not have; lemmas barely depend on tokenisation details, so regular
expressions suffice (words with inner hyphens, colons and apostrophes stay whole: ``EU:n``, ``sosiaali-``).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+(?:[-:'’.,]\w+)*-?|[^\w\s]", re.UNICODE)
# A sentence ends at a line break, or at . ! ? followed by space and a capital/digit/quote.
_SENT_END = re.compile(r"\n+|(?<=[.!?])[\"”»)]?\s+(?=[\"“«(]?[A-ZÅÄÖ0-9])")


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` (non-empty, stripped)."""
    return [s.strip() for s in _SENT_END.split(text) if s and s.strip()]


def tokenize(text: str) -> list[str]:
    """The words and punctuation marks of `text`, in order."""
    return _TOKEN.findall(text)


def tokenize_sentences(text: str) -> list[list[str]]:
    """`text` as sentences of words (the input shape of ``tokenize_pretokenized=True``)."""
    return [toks for toks in (tokenize(s) for s in split_sentences(text)) if toks]
