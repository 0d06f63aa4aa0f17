"""Validate cases.jsonl: offsets, overlaps, checksums, minimum counts.  Prints stats (also as JSON to stats.json)."""
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ident import hetu_valid, iban_valid  # noqa

ROOT = Path(__file__).resolve().parent.parent
SPAN_KINDS = {"person", "hetu", "phone", "email", "address", "iban", "vehicle"}
HETU_RE = re.compile(r"^\d{6}[-+YXWVUABCDEF]\d{3}[0-9A-Y]$")
PLATE_RE = re.compile(r"^[A-Za-z]{1,3}[- ]?\d{1,3}$")
EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
ADDR_RE = re.compile(r"\d")
PHONE_RE = re.compile(r"^[+(0][\d ()+-]{7,20}$")

errors = []
cases = [json.loads(l) for l in (ROOT / "cases.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
ids = Counter(c["id"] for c in cases)
for k, v in ids.items():
    if v > 1:
        errors.append(f"duplicate id {k}")
kinds, keepkinds, trads, forms, langs, signs = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
bad_hetu_marked = 0
for c in cases:
    t = c["text"]
    langs[c["lang"]] += 1
    if c["lang"] not in ("fi", "sv", "en"):
        errors.append(f"{c['id']}: bad lang")
    allsp = []
    for s in c["spans"]:
        allsp.append(s)
        kinds[s["kind"]] += 1
        if s["kind"] not in SPAN_KINDS:
            errors.append(f"{c['id']}: bad kind {s['kind']}")
        v = s["value"]
        if s["kind"] == "person":
            if "tradition" not in s:
                errors.append(f"{c['id']}: person without tradition")
            trads[s["tradition"]] += 1
            forms[s["form"].split(":")[0]] += 1
            forms["style:" + (s["form"].split(":")[1] if ":" in s["form"] else "plural")] += 1
            if v != v.strip() or v.endswith((".", ",")) and not v.endswith("Ma."):
                errors.append(f"{c['id']}: person span has edge punctuation/space {v!r}")
        elif s["kind"] == "hetu":
            if not HETU_RE.match(v):
                errors.append(f"{c['id']}: hetu format {v}")
            signs[v[6]] += 1
            ok = hetu_valid(v)
            if ok != s.get("checksum_valid", True):
                errors.append(f"{c['id']}: hetu checksum flag mismatch {v}")
            if not ok:
                bad_hetu_marked += 1
        elif s["kind"] == "iban":
            if not iban_valid(v):
                errors.append(f"{c['id']}: iban checksum {v}")
        elif s["kind"] == "vehicle":
            if not PLATE_RE.match(v):
                errors.append(f"{c['id']}: plate {v}")
        elif s["kind"] == "email":
            if not EMAIL_RE.match(v):
                errors.append(f"{c['id']}: email {v}")
        elif s["kind"] == "phone":
            if not PHONE_RE.match(v):
                errors.append(f"{c['id']}: phone {v}")
        elif s["kind"] == "address":
            if not ADDR_RE.search(v):
                errors.append(f"{c['id']}: address without number {v}")
    for k in c["keep"]:
        allsp.append(k)
        keepkinds[k["kind"]] += 1
    for x in allsp:
        if t[x["start"]:x["end"]] != x["value"]:
            errors.append(f"{c['id']}: offset mismatch {x}")
        if x["start"] > 0 and (t[x["start"] - 1].isalnum()):
            errors.append(f"{c['id']}: span starts mid-word {x['value']!r}")
        if x["end"] < len(t) and t[x["end"]].isalnum():
            errors.append(f"{c['id']}: span ends mid-word {x['value']!r}")
    srt = sorted(allsp, key=lambda x: x["start"])
    for a, b in zip(srt, srt[1:]):
        if b["start"] < a["end"]:
            errors.append(f"{c['id']}: overlap {a['value']!r} / {b['value']!r}")

n_keep = sum(keepkinds.values())
mins = {"person": 500, "hetu": 25, "phone": 25, "email": 25, "address": 25, "iban": 25, "vehicle": 25}
for k, m in mins.items():
    if kinds[k] < m:
        errors.append(f"too few {k}: {kinds[k]} < {m}")
if len(cases) < 600:
    errors.append(f"too few cases {len(cases)}")
if n_keep < 300:
    errors.append(f"too few keeps {n_keep}")
for s in "+-YXWVUABCDEF":
    if not signs[s]:
        errors.append(f"no hetu with century sign {s}")
if len(trads) < 24:
    errors.append(f"only {len(trads)} traditions")

# extra person-context categories
from pools import TITLES_FI, TITLES_SV, TITLES_EN, WORDNAME_GIVEN, WORDNAME_SUR  # noqa
titles = set(TITLES_FI + TITLES_SV + TITLES_EN + ["huoltajat", "huoltaja", "Huoltaja", "Asiakas", "Socialarbetare",
                                                  "Interpreter", "Klienten", "Client", "sosiaalityöntekijä"])
from inflect import inflect_word, CASES  # noqa
wordname_forms = {inflect_word(w, cs, "finnish").lower() for w in WORDNAME_GIVEN + WORDNAME_SUR for cs in CASES}
ctxc = Counter()
for c in cases:
    t = c["text"]
    for s in c["spans"]:
        if s["kind"] != "person":
            continue
        v, st, en = s["value"], s["start"], s["end"]
        before = t[:st].rstrip()
        if st == 0 or before.endswith((".", "!", "?", ":")) and not before.endswith("oik."):
            ctxc["sentence_start"] += 1
        prevword = before.split(" ")[-1] if before else ""
        if prevword in titles:
            ctxc["after_title_or_role"] += 1
        if t[en:].startswith((" kanssa", " kans")):
            ctxc["comitative_kanssa"] += 1
        if t[:st].count("”") % 2 == 1 or t[:st].count('"') % 2 == 1 or before.endswith(("”", "'")):
            ctxc["inside_quotes"] += 1
        if re.search(r"(^|\s)(al-|Al-|bin |ibn |van |von |af |de |Dela |De )", v):
            ctxc["with_particle"] += 1
        elif "-" in v:
            ctxc["hyphenated"] += 1
        if re.match(r"^[A-ZÁÅÄÖa-z]\.", v):
            ctxc["initials"] += 1
        if v == v.lower():
            ctxc["lower_case"] += 1
        toks = re.findall(r"\w+", v.lower())
        if s["tradition"] == "finnish" and any(tk in wordname_forms for tk in toks):
            ctxc["name_is_also_a_word"] += 1
        if "," in t[max(0, st - 2):st] or t[en:en + 4].startswith((" ja ", ", ", " sek", " och", " and")):
            ctxc["in_list"] += 1
stats = dict(person_contexts=dict(ctxc.most_common()), cases=len(cases), langs=dict(langs), spans=dict(kinds), keeps_total=n_keep, keeps=dict(keepkinds),
             traditions=dict(trads.most_common()), person_forms=dict(forms.most_common()),
             hetu_signs=dict(signs), hetu_wrong_checksum=bad_hetu_marked)
(Path(__file__).parent / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1), encoding="utf-8")
print(json.dumps(stats, ensure_ascii=False, indent=1))
if errors:
    print(f"\n{len(errors)} ERRORS")
    for e in errors[:60]:
        print(" ", e)
    sys.exit(1)
print("\nVALID")
