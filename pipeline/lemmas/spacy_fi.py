"""The spacy-fi backend: spaCy + ``spacy-fi-experimental-web-md``, whose lemmatiser picks among Voikko's analyses
with the tagger's POS and the parser's dependency labels (94 % on UD Finnish TDT).

Needs the native Voikko library and Finnish dictionary (Debian: ``apt-get install libvoikko1 voikko-fi``).
"""

from __future__ import annotations

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas._base import Lemmatizer, Token, make_token

PACKAGE = "spacy_fi_experimental_web_md"
# The named-entity recogniser does not feed the lemmatiser; leaving it out saves a fifth of the time.
_EXCLUDE = ["ner"]
_INSTALL_HINT = (
    "the spacy-fi backend needs spaCy, the model package spacy-fi-experimental-web-md and the native Voikko "
    "library with its Finnish dictionary (Debian/Ubuntu: apt-get install libvoikko1 voikko-fi)"
)


class SpacyFiLemmatizer(Lemmatizer):
    """spaCy Finnish pipeline with the Voikko lemmatiser.

    Arguments:
        batch_size: texts per spaCy batch.
    """

    name = "spacy-fi"

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        try:
            import libvoikko

            libvoikko.Voikko("fi").terminate()
        except (ImportError, OSError, Exception) as exc:  # noqa: BLE001 - libvoikko raises bare OSError/Exception
            raise ModelNotAvailableError(f"{_INSTALL_HINT}: {exc}") from exc
        try:
            import spacy

            self._nlp = spacy.load(PACKAGE, exclude=_EXCLUDE)
        except (ImportError, OSError) as exc:
            raise ModelNotAvailableError(f"{_INSTALL_HINT}: {exc}") from exc
        self._version = self._nlp.meta.get("version", "?")

    @property
    def id(self) -> str:
        return f"spacy-fi/{self._version}+voikko"

    def _tokens(self, doc) -> list[Token]:  # noqa: ANN001 - spacy Doc
        return [make_token(t.text, t.lemma_, t.pos_ or None, "fi") for t in doc if not t.is_space]

    def _lemmatize_fi(self, texts: list[str]) -> list[list[Token]]:
        return [self._tokens(doc) for doc in self._nlp.pipe(texts, batch_size=self.batch_size)]

    def lemmatize_pretokenized(self, sentences: list[list[str]]) -> list[list[Token]]:
        from spacy.tokens import Doc

        docs = (Doc(self._nlp.vocab, words=s, spaces=[True] * len(s)) for s in sentences)
        out = []
        for doc in self._nlp.pipe(docs, batch_size=self.batch_size * 4):
            out.append([make_token(t.text, t.lemma_, t.pos_ or None, "fi") for t in doc])
        return out
