import json, glob, random, csv, datetime, collections
rows=[x for f in ["b1","b2","b3","b4","b5","b6","b7","p1","p2","p3"] for x in json.load(open(f+".json"))]
for r in rows:
    if r["observation"].startswith("Turvapuhelimen asennusta"): r["decoy"]="P3"
rng=random.Random(20250)
def weekdays(m):
    d=datetime.date(2025,m,1); out=[]
    while d.month==m:
        if d.weekday()<5 and datetime.date(2025,1,2)<=d<=datetime.date(2025,12,19): out.append(d)
        d+=datetime.timedelta(days=1)
    return out
for r in rows:
    r["date"]=rng.choice(weekdays(r["month"]))
rows.sort(key=lambda r:(r["date"], rng.random()))
# thin proposals / client voices on background rows
bg=[r for r in rows if not r["emerging"] and not r["decoy"]]
target_prop=round(0.61*len(rows))
have=[r for r in bg if r["proposal"]]
rng.shuffle(have)
excess=sum(1 for r in rows if r["proposal"])-target_prop
for r in have[:max(0,excess)]: r["proposal"]=""
target_cv=round(0.31*len(rows))
have=[r for r in bg if r["client_voice"] and r["style"]!="quote"]
rng.shuffle(have)
excess=sum(1 for r in rows if r["client_voice"])-target_cv
for r in have[:max(0,excess)]: r["client_voice"]=""
fields="report_id,submitted,area,target_group,phenomenon_type,unit,observation,client_voice,proposal,themes,language,style,emerging".split(",")
for i,r in enumerate(rows,1):
    r["report_id"]=f"IB-{i:04d}"; r["submitted"]=r["date"].isoformat()
with open("../reports.csv","w",encoding="utf-8",newline="") as f:
    w=csv.DictWriter(f,fieldnames=fields,quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in rows: w.writerow({k:r[k] for k in fields})
meta={
 "P1":dict(title_fi="Vuokra-asuntohuijaukset verkossa: vuokravakuus ja ennakkovuokra maksetaan valeilmoituksen perusteella olemattomasta asunnosta",
  title_en="Online rental fraud: deposits and advance rent paid to fake landlords for non-existent flats",
  description="From April 2025 reporters describe clients who find a rental flat in social media / online marketplace ads, pay the security deposit and advance rent to a 'landlord' who claims to be abroad, and never get keys; the ad photos are copied. Victims have often already given notice on their old flat, lose savings or take quick loans, end up homeless or in emergency accommodation, and apply for new deposit support while no policy exists. Targets: young people leaving care, recently arrived migrants, international students, older people. Overlaps heavily with housing and income vocabulary (vuokra, vakuus, toimeentulotuki, velka) but is a distinct fraud phenomenon."),
 "P2":dict(title_fi="Alaikäisten rahapelinomainen pelaaminen skin- ja laatikkosivustoilla",
  title_en="Minors' gambling-like betting on game skin and case-opening sites",
  description="From September 2025 school welfare, family counselling, child welfare and youth work report 11–15-year-olds betting game item skins and opening paid loot cases on websites promoted by streamers, using parents' payment cards; consequences are family debts and conflicts, sleeplessness, anxiety, school absence and peer debts, and no treatment path for under-18s."),
 "P3":dict(title_fi="Kotihoidon lääkeannosteluautomaattien toimintahäiriöt ja väliin jäävät annokset",
  title_en="Malfunctioning automatic medicine dispensers in home care causing missed or double doses",
  description="From September 2025 home care, discharge teams, carers and the patient ombudsman report that automated medicine dispensing devices at older clients' homes fail to dispense, jam after cassette change or give no alarm about missed doses (or false alarms), after an update; leading to missed or double doses, hospital admissions, extra home care visits, device messages only in Finnish, and unclear responsibility between the county, device supplier and pharmacy."),
}
start={"P1":"2025-04-01","P2":"2025-09-01","P3":"2025-09-01"}
out=[]
for p,m in meta.items():
    ids=[r["report_id"] for r in rows if r["emerging"]==p]
    dec=[r["report_id"] for r in rows if r["decoy"]==p]
    out.append(dict(id=p, title_fi=m["title_fi"], title_en=m["title_en"],
      start=min(r["submitted"] for r in rows if r["emerging"]==p), description=m["description"], report_ids=ids, decoys=dec))
json.dump(out, open("../phenomena.json","w",encoding="utf-8"), ensure_ascii=False, indent=2)
print("written", len(rows))
