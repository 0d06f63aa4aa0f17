"""Build the bundled labelled example bank of the themes stage (`pipeline/reference/theme_bank*.{json.gz,npz}`).

The bank holds the labelled items of the four tuning writers -- the dev corpus (``../shared/data/reports_dev.csv``)
and ``bench/data/independent/themes/themes_a``, ``themes_b``, ``themes_c`` (reports and one-sentence statements;
never the judged ``themes_d``) -- as the themes stage sees a report: pseudonymised the way ingest does (the parts of
a report together, `pipeline.pseudonymise.pseudonymise_report`), joined into the NLP text (`pipeline.text.report_text`),
lemmatised (`pipeline.themes.lemmatize_texts`) and embedded with each default encoder (fp32 ``models/e5-small`` and
int8 ``models/e5-small-onnx-int8``, keyed by their ``model_id``). Labels outside the vocabulary (``new``, emerging
phenomena) are dropped; items left with no theme are left out.

Writes:
- ``pipeline/reference/theme_bank.json.gz``: per item its pseudonymised text, lemmas, themes, writer, kind, language;
- ``pipeline/reference/theme_bank_<encoder>.npz``: the float16 embeddings of the items in that order and the
  encoder's model id.

Each source's raw texts are embedded through the bench cache (``data/cache/bench``, keyed by the texts and model id;
reused when there, kept there when not), and an item whose pseudonymised text equals its raw text takes that
embedding, so each text is embedded once for the bank and the benchmarks together.

    .venv/bin/python scripts/build_theme_bank.py [--encoders onnx-int8,fp32]
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "data" / "reports_dev.csv"
INDEP = ROOT / "bench" / "data" / "independent" / "themes"
# (writer, kind, path, text column or None for a report CSV)
SOURCES = [("dev", "reports", DEV, None),
           ("a", "reports", INDEP / "themes_a" / "reports.csv", None),
           ("a", "statements", INDEP / "themes_a" / "statements.csv", "text"),
           ("b", "reports", INDEP / "themes_b" / "reports.csv", None),
           ("c", "reports", INDEP / "themes_c" / "reports.csv", None),
           ("c", "statements", INDEP / "themes_c" / "statements.csv", "text")]


def _bench_path(model_id: str, texts: list[str]) -> Path:
    """Where bench/quality.py `_cached` keeps the embeddings of exactly these raw texts by ``model_id``."""
    key = hashlib.sha256(("\x1e".join(texts) + "\x1f" + model_id).encode()).hexdigest()[:16]
    return ROOT / "data" / "cache" / "bench" / f"{key}.pkl"


def _bench_cached(model_id: str, texts: list[str], embedder) -> np.ndarray:  # noqa: ANN001
    """The embeddings of these raw texts from the bench cache; embedded and kept there (float32, the bench's own
    format, so the benchmarks scoring the same sets reuse them) when missing."""
    path = _bench_path(model_id, texts)
    if path.exists():
        return np.asarray(pickle.loads(path.read_bytes()), dtype=np.float32)
    t = time.perf_counter()
    vecs = embedder.embed(texts)
    print(f"  {model_id}: embedded {len(texts)} raw texts in {time.perf_counter() - t:.0f} s (kept for the bench)",
          flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(vecs))
    return np.asarray(vecs, dtype=np.float32)


def read_items(keys: set[str]) -> tuple[list[dict], dict]:
    """The tuning writers' labelled items, pseudonymised (text, raw text, themes, writer, kind, source row), and
    each source's raw texts in file order (as the benchmarks read them)."""
    import pandas as pd

    from pipeline.pseudonymise import pseudonymise_report
    from pipeline.text import report_text

    items = []
    raw_sets: dict = {}
    for writer, kind, path, column in SOURCES:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for c in ([column] if column else ["observation", "client_voice", "proposal"]) + ["themes"]:
            if c not in df:
                raise SystemExit(f"{path}: no column {c!r}")
        raw_sets[(writer, kind)] = (list(df[column]) if column else
                                    [report_text(o, c, p) for o, c, p in zip(df.observation, df.client_voice,
                                                                             df.proposal)])
        for row, r in enumerate(df.itertuples(index=False)):
            raw_parts = [getattr(r, column)] if column else [r.observation, r.client_voice, r.proposal]
            parts = [p.text for p in pseudonymise_report(raw_parts)]
            themes = [t.strip() for t in r.themes.split(";") if t.strip() in keys]
            items.append({"text": parts[0] if column else report_text(*parts),
                          "raw": raw_parts[0] if column else report_text(*raw_parts),
                          "themes": themes, "writer": writer, "kind": kind, "source": f"{path.name}:{row + 2}",
                          "phenomenon": "" if column else r.phenomenon_type,
                          "source_set": (writer, kind)})
    return items, raw_sets


def embed_items(items: list[dict], embedder, raw_sets: dict) -> np.ndarray:  # noqa: ANN001 - a TextEmbedder
    """Embeddings of the items' pseudonymised texts: the raw set's (bench cache) where pseudonymisation changed
    nothing, the pseudonymised text's own where it did."""
    out = np.zeros((len(items), embedder.dim), dtype=np.float32)
    todo = []
    for src, raw_texts in raw_sets.items():
        cached = _bench_cached(embedder.model_id, raw_texts, embedder)
        row = {t: k for k, t in enumerate(raw_texts)}
        for i, it in enumerate(items):
            if it["source_set"] == src:
                if it["text"] == it["raw"]:
                    out[i] = cached[row[it["raw"]]]
                else:
                    todo.append(i)
    if todo:
        t = time.perf_counter()
        out[todo] = np.asarray(embedder.embed([items[i]["text"] for i in todo]), dtype=np.float32)
        print(f"  {embedder.model_id}: embedded {len(todo)} pseudonymised texts in {time.perf_counter() - t:.0f} s")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoders", default="onnx-int8,fp32", help="embedder short names (pipeline.embeddings)")
    args = ap.parse_args()

    from pipeline.settings import apply_offline_env

    apply_offline_env()
    from pipeline.embeddings import get_embedder
    from pipeline.themes import lemmatize_texts, load_vocabulary
    from pipeline.themes.bank import write_bank, write_bank_embeddings

    vocab = load_vocabulary()
    t0 = time.perf_counter()
    all_items, raw_sets = read_items(set(vocab.keys))
    items = [it for it in all_items if it["themes"]]
    print(f"{len(items)} labelled items ({len(all_items) - len(items)} without a vocabulary theme left out), "
          f"pseudonymised in {time.perf_counter() - t0:.0f} s; {sum(it['text'] != it['raw'] for it in items)} changed")
    from pipeline.language import detect_language

    t = time.perf_counter()
    lemmas = lemmatize_texts([it["text"] for it in items])
    for it, lem in zip(items, lemmas):
        it["lemmas"] = list(lem)
        it["language"] = detect_language(it["text"])
    print(f"lemmatised in {time.perf_counter() - t:.0f} s")
    path = write_bank(items, vocabulary=vocab.id,
                      source="dev + themes_a/b/c (reports and statements), pseudonymised as ingest does")
    print(f"wrote {path.relative_to(ROOT)}")
    for name in args.encoders.split(","):
        emb = get_embedder(name=name.strip())
        path = write_bank_embeddings(emb.model_id, embed_items(items, emb, raw_sets), [it["text"] for it in items])
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
