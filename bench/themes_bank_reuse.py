"""Does reusing a kept example-bank head change the themes? The dev corpus's assigner is fitted once (the bank head is
fitted and kept), then 5, 10 and 25 reports of themes_a are added as a night's new reports would be: each store is
themed with the kept head reused (its centre moved less than ``CENTRE_TOLERANCE``) and with a fresh fit (kept fits
dropped), and the theme sets of every report are compared. Tuning data only (dev, themes_a).

Usage: .venv/bin/python bench/themes_bank_reuse.py  (writes bench/results/themes_bank_reuse.json)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench.quality import _cached, load_embedder  # noqa: E402
from bench.themes_pooled_cv import tuning_sets  # noqa: E402


def main() -> int:
    from pipeline.lemmas import get_lemmatizer
    from pipeline.settings import ThemesParams
    from pipeline.themes import ThemeAssigner, lemmatize_texts, load_vocabulary
    from pipeline.themes import bank as bank_mod

    vocab = load_vocabulary()
    sets = tuning_sets(ROOT.parent / "shared" / "data" / "reports_dev.csv", set(vocab.keys))
    emb, eid = load_embedder()
    lid = get_lemmatizer().id
    data = {}
    for s in sets:
        if s["writer"] in ("dev", "a") and s["kind"] == "reports":
            data[s["writer"]] = (np.asarray(_cached(eid, s["texts"], emb.embed), dtype=np.float32),
                                 _cached(lid, s["texts"], lemmatize_texts))
    base = ThemesParams().model_dump(exclude={"vocabulary_path"})

    def themes(E, L, fresh: bool):  # noqa: ANN001, ANN202
        if fresh:
            bank_mod._MEMO.clear()
            for p in (bank_mod._cache_dir() or Path("/nonexistent")).glob("*.pkl"):
                p.unlink()
        a = ThemeAssigner(vocab, embedder=emb, **base)
        t = time.perf_counter()
        a.fit(E, L)
        fit_s = time.perf_counter() - t
        reused = a.head_mean_ is not None and not np.array_equal(a.head_mean_, a.mean_)
        return [sorted(k for k, _, _ in p) for p in a.predict(E, L)], fit_s, reused, float(np.linalg.norm(a.head_centre() - a.mean_))

    Ed, Ld = data["dev"]
    Ea, La = data["a"]
    themes(Ed, Ld, fresh=True)  # the night before: fitted and kept
    out = {"embedder": eid, "centre_tolerance": bank_mod.CENTRE_TOLERANCE, "load_average": os.getloadavg(), "rows": []}
    for n in (5, 10, 25):
        E = np.vstack([Ed, Ea[:n]])
        L = list(Ld) + list(La[:n])
        themes(Ed, Ld, fresh=True)  # keep the dev-only fit again
        kept, kept_s, reused, moved = themes(E, L, fresh=False)
        fresh, fresh_s, _, _ = themes(E, L, fresh=True)
        same = sum(a == b for a, b in zip(kept, fresh))
        row = {"added": n, "reused": reused, "centre_moved": round(moved, 4), "reports": len(kept),
               "same_theme_sets": same, "agreement": round(same / len(kept), 4),
               "fit_s_reused": round(kept_s, 2), "fit_s_fresh": round(fresh_s, 2)}
        out["rows"].append(row)
        print(row, flush=True)
    (ROOT / "bench" / "results" / "themes_bank_reuse.json").write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
