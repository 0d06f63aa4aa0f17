"""Lemma accuracy and speed of each lemmatiser backend on Finnish UD test data.

Scoring (../shared/data/ud/README.md): gold tokens (multiword ranges and empty nodes skipped), exact LEMMA match
after removing ``#`` from gold and prediction. Speed: gold tokens per second over the three test sets, one process.

    .venv/bin/python bench/lemmas.py [--backends spacy-fi,simplemma,stanza] [--limit N] [--ud DIR] [--out FILE]
    .venv/bin/python bench/lemmas.py --throughput [--out bench/results/lemmas_throughput.json]

``--throughput``: the spacy-fi backend on one nightly shard of raw report texts (the dev reports repeated to 512,
as the flow's lemma step gets them): ``nlp.pipe`` batch size 64 vs 256, ``n_process`` 1 vs 2, and the tagger +
attribute ruler left out as well (the morphologizer also sets the POS Voikko reads) -- wall and CPU seconds, and
whether the lemmas are identical to the default configuration's.

Writes ``bench/results/lemmas.json`` (DESIGN §8) and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the project root before bench/ itself, so `pipeline` is the package, not bench/pipeline.py
sys.path.insert(0, str(ROOT))
DEFAULT_UD = ROOT.parent / "shared" / "data" / "ud"
SETS = {"tdt_test": "fi_tdt-ud-test.conllu", "ftb_test": "fi_ftb-ud-test.conllu", "ood_test": "fi_ood-ud-test.conllu"}


def read_conllu(path: Path, limit: int | None = None) -> list[list[tuple[str, str]]]:
    """Sentences as lists of (form, gold lemma) on syntactic-word lines."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
                if limit and len(sentences) >= limit:
                    break
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or "-" in cols[0] or "." in cols[0]:
            continue
        current.append((cols[1], cols[2]))
    if current and not (limit and len(sentences) >= limit):
        sentences.append(current)
    return sentences


def score(lemmatizer, sentences: list[list[tuple[str, str]]]) -> tuple[float, int, float, list, float]:  # noqa: ANN001
    """(accuracy, tokens, wall seconds, errors, CPU seconds) of `lemmatizer` on gold-tokenised sentences."""
    words = [[form for form, _ in s] for s in sentences]
    started, cpu_started = time.perf_counter(), time.process_time()
    predicted = lemmatizer.lemmatize_pretokenized(words)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    right = total = 0
    errors = []
    for sent, toks in zip(sentences, predicted):
        if len(toks) != len(sent):
            raise RuntimeError(f"{lemmatizer.id}: {len(toks)} tokens for {len(sent)} gold words")
        for (form, gold), tok in zip(sent, toks):
            total += 1
            if tok.lemma.replace("#", "") == gold.replace("#", ""):
                right += 1
            else:
                errors.append((form, gold, tok.lemma, tok.upos))
    return right / max(total, 1), total, seconds, errors, cpu_seconds


def throughput(out: Path, n_texts: int = 512) -> int:
    """Texts/s of spacy-fi configurations on one shard of raw report texts (see the module docstring)."""
    import csv
    import resource

    from pipeline.lemmas.spacy_fi import _EXCLUDE, PACKAGE, SpacyFiLemmatizer, _combine_with_simplemma
    from pipeline.text import report_text

    dev = ROOT.parent / "shared" / "data" / "reports_dev.csv"
    with dev.open(encoding="utf-8", newline="") as fh:
        base = [report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", ""))
                for r in csv.DictReader(fh)]
    texts = (base * (n_texts // len(base) + 1))[:n_texts]
    words = sum(len(t.split()) for t in texts)
    lem = SpacyFiLemmatizer()
    lem._lemmatize_fi(texts[:8])  # warm-up, untimed
    reference = None
    rows = []
    for name, batch, n_process, no_tagger in (("default", 64, 1, False), ("batch256", 256, 1, False),
                                              ("n_process2", 64, 2, False), ("no_tagger", 64, 1, True)):
        if no_tagger:
            import spacy

            lem._nlp = spacy.load(PACKAGE, exclude=[*_EXCLUDE, "tagger", "attribute_ruler"])
            _combine_with_simplemma(lem._nlp.get_pipe("lemmatizer"))
            lem._lemmatize_fi(texts[:8])
        lem.batch_size, lem.n_process = batch, n_process
        ru0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        toks = lem._lemmatize_fi(texts)
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum((b.ru_utime + b.ru_stime) - (a.ru_utime + a.ru_stime) for a, b in zip(ru0, ru1))
        lemmas = [[(t.lemma, t.upos) for t in doc] for doc in toks]
        reference = reference or lemmas
        same = sum(a == b for a, b in zip(lemmas, reference))
        rows.append({"config": name, "batch_size": batch, "n_process": n_process, "tagger": not no_tagger,
                     "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "texts_per_s": round(len(texts) / wall, 1),
                     "words_per_cpu_s": round(words / cpu) if cpu else None,
                     "texts_identical_to_default": f"{same}/{len(texts)}", "load_avg_1m": round(os.getloadavg()[0], 2)})
        print(f"{name:<12} batch {batch:>3} n_process {n_process} tagger {not no_tagger!s:<5} "
              f"{wall:6.1f} s wall {cpu:6.1f} s cpu  {len(texts) / wall:6.1f} texts/s  identical {same}/{len(texts)}")
    doc = {"texts": len(texts), "words": words, "corpus": "reports_dev.csv repeated (one nightly shard)",
           "cpus": len(os.sched_getaffinity(0)), "configs": rows,
           "note": "cpu_s includes spaCy's worker processes (RUSAGE_CHILDREN); on shared cores wall time is an "
                   "upper bound and the configurations ran one after another"}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="spacy-fi,spacy-fi-plain,stanza,simplemma")
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD)
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each set (quick runs)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lemmas.json")
    parser.add_argument("--errors", type=Path, default=None, help="write each backend's errors as TSV here")
    parser.add_argument("--throughput", action="store_true", help="spacy-fi configurations on one shard of texts")
    args = parser.parse_args(argv)
    if args.throughput:
        out = args.out if args.out != ROOT / "bench" / "results" / "lemmas.json" else \
            ROOT / "bench" / "results" / "lemmas_throughput.json"
        return throughput(out)

    from pipeline.errors import ModelNotAvailableError
    from pipeline.lemmas import get_lemmatizer

    data = {key: read_conllu(args.ud / name, args.limit) for key, name in SETS.items()}
    results: dict[str, dict] = {}
    for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
        try:
            if name == "spacy-fi-plain":  # Voikko as spacy-fi ships it, without the simplemma combination
                from pipeline.lemmas.spacy_fi import SpacyFiLemmatizer

                lem = SpacyFiLemmatizer(combine=False)
            else:
                lem = get_lemmatizer(name)
            lem.lemmatize_pretokenized([["Asiakkaiden", "hakemukset", "lisääntyivät", "."]])  # warm-up, untimed
        except ModelNotAvailableError as exc:
            print(f"{name}: not available ({exc})", file=sys.stderr)
            results[name] = {"available": False, "reason": str(exc)}
            continue
        row: dict = {"id": lem.id}
        tokens = 0
        seconds = cpu = 0.0
        for key, sentences in data.items():
            acc, n, secs, errors, cpu_secs = score(lem, sentences)
            row[key] = round(acc, 4)
            tokens += n
            seconds += secs
            cpu += cpu_secs
            if args.errors:
                args.errors.mkdir(parents=True, exist_ok=True)
                with (args.errors / f"{name}_{key}.tsv").open("w", encoding="utf-8") as fh:
                    fh.writelines("\t".join(str(x) for x in e) + "\n" for e in errors)
        row["tokens"] = tokens
        row["tokens_per_s"] = round(tokens / seconds) if seconds else None
        # On a shared machine wall time mostly measures the neighbours; CPU time is what the lemmatiser used.
        row["tokens_per_cpu_s"] = round(tokens / cpu) if cpu else None
        results[name] = row
    try:
        default = get_lemmatizer("auto").name
    except ModelNotAvailableError:
        default = None
    doc = {"default": default, "backends": results,
           "scoring": "gold tokens, exact lemma match after removing '#'; tokens_per_s over all three sets, 1 process",
           "limit": args.limit, "cpus": os.cpu_count(), "load_avg_1min_after": round(os.getloadavg()[0], 2)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{'backend':<15} {'TDT test':>9} {'FTB test':>9} {'OOD test':>9} {'tok/s':>9} {'tok/cpu-s':>9}  id")
    for name, row in results.items():
        if not row.get("available", True):
            print(f"{name:<15} {'n/a':>9} {'n/a':>9} {'n/a':>9} {'n/a':>9} {'n/a':>9}")
            continue
        print(f"{name:<15} {row['tdt_test']:>9.2%} {row['ftb_test']:>9.2%} {row['ood_test']:>9.2%} "
              f"{row['tokens_per_s']:>9,} {row['tokens_per_cpu_s']:>9,}  {row['id']}")
    print(f"default: {default}; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
