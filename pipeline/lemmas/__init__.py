"""Lemmatisation: one interface (`Lemmatizer`), several offline backends, stop words, content lemmas.

    >>> lem = get_lemmatizer()            # settings.lemmatizer, "auto" by default
    >>> toks = lem.lemmatize(["Asiakkaiden hakemukset lisääntyivät."])[0]
    >>> content_lemmas(toks)
    ['hakemus', 'lisääntyä']

Backends (registered names): ``spacy-fi`` (spaCy + Voikko, combined with simplemma: 95.2 % UD TDT), ``stanza`` (a local Stanza model
directory), ``simplemma`` (no native dependencies, 91 %). ``auto`` picks the most accurate one that loads:
Stanza when its directory holds a full tagger + lemmatizer (the official model), else spacy-fi, else simplemma.
An explicitly named backend that cannot load raises `ModelNotAvailableError`: never a silent fallback.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas._base import Lemmatizer, Token, content_lemmas, is_content
from pipeline.lemmas.stopwords import FINNISH_STOPWORDS, is_stopword, stopwords

__all__ = [
    "BACKENDS",
    "FINNISH_STOPWORDS",
    "Lemmatizer",
    "Token",
    "available_backends",
    "content_lemmas",
    "get_lemmatizer",
    "is_content",
    "is_stopword",
    "stopwords",
]

log = logging.getLogger(__name__)


def _spacy_fi() -> Lemmatizer:
    from pipeline.lemmas.spacy_fi import SpacyFiLemmatizer

    return SpacyFiLemmatizer()


def _stanza() -> Lemmatizer:
    from pipeline.lemmas.stanza_backend import StanzaLemmatizer

    return StanzaLemmatizer()


def _simplemma() -> Lemmatizer:
    from pipeline.lemmas.simplemma_backend import SimplemmaLemmatizer

    return SimplemmaLemmatizer()


BACKENDS: dict[str, Callable[[], Lemmatizer]] = {
    "spacy-fi": _spacy_fi,
    "stanza": _stanza,
    "simplemma": _simplemma,
}

_cache: dict[tuple[str, str], Lemmatizer] = {}
_lock = threading.Lock()


def _stanza_is_full(model_dir: Path) -> bool:
    """True when the Stanza directory has a POS tagger too (the official model, 96 %), not just a lemmatizer."""
    from pipeline.lemmas.stanza_backend import read_model_dir

    try:
        return "pos" in read_model_dir(model_dir)
    except ModelNotAvailableError:
        return False


def _auto_order() -> list[str]:
    from pipeline.settings import get_settings

    order = ["spacy-fi", "simplemma"]
    if _stanza_is_full(get_settings().stanza_model_dir):
        order.insert(0, "stanza")
    return order


def _load(name: str) -> Lemmatizer:
    from pipeline.settings import get_settings

    key = (name, str(get_settings().stanza_model_dir))
    with _lock:
        lem = _cache.get(key)
        if lem is None:
            lem = BACKENDS[name]()
            _cache[key] = lem
            log.info("lemmatizer loaded: %s", lem.id)
        return lem


def get_lemmatizer(name: str | None = None) -> Lemmatizer:
    """The lemmatiser `name` (loaded once per process).

    Arguments:
        name: "auto", "spacy-fi", "stanza" or "simplemma"; None = settings.lemmatizer.

    Raises:
        ModelNotAvailableError: a named backend that cannot load (with how to provision it), or an unknown name.
    """
    from pipeline.settings import get_settings

    name = (name or get_settings().lemmatizer or "auto").strip().lower()
    if name == "auto":
        failures = []
        for candidate in _auto_order():
            try:
                return _load(candidate)
            except ModelNotAvailableError as exc:
                failures.append(f"{candidate}: {exc}")
                log.warning("lemmatizer %s not available, trying the next one: %s", candidate, exc)
        raise ModelNotAvailableError("no lemmatizer backend loads: " + "; ".join(failures))
    if name not in BACKENDS:
        raise ModelNotAvailableError(f"unknown lemmatizer {name!r}; choose auto, {', '.join(BACKENDS)}")
    return _load(name)


def available_backends() -> dict[str, str]:
    """Each backend's status: its id when it loads, else ``"unavailable: <reason>"``."""
    status = {}
    for name in BACKENDS:
        try:
            status[name] = _load(name).id
        except ModelNotAvailableError as exc:
            status[name] = f"unavailable: {exc}"
    return status


def clear_cache() -> None:
    """Forget loaded backends (tests; after a model directory changed)."""
    with _lock:
        _cache.clear()
