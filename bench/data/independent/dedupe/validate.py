import csv, collections, datetime, re
R = {r["report_id"]: r for r in csv.DictReader(open("reports.csv", encoding="utf-8"))}
P = list(csv.DictReader(open("pairs.csv", encoding="utf-8")))
TG = {"lapset, nuoret ja perheet", "työikäiset", "ikääntyneet", "vammaiset", "asuminen", "omaishoito", "muu"}
AR = {"Lahti","Hollola","Heinola","Orimattila","Asikkala","Hartola","Sysmä","Padasjoki","Kärkölä","Iitti","Koko Päijät-Häme"}
EK = {"typo_fixes","reworded_sentences","added_sentence","removed_sentence","reordered","korjattu_note","shortened","expanded","combined"}
for r in R.values():
    assert re.fullmatch(r"D-\d{4}", r["report_id"]); assert r["target_group"] in TG and r["area"] in AR
    assert r["phenomenon_type"] in {"negatiivinen","positiivinen","ei osaa sanoa"}
    n = len(re.findall(r"[.!?](\s|$|\")", " ".join([r["observation"], r["client_voice"], r["proposal"]])))
    assert 2 <= n <= 9, (r["report_id"], n)
txt = lambda r: (r["observation"], r["client_voice"], r["proposal"])
seen = set(); c = collections.Counter(); ek = collections.Counter(); gaps = []
for p in P:
    a, b = R[p["a_id"]], R[p["b_id"]]
    key = frozenset([p["a_id"], p["b_id"]]); assert key not in seen and len(key) == 2; seen.add(key)
    for f in ("unit", "area", "target_group"): assert a[f] == b[f]
    assert txt(a) != txt(b)
    da, db = datetime.date.fromisoformat(a["submitted"]), datetime.date.fromisoformat(b["submitted"])
    c[p["label"]] += 1
    if p["label"] == "resubmission":
        assert a["phenomenon_type"] == b["phenomenon_type"] and 1 <= (db - da).days <= 25 and p["edit_kind"] in EK
        ek[p["edit_kind"]] += 1; gaps.append((db - da).days)
    else:
        assert p["label"] == "different" and p["edit_kind"] == "" and abs((db - da).days) <= 7
print("reports", len(R), "pairs", dict(c)); print("edit kinds", dict(ek)); print("resub gap days min/max", min(gaps), max(gaps))
