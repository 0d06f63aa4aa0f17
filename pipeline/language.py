"""Offline language identification of report texts: Finnish, Swedish or English.

simplemma's dictionary-coverage detector restricted to our three languages (the share of words each language's
lemma dictionary knows), with a stop-word count as the tie-breaker for very short or unknown-word texts.
Finnish is the answer when nothing else is clearly more likely: most reports are Finnish.
"""

from __future__ import annotations

import re

from pipeline.lemmas.stopwords import stopwords

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
# Below this dictionary coverage the detector is guessing; fall back to stop words.
_MIN_COVERAGE = 0.3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stopword_vote(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {lang: sum(w in stopwords(lang) for w in words) for lang in LANGUAGES}
    best = max(LANGUAGES, key=lambda lang: (counts[lang], lang == DEFAULT_LANGUAGE))
    return best if counts[best] > 0 else DEFAULT_LANGUAGE


_SAMPLE_CHARS = 600


def detect_language(text: str) -> str:
    """The language of `text`: "fi", "sv" or "en".

    Arguments:
        text: a report text (any length; empty or unrecognisable text counts as Finnish).
    """
    if not text or not _WORD.search(text):
        return DEFAULT_LANGUAGE
    from pipeline.lemmas.dictionary import load_simplemma

    langdetect = load_simplemma().langdetect
    # The opening of a report decides its language; scoring all of a long text costs time and changes nothing.
    text = text[:_SAMPLE_CHARS]
    scores = dict(langdetect(text, lang=LANGUAGES))
    best = max(LANGUAGES, key=lambda lang: (scores.get(lang, 0.0), lang == DEFAULT_LANGUAGE))
    if scores.get(best, 0.0) < _MIN_COVERAGE:
        return _stopword_vote(text)
    return best
