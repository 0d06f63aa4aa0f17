"""The int8 ONNX encoder: vectors close to fp32, a failed check or a missing onnxruntime is refused clearly."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
FP32 = ROOT / "models" / "e5-small"


def _need_fp32() -> None:
    if not (FP32 / "modules.json").exists():
        pytest.skip("models/e5-small not built")


def test_build_refused_without_onnxruntime(monkeypatch, tmp_path):
    _need_fp32()
    from pipeline.embeddings.onnx_int8 import build_onnx_int8
    from pipeline.errors import ModelNotAvailableError

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now raises ImportError
    with pytest.raises(ModelNotAvailableError, match="onnxruntime is not installed"):
        build_onnx_int8(FP32, tmp_path / "int8")
    assert not (tmp_path / "int8").exists()


def test_short_names_and_auto(tmp_path):
    from pipeline.embeddings._base import resolve_embedder_name

    assert resolve_embedder_name("onnx-int8", tmp_path / "m") == "embedder.onnx_int8.v1"
    assert resolve_embedder_name("auto", tmp_path / "m") == "embedder.sentence_transformers.v1"  # no int8 build


def test_auto_falls_back_to_fp32_with_a_logged_reason(tmp_path, caplog):
    import json
    import logging

    from pipeline.embeddings import _base
    from pipeline.embeddings._base import resolve_embedder_name
    from pipeline.settings import EmbedderParams

    # auto by default: the int8 build v2 passed bench/int8_gate.py; without it auto falls back to fp32
    assert EmbedderParams().name == "auto"
    fp32 = tmp_path / "e5-small"
    fp32.mkdir()
    with caplog.at_level(logging.WARNING, logger="pipeline.embeddings._base"):
        assert resolve_embedder_name("auto", fp32) == "embedder.sentence_transformers.v1"
    assert "no int8 build at" in caplog.text and "build-embedder --onnx" in caplog.text
    # a build that failed its own check is not used either, and says so
    _base._fallback_logged.clear()
    (tmp_path / "e5-small-onnx-int8").mkdir()
    stamp = tmp_path / "e5-small-onnx-int8" / "signaali_build.json"
    stamp.write_text(json.dumps({"check": {"ok": False, "min_cosine": 0.97}}), encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pipeline.embeddings._base"):
        assert resolve_embedder_name("auto", fp32) == "embedder.sentence_transformers.v1"
    assert "did not pass its own check" in caplog.text
    # a checked build of a builder that did not pass the quality gate (v1) is not used, and says so
    stamp.write_text(json.dumps({"builder": "e5-small-onnx-int8.v1", "check": {"ok": True, "min_cosine": 0.995}}),
                     encoding="utf-8")
    _base._fallback_logged.clear()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pipeline.embeddings._base"):
        assert resolve_embedder_name("auto", fp32) == "embedder.sentence_transformers.v1"
    assert "did not pass the quality gate" in caplog.text and "e5-small-onnx-int8.v1" in caplog.text
    stamp.write_text(json.dumps({"builder": "e5-small-onnx-int8.v2", "check": {"ok": True, "min_cosine": 0.995}}),
                     encoding="utf-8")
    assert resolve_embedder_name("auto", fp32) == "embedder.onnx_int8.v1"


@pytest.fixture(scope="module")
def int8_folder(tmp_path_factory) -> Path:
    _need_fp32()
    built = ROOT / "models" / "e5-small-onnx-int8"
    from pipeline.embeddings.onnx_int8 import build_onnx_int8, int8_ready

    if int8_ready(FP32):
        return built
    out = tmp_path_factory.mktemp("onnx") / "e5-small-onnx-int8"
    build_onnx_int8(FP32, out)
    return out


@pytest.mark.slow
def test_int8_matches_fp32_on_dev_texts(int8_folder, shared_data):
    from sentence_transformers import SentenceTransformer

    from pipeline.embeddings.onnx_int8 import OnnxEncoder
    from pipeline.text import report_text

    with open(shared_data / "reports_dev.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:24]
    texts = [report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", "")) for r in rows]
    ref = SentenceTransformer(str(FP32), device="cpu", local_files_only=True).encode(
        texts, prompt="query: ", normalize_embeddings=True, convert_to_numpy=True)
    enc = OnnxEncoder(model_path=int8_folder, max_batch_tokens=512)  # small cap: several batches, length-sorted
    got = enc.embed(texts)
    assert got.shape == ref.shape and got.dtype == np.float32
    cos = np.sum(ref * got, axis=1)
    assert cos.min() >= 0.99, cos.min()


@pytest.mark.slow
def test_failed_check_installs_nothing(int8_folder, tmp_path):
    from pipeline.embeddings.onnx_int8 import OnnxCheckError, build_onnx_int8

    out = tmp_path / "refused"
    with pytest.raises(OnnxCheckError, match="refused") as info:
        build_onnx_int8(FP32, out, min_cosine=1.01)  # no cosine reaches 1.01: the check must fail
    assert info.value.report["check"]["ok"] is False
    assert not out.exists()


def test_builder_versions_keep_their_recipes(tmp_path):
    from pipeline.embeddings.identity import GATED_INT8_BUILDERS
    from pipeline.embeddings.onnx_int8 import BUILDER_VERSION, BUILDERS, build_onnx_int8

    assert BUILDERS["e5-small-onnx-int8.v1"]["nodes_kept_fp32"] == ()  # v1: every MatMul int8, as it was built
    kept = BUILDERS["e5-small-onnx-int8.v2"]["nodes_kept_fp32"]
    assert len(kept) == 18 and all(n.startswith(("/m/encoder/layer.0/", "/m/encoder/layer.4/",
                                                 "/m/encoder/layer.5/")) for n in kept)
    assert BUILDER_VERSION in GATED_INT8_BUILDERS and "e5-small-onnx-int8.v1" not in GATED_INT8_BUILDERS
    with pytest.raises(ValueError, match="unknown int8 builder 'e5-small-onnx-int8.v9'"):
        build_onnx_int8(tmp_path / "none", tmp_path / "out", builder="e5-small-onnx-int8.v9")


def test_built_v2_keeps_its_listed_matmuls_fp32(int8_folder):
    import json

    import onnx

    stamp = json.loads((int8_folder / "signaali_build.json").read_text(encoding="utf-8"))
    if stamp["builder"] != "e5-small-onnx-int8.v2":
        pytest.skip(f"the int8 build here is {stamp['builder']}")
    graph = onnx.load(str(int8_folder / "model.onnx"), load_external_data=False).graph
    by_name = {n.name: n.op_type for n in graph.node}
    assert stamp["nodes_kept_fp32"] and all(by_name.get(n) == "MatMul" for n in stamp["nodes_kept_fp32"])
    assert sum(op == "MatMulInteger" for op in by_name.values()) == 72 - len(stamp["nodes_kept_fp32"])
