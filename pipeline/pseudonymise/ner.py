"""Statistical detectors behind the name rules: the named-entity recogniser of `spacy-fi-experimental-web-md` and
Voikko's morphological lexicon.

The recogniser is the ``ner`` component of the process's one Finnish pipeline, the object the lemma step uses too
(`pipeline.lemmas.spacy_fi.finnish_pipeline`: one load per process, not one per step). It carries its own
token-to-vector layer (the pipeline's shared ``tok2vec`` feeds the tagger and morphologiser only), so it runs alone
on tokenised sentences. It is run per sentence, and only on the sentences where its answer can change a decision
(see `persons.py`), which keeps its cost to a fraction of the lemma step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from pipeline.errors import ModelNotAvailableError

log = logging.getLogger(__name__)

PACKAGE = "spacy_fi_experimental_web_md"
NER_ID = f"ner:{PACKAGE}"
_INSTALL_HINT = (
    "pseudonymisation uses the named-entity recogniser of the spaCy package spacy-fi-experimental-web-md and the "
    "Voikko Finnish dictionary (Debian/Ubuntu: apt-get install libvoikko1 voikko-fi); set SIGNAALI_PSEUDONYMISE_NER="
    "false to run on rules and lists alone (lower recall on names no list holds)"
)
PERSON = "PERSON"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ORG_LABELS = frozenset({"ORG", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})


@dataclass(frozen=True)
class NerSpan:
    """One entity the recogniser found: character offsets into the text it was given and its label."""

    start: int
    end: int
    label: str


class SpacyNer:
    """The ``ner`` component of the process's shared Finnish spaCy pipeline, loaded on first use.

    Arguments:
        batch_size: sentences per `nlp.pipe` batch.
    """

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size

    @property
    def nlp(self):  # noqa: ANN201 - spacy Language
        # Fetched per call, not kept: the shared pipeline is released after the lemma step to free its memory.
        from pipeline.lemmas.spacy_fi import finnish_pipeline

        try:
            nlp = finnish_pipeline()
        except ModelNotAvailableError as exc:
            raise ModelNotAvailableError(f"{_INSTALL_HINT}: {exc}") from exc
        self.version_ = nlp.meta.get("version", "?")
        return nlp

    @property
    def id(self) -> str:
        if getattr(self, "version_", None) is None:
            self.nlp  # noqa: B018 - loads the model so the version is known
        return f"{NER_ID}/{self.version_}"

    def entities(self, sentences: list[str]) -> list[list[NerSpan]]:
        """Entities of each sentence, offsets relative to that sentence."""
        if not sentences:
            return []
        from pipeline.lemmas.spacy_fi import run_ner

        return [
            [NerSpan(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in run_ner(self.nlp, sentences, batch_size=self.batch_size)
        ]


@lru_cache(maxsize=1)
def default_ner() -> SpacyNer:
    """One recogniser per process (the model takes seconds to load)."""
    return SpacyNer()


# ------------------------------------------------------------------------------------------------ Voikko lexicon

NAME_CLASSES = frozenset({"etunimi", "sukunimi"})
PLACE_CLASS = "paikannimi"
PROPER_CLASS = "nimi"  # other proper nouns (organisations, brands)


@lru_cache(maxsize=1)
def _voikko():  # noqa: ANN202 - libvoikko.Voikko
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError, Exception) as exc:  # noqa: BLE001 - libvoikko raises bare OSError/Exception
        raise ModelNotAvailableError(f"{_INSTALL_HINT}: {exc}") from exc


@lru_cache(maxsize=200_000)
def voikko_classes(word: str) -> frozenset[str]:
    """Voikko's word classes for `word` in any inflected form ("Hakalan" -> {"sukunimi"}, "Toivo" -> {"etunimi",
    "nimisana", "teonsana"}); empty when Voikko does not know the word at all."""
    return frozenset(a.get("CLASS", "") for a in _voikko().analyze(word))
