import csv, datetime, sys
from collections import Counter
K = set("mental_health substance_use integration service_access housing carers_support children_families disability ageing income_employment language_inclusion workforce good_practice".split())
D = "/work/indep2/themes_c"
ok = True
def bad(m):
    global ok; ok = False; print("BAD", m)
rows = list(csv.DictReader(open(f"{D}/reports.csv", encoding="utf-8")))
H = "report_id,submitted,area,target_group,phenomenon_type,unit,observation,client_voice,proposal,themes,language,style,emerging".split(",")
if open(f"{D}/reports.csv", encoding="utf-8").readline().strip() != ",".join(H): bad("header")
ids = [r["report_id"] for r in rows]
if len(set(ids)) != len(ids): bad("dup ids")
TG = {"lapset, nuoret ja perheet","työikäiset","ikääntyneet","vammaiset","asuminen","omaishoito","muu"}
obs = Counter(r["observation"] for r in rows)
if max(obs.values()) > 1: bad("dup observation")
for r in rows:
    if None in r or len(r) != 13: bad(f"fields {r['report_id']}")
    d = datetime.date.fromisoformat(r["submitted"])
    if not (datetime.date(2025,1,1) <= d <= datetime.date(2025,12,31)): bad(f"date {r['report_id']}")
    if r["target_group"] not in TG: bad(f"tg {r['report_id']}")
    if r["phenomenon_type"] not in {"negatiivinen","positiivinen","ei osaa sanoa"}: bad("pt")
    if not r["observation"].strip() or not r["unit"] or not r["area"]: bad("req")
    th = r["themes"].split(";")
    if not 1 <= len(th) <= 3 or len(set(th)) != len(th) or not set(th) <= K: bad(f"themes {r['report_id']} {th}")
    if r["language"] not in {"fi","sv","en"} or r["style"] not in {"terse","narrative","list","quote","formal","colloquial"} or r["emerging"]: bad("lang/style")
    if r["phenomenon_type"] == "positiivinen" and "good_practice" not in th: print("note: positive w/o good_practice", r["report_id"])
tc = Counter(t for r in rows for t in r["themes"].split(";"))
print("reports", len(rows)); print("themes", dict(tc.most_common()))
print("primary", dict(Counter(r["themes"].split(";")[0] for r in rows).most_common()))
print("lang", dict(Counter(r["language"] for r in rows))); print("style", dict(Counter(r["style"] for r in rows)))
print("pt", dict(Counter(r["phenomenon_type"] for r in rows))); print("tg", dict(Counter(r["target_group"] for r in rows)))
print("n_themes", dict(Counter(len(r["themes"].split(";")) for r in rows)))
print("areas distinct", len({a for r in rows for a in r["area"].split(";")}), "months", dict(sorted(Counter(r["submitted"][:7] for r in rows).items())))
print("voice nonempty", sum(bool(r["client_voice"]) for r in rows), "proposal nonempty", sum(bool(r["proposal"]) for r in rows))
if len(rows) < 200 or len(tc) != 13 or tc["workforce"] < 12 or tc["good_practice"] < 12: bad("report minimums")
sr = list(csv.DictReader(open(f"{D}/statements.csv", encoding="utf-8")))
if list(sr[0].keys()) != ["statement_id","text","themes"]: bad("st header")
if len({r["statement_id"] for r in sr}) != len(sr) or len({r["text"] for r in sr}) != len(sr): bad("st dup")
for r in sr:
    th = r["themes"].split(";")
    if not 1 <= len(th) <= 3 or not set(th) <= K or len(set(th)) != len(th): bad(f"st themes {r}")
sc = Counter(t for r in sr for t in r["themes"].split(";"))
print("statements", len(sr), dict(sc.most_common()))
if len(sr) < 120 or len(sc) != 13 or sc["service_access"] < 25 or sc["integration"] < 20 or sc["good_practice"] < 12 or sc["workforce"] < 10: bad("st minimums")
print("OK" if ok else "FAILED"); sys.exit(0 if ok else 1)
