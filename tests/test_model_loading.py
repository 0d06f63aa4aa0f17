"""Models loaded once per process and kept out of memory when not needed (issue 13; issue 15 item 5).

- simplemma's dictionaries come from this machine's decoded copy, identical to simplemma's own decoding;
- the theme vocabulary's vectors are kept on disk per model, served without a model call the second time;
- one Finnish spaCy pipeline serves pseudonymisation's NER and the lemma step, with the output each had from its
  own pipeline (slow: loads the model twice);
- the ingest, lemma and embeddings steps import no model library when there are no new reports;
- spaCy is imported without torch (thinc would import it), with the same lemmas and entities as with torch.
"""

from __future__ import annotations

import marshal

import numpy as np
import pytest


def test_simplemma_dictionary_from_the_decoded_copy_equals_simplemmas_own(tmp_path):
    from simplemma.strategies.dictionaries import dictionary_factory as df

    from pipeline.lemmas.dictionary import decoded_dictionary

    own = df._load_dictionary_from_disk("en")  # the smallest shipped dictionary
    first = decoded_dictionary("en", tmp_path)  # decodes and writes the copy
    [copy] = list((tmp_path / "simplemma").glob("en-*.marshal"))
    second = decoded_dictionary("en", tmp_path)  # reads the copy
    assert first == own and second == own
    copy.write_bytes(b"\x00broken")  # a truncated or foreign file is rebuilt, never served
    assert decoded_dictionary("en", tmp_path) == own
    assert marshal.loads(copy.read_bytes()) == own


def test_an_unknown_language_is_still_simplemmas_error(tmp_path):
    from pipeline.lemmas.dictionary import decoded_dictionary

    with pytest.raises(ValueError, match="Unsupported language"):
        decoded_dictionary("xx", tmp_path)


def test_language_detection_and_lemmas_go_through_the_fast_dictionaries():
    from simplemma.strategies.dictionaries import dictionary_factory as df

    from pipeline.language import detect_language
    from pipeline.lemmas.dictionary import simplemma_lemma

    assert detect_language("The clients wait for an interpreter for weeks.") == "en"
    assert simplemma_lemma("clients", "en") == "client"
    # the factory's loader is ours (a closure over decoded_dictionary), not simplemma's bound method
    assert getattr(df.DEFAULT_DICTIONARY_FACTORY._get_dictionary, "__wrapped__").__name__ == "build"


class _CountingEmbedder:
    model_id = "counting@1"
    dim = 3

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts, verbose=False):  # noqa: ANN001, ANN201
        self.calls += 1
        return np.array([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32)


def test_fixed_texts_are_embedded_once_per_model_and_list(tmp_path):
    from pipeline.embeddings.cache import FixedTextsEmbedder

    inner = _CountingEmbedder()
    texts = ["mielenterveys ja päihteet", "asuminen", "omaishoito"]
    first = FixedTextsEmbedder(inner, tmp_path).embed(texts)
    again = FixedTextsEmbedder(inner, tmp_path).embed(texts)  # a later run: read from disk
    assert inner.calls == 1 and np.array_equal(first, again)
    FixedTextsEmbedder(inner, tmp_path).embed(texts[:2])  # another list is another entry
    inner.model_id = "counting@2"  # another model (or prompt) too
    FixedTextsEmbedder(inner, tmp_path).embed(texts)
    assert inner.calls == 3
    assert FixedTextsEmbedder(inner, tmp_path).dim == 3  # other attributes are the wrapped embedder's


@pytest.mark.slow
def test_one_finnish_pipeline_serves_ner_and_lemmas_with_unchanged_output():
    import spacy

    from pipeline.lemmas import get_lemmatizer, release_models
    from pipeline.lemmas.spacy_fi import PACKAGE, _combine_with_simplemma, finnish_pipeline
    from pipeline.pseudonymise.ner import default_ner

    lem = get_lemmatizer("spacy-fi")
    ner = default_ner()
    assert ner.nlp is lem._nlp is finnish_pipeline()  # one load per process
    texts = ["Asiakkaamme Eija Hakala muutti Lahdesta Hollolaan, ja hänen poikansa Abdi odottaa tulkkia.",
             "Kelan päätökset viipyvät ja jonot sosiaalityöntekijälle ovat kuukausien mittaisia."]
    # the separate pipelines the two steps loaded before: NER alone, and the lemma components without NER
    ref = spacy.load(PACKAGE)
    _combine_with_simplemma(ref.get_pipe("lemmatizer"))
    with ref.select_pipes(enable=["ner"]):
        ref_ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in ref.pipe(texts)]
    with ref.select_pipes(enable=["tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer"]):
        ref_lemmas = [[(t.text, t.lemma_, t.pos_) for t in d if not t.is_space] for d in ref.pipe(texts)]
    assert [[(e.start, e.end, e.label) for e in s] for s in ner.entities(texts)] == ref_ents
    assert any(label == "PERSON" for s in ref_ents for *_, label in s)
    before = [[(t.text, t.lemma, t.upos) for t in toks] for toks in lem.lemmatize(texts, ["fi", "fi"])]
    assert before == ref_lemmas
    shared = finnish_pipeline()
    release_models()  # after the lemma step: freed; the next use loads it again, same output
    assert finnish_pipeline() is not shared
    assert [[(t.text, t.lemma, t.upos) for t in toks] for toks in lem.lemmatize(texts, ["fi", "fi"])] == before


_SPACY_PROBE = """
import json, sys
if sys.argv[1] == "torch-first":
    import torch  # noqa: F401
from pipeline.lemmas.spacy_fi import finnish_pipeline, run_ner
texts = ["Asiakkaamme Eija Hakala muutti Lahdesta Hollolaan, ja hänen poikansa Abdi odottaa tulkkia.",
         "Kelan päätökset viipyvät ja jonot sosiaalityöntekijälle ovat kuukausien mittaisia."]
nlp = finnish_pipeline()
lemmas = [[(t.text, t.lemma_, t.pos_, str(t.morph)) for t in d] for d in nlp.pipe(texts)]
ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in run_ner(nlp, texts)]
torch_before = "torch" in sys.modules
import torch  # noqa: E402,F401 - a later import (the fp32 encoder, BERTopic) still works
print(json.dumps({"lemmas": lemmas, "ents": ents, "torch_imported": torch_before}))
"""


@pytest.mark.slow
def test_spacy_is_imported_without_torch_and_gives_the_same_lemmas_and_entities():
    import json
    import subprocess
    import sys

    def probe(mode: str) -> dict:
        proc = subprocess.run([sys.executable, "-c", _SPACY_PROBE, mode], capture_output=True, text=True,
                              check=True)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    plain, with_torch = probe("plain"), probe("torch-first")
    assert plain["torch_imported"] is False  # the Finnish pipeline alone does not pull torch in
    assert with_torch["torch_imported"] is True
    assert plain["lemmas"] == with_torch["lemmas"]
    assert plain["ents"] == with_torch["ents"]
    assert any(label == "PERSON" for s in plain["ents"] for *_, label in s)


_NO_NEW_PROBE = """
import json, sys
from pipeline import runs, steps
from pipeline.store import get_engine
engine = get_engine(sys.argv[1])
steps.ingest(engine, [])
pending = runs.pending_report_ids(engine)
steps.lemmas(engine, pending)
steps.embeddings(engine, pending)
print(json.dumps({"pending": len(pending),
                  "loaded": sorted(m for m in ("spacy", "thinc", "torch", "onnxruntime", "sentence_transformers",
                                               "simplemma", "libvoikko") if m in sys.modules)}))
"""


def test_steps_with_no_new_reports_load_no_model(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from pipeline.settings import get_settings

    if not get_settings().embedding_model_path.is_dir():
        pytest.skip("no embedder built (the embeddings step names its model)")
    env = {**os.environ, "SIGNAALI_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-c", _NO_NEW_PROBE, f"sqlite:///{tmp_path / 'store.db'}"],
                          capture_output=True, text=True, check=True, env=env)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["pending"] == 0
    assert out["loaded"] == []  # ingest, the lemma step and the embeddings step import no model library
