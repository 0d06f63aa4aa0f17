"""Quality gate of the int8 ONNX encoder (``embedder.onnx_int8.v1``) against fp32, all figures from one run (issue 13).

On the dev corpus (``../shared/data/reports_dev.csv``), each embedder in fresh subprocesses (``SIGNAALI_EMBEDDER``):

1. vectors: cosine of each report's int8 vector to its fp32 vector (gate: min >= 0.99), and embedding speed
   (report texts/s, model load timed apart) as the ratio int8 / fp32 measured in this run;
2. themes: ``bench/quality.py --no-independent`` (the same evaluation: zero-shot and reviewed 5-fold micro-F1, and
   its weak-signal check on the dev phenomenon); gate: every micro-F1 and the signal recall within 0.01 of fp32;
3. signals over time: ``bench/signals_timeline.py --only dev`` with the configured detector; gate: the phenomenon
   is flagged after the same number of reports, with the same weeks lost and merged; the mean number of other
   reports in flagged signals per week within 0.1 (a count, not a rate: 0.1 = one report more in ten weeks).

Writes ``bench/results/int8_gate.json`` with ``passed`` and every check's figures. The product's default embedder
may be ``auto`` (int8 where its checked build exists) only while this gate passes; rerun it after changing the
encoder, its quantisation or the theme assigner.

    .venv/bin/python bench/int8_gate.py [--out bench/results/int8_gate.json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV_CSV = ROOT.parent / "shared" / "data" / "reports_dev.csv"
EMBEDDERS = ("fp32", "onnx-int8")
GATE = {"min_cosine": 0.99, "micro_f1_delta": 0.01, "signal_recall_delta": 0.01, "other_per_week_delta": 0.1}


def dev_texts(path: Path = DEV_CSV) -> list[str]:
    from pipeline.text import report_text

    with path.open(encoding="utf-8", newline="") as fh:
        return [report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", ""))
                for r in csv.DictReader(fh)]


def child_embed(out_npy: str) -> int:
    """Embed the dev texts with the configured embedder; print load and embed seconds (a JSON line)."""
    import resource

    from pipeline.embeddings import get_embedder

    texts = dev_texts()
    t0 = time.perf_counter()
    emb = get_embedder()
    emb.embed(["lämmitys"])  # load the model (timed apart from the texts)
    t_load = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    vecs = emb.embed(texts)
    wall, cpu = time.perf_counter() - t1, time.process_time() - c1
    np.save(out_npy, vecs)
    print("@@RESULT@@" + json.dumps({
        "embedder": emb.model_id, "texts": len(texts), "load_s": round(t_load, 2), "embed_s": round(wall, 3),
        "embed_cpu_s": round(cpu, 2), "texts_per_s": round(len(texts) / wall, 2),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
    return 0


def _run(cmd: list[str], name: str) -> str:
    env = {**os.environ, "SIGNAALI_EMBEDDER": name, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    print(f"  [{name}] {' '.join(Path(c).name if c.endswith('.py') else c for c in cmd[1:])}", file=sys.stderr,
          flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(ROOT))
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise RuntimeError(f"{cmd[1]} with SIGNAALI_EMBEDDER={name} failed (exit {proc.returncode})")
    return proc.stdout


def measure(name: str, work: Path, detector: str) -> dict:
    """One embedder's figures: embedding (vectors saved), bench/quality.py on dev, the dev signal timeline."""
    py = sys.executable
    out = _run([py, str(Path(__file__).resolve()), "--child-embed", str(work / f"{name}.npy")], name)
    res = {"embed": json.loads(next(ln for ln in reversed(out.splitlines())
                                    if ln.startswith("@@RESULT@@"))[len("@@RESULT@@"):])}
    t = time.perf_counter()
    _run([py, str(ROOT / "bench" / "quality.py"), "--no-independent", "--out", str(work / f"quality_{name}.json")],
         name)
    q = json.loads((work / f"quality_{name}.json").read_text(encoding="utf-8"))
    dev = q["corpora"]["dev"]
    res["quality"] = {"embedder": q["embedder"], "seconds": round(time.perf_counter() - t, 1),
                      "micro_f1": {mode: dev[mode]["micro_f1"] for mode in dev if isinstance(dev[mode], dict)},
                      "signals_dev": q.get("signals_dev")}
    t = time.perf_counter()
    _run([py, str(ROOT / "bench" / "signals_timeline.py"), "--only", "dev", "--detectors", detector,
          "--no-outlier-route", "--out", str(work / f"timeline_{name}.json")], name)
    tl = json.loads((work / f"timeline_{name}.json").read_text(encoding="utf-8"))["corpora"]["dev"]
    det = tl["detectors"][detector]
    res["timeline"] = {"embedder": tl["embedder"], "seconds": round(time.perf_counter() - t, 1),
                       "phenomena": {p: {k: v[k] for k in ("reports_seen_when_flagged", "weeks_lost", "weeks_merged")}
                                     for p, v in det["phenomena"].items()},
                       "summary": det["summary"], "targets_met": det["targets_met"]}
    return res


def judge(fp32: dict, int8: dict, cos: np.ndarray) -> dict:
    """Each gate check with its figures; ``passed`` when all hold."""
    checks: dict[str, dict] = {"cosine": {"min": round(float(cos.min()), 4), "mean": round(float(cos.mean()), 4),
                                          "p01": round(float(np.quantile(cos, 0.01)), 4), "n": int(cos.size),
                                          "ok": bool(cos.min() >= GATE["min_cosine"])}}
    for mode, v in fp32["quality"]["micro_f1"].items():
        d = round(int8["quality"]["micro_f1"][mode] - v, 4)
        checks[f"micro_f1_{mode}"] = {"fp32": v, "int8": int8["quality"]["micro_f1"][mode], "delta": d,
                                      "ok": abs(d) <= GATE["micro_f1_delta"] + 1e-9}
    sf, si = fp32["quality"]["signals_dev"], int8["quality"]["signals_dev"]
    if sf and si:
        d = round(si["recall"] - sf["recall"], 4)
        checks["signal_recall_dev"] = {"fp32": sf, "int8": si, "delta": d,
                                       "ok": abs(d) <= GATE["signal_recall_delta"] + 1e-9}
    pf, pi = fp32["timeline"]["phenomena"], int8["timeline"]["phenomena"]
    checks["timeline_phenomena"] = {"fp32": pf, "int8": pi, "ok": pf == pi}
    of, oi = (x["timeline"]["summary"]["other_per_week_mean"] for x in (fp32, int8))
    checks["timeline_other_per_week_mean"] = {"fp32": of, "int8": oi, "delta": round(oi - of, 3),
                                              "ok": abs(oi - of) <= GATE["other_per_week_delta"] + 1e-9}
    return checks


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child-embed":
        return child_embed(argv[1])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "int8_gate.json")
    ap.add_argument("--keep", type=Path, default=None, help="folder for the per-embedder outputs (default temporary)")
    args = ap.parse_args(argv)
    from pipeline.embeddings.identity import int8_ready
    from pipeline.settings import get_settings

    settings = get_settings()
    if not int8_ready(settings.embedding_model_path):
        print("no checked int8 build beside the fp32 folder; run `signaali models build-embedder --onnx`",
              file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="int8-gate-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    load_before = os.getloadavg()[0]
    res = {name: measure(name, work, settings.signals.detector) for name in EMBEDDERS}
    cos = np.sum(np.load(work / "fp32.npy") * np.load(work / "onnx-int8.npy"), axis=1)
    checks = judge(res["fp32"], res["onnx-int8"], cos)
    ef, ei = res["fp32"]["embed"], res["onnx-int8"]["embed"]
    out = {"generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
           "corpus": str(DEV_CSV.name), "detector": settings.signals.detector, "gate": GATE,
           "passed": all(c["ok"] for c in checks.values()), "checks": checks,
           "speed": {"fp32_texts_per_s": ef["texts_per_s"], "int8_texts_per_s": ei["texts_per_s"],
                     "int8_time_over_fp32": round(ei["embed_s"] / ef["embed_s"], 3),
                     "int8_cpu_over_fp32": round(ei["embed_cpu_s"] / ef["embed_cpu_s"], 3),
                     "load_s": {"fp32": ef["load_s"], "int8": ei["load_s"]},
                     "peak_rss_mb": {"fp32": ef["peak_rss_mb"], "int8": ei["peak_rss_mb"]}},
           "embedders": res, "machine": {"cpus": os.cpu_count(), "load_avg_1m_before": round(load_before, 2),
                                         "load_avg_1m_after": round(os.getloadavg()[0], 2)},
           "seconds": round(time.perf_counter() - t0, 1)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for k, c in checks.items():
        shown = {x: c[x] for x in ("min", "mean", "fp32", "int8", "delta") if x in c and not isinstance(c[x], dict)}
        print(f"{k:<40} {'ok ' if c['ok'] else 'FAIL'} {shown}")
    s = out["speed"]
    print(f"speed: int8 {s['int8_texts_per_s']} texts/s vs fp32 {s['fp32_texts_per_s']} texts/s "
          f"(time ratio {s['int8_time_over_fp32']}, cpu ratio {s['int8_cpu_over_fp32']})")
    print(f"gate {'PASSED' if out['passed'] else 'FAILED'}; wrote {args.out}")
    return 0 if out["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
