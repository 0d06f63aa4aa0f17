"""Edited resubmissions: precision and recall of the ingest's linking, and the cost of the near-duplicate check.

Usage:
    .venv/bin/python bench/dedupe.py [--own] [--independent DIR] [--full] [--scale 1000,2000,4000,20000]
                                     [--out bench/results/dedupe.json]

``--full`` runs the nightly path instead of ingest alone: ingest → features (lemmas, the pipeline's e5 embedder,
vectors cached in /tmp/signaali-bench-dedupe-emb.npz) → the resubmission step (`pipeline.resubmissions`); results
go to ``own_dev_full`` / ``independent_full``. The own set then also holds the heavy rewordings written for it
(``bench/data/dev_rewordings.json``) and the dev corpus's natural look-alikes (different R-* reports of one block
within 30 days); its copied look-alikes get a store of their own (their texts are dev texts).

Sets:
- **own** (dev, tuned on): built here from ../shared/data/reports_dev.csv. 72 resubmissions of dev reports with
  edits of every size (commas, a word, reworded clauses, a sentence added or dropped, a "(Korjattu versio …)" note,
  combinations), 1–25 days later with the same metadata; and 240 look-alike pairs: two *different* dev reports of
  the same target group given the same area, unit, phenomenon type and week. The dev corpus's own 4 near-duplicate
  pairs count as positives too.
- **independent** (scored once per change, never tuned on): ``bench/data/independent/dedupe/`` (reports.csv +
  pairs.csv, written by a helper who never saw this code).

Each set is ingested into a fresh SQLite store in file order; a pair counts as predicted when the ingest linked it
(``resubmissions.status = linked``, strong evidence: the later version counts). Pairs only listed for a reviewer
(``candidate``) are reported separately. Scale: N near-identical texts (one template, a few words changed) ingested
in one file; seconds at each checkpoint, from which the per-1,000-row cost at the start and the end shows whether
the check grows with the store.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "reports_dev.csv"
INDEPENDENT = ROOT / "bench" / "data" / "independent" / "dedupe"
FIELDS = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "observation",
          "client_voice", "proposal"]

SWAPS = [("ja", "sekä"), ("mutta", "kuitenkin"), ("usein", "monesti"), ("paljon", "runsaasti"),
         ("asiakkaat", "asiakkaamme"), ("erityisesti", "etenkin"), ("nyt", "tällä hetkellä"), ("jo", "jopa"),
         ("koska", "sillä"), ("eivät", "eivät aina"), ("on", "on ollut"), ("kaksi", "2"), ("kolme", "3"),
         ("viikkoa", "vkoa"), ("kuukautta", "kk"), ("tilanne", "tilanteensa"), ("myös", "lisäksi")]
ADDED = ["Tilanne on jatkunut samanlaisena koko syksyn.", "Asiasta on keskusteltu myös tiimipalaverissa.",
         "Lisäksi yhteistyö muiden toimijoiden kanssa on ollut hankalaa.", "Korjaan aiempaa ilmoitustani tältä osin.",
         "Täsmennän, että kyse on useammasta asiakkaasta."]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def edit(text: str, size: str, rng: random.Random, day: dt.date) -> str:
    """An edited resubmission of ``text``: size small | medium | large | note | added | dropped."""
    sents = _sentences(text)
    words_changed = {"small": 2, "medium": 6, "large": 12}.get(size, 1)
    out = " ".join(sents)
    for _ in range(words_changed):
        a, b = rng.choice(SWAPS)
        if rng.random() < 0.5:
            a, b = b, a
        out2 = re.sub(rf"\b{re.escape(a)}\b", b, out, count=1)
        if out2 == out:
            out2 = out.replace(", ", " ", 1) if rng.random() < 0.5 else out.replace(" ", ", ", 1)
        out = out2
    sents = _sentences(out)
    if size == "large" and len(sents) > 2:
        i = rng.randrange(len(sents) - 1)
        sents[i], sents[i + 1] = sents[i + 1], sents[i]
    if size in ("added", "large"):
        sents.insert(rng.randrange(len(sents) + 1), rng.choice(ADDED))
    if size == "dropped" and len(sents) > 2:
        sents.pop(rng.randrange(1, len(sents)))
    if size == "note":
        sents.append(f"(Korjattu versio {day.day}.{day.month}.{day.year}, lisätty tarkennus.)")
    out = " ".join(sents)
    if out == text.strip():  # two swaps may cancel out: a resubmission always differs somewhere
        out = out.replace(", ", " ", 1) if ", " in out else out.replace(" ", " jopa ", 1)
    return out


def own_set(seed: int = 7) -> tuple[list[dict], set[tuple[str, str]], set[tuple[str, str]]]:
    """Rows (in ingest order), resubmission pairs, look-alike pairs built from the dev corpus."""
    rng = random.Random(seed)
    dev = list(csv.DictReader(DEV.open(encoding="utf-8")))
    rows = [{k: r[k] for k in FIELDS} for r in dev]
    positives = {("R-0018", "R-0019"), ("R-0095", "R-0098"), ("R-0154", "R-0155"), ("R-0207", "R-0209")}
    negatives: set[tuple[str, str]] = set()
    sizes = ["small", "medium", "large", "note", "added", "dropped"]
    originals = rng.sample([r for r in dev if r["report_id"] not in {x for p in positives for x in p}], 72)
    for i, r in enumerate(originals):
        day = dt.date.fromisoformat(r["submitted"]) + dt.timedelta(days=rng.randint(1, 25))
        new = {k: r[k] for k in FIELDS}
        new.update(report_id=f"E-{i:03d}", submitted=day.isoformat(),
                   observation=edit(r["observation"], sizes[i % len(sizes)], rng, day),
                   proposal=edit(r["proposal"], "small", rng, day) if r["proposal"] and i % 2 else r["proposal"])
        rows.append(new)
        positives.add((r["report_id"], new["report_id"]))
    by_group: dict[str, list[dict]] = {}
    for r in dev:
        by_group.setdefault(r["target_group"], []).append(r)
    n = 0
    while n < 240:
        group = rng.choice([g for g, rs in by_group.items() if len(rs) > 3])
        a, b = rng.sample(by_group[group], 2)
        day = dt.date(2026, 1, 5) + dt.timedelta(days=7 * (n % 40))
        ids = (f"L-{n:03d}a", f"L-{n:03d}b")
        for rid, src, off in ((ids[0], a, 0), (ids[1], b, rng.randint(0, 4))):
            new = {k: src[k] for k in FIELDS}
            new.update(report_id=rid, submitted=(day + dt.timedelta(days=off)).isoformat(), area=a["area"],
                       unit=a["unit"], phenomenon_type=a["phenomenon_type"])
            rows.append(new)
        negatives.add(ids)
        n += 1
    return rows, positives, negatives


def independent_set(folder: Path) -> tuple[list[dict], set[tuple[str, str]], set[tuple[str, str]]] | None:
    """reports.csv + pairs.csv of the independent set (pair columns: two report ids and a same/different label)."""
    reports_csv, pairs_csv = folder / "reports.csv", folder / "pairs.csv"
    if not (reports_csv.exists() and pairs_csv.exists()):
        return None
    rows = list(csv.DictReader(reports_csv.open(encoding="utf-8")))
    rows.sort(key=lambda r: (r.get("submitted", ""), r.get("report_id", "")))
    pos, neg = set(), set()
    for p in csv.DictReader(pairs_csv.open(encoding="utf-8")):
        keys = list(p)
        a, b = p[keys[0]], p[keys[1]]
        label = next((p[k] for k in ("label", "is_resubmission", "same", "kind", "type", "relation") if k in p),
                     p[keys[2]])
        positive = str(label).strip().lower() in ("1", "true", "yes", "resubmission", "duplicate", "same",
                                                  "resubmitted", "edited", "positive")
        (pos if positive else neg).add((a, b))
    return rows, pos, neg


def score(rows: list[dict], positives: set, negatives: set) -> dict:
    """Ingest ``rows`` into a fresh store and count linked / listed pairs."""
    import sqlalchemy as sa

    from pipeline.ingest import ingest_files
    from pipeline.store import get_engine
    from pipeline.store.schema import resubmissions

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.csv"
        cols = [c for c in rows[0] if c in FIELDS or c == "report_id"]
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        engine = get_engine(f"sqlite:///{Path(tmp) / 's.db'}")
        t0 = time.perf_counter()
        summary = ingest_files([path], engine)
        seconds = time.perf_counter() - t0
        with engine.connect() as c:
            found = [(r.earlier_id, r.later_id, r.status, r.evidence)
                     for r in c.execute(sa.select(resubmissions))]
        engine.dispose()
    linked = {frozenset((a, b)) for a, b, s, _ in found if s == "linked"}
    listed = {frozenset((a, b)) for a, b, s, _ in found if s == "candidate"}
    pos = {frozenset(p) for p in positives}
    neg = {frozenset(p) for p in negatives}
    tp = len(linked & pos)
    fp_pairs = linked - pos
    recall = tp / len(pos) if pos else None
    precision = tp / len(linked) if linked else None
    missed = sorted(sorted(p) for p in pos - linked)
    return {
        "rows": len(rows), "positives": len(pos), "lookalikes": len(neg), "linked": len(linked),
        "true_links": tp, "false_links": len(fp_pairs), "false_links_on_lookalikes": len(fp_pairs & neg),
        "recall": round(recall, 4) if recall is not None else None,
        "precision": round(precision, 4) if precision is not None else None,
        "listed_for_review": len(listed), "listed_positives": len(listed & pos),
        "recall_linked_or_listed": round(len((linked | listed) & pos) / len(pos), 4) if pos else None,
        "missed": missed[:20], "quarantined": summary.quarantined, "seconds": round(seconds, 2),
    }


def rewordings() -> list[dict]:
    """The own heavy rewordings (bench/data/dev_rewordings.json) as rows: same metadata, ``days`` later."""
    dev = {r["report_id"]: r for r in csv.DictReader(DEV.open(encoding="utf-8"))}
    spec = json.loads((ROOT / "bench" / "data" / "dev_rewordings.json").read_text(encoding="utf-8"))
    rows = []
    for i, w in enumerate(spec["rewordings"]):
        src = dev[w["of"]]
        new = {k: src[k] for k in FIELDS}
        day = dt.date.fromisoformat(src["submitted"]) + dt.timedelta(days=w["days"])
        new.update(report_id=f"W-{i:03d}", submitted=day.isoformat(), observation=w["observation"],
                   client_voice=w["client_voice"], proposal=w["proposal"])
        rows.append(new)
    return rows


def natural_lookalikes(rows: list[dict], positives: set, window_days: int = 30) -> set[tuple[str, str]]:
    """Pairs of different dev reports (R-*) that share area, target group, unit and phenomenon type within the
    window: the look-alikes the dev corpus has by itself."""
    from pipeline.resubmissions import block_of

    pos = {frozenset(p) for p in positives}
    dev = [r for r in rows if r["report_id"].startswith("R-")]
    out = set()
    for i, a in enumerate(dev):
        for b in dev[i + 1:]:
            gap = abs((dt.date.fromisoformat(a["submitted"]) - dt.date.fromisoformat(b["submitted"])).days)
            if gap <= window_days and block_of(a) == block_of(b) and frozenset((a["report_id"], b["report_id"])) not in pos:
                out.add((a["report_id"], b["report_id"]))
    return out


class CachedEmbedder:
    """The pipeline's embedder with a vector cache under /tmp (text hash + model id), so reruns skip the model."""

    def __init__(self, inner, path: Path) -> None:  # noqa: ANN001
        import numpy as np

        self.inner, self.path = inner, path
        self.model_id, self.dim = inner.model_id, inner.dim
        self._cache = dict(np.load(path)) if path.exists() else {}

    def embed(self, texts: list[str]):  # noqa: ANN201
        import hashlib

        import numpy as np

        keys = [hashlib.sha256((self.model_id + "\x1f" + t).encode()).hexdigest() for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in self._cache}.items())
        if todo:
            vecs = self.inner.embed([t for _, t in todo])
            self._cache.update({k: v for (k, _), v in zip(todo, vecs)})
            np.savez(self.path, **self._cache)
        return np.stack([self._cache[k] for k in keys]).astype(np.float32)


def _families(pairs: set) -> dict[str, str]:
    """Connected components of ``pairs``: report id -> a representative of its family."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


def score_full(stores: list[list[dict]], positives: set, negatives: set, cache: Path) -> dict:
    """The nightly path per store: ingest → features (lemmas, real e5 embeddings) → resubmission step.

    Each row list in ``stores`` goes into its own fresh store (the own look-alikes copy dev texts, so they get a
    store without the dev originals). Counting is by family, as the tables count: a resubmission pair is found when
    its two reports end up connected by links (a reworded version linked to the light edit of the same original
    counts once either way); a link is false when it joins two different reports' families. The cosine /
    lemma-Jaccard of every labelled pair both of whose reports still count after ingest goes to ``pair_evidence``
    (what the second pass decides on; for tuning on the own set only).
    """
    import numpy as np
    import sqlalchemy as sa

    from pipeline.corpus import load_corpus
    from pipeline.embeddings import get_embedder
    from pipeline.features import lemmatize_reports
    from pipeline.ingest import ingest_files
    from pipeline.resubmissions import (block_of, find_resubmissions, lemma_jaccard, params_from_settings,
                                        recorded_pairs, write_resubmissions)
    from pipeline.settings import get_settings
    from pipeline.store import get_engine
    from pipeline.store.schema import resubmissions

    embedder = CachedEmbedder(get_embedder(), cache)
    params = params_from_settings(get_settings())
    found, evidence, present = [], [], set()
    seconds = {"ingest": 0.0, "features": 0.0, "resubmission_step": 0.0}
    for rows in stores:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "reports.csv"
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
                w.writeheader()
                w.writerows(rows)
            engine = get_engine(f"sqlite:///{Path(tmp) / 's.db'}")
            t0 = time.perf_counter()
            ingest_files([path], engine)
            t1 = time.perf_counter()
            lemmatize_reports(engine, None)
            corpus = load_corpus(engine, embedder)
            t2 = time.perf_counter()
            links = find_resubmissions(corpus, corpus.ids, params, recorded_pairs(engine))
            t3 = time.perf_counter()
            write_resubmissions(engine, links)
            with engine.connect() as c:
                found += [(r.earlier_id, r.later_id, r.status, r.evidence) for r in c.execute(sa.select(resubmissions))]
                present |= set(c.execute(sa.text("select report_id from reports")).scalars())
            engine.dispose()
        seconds["ingest"] += t1 - t0
        seconds["features"] += t2 - t1
        seconds["resubmission_step"] += t3 - t2
        idx = {rid: i for i, rid in enumerate(corpus.ids)}
        for label, pairs in (("resubmission", positives), ("lookalike", negatives)):
            for a, b in sorted(pairs):
                if a in idx and b in idx:
                    i, j = idx[a], idx[b]
                    evidence.append({"a": a, "b": b, "label": label,
                                     "same_block": block_of(corpus.metadata[i]) == block_of(corpus.metadata[j]),
                                     "cosine": round(float(np.dot(corpus.embeddings[i], corpus.embeddings[j])), 4),
                                     "lemma_jaccard": round(lemma_jaccard(corpus.lemmas[i], corpus.lemmas[j]), 4)})
    pos = {(a, b) for a, b in positives if a in present and b in present}
    neg = {(a, b) for a, b in negatives if a in present and b in present}
    truth = _families(pos)
    linked = [(a, b) for a, b, s, _ in found if s == "linked"]
    listed = [(a, b) for a, b, s, _ in found if s == "candidate"]
    got = _families(set(linked))
    got_or_listed = _families(set(linked) | set(listed))

    def joined(fam: dict, a: str, b: str) -> bool:
        return a in fam and b in fam and fam[a] == fam[b]

    true_links = [p for p in linked if joined(truth, *p)]
    false_links = [p for p in linked if not joined(truth, *p)]
    missed = sorted(sorted(p) for p in pos if not joined(got, *p))
    semantic = [(a, b) for a, b, s, e in found if s == "linked" and e.get("rule") == "resubmission_semantic"]
    return {
        "rows": sum(len(r) for r in stores), "stores": len(stores), "positives": len(pos),
        "lookalikes": len(neg), "linked": len(linked), "true_links": len(true_links),
        "linked_by_second_pass": len(semantic),
        "true_links_by_second_pass": sum(joined(truth, *p) for p in semantic),
        "false_links": len(false_links), "false_links_on_lookalikes": sum(joined(got, *p) for p in neg),
        "recall": round(1 - len(missed) / len(pos), 4) if pos else None,
        "precision": round(len(true_links) / len(linked), 4) if linked else None,
        "listed_for_review": len(listed), "listed_positives": sum(joined(truth, *p) for p in listed),
        "recall_linked_or_listed": round(sum(joined(got_or_listed, *p) for p in pos) / len(pos), 4) if pos else None,
        "missed": missed[:20], "false_link_pairs": sorted(sorted(p) for p in false_links)[:20],
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "note": "family counting: a pair is found when its reports are connected by links; a link is false when "
                "it joins different reports",
        "pair_evidence": evidence,
    }


def scale(checkpoints: list[int], seed: int = 3) -> dict:
    """Seconds to ingest N near-identical texts in one file, at each checkpoint (cumulative, same run)."""
    from pipeline.ingest import ingest_files
    from pipeline.store import get_engine

    rng = random.Random(seed)
    words = ["jono", "odotus", "asiakas", "palvelu", "tuki", "päätös", "viikko", "kuukausi", "yhteys", "hakemus"]
    base = ("Kotihoidon asiakkaiden käyntiajat ovat lyhentyneet ja hoitajat joutuvat kiirehtimään käynneillä. "
            "Omaiset ovat huolissaan, koska ikääntyneet jäävät yksin pitkiksi ajoiksi.")
    n = max(checkpoints)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "same.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(FIELDS)
            for i in range(n):
                extra = " ".join(rng.choice(words) for _ in range(3))
                w.writerow([f"S-{i:05d}", (dt.date(2025, 1, 1) + dt.timedelta(days=i % 60)).isoformat(), "Lahti",
                            "ikääntyneet", "negatiivinen", "kotihoito", f"{base} Lisäksi {extra} {i}.", "", ""])
        engine = get_engine(f"sqlite:///{Path(tmp) / 's.db'}")
        marks: dict[int, float] = {}
        count = 0
        t0 = time.perf_counter()

        def tick() -> None:
            nonlocal count
            count += 1
            if count in checkpoints:
                marks[count] = round(time.perf_counter() - t0, 2)
                print(f"scale: {count} rows in {marks[count]} s", flush=True)

        summary = ingest_files([path], engine, on_row=tick)
        marks[n] = round(time.perf_counter() - t0, 2)
        engine.dispose()
    first = marks[min(checkpoints)] / min(checkpoints) * 1000
    pts = sorted(marks)
    last = (marks[pts[-1]] - marks[pts[-2]]) / (pts[-1] - pts[-2]) * 1000 if len(pts) > 1 else first
    return {"texts": n, "seconds_at": {str(k): v for k, v in sorted(marks.items())},
            "seconds_per_1000_first": round(first, 2), "seconds_per_1000_last": round(last, 2),
            "linked": summary.near_duplicates, "stored": summary.stored,
            "note": "one file, cumulative seconds within the same ingest (pseudonymisation and writes included)"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--own", action="store_true", help="score the own/dev set")
    ap.add_argument("--independent", type=Path, default=None, help="score the independent set in DIR")
    ap.add_argument("--full", action="store_true",
                    help="score the full path (ingest → features with e5 → resubmission step) instead of ingest only")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/signaali-bench-dedupe-emb.npz"),
                    help="embedding cache for --full reruns")
    ap.add_argument("--scale", default="", help="checkpoints, e.g. 1000,2000,4000,20000")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "dedupe.json")
    args = ap.parse_args()
    out = json.loads(args.out.read_text()) if args.out.exists() else {}
    from pipeline.ingest.store_reports import dedupe_rule
    from pipeline.settings import get_settings

    out["rule"] = dedupe_rule(get_settings()).__dict__
    out["targets"] = {"recall": 0.95, "precision": 0.98}
    if args.full:
        from pipeline.resubmissions import params_from_settings

        out["rule_second_pass"] = params_from_settings(get_settings()).__dict__
    if args.own and args.full:
        rows, pos, neg = own_set()
        extra = rewordings()
        spec = json.loads((ROOT / "bench" / "data" / "dev_rewordings.json").read_text(encoding="utf-8"))
        pos |= {(w["of"], r["report_id"]) for w, r in zip(spec["rewordings"], extra)}
        lookalike_ids = {x for p in neg for x in p}
        out["own_dev_full"] = score_full([[r for r in rows if r["report_id"] not in lookalike_ids] + extra,
                                          [r for r in rows if r["report_id"] in lookalike_ids]],
                                         pos, neg | natural_lookalikes(rows, pos), args.cache)
        print("own/dev full:", json.dumps({k: v for k, v in out["own_dev_full"].items()
                                           if k not in ("missed", "pair_evidence")}))
    elif args.own:
        out["own_dev"] = score(*own_set())
        print("own/dev:", json.dumps({k: v for k, v in out["own_dev"].items() if k != "missed"}))
    if args.independent:
        ind = independent_set(args.independent)
        if ind is None:
            print(f"no independent set in {args.independent}")
        else:
            key = "independent_full" if args.full else "independent"
            out[key] = score_full([ind[0]], ind[1], ind[2], args.cache) if args.full else score(*ind)
            out[key].pop("pair_evidence", None)  # never looked at for tuning
            print(f"{key}:", json.dumps({k: v for k, v in out[key].items() if k != "missed"}))
    if args.scale:
        out["scale"] = scale([int(x) for x in args.scale.split(",")])
        print("scale:", json.dumps(out["scale"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
