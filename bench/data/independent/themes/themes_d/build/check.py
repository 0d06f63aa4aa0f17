"""Validate reports.csv and statements.csv and print counts."""
import csv, os, sys, datetime, collections
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = {"mental_health", "substance_use", "integration", "service_access", "housing", "carers_support",
        "children_families", "disability", "ageing", "income_employment", "language_inclusion",
        "workforce", "good_practice"}
TGS = {"lapset, nuoret ja perheet", "työikäiset", "ikääntyneet", "vammaiset", "asuminen", "omaishoito", "muu"}
PHS = {"negatiivinen", "positiivinen", "ei osaa sanoa"}
RH = "report_id,submitted,area,target_group,phenomenon_type,unit,observation,client_voice,proposal,themes,language,style,emerging"
errors = []

def themes_ok(s, where):
    t = s.split(";")
    if not 1 <= len(t) <= 3 or len(set(t)) != len(t) or not set(t) <= KEYS:
        errors.append(f"{where}: bad themes {s!r}")
    return t

def main():
    with open(os.path.join(OUT, "reports.csv"), encoding="utf-8", newline="") as f:
        header = f.readline().strip()
        if header != RH: errors.append("reports header mismatch")
        f.seek(0)
        rows = list(csv.DictReader(f))
    ids = [r["report_id"] for r in rows]
    if len(set(ids)) != len(ids): errors.append("duplicate report ids")
    theme_c, lang_c, style_c, first_c, ph_c, tg_c = (collections.Counter() for _ in range(6))
    texts = set()
    lo, hi = datetime.date(2026, 1, 1), datetime.date(2026, 10, 31)
    for r in rows:
        rid = r["report_id"]
        try:
            d = datetime.date.fromisoformat(r["submitted"])
            if not lo <= d <= hi: errors.append(f"{rid}: date out of range")
        except ValueError:
            errors.append(f"{rid}: bad date")
        if r["target_group"] not in TGS: errors.append(f"{rid}: bad target_group")
        if r["phenomenon_type"] not in PHS: errors.append(f"{rid}: bad phenomenon_type")
        if r["language"] not in {"fi", "sv", "en"}: errors.append(f"{rid}: bad language")
        if not r["style"] or " " in r["style"]: errors.append(f"{rid}: bad style")
        if not r["observation"].strip() or not r["area"] or not r["unit"]: errors.append(f"{rid}: missing field")
        if r["emerging"]: errors.append(f"{rid}: emerging not empty")
        if r["observation"] in texts: errors.append(f"{rid}: duplicate observation")
        texts.add(r["observation"])
        t = themes_ok(r["themes"], rid)
        theme_c.update(t); first_c[t[0]] += 1
        if "good_practice" in t and r["phenomenon_type"] != "positiivinen":
            errors.append(f"{rid}: good_practice on non-positive report")
        if "good_practice" in t and t[0] != "good_practice":
            errors.append(f"{rid}: good_practice not first")
        if r["phenomenon_type"] == "positiivinen" and "good_practice" not in t:
            errors.append(f"{rid}: positive report without good_practice")
        lang_c[r["language"]] += 1; style_c[r["style"]] += 1; ph_c[r["phenomenon_type"]] += 1; tg_c[r["target_group"]] += 1
    for k in KEYS:
        if theme_c[k] < 12: errors.append(f"reports: theme {k} only {theme_c[k]}")
    with open(os.path.join(OUT, "statements.csv"), encoding="utf-8", newline="") as f:
        if f.readline().strip() != "statement_id,text,themes": errors.append("statements header mismatch")
        f.seek(0)
        srows = list(csv.DictReader(f))
    sids = [r["statement_id"] for r in srows]
    if len(set(sids)) != len(sids): errors.append("duplicate statement ids")
    if len({r["text"] for r in srows}) != len(srows): errors.append("duplicate statement text")
    st_c = collections.Counter()
    for r in srows:
        st_c.update(themes_ok(r["themes"], r["statement_id"]))
    for k in KEYS:
        if st_c[k] < 8: errors.append(f"statements: theme {k} only {st_c[k]}")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from statements import STATEMENTS
    sl = collections.Counter(l for _, _, l in STATEMENTS)
    n = len(rows)
    print(f"reports: {n}  (need >=260)")
    print("  languages:", dict(lang_c))
    print("  phenomenon:", dict(ph_c))
    print("  target groups:", dict(tg_c))
    print("  themes (any position):", dict(sorted(theme_c.items(), key=lambda x: -x[1])))
    print("  themes (first):", dict(sorted(first_c.items(), key=lambda x: -x[1])))
    print("  styles:", dict(sorted(style_c.items(), key=lambda x: -x[1])))
    print(f"statements: {len(srows)}  (need >=150)  languages: {dict(sl)}")
    print("  themes:", dict(sorted(st_c.items(), key=lambda x: -x[1])))
    if n < 260: errors.append("fewer than 260 reports")
    if len(srows) < 150: errors.append("fewer than 150 statements")
    print("ERRORS:" if errors else "OK", *errors, sep="\n  ")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
