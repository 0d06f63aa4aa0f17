"""The Stanza backend runs for real: a tiny lemmatizer trained here from UD Finnish TDT dev, loaded offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.lemmas import content_lemmas
from pipeline.lemmas.stanza_backend import StanzaLemmatizer, read_model_dir
from pipeline.lemmas.stanza_training import train_stanza_lemmatizer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def tiny_stanza_dir(shared_data, tmp_path_factory) -> Path:
    """A Stanza model folder with a small lemmatizer (400 sentences, 1 epoch, big batches: seconds on 2 cores)."""
    out = tmp_path_factory.mktemp("stanza-fi")
    train_stanza_lemmatizer([shared_data / "ud" / "fi_tdt-ud-dev.conllu"], out, package="tiny", epochs=1,
                            max_sentences=400, hidden_dim=32, batch_size=1000)
    return out


def test_trained_folder_has_stanza_layout(tiny_stanza_dir):
    assert (tiny_stanza_dir / "fi" / "lemma" / "tiny.pt").is_file()
    assert read_model_dir(tiny_stanza_dir)["lemma"] == "tiny"


def test_stanza_backend_lemmatises_offline(tiny_stanza_dir):
    lem = StanzaLemmatizer(tiny_stanza_dir)
    assert lem.id.startswith("stanza/") and "tiny-" in lem.id
    text = "Se on hyvä asia. Hän on myös kotona ja lapset ovat koulussa."
    (toks,) = lem.lemmatize([text], ["fi"])
    assert [t.text for t in toks][:4] == ["Se", "on", "hyvä", "asia"]
    lemmas = {t.text: t.lemma for t in toks}
    assert lemmas["on"] == "olla" and lemmas["ovat"] == "olla"  # seen in training: from the dictionary
    assert all(t.upos is None for t in toks)  # no tagger in this folder
    assert "olla" not in content_lemmas(toks) and "." not in content_lemmas(toks)


def test_pretokenized_input_keeps_one_token_per_word(tiny_stanza_dir):
    lem = StanzaLemmatizer(tiny_stanza_dir)
    sentences = [["Lapset", "ovat", "koulussa", "."], [], ["Hän", "on"]]
    out = lem.lemmatize_pretokenized(sentences)
    assert [len(s) for s in out] == [4, 0, 2]


def test_selected_through_settings(tiny_stanza_dir, monkeypatch):
    from pipeline import lemmas
    from pipeline.settings import get_settings

    monkeypatch.setenv("SIGNAALI_LEMMATIZER", "stanza")
    monkeypatch.setenv("SIGNAALI_STANZA_MODEL_DIR", str(tiny_stanza_dir))
    get_settings.cache_clear()
    lemmas.clear_cache()
    try:
        assert lemmas.get_lemmatizer().id.startswith("stanza/")
        # A lemmatizer-only folder is not the official model: auto keeps preferring the more accurate spacy-fi.
        assert not lemmas._stanza_is_full(tiny_stanza_dir)
    finally:
        get_settings.cache_clear()
        lemmas.clear_cache()


def test_cli_trains_a_loadable_model(shared_data, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = tmp_path / "cli-model"
    result = CliRunner().invoke(app, [
        "models", "train-lemmatizer", str(shared_data / "ud" / "fi_tdt-ud-dev.conllu"), "--out", str(out),
        "--dict-only", "--max-sentences", "200", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert Path(doc["model_file"]).is_file() and doc["train_sentences"] == 180
    (toks,) = StanzaLemmatizer(out).lemmatize(["Se on hyvä."], ["fi"])
    assert toks[1].lemma == "olla"


def test_cli_rejects_missing_file(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["models", "train-lemmatizer", str(tmp_path / "nope.conllu")])
    assert result.exit_code != 0
