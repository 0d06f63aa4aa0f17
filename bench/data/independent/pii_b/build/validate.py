# -*- coding: utf-8 -*-
import json, sys, os, collections, re
sys.path.insert(0, os.path.dirname(__file__))
from build import hetu_ok, iban_ok, CENT

P = os.path.join(os.path.dirname(__file__), "..", "cases.jsonl")
rows = [json.loads(l) for l in open(P, encoding="utf-8")]
cases = json.load(open(os.path.join(os.path.dirname(__file__), "person_cases.json")))
err = 0
ids = set()
kind = collections.Counter(); trad = collections.Counter(); kk = collections.Counter(); lang = collections.Counter()
lang_person = collections.Counter(); signs = collections.Counter(); bad_hetu = 0; ibcc = collections.Counter()
both = 0
for r in rows:
    assert r["id"] not in ids; ids.add(r["id"])
    assert r["lang"] in ("fi", "sv", "en")
    t = r["text"]; lang[r["lang"]] += 1
    iv = []
    for s in r["spans"]:
        if t[s["start"]:s["end"]] != s["value"]:
            print("MISMATCH", r["id"], s); err += 1
        kind[s["kind"]] += 1
        if s["kind"] == "person":
            trad[s["tradition"]] += 1; lang_person[r["lang"]] += 1
        else:
            assert "tradition" not in s
        if s["kind"] == "hetu":
            signs[s["value"][6]] += 1
            if not hetu_ok(s["value"]):
                bad_hetu += 1
        if s["kind"] == "iban":
            ibcc[s["value"][:2]] += 1
            if not iban_ok(s["value"]):
                print("BAD IBAN", s["value"]); err += 1
        if s["value"] != s["value"].strip() or not s["value"]:
            print("WS", r["id"], s); err += 1
        iv.append((s["start"], s["end"]))
    for k in r["keep"]:
        if t[k["start"]:k["end"]] != k["value"]:
            print("MISMATCH keep", r["id"], k); err += 1
        assert k["kind"] in ("place", "org", "word")
        kk[k["kind"]] += 1
        iv.append((k["start"], k["end"]))
    iv.sort()
    for a, b in zip(iv, iv[1:]):
        if b[0] < a[1]:
            print("OVERLAP", r["id"], a, b); err += 1
    if r["spans"] and r["keep"]:
        both += 1
    if len(re.findall(r"[.!?](\s|$)", t)) > 3:
        print("LONG", r["id"], t)
cc = collections.Counter(c for _, c in cases)
print("cases:", len(rows), "langs:", dict(lang), "with both spans+keeps:", both)
print("kinds:", dict(kind))
print("traditions:", dict(sorted(trad.items(), key=lambda x: -x[1])))
print("person spans by lang:", dict(lang_person))
print("person case forms:", dict(cc))
print("keep kinds:", dict(kk), "total", sum(kk.values()))
print("hetu signs:", dict(signs), "missing:", set(CENT) - set(signs), "invalid-check:", bad_hetu)
print("iban countries:", dict(ibcc))
req = [(kind["person"] >= 320, "person>=320"), (sum(1 for v in trad.values() if v >= 20) >= 12, "12 trads>=20"),
       (kind["hetu"] >= 34, "hetu"), (not (set(CENT) - set(signs)), "signs"), (bad_hetu >= 4, "bad hetu"),
       (kind["phone"] >= 30, "phone"), (kind["email"] >= 20, "email"), (kind["address"] >= 30, "address"),
       (kind["iban"] >= 15, "iban"), (kind["vehicle"] >= 15, "vehicle"), (sum(kk.values()) >= 320, "keep"),
       (kk["place"] >= 150, "place"), (kk["org"] >= 80, "org"), (kk["word"] >= 80, "word"),
       (lang_person["sv"] >= 40, "sv names"), (lang_person["en"] >= 30, "en names")]
for ok, n in req:
    if not ok:
        print("REQUIREMENT FAILED:", n); err += 1
print("errors:", err)
sys.exit(1 if err else 0)
