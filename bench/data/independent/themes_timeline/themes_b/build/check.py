import csv, json, datetime, collections, re
KEYS="mental_health, substance_use, integration, service_access, housing, carers_support, children_families, disability, ageing, income_employment, language_inclusion, workforce, good_practice".split(", ")
rows=list(csv.DictReader(open("reports.csv",encoding="utf-8",newline="")))
assert len(rows)==170
prev=None
for i,r in enumerate(rows,1):
    assert r["report_id"]==f"IB-{i:04d}"
    d=datetime.date.fromisoformat(r["submitted"]); assert d.weekday()<5 and datetime.date(2025,1,2)<=d<=datetime.date(2025,12,19)
    assert prev is None or d>=prev; prev=d
    th=r["themes"].split(";"); assert 1<=len(th)<=3 and all(t in KEYS for t in th) and len(set(th))==len(th), r
    assert r["observation"]; assert r["language"] in ("fi","sv","en"); assert r["emerging"] in ("","P1","P2","P3")
    assert r["phenomenon_type"] in ("negatiivinen","positiivinen","ei osaa sanoa")
    assert r["style"] in "terse narrative list quote formal colloquial".split()
    assert r["target_group"] in ["lapset, nuoret ja perheet","työikäiset","ikääntyneet","vammaiset","asuminen","omaishoito","muu"]
    if r["client_voice"]: assert r["client_voice"].startswith('"') and r["client_voice"].endswith('"'), r["client_voice"]
c=collections.Counter(t for r in rows for t in r["themes"].split(";"))
print("themes", sorted(c.items(), key=lambda x:-x[1])); assert all(c[k]>=8 for k in KEYS)
print("first theme", collections.Counter(r["themes"].split(";")[0] for r in rows).most_common())
print("lang", collections.Counter(r["language"] for r in rows))
print("type", collections.Counter(r["phenomenon_type"] for r in rows))
pos=[r for r in rows if r["phenomenon_type"]=="positiivinen"]; print("pos with gp", sum("good_practice" in r["themes"] for r in pos), "/", len(pos))
print("style", collections.Counter(r["style"] for r in rows))
print("tg", collections.Counter(r["target_group"] for r in rows))
PH={"Lahti","Hollola","Heinola","Orimattila","Asikkala","Hartola","Sysmä","Padasjoki","Kärkölä","Iitti","Koko Päijät-Häme"}
print("PH share", sum(r["area"] in PH for r in rows)/170)
print("cv", sum(bool(r["client_voice"]) for r in rows)/170, "prop", sum(bool(r["proposal"]) for r in rows)/170)
print("sa", c["service_access"]/170, "int", c["integration"]/170)
ph=json.load(open("phenomena.json",encoding="utf-8"))
byid={r["report_id"]:r for r in rows}
kw={"P1":r"huijau|valeilmoit|vale-vuokra|fake|lurade|falska hyres|olemattom|reservation fee",
    "P2":r"skin|case-sivu|laatikko|lådor|virtual cases",
    "P3":r"lääkeautomaat|lääkerobot|annosteluautomaat|dispenser|läkemedelsautomat|medicine robot"}
for p in ph:
    ids=p["report_ids"]; assert all(byid[i]["emerging"]==p["id"] for i in ids)
    assert set(ids)=={r["report_id"] for r in rows if r["emerging"]==p["id"]}
    mc=collections.Counter(byid[i]["submitted"][:7] for i in ids)
    print(p["id"], p["start"], len(ids), dict(sorted(mc.items())), "decoys", p["decoys"],
          "units", len({byid[i]["unit"] for i in ids}), "areas", len({byid[i]["area"] for i in ids}),
          "lang", dict(collections.Counter(byid[i]["language"] for i in ids)))
    vals=[mc[k] for k in sorted(mc)]; assert all(a<=b for a,b in zip(vals,vals[1:]))
    for r in rows:
        txt=(r["observation"]+r["client_voice"]+r["proposal"]).lower()
        if re.search(kw[p["id"]],txt) and r["emerging"]!=p["id"]:
            print("  kw hit outside:", r["report_id"], r["submitted"], r["emerging"], "decoy" if r["report_id"] in p["decoys"] else "NOT-DECOY", txt[:80])
print("OK")
