"""Build the young-store reference of the signals stage (`pipeline/reference/signals_<embedder>.json.gz`).

The reference is a set of ordinary reports -- the bundled demo reports (``data/sample/raportit_2024.csv`` and
``raportit_2025.csv``, invented) without the rows of the demo's emerging phenomenon (young people's online-casino
debts, listed in ``data/sample/README.md``) -- as the signals stage sees them: their content lemmas and their
embeddings by the product's embedder. `signal_detector.bertrend.v5` judges novelty against
it while a store is young. The reports go through the real ingest (validation, pseudonymisation, near-duplicates),
the features step and the embedder of the settings (``SIGNAALI_EMBEDDER__NAME``), exactly as a store's reports do.

    .venv/bin/python scripts/build_signal_reference.py            # writes pipeline/reference/signals_e5-small.json.gz
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOURCES = [ROOT / "data" / "sample" / "raportit_2024.csv", ROOT / "data" / "sample" / "raportit_2025.csv"]
# the demo's emerging phenomenon (data/sample/README.md, "Emerging phenomenon"): not ordinary reports
DEMO_PHENOMENON = {"PH25-0064", "PH25-0070", "PH25-0074", "PH25-0080", "PH25-0082", "PH25-0085", "PH25-0088",
                   "PH25-0090", "PH25-0091", "PH25-0093"}


def main() -> int:
    from pipeline.settings import apply_offline_env

    apply_offline_env()
    from pipeline.corpus import load_corpus
    from pipeline.embeddings import get_embedder
    from pipeline.features import lemmatize_missing
    from pipeline.ingest import ingest_files
    from pipeline.signals import REFERENCE_DIR, write_reference
    from pipeline.store import get_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = get_engine(f"sqlite:///{Path(tmp) / 'reference.db'}")
        ingest_files(SOURCES, engine)
        lemmatize_missing(engine)
        corpus = load_corpus(engine, get_embedder())
        engine.dispose()
    missing = DEMO_PHENOMENON - set(corpus.ids)
    if missing:  # the demo data changed: the list above must follow it
        raise SystemExit(f"demo phenomenon rows not in the demo data: {sorted(missing)}")
    corpus = corpus.subset([r for r in corpus.ids if r not in DEMO_PHENOMENON])
    name = (corpus.embedder_id or "unknown").split("@")[0]
    out = write_reference(REFERENCE_DIR / f"signals_{name}.json.gz", corpus, 
                          source=" + ".join(p.relative_to(ROOT).as_posix() for p in SOURCES)
                          + " without the demo phenomenon's rows")
    print(f"wrote {out.relative_to(ROOT)}: {len(corpus)} reports, embedder {corpus.embedder_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
