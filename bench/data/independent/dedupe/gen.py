import csv, random, datetime, collections, itertools, json
import c1, c2, c3
rng = random.Random(7321)
clusters = c1.C + c2.C + c3.C
assert len(clusters) == 20 and all(len(c["R"]) == 5 for c in clusters)

def typoize(text, n):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w.strip(".,\"")) >= 6]
    rng.shuffle(idx)
    done = 0
    for i in idx[:n]:
        w = words[i]; core = w.rstrip('.,"'); tail = w[len(core):]
        op = rng.choice(["swap", "drop", "double", "umlaut"])
        j = rng.randint(1, len(core) - 3)
        if op == "swap": core = core[:j] + core[j+1] + core[j] + core[j+2:]
        elif op == "drop": core = core[:j] + core[j+1:]
        elif op == "double": core = core[:j] + core[j] + core[j:]
        else:
            if "ä" in core: core = core.replace("ä", "a", 1)
            elif "ö" in core: core = core.replace("ö", "o", 1)
            else: core = core[:j] + core[j+1] + core[j] + core[j+2:]
        if core + tail != w: words[i] = core + tail; done += 1
    return " ".join(words)

NOTES_PRE = ["(Korjattu versio {d}) ", "(Korjattu versio, lähetetty uudelleen {d}.) ", "KORJATTU VERSIO {d}: "]
NOTES_POST = [" Päivitetty: lisätty tarkennus havainnon ajankohdasta.", " Päivitetty {d}: korjattu kuntatieto.", " (Korjattu versio – edellinen ilmoitus lähti vahingossa keskeneräisenä.)"]

def fmt(d): return d.strftime("%-d.%-m.%Y")

def base_fields(r):
    return dict(o=list(r["o"]), v=r["v"], p=r["p"])

def render(f):
    return " ".join(f["o"]), f["v"], f["p"]

def edit(kind, r, extra, rdate):
    """returns (a_fields, b_fields, heavy_fraction)"""
    a = base_fields(r); b = base_fields(r); frac = 0.0
    total = len(a["o"]) + (1 if a["v"] else 0) + 1
    if kind == "typo_fixes":
        a["o"] = [typoize(s, 1) if rng.random() < 0.7 else s for s in a["o"]]
        a["p"] = typoize(a["p"], 1)
        if a["o"] == b["o"]: a["o"][0] = typoize(a["o"][0], 2)
    elif kind == "reworded_light":
        i = rng.randrange(len(b["o"])); b["o"][i] = r["para"]["o"][i]; frac = 1 / total
    elif kind == "reworded_heavy":
        P = r["para"]; b = dict(o=list(P["o"]), v=P["v"], p=P["p"])
        keep_i = rng.choice([None, None, len(b["o"]) - 1])  # sometimes keep one sentence verbatim
        if keep_i is not None and len(b["o"]) >= 3: b["o"][keep_i] = r["o"][keep_i]
        frac = (sum(x != y for x, y in zip(b["o"], a["o"])) + (b["v"] != a["v"]) + (b["p"] != a["p"])) / total
    elif kind == "added_sentence":
        b["o"].insert(rng.randint(1, len(b["o"])), rng.choice(extra))
    elif kind == "removed_sentence":
        b["o"].pop(rng.randrange(1, len(b["o"])))
    elif kind == "reordered":
        o = b["o"]
        while o == a["o"]: rng.shuffle(o)
        if b["v"] and rng.random() < 0.3: b["o"], b["v"] = o, b["v"]
    elif kind == "korjattu_note":
        d = fmt(rdate)
        if rng.random() < 0.5: b["o"][0] = rng.choice(NOTES_PRE).format(d=d) + b["o"][0]
        else: b["o"][-1] = b["o"][-1] + rng.choice(NOTES_POST).format(d=d)
    elif kind == "shortened":
        b["o"] = b["o"][:-1] if len(b["o"]) >= 3 else b["o"]
        b["v"] = ""
        if "," in b["p"] and rng.random() < 0.5: b["p"] = b["p"].split(",")[0] + "."
    elif kind == "expanded":
        ex = rng.sample(extra, 2)
        b["o"] = b["o"] + ex
        b["p"] = b["p"] + " Lisäksi ehdotamme, että tilannetta seurataan ja asiaan palataan puolen vuoden kuluttua."
    elif kind == "combined_light":
        a["o"] = [typoize(s, 1) for s in a["o"]]
        b["o"].insert(len(b["o"]), rng.choice(extra))
        b["o"][0] = rng.choice(NOTES_PRE).format(d=fmt(rdate)) + b["o"][0]
    elif kind == "combined_heavy":
        P = r["para"]; b = dict(o=list(P["o"]), v=P["v"], p=P["p"])
        if rng.random() < 0.5: b["o"].insert(rng.randint(1, len(b["o"])), rng.choice(extra))
        else: b["v"] = ""
        if rng.random() < 0.5: b["o"][0] = rng.choice(NOTES_PRE).format(d=fmt(rdate)) + b["o"][0]
        else: b["o"][-1] += rng.choice(NOTES_POST).format(d=fmt(rdate))
        frac = 0.8
    assert render(a) != render(b), kind
    return a, b, frac

# plan edit kinds
para_refs = [(ci, ri) for ci, c in enumerate(clusters) for ri, r in enumerate(c["R"]) if "para" in r]
plain_refs = [(ci, ri) for ci, c in enumerate(clusters) for ri, r in enumerate(c["R"]) if "para" not in r]
rng.shuffle(para_refs); rng.shuffle(plain_refs)
print("bases with paraphrase", len(para_refs))
plan = {}
kinds_para = ["reworded_heavy"] * 13 + ["combined_heavy"] * 7 + ["reworded_light"] * 5
for ref, k in zip(para_refs, kinds_para): plan[ref] = k
rest_para = para_refs[len(kinds_para):]
kinds_plain = (["typo_fixes"] * 7 + ["added_sentence"] * 6 + ["removed_sentence"] * 6 + ["reordered"] * 6 +
               ["korjattu_note"] * 7 + ["shortened"] * 5 + ["expanded"] * 5 + ["combined_light"] * 3)
pool = rest_para + plain_refs
for ref, k in zip(pool, kinds_plain): plan[ref] = k

LABEL = {"reworded_heavy": "reworded_sentences", "reworded_light": "reworded_sentences",
         "combined_heavy": "combined", "combined_light": "combined"}
reports = []  # dicts
pairs = []; heavy = []
start = datetime.date(2024, 9, 2)
week_starts = sorted(rng.sample(range(0, 60), 20))
for ci, c in enumerate(clusters):
    ws = start + datetime.timedelta(weeks=week_starts[ci])
    offs = [rng.randint(0, 6) for _ in range(5)]
    members = []
    for ri, r in enumerate(c["R"]):
        d = ws + datetime.timedelta(days=offs[ri])
        meta = dict(area=c["area"], target_group=c["group"], phenomenon_type=c["ptype"], unit=c["unit"])
        k = plan.get((ci, ri))
        if k:
            rd = d + datetime.timedelta(days=rng.randint(1, 25))
            a, b, frac = edit(k, r, c["extra"], rd)
            A = dict(meta, submitted=d, f=a, key=(ci, ri, "a")); B = dict(meta, submitted=rd, f=b, key=(ci, ri, "b"))
            reports += [A, B]; members.append(A)
            pairs.append((A, B, "resubmission", LABEL.get(k, k)))
            if frac >= 0.5: heavy.append((A, B, k, round(frac, 2)))
            # cross pair: the resubmission vs another base of the same cluster, if within 7 days
        else:
            A = dict(meta, submitted=d, f=base_fields(r), key=(ci, ri, "a")); reports.append(A); members.append(A)
    for x, y in itertools.combinations(members, 2):
        pairs.append((x, y, "different", ""))
    # cross pairs: resubmissions vs other members within 7 days
    resubs = [p[1] for p in pairs if p[2] == "resubmission" and p[1]["key"][0] == ci]
    for B in resubs:
        for m in members:
            if m["key"][1] != B["key"][1] and abs((B["submitted"] - m["submitted"]).days) <= 7 and rng.random() < 0.5:
                pairs.append((m, B, "different", ""))
# assign ids in shuffled order
order = list(range(len(reports))); rng.shuffle(order)
for n, i in enumerate(order, 1): reports[i]["id"] = f"D-{n:04d}"
reports_sorted = sorted(reports, key=lambda r: r["id"])
with open("reports.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow("report_id,submitted,area,target_group,phenomenon_type,unit,observation,client_voice,proposal".split(","))
    for r in reports_sorted:
        o, v, p = render(r["f"])
        w.writerow([r["id"], r["submitted"].isoformat(), r["area"], r["target_group"], r["phenomenon_type"], r["unit"], o, v, p])
rng.shuffle(pairs)
with open("pairs.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f); w.writerow(["a_id", "b_id", "label", "edit_kind"])
    for a, b, lab, ek in pairs:
        if rng.random() < 0.5 and lab == "different": a, b = b, a
        w.writerow([a["id"], b["id"], lab, ek])
with open("heavy_edits.json", "w", encoding="utf-8") as f:
    json.dump([dict(a_id=a["id"], b_id=b["id"], plan=k, reworded_fraction=fr) for a, b, k, fr in heavy], f, ensure_ascii=False, indent=1)
print("reports", len(reports), "heavy", len(heavy))
