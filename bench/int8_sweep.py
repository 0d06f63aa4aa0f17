"""Which int8 quantisation of e5-small keeps closest to fp32: cosine on the dev texts per variant (issue 13 tuning).

Exports the fp32 folder to ONNX once, then quantises it (ONNX Runtime dynamic int8, MatMul weights) in several
variants: every MatMul (the v1 build), one encoder layer only (which layers cost the most cosine), and whole
layers or sub-blocks left in fp32 (``nodes_to_exclude``). Each variant embeds the 260 dev texts with
``OnnxEncoder``; the figure is its cosine to the fp32 sentence-transformers vectors of the same texts (min, p01,
mean, and ``loss`` = 1 - mean). Tuning only: the dev set is the tuning set; the gate (bench/int8_gate.py) judges.

    .venv/bin/python bench/int8_sweep.py [--work /tmp/int8-sweep] [--variants NAME,...] [--out bench/results/int8_sweep.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAYERS = 12
WEIGHT_MATMULS = ("attention/self/query", "attention/self/key", "attention/self/value", "attention/output/dense",
                  "intermediate/dense", "output/dense")


def node(layer: int, part: str) -> str:
    """The exported graph's name of one weight MatMul (``_export_fp32`` names the wrapped model ``m``)."""
    return f"/m/encoder/layer.{layer}/{part}/MatMul"


def all_nodes() -> list[str]:
    return [node(i, p) for i in range(LAYERS) for p in WEIGHT_MATMULS]


def variants() -> dict[str, dict]:
    """Variant name -> {exclude: nodes kept fp32, per_channel, reduce_range}."""
    v: dict[str, dict] = {"all_per_channel": {"exclude": []},
                          "all_per_channel_reduce_range": {"exclude": [], "reduce_range": True}}
    for i in range(LAYERS):  # quantise layer i only: the cosine it alone costs
        v[f"only_layer{i}"] = {"exclude": [n for n in all_nodes() if f"/layer.{i}/" not in n]}
    for keep in ((0, 4), (0, 4, 5), (0, 4, 5, 11)):  # the costliest layers (only_layer*) kept fp32 whole
        v["keep_layers_" + "_".join(map(str, keep))] = {"exclude": [node(i, p) for i in keep for p in WEIGHT_MATMULS]}
    for part in WEIGHT_MATMULS:  # quantise one kind of MatMul only (all layers)
        v[f"only_{part.replace('/', '_')}"] = {"exclude": [n for n in all_nodes() if f"/{part}/" not in n]}
    for part in WEIGHT_MATMULS:  # keep one kind in fp32 (all layers)
        v[f"keep_{part.replace('/', '_')}"] = {"exclude": [node(i, part) for i in range(LAYERS)]}
    return v


def build_variant(fp32_onnx: Path, fp32_folder: Path, out: Path, spec: dict) -> float:
    """Quantise into ``out`` (model.onnx, tokenizer.json, build record); returns the seconds it took."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from pipeline.embeddings.identity import STAMP_FILE

    t0 = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    quantize_dynamic(str(fp32_onnx), str(out / "model.onnx"), weight_type=QuantType.QInt8,
                     per_channel=spec.get("per_channel", True), reduce_range=spec.get("reduce_range", False),
                     op_types_to_quantize=["MatMul"], nodes_to_exclude=list(spec["exclude"]))
    shutil.copy(fp32_folder / "tokenizer.json", out / "tokenizer.json")
    special = json.loads((fp32_folder / "special_tokens_map.json").read_text(encoding="utf-8"))
    from tokenizers import Tokenizer

    tk = Tokenizer.from_file(str(fp32_folder / "tokenizer.json"))
    (out / STAMP_FILE).write_text(json.dumps({
        "builder": "int8-sweep", "dim": 384, "max_length": 512, "bos_id": tk.token_to_id(special["bos_token"]),
        "eos_id": tk.token_to_id(special["eos_token"]), "pad_id": tk.token_to_id(special["pad_token"]),
        "weights_sha256": out.name.encode().hex().ljust(12, "0")}), encoding="utf-8")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/int8-sweep"))
    ap.add_argument("--variants", default="", help="comma-separated variant names (default all)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "int8_sweep.json")
    ap.add_argument("--texts", type=int, default=0, help="score on every k-th dev text so that about this many "
                    "remain (0 = all 260; fewer for a quick ranking under load)")
    args = ap.parse_args(argv)
    from bench.int8_gate import dev_texts
    from pipeline.embeddings.onnx_int8 import OnnxEncoder, _export_fp32
    from pipeline.settings import get_settings

    fp32 = get_settings().embedding_model_path
    args.work.mkdir(parents=True, exist_ok=True)
    texts = dev_texts()
    fp32_onnx, ref_npy = args.work / "fp32.onnx", args.work / "ref.npy"
    if not fp32_onnx.exists():
        _export_fp32(fp32, fp32_onnx)
    if not ref_npy.exists():
        from sentence_transformers import SentenceTransformer

        ref = SentenceTransformer(str(fp32), device="cpu", local_files_only=True).encode(
            texts, prompt="query: ", normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        np.save(ref_npy, ref)
    ref = np.load(ref_npy)
    if args.texts:
        step = max(1, len(texts) // args.texts)
        texts, ref = texts[::step], ref[::step]
    todo = variants()
    if args.variants:
        todo = {k: todo[k] for k in args.variants.split(",")}
    try:
        results = json.loads(args.out.read_text(encoding="utf-8"))["variants"]
    except (OSError, ValueError, KeyError):
        results = {}
    for name, spec in todo.items():
        folder = args.work / "c" / name
        t_build = build_variant(fp32_onnx, fp32, folder, spec)
        t0 = time.perf_counter()
        got = OnnxEncoder(model_path=folder).embed(texts)
        t_embed = time.perf_counter() - t0
        cos = np.sum(ref * got, axis=1)
        results[name] = {"texts": len(texts), "kept_fp32": len(spec["exclude"]), "per_channel": spec.get("per_channel", True),
                         "reduce_range": spec.get("reduce_range", False), "min": round(float(cos.min()), 5),
                         "p01": round(float(np.quantile(cos, 0.01)), 5), "mean": round(float(cos.mean()), 5),
                         "loss": round(float(1 - cos.mean()), 5), "embed_s": round(t_embed, 1),
                         "build_s": round(t_build, 1), "load_avg_1m": round(os.getloadavg()[0], 2)}
        print(name, results[name], flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        args.out.write_text(json.dumps({"generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                                        "variants": results}, indent=1) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
