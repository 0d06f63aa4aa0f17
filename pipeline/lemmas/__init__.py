"""Lemmatisation: one interface (`Lemmatizer`), several offline backends, stop words, content lemmas.

    >>> lem = get_lemmatizer()            # settings.lemmas.backend, "auto" by default
    >>> toks = lem.lemmatize(["Asiakkaiden hakemukset lisääntyivät."])[0]
    >>> content_lemmas(toks)
    ['hakemus', 'lisääntyä']

Backends (short names; registered as ``lemmatizer.spacy_fi.v2``, ``lemmatizer.stanza.v1``,
``lemmatizer.simplemma.v1``): ``spacy-fi`` (spaCy + Voikko, combined with simplemma: 95.2 % UD TDT), ``stanza`` (a local Stanza model
directory), ``simplemma`` (no native dependencies, 91 %). ``auto`` picks the most accurate one that loads:
Stanza when its directory holds a full tagger + lemmatizer (the official model), else spacy-fi, else simplemma.
An explicitly named backend that cannot load raises `ModelNotAvailableError`: never a silent fallback.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas._base import Lemmatizer, Token, content_lemmas, is_content
from pipeline.lemmas.stopwords import FINNISH_STOPWORDS, is_stopword, stopwords
from pipeline.registry import registry
from pipeline.settings import get_settings

__all__ = [
    "FINNISH_STOPWORDS",
    "Lemmatizer",
    "Token",
    "available_backends",
    "content_lemmas",
    "get_lemmatizer",
    "is_content",
    "is_stopword",
    "release_models",
    "stopwords",
]

log = logging.getLogger(__name__)


def _registered() -> dict[str, str]:
    """Short backend name (``spacy-fi``, the class's ``name``) → registered name (``lemmatizer.spacy_fi.v2``)."""
    return {registry.lemmatizers.get(reg).name: reg for reg in registry.lemmatizers.names()}


def _registry_name(name: str) -> str:
    """The registered name for a short or registered backend name; raises `ModelNotAvailableError` if unknown."""
    short = _registered()
    if name in short:
        return short[name]
    if name in short.values():
        return name
    raise ModelNotAvailableError(f"unknown lemmatizer {name!r}; choose auto, {', '.join(short)} "
                                 f"(registered: {', '.join(short.values())})")


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
    order = ["lemmatizer.spacy_fi.v2", "lemmatizer.simplemma.v1"]
    if _stanza_is_full(get_settings().lemmas.stanza_model_dir):
        order.insert(0, "lemmatizer.stanza.v1")
    return order


def _load(name: str) -> Lemmatizer:
    key = (name, str(get_settings().lemmas.stanza_model_dir))
    with _lock:
        lem = _cache.get(key)
        if lem is None:
            lem = registry.lemmatizers.get(name)()
            _cache[key] = lem
            log.info("lemmatizer loaded: %s", lem.id)
        return lem


def get_lemmatizer(name: str | None = None) -> Lemmatizer:
    """The lemmatiser `name` (loaded once per process).

    Arguments:
        name: "auto", a short name ("spacy-fi", "stanza", "simplemma") or a registered one
            ("lemmatizer.spacy_fi.v2"); None = ``settings.lemmas.backend``.

    Raises:
        ModelNotAvailableError: a named backend that cannot load (with how to provision it), or an unknown name.
    """
    name = (name or get_settings().lemmas.backend or "auto").strip().lower()
    if name == "auto":
        failures = []
        for candidate in _auto_order():
            try:
                return _load(candidate)
            except ModelNotAvailableError as exc:
                failures.append(f"{candidate}: {exc}")
                log.warning("lemmatizer %s not available, trying the next one: %s", candidate, exc)
        raise ModelNotAvailableError("no lemmatizer backend loads: " + "; ".join(failures))
    return _load(_registry_name(name))


def available_backends() -> dict[str, str]:
    """Each backend's status by short name: its id when it loads, else ``"unavailable: <reason>"``."""
    status = {}
    for name, reg in _registered().items():
        try:
            status[name] = _load(reg).id
        except ModelNotAvailableError as exc:
            status[name] = f"unavailable: {exc}"
    return status


def clear_cache() -> None:
    """Forget loaded backends (tests; after a model directory changed)."""
    with _lock:
        _cache.clear()


def release_models() -> None:
    """Free the language models a process loaded for ingest and the lemma step: the shared Finnish spaCy pipeline
    and simplemma's decoded dictionaries (~0.6 GB together, measured). The nightly flow calls this when the lemma
    step is over, before the encoder loads, so the two never sit in memory together; a later user (a report still
    missing lemmas, a warning to scrub) loads them again, correct but slower.
    """
    import gc

    from pipeline.lemmas.dictionary import release_simplemma
    from pipeline.lemmas.spacy_fi import release_finnish_pipeline

    release_finnish_pipeline()
    release_simplemma()
    gc.collect()
