"""Validate reports.csv + phenomena.json. Exit code 1 on any error."""
import csv, json, os, sys, datetime as dt, collections
D = os.path.join(os.path.dirname(__file__), "..")
HEADER = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "observation",
          "client_voice", "proposal", "themes", "language", "style", "emerging"]
KEYS = set("mental_health substance_use integration service_access housing carers_support children_families "
           "disability ageing income_employment language_inclusion workforce good_practice".split())
TG = {"lapset, nuoret ja perheet", "työikäiset", "ikääntyneet", "vammaiset", "asuminen", "omaishoito", "muu"}
PT = {"negatiivinen", "positiivinen", "ei osaa sanoa"}
AREAS = set("Turku Salo Kaarina Raisio Naantali Lieto Parainen Kemiönsaari Uusikaupunki Loimaa Somero Masku "
            "Mynämäki Paimio Sauvo Laitila Nousiainen Rusko Aura Pöytyä Marttila Oripää Kustavi Taivassalo "
            "Vehmaa Pyhäranta".split()) | {"Koko Varsinais-Suomi", "Koski Tl"}
err = []
raw = open(os.path.join(D, "reports.csv"), encoding="utf-8").read()
rows = list(csv.DictReader(open(os.path.join(D, "reports.csv"), encoding="utf-8", newline="")))
with open(os.path.join(D, "reports.csv"), encoding="utf-8", newline="") as f:
    if next(csv.reader(f)) != HEADER: err.append("header mismatch")
ids = [r["report_id"] for r in rows]
if ids != [f"SD-{i:04d}" for i in range(1, len(rows) + 1)]: err.append("ids not SD-0001.. sequential")
prev = None
texts = collections.Counter()
for r in rows:
    rid = r["report_id"]
    try: d = dt.date.fromisoformat(r["submitted"])
    except ValueError: err.append(f"{rid} bad date"); continue
    if not dt.date(2026, 3, 2) <= d <= dt.date(2026, 7, 31): err.append(f"{rid} date out of range")
    if prev and d < prev: err.append(f"{rid} not in date order")
    prev = d
    if r["target_group"] not in TG: err.append(f"{rid} target_group")
    if r["phenomenon_type"] not in PT: err.append(f"{rid} phenomenon_type")
    th = r["themes"].split(";")
    if not 1 <= len(th) <= 3 or not set(th) <= KEYS or len(set(th)) != len(th): err.append(f"{rid} themes {th}")
    if r["language"] not in {"fi", "sv", "en"}: err.append(f"{rid} language")
    if not r["style"] or " " in r["style"]: err.append(f"{rid} style")
    if not r["observation"].strip(): err.append(f"{rid} empty observation")
    if r["emerging"] not in {"", "Q1", "Q2", "Q3", "Q4"}: err.append(f"{rid} emerging")
    for a in r["area"].split(";"):
        if a not in AREAS: err.append(f"{rid} area {a}")
    texts[r["observation"]] += 1
dups = [t[:40] for t, c in texts.items() if c > 1]
if dups: err.append(f"duplicate observations: {dups}")
if rows and rows[0]["submitted"] != "2026-03-02": err.append("store must start 2026-03-02")
if not 200 <= len(rows) <= 230: err.append(f"report count {len(rows)}")

ph = json.load(open(os.path.join(D, "phenomena.json"), encoding="utf-8"))
byid = {r["report_id"]: r for r in rows}
for p in ph:
    for k in ["id", "title_fi", "title_en", "start", "description", "report_ids", "decoys"]:
        if k not in p: err.append(f"{p.get('id')} missing {k}")
    rids = p["report_ids"]
    if not isinstance(rids, list): err.append(f"{p['id']} report_ids not list"); continue
    if rids != sorted(rids, key=lambda x: (byid[x]["submitted"], x)): err.append(f"{p['id']} not date order")
    marked = [r["report_id"] for r in rows if r["emerging"] == p["id"]]
    if marked != rids: err.append(f"{p['id']} report_ids != emerging column")
    if not 12 <= len(rids) <= 16: err.append(f"{p['id']} size {len(rids)}")
    if byid[rids[0]]["submitted"] != p["start"]: err.append(f"{p['id']} start mismatch")
    for x in p["decoys"]:
        if x not in byid or byid[x]["emerging"]: err.append(f"{p['id']} decoy {x} invalid")
    wk = collections.Counter(dt.date.fromisoformat(byid[x]["submitted"]).isocalendar()[1] for x in rids)
    ws = sorted(wk); counts = [wk[w] for w in ws]
    if ws != list(range(ws[0], ws[-1] + 1)): err.append(f"{p['id']} gap in weeks")
    if counts[0] != 1: err.append(f"{p['id']} first week count {counts[0]}")
    print(p["id"], p["start"], "weeks", ws[0], "-", ws[-1], "counts", counts,
          "langs", dict(collections.Counter(byid[x]["language"] for x in rids)))
S = {p["id"]: p["start"] for p in ph}
if S.get("Q1") != "2026-03-16": err.append("Q1 must start 2026-03-16")
if not (S["Q2"].startswith("2026-05") and S["Q3"].startswith("2026-05")): err.append("Q2/Q3 must start in May")
if not S["Q4"].startswith("2026-07"): err.append("Q4 must start in July")
q4 = [byid[x] for x in ph[3]["report_ids"]]
if sum(r["language"] != "fi" for r in q4) * 3 < len(q4): err.append("Q4 < 1/3 sv/en")
lang = collections.Counter(r["language"] for r in rows)
print("languages", {k: f"{v} ({100*v/len(rows):.1f}%)" for k, v in lang.items()})
bg = [r for r in rows if not r["emerging"]]
print("total", len(rows), "background", len(bg))
wk = collections.Counter(dt.date.fromisoformat(r["submitted"]).isocalendar()[1] for r in rows)
wkb = collections.Counter(dt.date.fromisoformat(r["submitted"]).isocalendar()[1] for r in bg)
print("per ISO week (all/background):", " ".join(f"W{w}:{wk[w]}/{wkb[w]}" for w in sorted(wk)))
used = collections.Counter(t for r in bg for t in r["themes"].split(";"))
print("background theme use:", dict(used))
if set(used) != KEYS: err.append(f"themes unused in background: {KEYS - set(used)}")
if err:
    print("ERRORS:"); [print(" -", e) for e in err]; sys.exit(1)
print("OK")
