"""Assemble reports.csv and phenomena.json from the hand-written entries."""
import csv, json, random, datetime as dt, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from bg1 import BG1; from bg2 import BG2; from bg3 import BG3; from bg4 import BG4; from bg5 import BG5
from phen import Q1, Q2, Q3, Q4

OUT = os.path.join(os.path.dirname(__file__), "..")
START, END = dt.date(2026, 3, 2), dt.date(2026, 7, 31)
HOLIDAYS = {dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 5, 1), dt.date(2026, 5, 14),
            dt.date(2026, 6, 19)}
HEADER = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "observation",
          "client_voice", "proposal", "themes", "language", "style", "emerging"]
rng = random.Random(20260302)

def week_days(w):
    mon = dt.date.fromisocalendar(2026, w, 1)
    return [d for d in (mon + dt.timedelta(i) for i in range(5)) if START <= d <= END and d not in HOLIDAYS]

rows = []
bg = BG1 + BG2 + BG3 + BG4 + BG5
first = True
for e in bg:
    days = week_days(e["when"])
    d = START if first else rng.choice(days)
    first = False
    rows.append((d, rng.random(), e, ""))
PH = {"Q1": Q1, "Q2": Q2, "Q3": Q3, "Q4": Q4}
for pid, lst in PH.items():
    for e in lst:
        rows.append((dt.date.fromisoformat(e["when"]), rng.random(), e, pid))
rows.sort(key=lambda r: (r[0], r[1]))

out, ids_by_ph, decoys, oddities = [], {p: [] for p in PH}, {p: [] for p in PH}, []
for i, (d, _, e, pid) in enumerate(rows, 1):
    rid = f"SD-{i:04d}"
    out.append({"report_id": rid, "submitted": d.isoformat(), "area": e["area"],
                "target_group": e["target_group"], "phenomenon_type": e["phenomenon_type"],
                "unit": e["unit"], "observation": e["observation"], "client_voice": e["client_voice"],
                "proposal": e["proposal"], "themes": e["themes"], "language": e["language"],
                "style": e["style"], "emerging": pid})
    if pid: ids_by_ph[pid].append(rid)
    if e["decoy"]: decoys[e["decoy"]].append(rid)
    if e["odd"]: oddities.append((rid, d.isoformat(), e["odd"]))

with open(os.path.join(OUT, "reports.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=HEADER, quoting=csv.QUOTE_MINIMAL)
    w.writeheader(); w.writerows(out)

META = {
 "Q1": dict(title_fi="Tekoälychatbotilla laaditut valitukset ja hakemukset, joissa keksittyjä lakiperusteita",
            title_en="AI-chatbot-written appeals and applications citing invented legal grounds",
            description="Clients bring appeals (oikaisuvaatimus), benefit applications and even child-welfare notifications written with ChatGPT-type chatbots. The texts cite non-existent sections of the Social Welfare Act or invented Supreme Administrative Court rulings, demand decisions within 24-48 h and threaten complaints; some clients followed chatbot advice (left rent off an application, gave notice on their flat). Processing queues grow, real appeals drown and trust erodes. Starts two weeks after the store begins."),
 "Q2": dict(title_fi="Kotihoidon käyntien korvaaminen kuvapuhelukäynneillä: vastaamaton etäkäynti kirjataan tehdyksi",
            title_en="Home-care visits replaced by video calls; unanswered remote visits logged as done",
            description="From May 2026 home-care visits (medication reminders etc.) are moved to tablet video-call visits because of staff shortage, without assessing whether the client can answer. When a client with memory disorder or hearing loss does not answer, the visit is still recorded as done and nobody comes until the next day; clients are found fallen, dehydrated or without medication. HARD: shares nearly all its words with everyday home-care and digital-exclusion background reports (kotihoito, käynti, tabletti, asiakas, kuvapuhelu); its distinctive terms are few (etäkäynti + 'ei vastannut' + kirjattu tehdyksi)."),
 "Q3": dict(title_fi="Ikääntyneiden asuntojen myynti ja takaisinvuokraus yhtiölle",
            title_en="Older home-owners selling their flat to a company and renting it back (sale-and-leaseback)",
            description="A company approaches older owners (often with early memory disorder) at home, buys the flat below market value the same day and leases it back with a promised 'lifelong right of residence' that turns out to be a fixed-term lease; rents rise and residents face eviction or apply for social assistance. Same client group (ikääntyneet) and same month (May 2026) as Q2 but a different mechanism and vocabulary (myynti, kauppakirja, vuokra, yhtiö vs. kotihoito, kuvapuhelu); must not be merged with Q2."),
 "Q4": dict(title_fi="Ulkomailta rekrytoidut hoiva-avustajat: koeaikapurku, työsuhdeasunnon menetys ja rekrytointivelka",
            title_en="Care assistants recruited abroad: dismissed on probation, losing tied housing, owing recruitment debt",
            description="Care assistants recruited from the Philippines, India, Kenya and Sri Lanka through private agencies are dismissed during the trial period, must leave employer-arranged housing at once, owe 2 000-5 000 EUR to the agency and fear losing their residence permit (three-month rule). Starts in July 2026 and is still growing when the store ends; 5 of 13 reports are in Swedish or English."),
}
phen = []
for pid in PH:
    m = META[pid]
    phen.append({"id": pid, "title_fi": m["title_fi"], "title_en": m["title_en"],
                 "start": out[[r["report_id"] for r in out].index(ids_by_ph[pid][0])]["submitted"],
                 "description": m["description"], "report_ids": ids_by_ph[pid], "decoys": decoys[pid]})
with open(os.path.join(OUT, "phenomena.json"), "w", encoding="utf-8") as f:
    json.dump(phen, f, ensure_ascii=False, indent=2); f.write("\n")
with open(os.path.join(os.path.dirname(__file__), "oddities.json"), "w", encoding="utf-8") as f:
    json.dump(oddities, f, ensure_ascii=False, indent=1)
print(len(out), "reports;", {p: len(v) for p, v in ids_by_ph.items()}, "oddities", len(oddities))
