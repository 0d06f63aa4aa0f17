import json, os, sys, re
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from core import hetu_ok, iban_ok

PATH = os.path.join(os.path.dirname(__file__), "..", "cases.jsonl")
SPAN_K = {"person", "hetu", "phone", "email", "address", "iban", "vehicle"}
KEEP_K = {"place", "org", "street", "word", "date", "money", "case_number", "service_number", "number"}
REQ_TRADS = ["finnish", "finland_swedish", "somali", "arabic", "kurdish", "persian", "russian", "ukrainian",
             "estonian", "vietnamese", "thai", "english"]
SIGNS = set("+-YXWVUABCDEF")


def isw(c):
    return c.isalnum()


def main():
    errs = []
    rows = [json.loads(l) for l in open(PATH, encoding="utf-8")]
    ids = Counter(r["id"] for r in rows)
    errs += [f"dup id {i}" for i, n in ids.items() if n > 1]
    kinds, keeps, trads, langs, forms = Counter(), Counter(), Counter(), Counter(), Counter()
    signs, bad_hetu, n_hetu = set(), 0, 0
    for r in rows:
        t = r["text"]
        langs[r["lang"]] += 1
        if r["lang"] not in ("fi", "sv", "en"):
            errs.append(f"{r['id']} lang")
        iv = []
        for lst, allowed, label in ((r["spans"], SPAN_K, "span"), (r["keep"], KEEP_K, "keep")):
            for s in lst:
                a, b = s["start"], s["end"]
                if s["kind"] not in allowed:
                    errs.append(f"{r['id']} bad {label} kind {s['kind']}")
                if not (0 <= a < b <= len(t)) or t[a:b] != s["value"]:
                    errs.append(f"{r['id']} offset {s}")
                    continue
                if s["value"] != s["value"].strip():
                    errs.append(f"{r['id']} whitespace {s}")
                if isw(t[a]) and a > 0 and isw(t[a - 1]):
                    errs.append(f"{r['id']} start boundary {s['value']!r}")
                if isw(t[b - 1]) and b < len(t) and isw(t[b]):
                    errs.append(f"{r['id']} end boundary {s['value']!r}")
                iv.append((a, b, s["value"]))
                if label == "keep":
                    keeps[s["kind"]] += 1
                    continue
                kinds[s["kind"]] += 1
                if s["kind"] == "person":
                    if "tradition" not in s or "form" not in s:
                        errs.append(f"{r['id']} person meta")
                    trads[s["tradition"]] += 1
                    forms[s["form"]] += 1
                if s["kind"] == "hetu":
                    n_hetu += 1
                    ok = hetu_ok(s["value"])
                    signs.add(s["value"][6])
                    if ok != s.get("check_valid", True):
                        errs.append(f"{r['id']} hetu check flag {s}")
                    if not ok:
                        bad_hetu += 1
                    if not re.fullmatch(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]", s["value"]):
                        errs.append(f"{r['id']} hetu shape {s}")
                if s["kind"] == "iban" and not iban_ok(s["value"]):
                    errs.append(f"{r['id']} iban check {s['value']}")
        iv.sort()
        for x, y in zip(iv, iv[1:]):
            if y[0] < x[1]:
                errs.append(f"{r['id']} overlap {x} {y}")
        if not r["spans"] and not r["keep"]:
            errs.append(f"{r['id']} empty")
    n = len(rows)
    if not 650 <= n <= 750:
        errs.append(f"case count {n}")
    if kinds["person"] < 900:
        errs.append(f"person spans {kinds['person']} < 900")
    for k in SPAN_K - {"person"}:
        if kinds[k] < 50:
            errs.append(f"{k} spans {kinds[k]} < 50")
    for tr in REQ_TRADS:
        if trads[tr] < 25:
            errs.append(f"tradition {tr} {trads[tr]} < 25")
    if sum(keeps.values()) < 400:
        errs.append(f"keep spans {sum(keeps.values())} < 400")
    if SIGNS - signs:
        errs.append(f"missing century signs {SIGNS - signs}")
    rate = bad_hetu / max(1, n_hetu)
    if not 0.04 <= rate <= 0.13:
        errs.append(f"wrong-check hetu rate {rate:.3f}")
    for lg, lo, hi in (("sv", 0.09, 0.15), ("en", 0.06, 0.10)):
        if not lo <= langs[lg] / n <= hi:
            errs.append(f"lang share {lg} {langs[lg] / n:.3f}")
    print("cases", n, dict(langs))
    print("spans", dict(kinds), "total", sum(kinds.values()))
    print("keeps", dict(keeps), "total", sum(keeps.values()))
    print("traditions", dict(sorted(trads.items(), key=lambda x: -x[1])))
    print("hetu", n_hetu, "wrong check", bad_hetu, f"({rate:.1%})", "signs", "".join(sorted(signs)))
    print("forms", len(forms), dict(forms.most_common()))
    if errs:
        print("ERRORS", len(errs))
        for e in errs[:60]:
            print(" ", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
