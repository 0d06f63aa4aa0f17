"""Lemma accuracy and speed of each lemmatiser backend on Finnish UD test data.

Scoring (../shared/data/ud/README.md): gold tokens (multiword ranges and empty nodes skipped), exact LEMMA match
after removing ``#`` from gold and prediction. Speed: gold tokens per second over the three test sets, one process.

    .venv/bin/python bench/lemmas.py [--backends spacy-fi,simplemma,stanza] [--limit N] [--ud DIR] [--out FILE]

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


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="spacy-fi,spacy-fi-plain,stanza,simplemma")
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD)
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each set (quick runs)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lemmas.json")
    parser.add_argument("--errors", type=Path, default=None, help="write each backend's errors as TSV here")
    args = parser.parse_args(argv)

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
