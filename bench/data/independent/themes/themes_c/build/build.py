import csv, os
import b1, b2, b3, b4, stmts
from common import ROWS
SA_FIRST = {8,9,10,12,15,22,38,59,61,65,68,71,78,81,102,106,118,121,134,136,138,143,144,157,178}
OUT = "/work/indep2/themes_c"
H = "report_id,submitted,area,target_group,phenomenon_type,unit,observation,client_voice,proposal,themes,language,style,emerging".split(",")
with open(f"{OUT}/reports.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=H); w.writeheader()
    for i, r in enumerate(ROWS, 1):
        if i in SA_FIRST:  # reviewed: the core of the text is a queue / missing service
            t = r["themes"].split(";"); t.remove("service_access"); r["themes"] = ";".join(["service_access"] + t)
        w.writerow(dict(report_id=f"IC-{i:04d}", **r))
with open(f"{OUT}/statements.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["statement_id", "text", "themes"])
    for i, (t, th) in enumerate(stmts.S, 1):
        w.writerow([f"SC-{i:03d}", t, th])
