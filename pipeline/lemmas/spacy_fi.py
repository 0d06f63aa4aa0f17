"""The spacy-fi backend: spaCy + ``spacy-fi-experimental-web-md``, whose lemmatiser picks among Voikko's analyses
with the tagger's POS and the parser's dependency labels (94 % on UD Finnish TDT).

Needs the native Voikko library and Finnish dictionary (Debian: ``apt-get install libvoikko1 voikko-fi``).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas._base import Lemmatizer, Token, make_token
from pipeline.registry import registry

PACKAGE = "spacy_fi_experimental_web_md"
# The named-entity recogniser does not feed the lemmatiser; leaving it out saves a fifth of the time.
_EXCLUDE = ["ner", "parser"]  # lemmas need tagger + morphologizer only
# The shared pipeline keeps ``ner`` (pseudonymisation calls it alone) but disabled, so ``nlp.pipe`` runs exactly the
# lemma components; the parser feeds neither.
_SHARED_EXCLUDE = ["parser"]
NER = "ner"
_INSTALL_HINT = (
    "the spacy-fi backend needs spaCy, the model package spacy-fi-experimental-web-md and the native Voikko "
    "library with its Finnish dictionary (Debian/Ubuntu: apt-get install libvoikko1 voikko-fi)"
)


# Bump when the combination rules below change: the lemma cache is keyed by the backend id.
COMBINE_VERSION = "sm3"  # sm3: dependency parser excluded (not used by the lemmatiser; +20 % speed)
_COLLOQUIAL = Path(__file__).parent / "data" / "colloquial_fi.tsv"


def _guess_name(orth: str) -> str | None:
    """Strip a Finnish case ending from a name Voikko does not know ("Arduinolla" -> Arduino)."""
    m = re.fullmatch(r"(\w{3,}?[aeiouyäö])(?:n|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|na|nä|ksi|a|ä)", orth)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\w{3,}([aeiouyäö]))\2n", orth)  # illative: "Arduinoon"
    return m.group(1) if m else None


@lru_cache(maxsize=1)
def colloquial_lexicon() -> dict[str, tuple[str, frozenset[str]]]:
    """Spoken-Finnish forms Voikko does not know: form → (lemma, UPOS tags the entry applies to)."""
    lexicon = {}
    for line in _COLLOQUIAL.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, lemma, *tags = line.split("\t")
        lexicon[form] = (lemma, frozenset(t for t in (tags[0] if tags else "").split(",") if t))
    return lexicon


def _combine_with_simplemma(pipe) -> None:  # noqa: ANN001 - the VoikkoLemmatizer component
    """Improve the Voikko component with simplemma's corpus-derived dictionary and a few rules.

    1. Voikko often has several analyses of a word with the tagged POS ("vuotta": vuo / vuosi); the component takes
       the first. When simplemma's lemma (the corpus-frequent reading) is one of them, take that one instead.
    2. Words Voikko cannot analyse (new compounds, loans, drug names) get simplemma's lemma, or the spoken-Finnish
       lexicon's, instead of the word itself; unknown names lose their case ending ("Arduinolla" -> Arduino);
       unknown numbers and symbols keep their case.
    Each rule was kept only if it helped on UD TDT dev (tried and dropped: lowercasing names Voikko knows only as
    common words, stripping clitics from adverbs).
    """
    from pipeline.lemmas.dictionary import load_simplemma

    simplemma = load_simplemma()

    def sm(word: str) -> str:
        return simplemma.lemmatize(word, lang="fi")

    sm("asiakkaiden")  # loads simplemma's Finnish dictionary (seconds) now, not inside the first batch

    first_analysis = pipe._disambiguate_analyses
    base_lemmatize = pipe.lemmatize
    lexicon = colloquial_lexicon()

    def disambiguate(token, analyses):  # noqa: ANN001, ANN202 - spaCy token, Voikko analyses
        best = first_analysis(token, analyses)
        if len(analyses) > 1:
            compatible = [a for a in analyses if pipe._analysis_has_compatible_pos(token, a)] or analyses
            target = sm(token.orth_.lower())
            if best.get("BASEFORM", "").lower() != target:
                for analysis in compatible:
                    if analysis.get("BASEFORM", "").lower() == target:
                        return analysis
        return best

    def lemmatize(token, analysis):  # noqa: ANN001, ANN202
        entry = lexicon.get(token.orth_.lower())
        if entry and (token.pos_ in entry[1] or (not entry[1] and not analysis)):
            return entry[0]
        pos, orth = token.pos_, token.orth_
        if pos in ("NUM", "SYM") and not analysis:
            return orth  # "79/112/ETY", "COVID-19": keep the case; the component would lowercase them
        lemma = base_lemmatize(token, analysis)
        if pos == "PROPN" and not analysis:
            guess = _guess_name(orth)
            if guess:
                return guess
        if not analysis and token.pos_ not in ("PUNCT", "SYM", "NUM", "SPACE"):
            guess = sm(token.orth_)
            if guess.lower() != token.orth_.lower():
                return guess
        return lemma

    # Instance attributes shadow the class's methods, which the component calls through `self`.
    pipe._disambiguate_analyses = disambiguate
    pipe.lemmatize = lemmatize


_shared: dict[bool, object] = {}
_shared_lock = threading.Lock()


def import_spacy():  # noqa: ANN201 - the spacy module
    """``import spacy`` without importing torch, unless this process has imported torch already.

    thinc (spaCy's layer library) imports torch when it is installed, only to offer torch-backed layers and
    devices; the Finnish pipeline's layers run on thinc's numpy ops and never call it. torch took 3-4 s of every
    nightly run's ingest (spaCy's import 5.9 -> 2.1 s at load 1), also in runs whose encoder is the int8 ONNX one
    and which need no torch at all. thinc then records ``has_torch = False`` for this process; a later
    ``import torch`` (the fp32 encoder, BERTopic) works as usual, since only thinc's optional torch layers, which no
    pipeline here uses, see torch as absent.
    """
    import sys

    if "spacy" in sys.modules or "torch" in sys.modules or "thinc" in sys.modules:
        import spacy

        return spacy
    # A None entry makes ``import torch`` raise ImportError, the case thinc.compat handles as "not installed".
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def finnish_pipeline(combine: bool = True):  # noqa: ANN201 - spacy.Language
    """The Finnish spaCy pipeline, loaded once per process and shared by the lemma step and pseudonymisation's NER.

    Ingest and the lemma step used to load the package once each (seconds and ~300 MB each). Both now use this
    object: ``nlp.pipe`` runs the lemma components (tok2vec, tagger, morphologizer, attribute ruler, lemmatizer;
    ``ner`` is disabled), and `run_ner` runs the ``ner`` component alone, which carries its own token-to-vector
    layer, so each caller gets the same output as from its own separately loaded pipeline.

    Arguments:
        combine: the lemmatiser combined with simplemma (`_combine_with_simplemma`); the NER output does not
            depend on it.

    Raises:
        ModelNotAvailableError: spaCy, the model package or Voikko missing (with how to install them).
    """
    with _shared_lock:
        nlp = _shared.get(combine)
        if nlp is None:
            try:
                import libvoikko

                libvoikko.Voikko("fi").terminate()
            except (ImportError, OSError, Exception) as exc:  # noqa: BLE001 - libvoikko raises bare OSError/Exception
                raise ModelNotAvailableError(f"{_INSTALL_HINT}: {exc}") from exc
            try:
                spacy = import_spacy()
                nlp = spacy.load(PACKAGE, exclude=_SHARED_EXCLUDE)
            except (ImportError, OSError) as exc:
                raise ModelNotAvailableError(f"{_INSTALL_HINT}: {exc}") from exc
            nlp.disable_pipe(NER)
            if combine:
                _combine_with_simplemma(nlp.get_pipe("lemmatizer"))
            _shared[combine] = nlp
        return nlp


def run_ner(nlp, texts: list[str], batch_size: int = 64):  # noqa: ANN001, ANN201 - Language in, Docs out
    """The ``ner`` component of `finnish_pipeline` alone on `texts` (tokenised, no other component run): an
    iterator of Docs with ``ents`` set, in input order."""
    return nlp.get_pipe(NER).pipe((nlp.make_doc(t) for t in texts), batch_size=batch_size)


def release_finnish_pipeline() -> None:
    """Forget the shared pipeline (after the lemma step, so its memory is free before the encoder loads); the
    next user loads it again."""
    with _shared_lock:
        _shared.clear()


@registry.lemmatizers.register("lemmatizer.spacy_fi.v2")
class SpacyFiLemmatizer(Lemmatizer):
    """spaCy Finnish pipeline with the Voikko lemmatiser, optionally combined with simplemma's dictionary.

    Arguments:
        batch_size: texts per spaCy batch.
        combine: let simplemma choose among Voikko's analyses and fill in words Voikko does not know
            (UD TDT test 94.1 -> 95.2 %, FTB 89.6 -> 90.9 %, OOD 92.4 -> 93.2 %; same speed).
        n_process: spaCy worker processes for raw texts (``nlp.pipe(n_process=...)``); 1 = this process
            (bench/lemmas.py ``--throughput`` measures 1 vs 2 on a nightly shard).
    """

    name = "spacy-fi"

    def __init__(self, batch_size: int = 64, combine: bool = True, n_process: int = 1) -> None:
        self.batch_size = batch_size
        self.combine = combine
        self.n_process = n_process
        self._own_nlp = None
        self._version = self._nlp.meta.get("version", "?")  # loads the shared pipeline: fails here if it cannot

    @property
    def _nlp(self):  # noqa: ANN202 - spacy.Language
        """The process's shared pipeline (`finnish_pipeline`), fetched per call so that releasing it frees it;
        a benchmark may set a pipeline of its own."""
        return self._own_nlp if self._own_nlp is not None else finnish_pipeline(self.combine)

    @_nlp.setter
    def _nlp(self, nlp) -> None:  # noqa: ANN001
        self._own_nlp = nlp

    @property
    def id(self) -> str:
        suffix = f"+simplemma.{COMBINE_VERSION}" if self.combine else ""
        return f"spacy-fi/{self._version}+voikko{suffix}"

    def _tokens(self, doc) -> list[Token]:  # noqa: ANN001 - spacy Doc
        return [make_token(t.text, t.lemma_, t.pos_ or None, "fi") for t in doc if not t.is_space]

    def _lemmatize_fi(self, texts: list[str]) -> list[list[Token]]:
        return [self._tokens(doc) for doc in self._nlp.pipe(texts, batch_size=self.batch_size,
                                                            n_process=self.n_process)]

    def lemmatize_pretokenized(self, sentences: list[list[str]]) -> list[list[Token]]:
        from spacy.tokens import Doc

        docs = (Doc(self._nlp.vocab, words=s, spaces=[True] * len(s)) for s in sentences)
        out = []
        for doc in self._nlp.pipe(docs, batch_size=self.batch_size * 4):
            out.append([make_token(t.text, t.lemma_, t.pos_ or None, "fi") for t in doc])
        return out
