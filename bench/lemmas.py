"""Lemma accuracy and speed of each lemmatiser backend on Finnish UD test data.

Scoring (../shared/data/ud/README.md): gold tokens (multiword ranges and empty nodes skipped), exact LEMMA match
after removing ``#`` from gold and prediction. Speed: gold tokens per second over the three test sets, one process.

    .venv/bin/python bench/lemmas.py [--backends spacy-fi,simplemma,stanza] [--limit N] [--ud DIR] [--out FILE]
    .venv/bin/python bench/lemmas.py --throughput [--out bench/results/lemmas_throughput.json]

``--throughput``: the spacy-fi backend on one nightly shard of raw report texts (the dev reports repeated to 512,
as the flow's lemma step gets them): ``nlp.pipe`` batch size 64 vs 256, ``n_process`` 1 vs 2, and the tagger +
attribute ruler left out as well (the morphologizer also sets the POS Voikko reads) -- wall and CPU seconds, and
whether the lemmas are identical to the default configuration's.

``--one-pass [N]``: the single spaCy pass of issue 15 on N dev reports (default 120), written to
``bench/results/lemmas_one_pass.json``: (1) load seconds, peak memory and ms per report of pseudonymisation + lemmas
with two separately loaded pipelines (before) and with the one shared pipeline (now), each in its own process;
(2) the shared pipeline's lemmas and NER spans against separately loaded ones (must be identical); (3) how often
lemmas taken from a pass over the raw text would differ from the lemma step's on the pseudonymised text, for the
words outside the replaced spans (why the lemma step still runs on the pseudonymised text).

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


def _dev_texts(n: int) -> list[str]:
    import csv

    from pipeline.text import report_text

    dev = ROOT.parent / "shared" / "data" / "reports_dev.csv"
    with dev.open(encoding="utf-8", newline="") as fh:
        texts = [report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", ""))
                 for r in csv.DictReader(fh)]
    return texts[:n]


def _one_pass_child(mode: str, n: int, queue) -> None:  # noqa: ANN001 - multiprocessing.Queue
    """In a fresh process: pseudonymise N dev reports, then lemmatise the pseudonymised texts, as ingest and the
    lemma step do; ``mode`` "separate" loads the pipeline twice as before (NER-only + lemma components), "shared"
    uses `finnish_pipeline` for both. Puts load seconds, per-report ms and peak RSS on ``queue``."""
    import resource

    import spacy

    from pipeline.language import detect_language
    from pipeline.lemmas.spacy_fi import _EXCLUDE, PACKAGE, SpacyFiLemmatizer, _combine_with_simplemma
    from pipeline.pseudonymise import Pseudonymiser
    from pipeline.pseudonymise.ner import SpacyNer

    texts = _dev_texts(n)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    if mode == "separate":
        ner_nlp = spacy.load(PACKAGE)
        for name in list(ner_nlp.pipe_names):
            if name != "ner":
                ner_nlp.remove_pipe(name)
        SpacyNer.nlp = property(lambda self: ner_nlp)  # the old recogniser: a pipeline of its own
        lem = SpacyFiLemmatizer.__new__(SpacyFiLemmatizer)
        lem.batch_size, lem.combine, lem.n_process = 64, True, 1
        lem._own_nlp = spacy.load(PACKAGE, exclude=_EXCLUDE)
        _combine_with_simplemma(lem._own_nlp.get_pipe("lemmatizer"))
        lem._version = lem._own_nlp.meta.get("version", "?")
    else:
        lem = SpacyFiLemmatizer()
        SpacyNer().nlp  # noqa: B018 - the same object
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    pseudo = Pseudonymiser()
    pseudo.pseudonymise_report(texts[:4])  # warm-up: Voikko, lexicons
    lem.lemmatize(texts[:4], ["fi"] * 4)
    t0, c0 = time.perf_counter(), time.process_time()
    out = [pseudo.pseudonymise_report([t])[0].text for t in texts]
    pseudo_s, pseudo_cpu = time.perf_counter() - t0, time.process_time() - c0
    langs = [detect_language(t) for t in out]
    t0, c0 = time.perf_counter(), time.process_time()
    lem.lemmatize(out, langs)
    lemma_s, lemma_cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU seconds beside wall: at load 8 on 2 shared cores wall time swings by 2x between identical runs.
    queue.put({"mode": mode, "reports": len(texts), "load_s": round(load_s, 2), "load_cpu_s": round(load_cpu, 2),
               "pseudonymise_ms_per_report": round(1000 * pseudo_s / len(texts), 2),
               "lemma_ms_per_report": round(1000 * lemma_s / len(texts), 2),
               "pseudonymise_cpu_ms_per_report": round(1000 * pseudo_cpu / len(texts), 2),
               "lemma_cpu_ms_per_report": round(1000 * lemma_cpu / len(texts), 2),
               "ratio_pseudonymise_plus_lemmas_to_lemmas": round((pseudo_s + lemma_s) / lemma_s, 3),
               "ratio_cpu": round((pseudo_cpu + lemma_cpu) / lemma_cpu, 3),
               "rss_added_by_loads_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss0),
               "load_avg_1m": round(os.getloadavg()[0], 2)})


def one_pass(out: Path, n: int) -> int:
    """See the module docstring (``--one-pass``)."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    runs = []
    for mode in ("separate", "shared"):
        q = ctx.Queue()
        proc = ctx.Process(target=_one_pass_child, args=(mode, n, q))
        proc.start()
        runs.append(q.get())
        proc.join()
        print(runs[-1])

    import spacy

    from pipeline.lemmas.spacy_fi import PACKAGE, SpacyFiLemmatizer, _combine_with_simplemma
    from pipeline.pseudonymise import Pseudonymiser
    from pipeline.pseudonymise.ner import SpacyNer

    texts = _dev_texts(n)
    pseudo = Pseudonymiser()
    pseudonymised = [pseudo.pseudonymise_report([t])[0].text for t in texts]
    lem = SpacyFiLemmatizer()
    shared_tokens = lem.lemmatize(pseudonymised, ["fi"] * n)
    raw_tokens = lem.lemmatize(texts, ["fi"] * n)
    sentences = [s for t in texts for s in t.split(". ") if s.strip()][:400]
    shared_ents = SpacyNer().entities(sentences)
    # Reference: one fresh load, each caller's components switched on as the old separate pipelines had them.
    ref = spacy.load(PACKAGE)
    _combine_with_simplemma(ref.get_pipe("lemmatizer"))
    with ref.select_pipes(enable=["tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer"]):
        ref_tokens = [[(t.text, t.lemma_, t.pos_ or None) for t in d if not t.is_space]
                      for d in ref.pipe(pseudonymised, batch_size=64)]
    with ref.select_pipes(enable=["ner"]):
        ref_ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in ref.pipe(sentences)]
    lemmas_same = sum([(t.text, t.lemma, t.upos) for t in a] == b for a, b in zip(shared_tokens, ref_tokens))
    ents_same = sum([(e.start, e.end, e.label) for e in a] == b for a, b in zip(shared_ents, ref_ents))
    raw_pass = {"dev_reports": _raw_pass_divergence(texts, pseudonymised, raw_tokens, shared_tokens)}
    # The dev reports hold few names: the own PII dev set's Finnish sentences (a name in almost every one).
    cases = [json.loads(line) for line in (ROOT / "bench" / "data" / "pii_dev" / "cases.jsonl").open(encoding="utf-8")]
    sample = [c["text"] for c in cases if c.get("language") == "fi"][::3][:300]
    sample_ps = [pseudo.pseudonymise_report([t])[0].text for t in sample]
    raw_pass["pii_dev_fi_sentences"] = _raw_pass_divergence(
        sample, sample_ps, lem.lemmatize(sample, ["fi"] * len(sample)), lem.lemmatize(sample_ps, ["fi"] * len(sample)))
    doc = {"reports": n, "corpus": "reports_dev.csv (first N)", "cost": runs,
           "load_s_saved": round(runs[0]["load_s"] - runs[1]["load_s"], 2),
           "load_cpu_s_saved": round(runs[0]["load_cpu_s"] - runs[1]["load_cpu_s"], 2),
           "rss_saved_mb": runs[0]["rss_added_by_loads_mb"] - runs[1]["rss_added_by_loads_mb"],
           "shared_identical_to_separate": {"lemma_texts": f"{lemmas_same}/{n}",
                                            "ner_sentences": f"{ents_same}/{len(sentences)}"},
           "raw_text_pass": raw_pass,
           "cpus": len(os.sched_getaffinity(0)),
           "note": "one run each, one after another, on shared cores: wall times are upper bounds"}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in doc.items() if k != "cost"}, ensure_ascii=False, indent=1))
    print(f"written to {out}")
    return 0


def _raw_pass_divergence(texts: list[str], pseudonymised: list[str], raw_tokens: list, ps_tokens: list) -> dict:
    """How often a pass over the raw text would give the words outside the replaced spans (aligned by surface
    form) another lemma or POS than the lemma step gives them on the pseudonymised text."""
    import difflib

    changed_reports = with_placeholder = aligned = differ = 0
    examples = []
    for raw, ps, a, b in zip(texts, pseudonymised, raw_tokens, ps_tokens):
        if raw == ps:
            continue
        with_placeholder += 1
        sm = difflib.SequenceMatcher(a=[t.text for t in a], b=[t.text for t in b], autojunk=False)
        report_differs = False
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal":
                continue
            for ta, tb in zip(a[i1:i2], b[j1:j2]):
                aligned += 1
                if (ta.lemma, ta.upos) != (tb.lemma, tb.upos):
                    differ += 1
                    report_differs = True
                    if len(examples) < 8:
                        examples.append({"word": tb.text, "raw_pass": [ta.lemma, ta.upos],
                                         "lemma_step": [tb.lemma, tb.upos]})
        changed_reports += report_differs
    return {"texts": len(texts), "texts_with_placeholders": with_placeholder,
            "texts_whose_lemmas_would_differ": changed_reports,
            "words_outside_spans": aligned, "words_whose_lemma_or_pos_would_differ": differ,
            "share_of_words": round(differ / max(aligned, 1), 4), "examples": examples}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="spacy-fi,spacy-fi-plain,stanza,simplemma")
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD)
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each set (quick runs)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lemmas.json")
    parser.add_argument("--errors", type=Path, default=None, help="write each backend's errors as TSV here")
    parser.add_argument("--throughput", action="store_true", help="spacy-fi configurations on one shard of texts")
    parser.add_argument("--one-pass", type=int, nargs="?", const=120, default=0, metavar="N",
                        help="shared vs separate spaCy pipelines for pseudonymisation + lemmas on N dev reports")
    args = parser.parse_args(argv)
    if args.one_pass:
        out = args.out if args.out != ROOT / "bench" / "results" / "lemmas.json" else \
            ROOT / "bench" / "results" / "lemmas_one_pass.json"
        return one_pass(out, args.one_pass)
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
