"""Print markdown count tables for README."""
import csv, os, collections
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
r = list(csv.DictReader(open(os.path.join(OUT, "reports.csv"), encoding="utf-8")))
s = list(csv.DictReader(open(os.path.join(OUT, "statements.csv"), encoding="utf-8")))
import sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statements import STATEMENTS
anyc = collections.Counter(t for x in r for t in x["themes"].split(";"))
first = collections.Counter(x["themes"].split(";")[0] for x in r)
sany = collections.Counter(t for x in s for t in x["themes"].split(";"))
print(f"Reports: {len(r)}; statements: {len(s)}\n")
print("| theme | reports (any position) | reports (first) | statements |\n|---|---|---|---|")
for k, v in anyc.most_common():
    print(f"| {k} | {v} ({100*v/len(r):.0f} %) | {first[k]} | {sany[k]} |")
def tab(title, c, n):
    print(f"\n| {title} | n | % |\n|---|---|---|")
    for k, v in c.most_common():
        print(f"| {k} | {v} | {100*v/n:.1f} |")
tab("report language", collections.Counter(x["language"] for x in r), len(r))
tab("statement language", collections.Counter(l for _, _, l in STATEMENTS), len(STATEMENTS))
tab("phenomenon_type", collections.Counter(x["phenomenon_type"] for x in r), len(r))
tab("target_group", collections.Counter(x["target_group"] for x in r), len(r))
tab("style", collections.Counter(x["style"] for x in r), len(r))
nt = collections.Counter(len(x["themes"].split(";")) for x in r)
print(f"\nThemes per report: " + ", ".join(f"{k}: {v}" for k, v in sorted(nt.items())))
print(f"Reports with client_voice: {sum(bool(x['client_voice']) for x in r)}; with proposal: {sum(bool(x['proposal']) for x in r)}; multi-line observations: {sum(chr(10) in x['observation'] for x in r)}")
