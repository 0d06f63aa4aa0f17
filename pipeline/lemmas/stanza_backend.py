"""The Stanza backend: a real Stanza pipeline running offline from a local model directory.

The directory has Stanza's own layout, so an official download works unchanged and so does a model trained here::

    <dir>/resources.json            # {"fi": {"default_processors": {"lemma": "<pkg>", "pos": "<pkg>", ...}, ...}}
    <dir>/fi/lemma/<pkg>.pt
    <dir>/fi/pos/<pkg>.pt           # optional; official models also bring pretrain/ and forward_charlm/ ...

Stanza's tokeniser model is never needed: our rule-based tokeniser feeds it with ``tokenize_pretokenized=True``,
and ``download_method=None`` guarantees it never goes online.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas._base import Lemmatizer, Token, make_token
from pipeline.lemmas.tokenize import tokenize_sentences
from pipeline.registry import registry

log = logging.getLogger(__name__)
LANG = "fi"


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:10]


def read_model_dir(model_dir: Path) -> dict[str, str]:
    """The Finnish processors (name → package) a Stanza model directory provides.

    Raises:
        ModelNotAvailableError: no ``resources.json``, no Finnish entry, or no lemma model file.
    """
    hint = (f"no Stanza Finnish model in {model_dir}: run `signaali models pull stanza` on a connected machine "
            f"(or `signaali models train-lemmatizer CONLLU... --out {model_dir}`), or set SIGNAALI_STANZA_MODEL_DIR")
    resources = model_dir / "resources.json"
    if not resources.is_file():
        raise ModelNotAvailableError(f"{hint} (missing {resources})")
    try:
        fi = json.loads(resources.read_text(encoding="utf-8")).get(LANG) or {}
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(f"{resources}: unreadable resources.json: {exc}") from exc
    defaults = dict(fi.get("default_processors") or {})
    lemma = defaults.get("lemma")
    if not lemma or not (model_dir / LANG / "lemma" / f"{lemma}.pt").is_file():
        raise ModelNotAvailableError(f"{hint} (no lemma model {model_dir / LANG / 'lemma' / f'{lemma}.pt'})")
    procs = {"tokenize": defaults.get("tokenize", lemma), "lemma": lemma}
    pos = defaults.get("pos")
    if pos and (model_dir / LANG / "pos" / f"{pos}.pt").is_file():
        procs["pos"] = pos
    return procs


@registry.lemmatizers.register("lemmatizer.stanza.v1")
class StanzaLemmatizer(Lemmatizer):
    """Stanza lemmatiser (+ POS tagger when the directory has one), offline from `model_dir`.

    Arguments:
        model_dir: a Stanza model directory (default: settings.lemmas.stanza_model_dir).
        batch_size: sentences per Stanza call.
    """

    name = "stanza"

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 2000) -> None:
        from pipeline.settings import get_settings

        self.model_dir = Path(model_dir) if model_dir else get_settings().lemmas.stanza_model_dir
        self.batch_size = batch_size
        self.processors_ = read_model_dir(self.model_dir)
        try:
            import stanza
        except ImportError as exc:
            raise ModelNotAvailableError("the stanza backend needs the stanza package: pip install stanza") from exc
        try:
            self._nlp = stanza.Pipeline(
                lang=LANG, dir=str(self.model_dir), package=None, processors=dict(self.processors_),
                tokenize_pretokenized=True, download_method=None, use_gpu=False, logging_level="WARN",
            )
        except Exception as exc:  # noqa: BLE001 - stanza raises many kinds; all mean "this model does not load"
            raise ModelNotAvailableError(f"cannot load the Stanza model in {self.model_dir}: {exc}") from exc
        lemma_file = self.model_dir / LANG / "lemma" / f"{self.processors_['lemma']}.pt"
        tagged = f"+pos:{self.processors_['pos']}" if "pos" in self.processors_ else ""
        self._id = f"stanza/{stanza.__version__}+{self.processors_['lemma']}-{_file_digest(lemma_file)}{tagged}"

    @property
    def id(self) -> str:
        return self._id

    def lemmatize_pretokenized(self, sentences: list[list[str]]) -> list[list[Token]]:
        out: list[list[Token]] = []
        for start in range(0, len(sentences), self.batch_size):
            chunk = [s for s in sentences[start:start + self.batch_size]]
            nonempty = [s for s in chunk if s]
            doc = self._nlp(nonempty) if nonempty else None
            it = iter(doc.sentences if doc else [])
            for s in chunk:
                if not s:
                    out.append([])
                    continue
                sent = next(it)
                out.append([make_token(w.text, w.lemma, w.upos, LANG) for w in sent.words])
        return out

    def _lemmatize_fi(self, texts: list[str]) -> list[list[Token]]:
        per_text = [tokenize_sentences(t) for t in texts]
        flat = [s for sents in per_text for s in sents]
        lemmatized = iter(self.lemmatize_pretokenized(flat))
        return [[tok for _ in sents for tok in next(lemmatized)] for sents in per_text]


def pull_official_model(model_dir: Path) -> Path:
    """Download Stanza's official Finnish tokenize/pos/lemma models into `model_dir` (needs a network).

    Raises:
        ModelNotAvailableError: the download failed (e.g. no network); the message says how to copy it instead.
    """
    try:
        import stanza
    except ImportError as exc:
        raise ModelNotAvailableError("pulling the Stanza model needs the stanza package: pip install stanza") from exc
    model_dir.mkdir(parents=True, exist_ok=True)
    try:
        stanza.download(lang=LANG, model_dir=str(model_dir), processors="tokenize,pos,lemma",
                        logging_level="WARN")
    except Exception as exc:  # noqa: BLE001 - requests/stanza errors; all mean "no download here"
        raise ModelNotAvailableError(
            f"could not download Stanza's Finnish model into {model_dir} ({type(exc).__name__}: {exc}). "
            f"On an offline machine, run this command on a connected one and copy the folder to {model_dir}."
        ) from exc
    read_model_dir(model_dir)
    return model_dir
