"""End-to-end speed and scale benchmark of the nightly pipeline (issue 9).

For each corpus size N (seeded synthetic reports from ``bench/generate.py``) it measures, each scenario in a fresh
subprocess so the peak memory (``ru_maxrss``, the resident-set high-water mark) belongs to that scenario alone:

- ``floor``: the embedding step alone with the encoder the pipeline uses (``SIGNAALI_EMBEDDER``; default fp32,
  ``auto`` = int8 when its checked build exists): load it and embed the N report texts (no pipeline can be
  faster than embedding its new texts); ``floor_fp32`` / ``floor_int8``: the same with each encoder, so the int8
  speed-up is a ratio from the same run.
- ``cold``: the nightly steps (``pipeline.steps.*``, the functions the Prefect tasks call, in flow order and in the
  flow's 512-report shards for lemmas and embeddings) into an empty store, with wall time per step.
- ``incremental``: 50 newer reports added to the store the cold run left, through the same steps, exporting into
  (a copy of) the cold run's export folder as a nightly run does, so the export continues from the previous one.
- ``incremental5`` (``--small-increment 5``): the same with the 5 oldest of those reports on a copy of the cold
  store (the county's night: a handful of reports).
- ``incremental_prefect``: the same 50 reports through the real Prefect flow ``flows.nightly.nightly`` on a copy of
  that store, so Prefect's own overhead shows next to the plain steps (not run with ``--no-prefect``).
- ``bertopic``: plain BERTopic with default settings doing the clustering work the straightforward way:
  ``BERTopic(embedding_model=SentenceTransformer("models/e5-small")).fit_transform(texts)``.

Per step: wall seconds and the process's peak resident set after the step (``steps_peak_rss_mb``; ``ru_maxrss`` is a
high-water mark, so the step where it jumps is the one that needed the memory). Time per report: cold / N.

Ratios: cold / floor, cold / BERTopic, incremental / cold, on wall time, on CPU time, and load-normalised: on
shared cores the same embedding work ran up to 1.8x slower in one scenario's process than in another's, so the
normalised ratios replace each scenario's own time embedding the N reports by the floor's (see ``derive``).
Optionally (``--dask 500``) the embedding step on a
2-worker Dask LocalCluster vs one process, and (``--profile DIR``) a pyinstrument profile of the cold run.

    .venv/bin/python bench/pipeline.py --sizes 1000,10000 [--quick] [--out bench/results/pipeline.json]
        [--no-prefect] [--no-bertopic] [--dask 500] [--profile /tmp/prof] [--workdir /tmp/bench-pipeline]

``--quick`` = one size of 300 reports. Timings include model loading, as a nightly run in a fresh process would.
The machine-level cache (``settings.cache_dir``: simplemma's decoded dictionaries, the theme vocabulary's vectors,
built on a machine's first run) is recorded before the cold run (``machine_cache_before_cold``).
The machine's load average is recorded before and after: on shared cores every time is an upper bound.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SEED = 9
INCREMENT = 50
START, END = "2022-01-01", "2025-12-31"
AS_OF = "2025-12-31"
TARGETS = {"cold_over_floor": 1.3, "cold_over_bertopic": 1.0, "incremental_over_cold_10k": 0.05,
           "incremental5_over_cold_1k": 0.10, "peak_rss_gb_10k": 2.5}
SMALL = 5
ENCODERS = {"fp32": "fp32", "int8": "onnx-int8"}


# ------------------------------------------------------------------ data
def write_corpus(n: int, workdir: Path) -> tuple[Path, Path]:
    """``base.csv`` with N reports, ``new.csv`` with the 50 newest of a seeded N+50 corpus (no themes column) and
    ``new5.csv`` with the first 5 of those."""
    from bench.generate import generate, write_csv

    rows = generate(n + INCREMENT, SEED, START, END)
    base, new = workdir / "base.csv", workdir / "new.csv"
    write_csv(rows[:n], base)
    write_csv(rows[n:], new)
    write_csv(rows[n:n + SMALL], workdir / "new5.csv")
    return base, new


def texts_of_csv(path: Path) -> list[str]:
    from pipeline.text import report_text

    with open(path, encoding="utf-8", newline="") as fh:
        return [report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", ""))
                for r in csv.DictReader(fh)]


# ------------------------------------------------------------------ scenarios (run in a child process)
def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


def _cpu_s() -> float:
    """CPU seconds of this process (all threads): less sensitive than wall time to other jobs on shared cores."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def scenario_floor(args: dict) -> dict:
    texts = texts_of_csv(Path(args["csv"]))
    t0 = time.perf_counter()
    from pipeline.embeddings import get_embedder

    emb = get_embedder()  # SIGNAALI_EMBEDDER of this child picks the encoder
    emb.embed(["lämmitys"])  # load
    t_load = time.perf_counter() - t0
    vecs = emb.embed(texts)
    total = time.perf_counter() - t0
    return {"embedder": emb.model_id, "texts": len(texts), "load_s": round(t_load, 2),
            "embed_s": round(total - t_load, 2),
            "total_s": round(total, 2), "dtype": str(vecs.dtype), "matrix_mb": round(vecs.nbytes / 2**20, 2)}


def _run_steps(db_url: str, csv_paths: list[str], out_dir: str) -> dict:
    """The nightly flow's steps in flow order, without Prefect; wall time per step."""
    from flows.nightly import SHARD  # the flow's shard size (importing flows.nightly imports prefect: timed apart)
    from pipeline import runs, steps
    from pipeline.store import get_engine

    timings: dict[str, float] = {}
    peaks: dict[str, float] = {}
    t_all = time.perf_counter()
    engine = get_engine(db_url)
    run_id = runs.new_run_id("bench")
    runs.start_run(engine, run_id, "nightly", dt.date.fromisoformat(AS_OF))

    cpu: dict[str, float] = {}

    def timed(name: str, fn, *a):  # noqa: ANN001, ANN202
        t, c = time.perf_counter(), _cpu_s()
        out = fn(*a)
        timings[name] = round(time.perf_counter() - t, 3)
        cpu[name] = round(_cpu_s() - c, 3)  # on shared cores the CPU seconds vary less with the load than wall
        peaks[name] = _peak_mb()
        return out

    summary = timed("ingest", steps.ingest, engine, csv_paths)
    pending = timed("pending", runs.pending_report_ids, engine)
    shards = [pending[i:i + SHARD] for i in range(0, len(pending), SHARD)]
    timed("lemmas", lambda: [steps.lemmas(engine, s) for s in shards])
    timed("embeddings", lambda: [steps.embeddings(engine, s) for s in shards])
    corpus = timed("corpus", steps.corpus, engine)
    topics = timed("topics", steps.topics, engine, corpus, pending)
    top = steps.topics_summary(topics)
    timed("themes", steps.themes, engine, corpus, pending, run_id, topics)
    sig = timed("signals", steps.signals, engine, corpus, dt.date.fromisoformat(AS_OF), run_id)
    timed("export", steps.export, engine, Path(out_dir), run_id, "quarter")
    runs.finish_run(engine, run_id, {"timings_s": timings}, "completed")
    total = round(time.perf_counter() - t_all, 3)
    from pipeline.embeddings import get_embedder

    manifest = json.loads((Path(out_dir) / "manifest.json").read_text(encoding="utf-8"))
    disclosure = {k: manifest["disclosure"].get(k) for k in ("cells", "primary", "secondary",
                                                             "kept_from_previous_export", "witnesses_reused")}
    return {"stored": summary["stored"], "near_duplicates": summary["near_duplicates"], "processed": len(pending),
            "embedder": get_embedder().model_id, "topics": top, "signals": sig, "steps_s": timings,
            "steps_cpu_s": cpu,
            "steps_peak_rss_mb": peaks, "export_seconds": manifest.get("seconds"), "disclosure": disclosure,
            "total_s": total, "s_per_report": round(total / max(len(pending), 1), 4),
            # whether the run needed the heavy imports (an incremental int8 run should not: bertopic/torch cost s)
            "imported": {m: m in sys.modules for m in ("torch", "sentence_transformers", "bertopic", "onnxruntime")}}


def scenario_cold(args: dict) -> dict:
    t0 = time.perf_counter()
    import flows.nightly  # noqa: F401 - prefect import, not part of the steps' time

    t_import = time.perf_counter() - t0
    prof = None
    if args.get("profile"):
        from pyinstrument import Profiler

        prof = Profiler(interval=0.005)
        prof.start()
    out = _run_steps(args["db_url"], [args["csv"]], args["out_dir"])
    if prof is not None:
        prof.stop()
        pdir = Path(args["profile"])
        pdir.mkdir(parents=True, exist_ok=True)
        (pdir / f"{args['name']}.txt").write_text(prof.output_text(unicode=True, show_all=False))
        (pdir / f"{args['name']}.html").write_text(prof.output_html())
    out["prefect_import_s"] = round(t_import, 2)
    return out


scenario_incremental = scenario_incremental5 = scenario_cold


def scenario_incremental_prefect(args: dict) -> dict:
    os.environ.setdefault("PREFECT_HOME", str(Path(args["workdir"]) / "prefect-home"))
    t0 = time.perf_counter()
    from flows.nightly import nightly

    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    record = nightly(as_of=AS_OF, inbox=str(Path(args["workdir"]) / "empty-inbox"), paths=[args["csv"]],
                     db_url=args["db_url"], out_dir=args["out_dir"], period="quarter")
    total = time.perf_counter() - t1
    return {"processed": record["reports_processed"], "steps_s": record["timings_s"], "total_s": round(total, 3),
            "prefect_import_s": round(t_import, 2),
            "overhead_s": round(total - sum(record["timings_s"].values()), 3)}


def scenario_bertopic(args: dict) -> dict:
    texts = texts_of_csv(Path(args["csv"]))
    t0 = time.perf_counter()
    from bertopic import BERTopic
    from sentence_transformers import SentenceTransformer

    from pipeline.settings import get_settings

    model = SentenceTransformer(str(get_settings().embedding_model_path), device="cpu", local_files_only=True)
    t_load = time.perf_counter() - t0
    # Time BERTopic's own embedding calls (the part that equals the floor's work) without changing what runs.
    encode, spent = model.encode, [0.0]

    def timed_encode(*a, **k):  # noqa: ANN002, ANN003, ANN202
        t = time.perf_counter()
        try:
            return encode(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t

    model.encode = timed_encode
    topic_model = BERTopic(embedding_model=model)
    topics, _ = topic_model.fit_transform(texts)
    total = time.perf_counter() - t0
    return {"texts": len(texts), "load_s": round(t_load, 2), "fit_transform_s": round(total - t_load, 2),
            "encode_s": round(spent[0], 2), "total_s": round(total, 2),
            "topics": len(set(topics)) - (1 if -1 in topics else 0),
            "outliers": int(sum(1 for t in topics if t == -1))}


def scenario_dask(args: dict) -> dict:
    texts = texts_of_csv(Path(args["csv"]))[: args["n"]]
    from pipeline.embeddings import embed_with_dask
    from pipeline.embeddings.encoder import SentenceEncoder

    t0 = time.perf_counter()
    enc = SentenceEncoder()
    enc.embed(texts)
    one = time.perf_counter() - t0
    t1 = time.perf_counter()
    embed_with_dask(texts, n_workers=2)
    two = time.perf_counter() - t1
    return {"texts": len(texts), "one_process_s": round(one, 2), "dask_2_workers_s": round(two, 2),
            "speedup": round(one / two, 2), "note": "both include model loading (Dask: once per worker)"}


SCENARIOS = {"floor": scenario_floor, "cold": scenario_cold, "incremental": scenario_incremental,
             "incremental5": scenario_incremental5,
             "incremental_prefect": scenario_incremental_prefect, "bertopic": scenario_bertopic,
             "dask": scenario_dask}


class SyntheticEmbedder:
    """The scale scenario's stand-in for the encoder (no model): a text's vector is the normalised sum of one fixed
    random 384-d vector per word (seeded by the word), so reports that share words -- the generator's theme
    fragments -- lie close together and the topic fit has clusters to find. Not a quality stand-in: it isolates the
    time of the steps other than the encoder."""

    model_id = "synthetic-bag-of-words@384"
    dim = 384

    def __init__(self) -> None:
        self._words: dict[str, Any] = {}

    def embed(self, documents: list[str], verbose: bool = False):  # noqa: ANN201, ARG002 - np.ndarray
        import hashlib
        import re

        import numpy as np

        out = np.zeros((len(documents), self.dim), dtype=np.float32)
        for i, text in enumerate(documents):
            for w in re.findall(r"[^\W\d_]{3,}", text.lower()):
                v = self._words.get(w)
                if v is None:
                    seed = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little")
                    v = self._words[w] = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
                out[i] += v
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out[:, 0] += (norms[:, 0] == 0)  # a text without words gets a unit vector, not zeros
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


SCALE_STEPS = ("ingest", "corpus", "topics", "themes", "signals", "export")


def scenario_scale(args: dict) -> dict:
    """The cold nightly steps into an empty store with the encoder replaced by `SyntheticEmbedder` (and simplemma
    lemmas, pseudonymisation without NER: see ``--scale``), wall time per step and per report."""
    emb = SyntheticEmbedder()
    import pipeline.embeddings as embeddings_pkg
    from pipeline.embeddings import _base

    _base.get_embedder = embeddings_pkg.get_embedder = lambda *a, **k: emb  # noqa: ARG005 - every caller gets it
    import pipeline.steps as steps_mod

    steps_mod._embedder = lambda: emb
    out = _run_steps(args["db_url"], [args["csv"]], args["out"])
    n = out["processed"]
    out["per_report_ms"] = {k: round(1000 * out["steps_s"][k] / max(n, 1), 3) for k in out["steps_s"]}
    out["per_report_cpu_ms"] = {k: round(1000 * out["steps_cpu_s"][k] / max(n, 1), 3) for k in out["steps_cpu_s"]}
    out["non_embedding_cpu_ms_per_report"] = round(
        1000 * sum(out["steps_cpu_s"].get(k, 0.0) for k in SCALE_STEPS) / max(n, 1), 3)
    out["non_embedding_s"] = round(sum(out["steps_s"].get(k, 0.0) for k in SCALE_STEPS), 3)
    out["non_embedding_ms_per_report"] = round(1000 * out["non_embedding_s"] / max(n, 1), 3)
    return out


SCENARIOS["scale"] = scenario_scale


def bench_scale(sizes: list[int], root: Path, partial: Path | None = None) -> dict:
    """Per-report time of the non-embedding steps at each size (``--scale 1000,10000,30000``), each in a fresh
    process: the growth from the smallest size says whether a step grows faster than linearly."""
    from bench.generate import generate, write_csv

    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIGNAALI_LEMMAS__BACKEND": "simplemma",
           "SIGNAALI_PSEUDONYMISE_NER": "false"}
    runs_out: list[dict] = []
    for n in sizes:
        work = root / f"scale{n}"
        work.mkdir(parents=True, exist_ok=True)
        csv_path = work / "base.csv"
        write_csv(generate(n, SEED, START, END), csv_path)
        res = run_child("scale", {"csv": str(csv_path), "db_url": f"sqlite:///{work / 'store.db'}",
                                  "out": str(work / "out")}, env, label=f"scale {n}")
        res["reports"] = n
        runs_out.append(res)
        if partial is not None:  # a size done survives a run cut short
            partial.write_text(json.dumps({"partial": True, "runs": runs_out}, indent=2) + "\n")
    base = runs_out[0]
    for r in runs_out:
        r["per_report_vs_smallest"] = {k: round(r["per_report_ms"][k] / base["per_report_ms"][k], 2)
                                       for k in SCALE_STEPS if base["per_report_ms"].get(k)}
        r["per_report_vs_smallest"]["non_embedding"] = round(
            r["non_embedding_ms_per_report"] / base["non_embedding_ms_per_report"], 2)
    # Per-report time at a small size still carries each process's fixed costs (imports, JIT compilation, model-free
    # set-up): the marginal time per report between consecutive sizes is the growth rate itself.
    for prev, r in zip(runs_out, runs_out[1:]):
        dn = r["reports"] - prev["reports"]
        r["marginal_ms_per_report_since_previous"] = {
            k: round(1000 * (r["steps_s"].get(k, 0.0) - prev["steps_s"].get(k, 0.0)) / dn, 3) for k in SCALE_STEPS}
        r["marginal_ms_per_report_since_previous"]["non_embedding"] = round(
            1000 * (r["non_embedding_s"] - prev["non_embedding_s"]) / dn, 3)
    return {"note": "encoder replaced by SyntheticEmbedder (hashed bag-of-words random vectors, no model); "
                    "lemmas by simplemma, pseudonymisation without spaCy NER; steps as the cold run's "
                    "(pipeline.steps); the lemma and embedding steps are timed but not part of non_embedding",
            "steps": list(SCALE_STEPS), "runs": runs_out}


def child_main(name: str, args_json: str) -> int:
    args = json.loads(args_json)
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    t0, c0 = time.perf_counter(), _cpu_s()
    out = SCENARIOS[name](args)
    out["wall_s"] = round(time.perf_counter() - t0, 2)
    out["cpu_s"] = round(_cpu_s() - c0, 2)
    out["load_avg_1m"] = round(os.getloadavg()[0], 2)
    out["peak_rss_mb"] = _peak_mb()
    print("@@RESULT@@" + json.dumps(out))
    return 0


# ------------------------------------------------------------------ parent
PARTIAL: dict[str, Any] = {}  # {"path": where, "doc": the output so far, "size": this size's results}


def _save_partial(name: str, out: dict) -> None:
    """Write what is measured so far after every scenario (a long run on shared cores can be cut short)."""
    if PARTIAL:
        PARTIAL["size"][name] = out
        PARTIAL["path"].write_text(json.dumps(PARTIAL["doc"], indent=2, ensure_ascii=False) + "\n")


def run_child(name: str, args: dict, env: dict[str, str], label: str | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, json.dumps(args)]
    name = label or name
    print(f"  {name} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(ROOT))
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        raise RuntimeError(f"scenario {name} failed (exit {proc.returncode}): {last[:300]}")
    line = next(ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("@@RESULT@@"))
    out = json.loads(line[len("@@RESULT@@"):])
    out["process_s"] = round(time.perf_counter() - t0, 2)
    print(f"  {name}: {out.get('total_s')} s, peak {out['peak_rss_mb']} MB", file=sys.stderr, flush=True)
    _save_partial(name, out)
    return out


def _copy_store(work: Path, src_db: Path, dst_db: Path, src_out: Path, dst_out: Path) -> None:
    """A copy of the cold run's store and export folder (with the export's private witnesses), so each increment
    starts from the same state and exports into a folder holding the previous export, as a nightly run does."""
    from pipeline.export.staging import witness_file

    shutil.copy(src_db, dst_db)
    if dst_out.exists():
        shutil.rmtree(dst_out)
    shutil.copytree(src_out, dst_out)
    w_src, w_dst = witness_file(src_out, work), witness_file(dst_out, work)  # beside the SQLite stores in work/
    if w_src.exists():
        w_dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(w_src, w_dst)


def _machine_cache() -> dict:
    """What the machine-level cache (``settings.cache_dir``: simplemma's decoded dictionaries, the theme
    vocabulary's vectors) held before the cold run: built once per machine on first use, as ``make models`` builds
    the encoder, so a cold run into an empty store finds it unless it is the machine's first run."""
    from pipeline.settings import get_settings

    d = get_settings().cache_dir
    files = sorted(p for p in d.rglob("*") if p.is_file()) if d.exists() else []
    return {"dir": str(d), "files": len(files), "mb": round(sum(p.stat().st_size for p in files) / 2**20, 1)}


def bench_size(n: int, root: Path, do_prefect: bool, do_bertopic: bool, profile: str | None,
               encoders: list[str], small: bool) -> dict:
    work = root / f"n{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / "empty-inbox").mkdir()
    base, new = write_corpus(n, work)
    env = {**os.environ,
           "SIGNAALI_DATA_DIR": str(work / "data"),
           "SIGNAALI_MODELS_DIR": str(work / "models"),  # the topic models the run fits go here, not into models/
           "SIGNAALI_EMBEDDING_MODEL": os.environ.get("SIGNAALI_EMBEDDING_MODEL", str(ROOT / "models" / "e5-small")),
           "SIGNAALI_INBOX_DIR": str(work / "empty-inbox"),
           "SIGNAALI_OUT_DIR": str(work / "out"),
           "PREFECT_HOME": str(work / "prefect-home"),
           "PYTHONPATH": str(ROOT)}
    db = work / "store.db"
    url = f"sqlite:///{db}"
    common = {"workdir": str(work), "profile": profile}
    res: dict[str, Any] = {"n": n}
    if PARTIAL:
        PARTIAL["doc"]["partial"] = {"n": n, **{k: v for k, v in res.items() if k != "n"}}
        PARTIAL["size"] = PARTIAL["doc"]["partial"]
    print(f"N = {n}", file=sys.stderr, flush=True)
    res["floor"] = run_child("floor", {**common, "csv": str(base)}, env)
    for enc in encoders:  # each encoder's floor in the same run: the int8 speed-up as a ratio
        if res["floor"]["embedder"].startswith(f"e5-small{'-onnx-int8' if enc == 'int8' else ''}@"):
            res[f"floor_{enc}"] = {**res["floor"], "same_as": "floor"}  # the default encoder: measured once
            continue
        res[f"floor_{enc}"] = run_child("floor", {**common, "csv": str(base)},
                                        {**env, "SIGNAALI_EMBEDDER": ENCODERS[enc]}, label=f"floor_{enc}")
    res["machine_cache_before_cold"] = _machine_cache()
    cold_out = work / "out" / "cold"
    res["cold"] = run_child("cold", {**common, "name": f"cold_{n}", "db_url": url, "csv": str(base),
                                     "out_dir": str(cold_out)}, env)
    if do_prefect:
        shutil.copy(db, work / "store_prefect.db")
    if small:
        db5 = work / "store5.db"
        _copy_store(work, db, db5, cold_out, work / "out" / "incr5")
    _copy_store(work, db, work / "store50.db", cold_out, work / "out" / "incr")
    if small:
        res["incremental5"] = run_child("incremental5", {**common, "name": f"incremental5_{n}",
                                                         "db_url": f"sqlite:///{db5}", "csv": str(work / "new5.csv"),
                                                         "out_dir": str(work / "out" / "incr5")}, env)
    res["incremental"] = run_child("incremental", {**common, "name": f"incremental_{n}",
                                                   "db_url": f"sqlite:///{work / 'store50.db'}",
                                                   "csv": str(new), "out_dir": str(work / "out" / "incr")}, env)
    if do_prefect:
        try:
            res["incremental_prefect"] = run_child(
                "incremental_prefect", {**common, "db_url": f"sqlite:///{work / 'store_prefect.db'}",
                                        "csv": str(new), "out_dir": str(work / "out" / "incr-prefect")}, env)
        except RuntimeError as exc:  # e.g. the ephemeral Prefect API not starting in time on a loaded machine
            res["incremental_prefect_error"] = str(exc)
    if do_bertopic:
        res["bertopic"] = run_child("bertopic", {**common, "csv": str(base)}, env)
    return derive(res)


def derive(res: dict) -> dict:
    """Ratios of one size's scenarios: on wall time, on CPU time, and load-normalised (see ``normalised``)."""
    cold, floor = res["cold"]["total_s"], res["floor"]["total_s"]
    ratios = {"cold_over_floor": round(cold / floor, 2),
              "incremental_over_cold": round(res["incremental"]["total_s"] / cold, 3)}
    if "incremental5" in res:
        ratios["incremental5_over_cold"] = round(res["incremental5"]["total_s"] / cold, 3)
    if "floor_fp32" in res and "floor_int8" in res:
        ratios["int8_over_fp32_embed"] = round(res["floor_int8"]["embed_s"] / res["floor_fp32"]["embed_s"], 3)
        ratios["cold_over_floor_fp32"] = round(cold / res["floor_fp32"]["total_s"], 2)
    res["s_per_report"] = {"cold": res["cold"]["s_per_report"], "floor": round(floor / res["n"], 4)}
    if "bertopic" in res:
        ratios["cold_over_bertopic"] = round(cold / res["bertopic"]["total_s"], 2)
    res["ratios"] = ratios
    # The same ratios on CPU seconds of the whole scenario process (wall time on shared cores swings with load).
    cpu = {k: res[k]["cpu_s"] for k in ("floor", "cold", "incremental", "incremental5", "bertopic", "floor_fp32",
                                        "floor_int8") if k in res}
    res["ratios_cpu"] = {"cold_over_floor": round(cpu["cold"] / cpu["floor"], 2),
                         "incremental_over_cold": round(cpu["incremental"] / cpu["cold"], 3)}
    if "incremental5" in cpu:
        res["ratios_cpu"]["incremental5_over_cold"] = round(cpu["incremental5"] / cpu["cold"], 3)
    if "bertopic" in cpu:
        res["ratios_cpu"]["cold_over_bertopic"] = round(cpu["cold"] / cpu["bertopic"], 2)
    # Load-normalised: each scenario ran minutes apart on shared cores, where the same embedding work took up to
    # 2x longer in one process than in another. Replace each scenario's own time spent embedding the N reports
    # (cold: its embeddings step with model load; BERTopic: its encode calls) by the floor's (cold: with load,
    # BERTopic: without, as its own load is timed apart), keeping everything else as measured.
    e_floor = res["floor"]["embed_s"]
    cold_rest = cold - res["cold"]["steps_s"]["embeddings"]
    norm = {"floor_embed_s": e_floor, "cold_besides_embedding_s": round(cold_rest, 2),
            "cold_s": round(floor + cold_rest, 2), "cold_over_floor": round((floor + cold_rest) / floor, 2)}
    if "bertopic" in res and "encode_s" in res["bertopic"]:
        bt_rest = res["bertopic"]["total_s"] - res["bertopic"]["encode_s"]
        norm["bertopic_besides_embedding_s"] = round(bt_rest, 2)
        norm["bertopic_s"] = round(e_floor + bt_rest, 2)
        norm["cold_over_bertopic"] = round((floor + cold_rest) / (e_floor + bt_rest), 2)
    res["ratios_normalised"] = norm
    res["peak_rss_mb_max"] = max(v["peak_rss_mb"] for v in res.values() if isinstance(v, dict) and "peak_rss_mb" in v)
    return res


def print_table(results: list[dict]) -> None:
    print(f"{'N':>6} {'scenario':<20} {'total s':>9} {'cpu s':>8} {'load':>5} {'peak MB':>8}  steps")
    for r in results:
        for name in ("floor", "floor_fp32", "floor_int8", "cold", "incremental", "incremental5",
                     "incremental_prefect", "bertopic"):
            if name not in r:
                continue
            s = r[name]
            steps = " ".join(f"{k}={v:g}" for k, v in s.get("steps_s", {}).items())
            if name.startswith("floor") or name == "bertopic":
                steps = f"load={s['load_s']:g} rest={s['total_s'] - s['load_s']:.2f}"
            print(f"{r['n']:>6} {name:<20} {s['total_s']:>9.2f} {s['cpu_s']:>8.1f} {s['load_avg_1m']:>5.1f} "
                  f"{s['peak_rss_mb']:>8.0f}  {steps}")
        print(f"{r['n']:>6} ratios (wall): " + ", ".join(f"{k}={v}" for k, v in r["ratios"].items()))
        print(f"{r['n']:>6} ratios (cpu):  " + ", ".join(f"{k}={v}" for k, v in r["ratios_cpu"].items()))
        print(f"{r['n']:>6} ratios (load-normalised): " + ", ".join(
            f"{k}={v}" for k, v in r["ratios_normalised"].items()))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        return child_main(argv[1], argv[2])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--quick", action="store_true", help="one size of 300 reports")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pipeline.json")
    ap.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--no-prefect", action="store_true", help="skip the incremental run through the Prefect flow")
    ap.add_argument("--no-bertopic", action="store_true", help="skip the plain BERTopic baseline")
    ap.add_argument("--dask", type=int, default=0, help="texts for the Dask 2-worker vs 1-process comparison")
    ap.add_argument("--profile", default=None, help="folder for pyinstrument profiles of the cold/incremental runs")
    ap.add_argument("--encoders", default="fp32,int8", help="encoders whose floors are measured beside the default")
    ap.add_argument("--no-small-increment", action="store_true", help="skip the +5 scenario")
    ap.add_argument("--scale", default="", help="sizes for the scale scenario only (e.g. 1000,10000,30000): the "
                    "non-embedding steps with synthetic vectors, to bench/results/pipeline_scale.json (or --out)")
    args = ap.parse_args(argv)
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    root = args.workdir or Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    root.mkdir(parents=True, exist_ok=True)
    if args.scale:
        out_path = args.out if "--out" in argv else ROOT / "bench" / "results" / "pipeline_scale.json"
        load0 = os.getloadavg()
        doc = {"generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
               "machine": {"cpus": os.cpu_count(), "load_avg_before": [round(x, 2) for x in load0]},
               "seed": SEED, **bench_scale([int(x) for x in args.scale.split(",") if x.strip()], root,
                                    out_path.with_suffix(".partial.json"))}
        doc["machine"]["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        for r in doc["runs"]:
            print(r["reports"], r["non_embedding_ms_per_report"], "ms/report", r["per_report_ms"],
                  r["per_report_vs_smallest"], f"peak {r['peak_rss_mb']} MB")
        if args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)
        return 0
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    results: list[dict] = []
    out: dict[str, Any] = {
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_avg_1m_before": round(load_before, 2)},
        "seed": SEED, "increment": INCREMENT, "as_of": AS_OF, "targets": TARGETS, "sizes": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    PARTIAL.update(path=args.out.with_suffix(".partial.json"), doc=out)
    for n in sizes:
        results.append(bench_size(n, root, not args.no_prefect, not args.no_bertopic, args.profile,
                                  [e for e in args.encoders.split(",") if e], not args.no_small_increment))
        out.pop("partial", None)
        args.out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")  # partial results survive
    if args.dask:
        work = root / "dask"
        work.mkdir(exist_ok=True)
        base, _ = write_corpus(args.dask, work)
        env = {**os.environ, "PYTHONPATH": str(ROOT),
               "SIGNAALI_EMBEDDING_MODEL": os.environ.get("SIGNAALI_EMBEDDING_MODEL", str(ROOT / "models" / "e5-small"))}
        out["dask"] = run_child("dask", {"csv": str(base), "n": args.dask}, env)
    out["machine"]["load_avg_1m_after"] = round(os.getloadavg()[0], 2)
    out["bench_wall_s"] = round(time.perf_counter() - t0, 1)
    print_table(results)
    if "dask" in out:
        d = out["dask"]
        print(f"dask: {d['texts']} texts, 1 process {d['one_process_s']} s, 2-worker LocalCluster "
              f"{d['dask_2_workers_s']} s, speed-up {d['speedup']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    if args.workdir is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
