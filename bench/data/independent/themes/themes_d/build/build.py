"""Write reports.csv and statements.csv from the hand-written data modules."""
import csv, os, random, sys, datetime
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data_fi1, data_fi2, data_fi3, data_fi4, data_fi5, data_fi6, data_fi7, data_fi8, data_sv, data_sv2, data_en
from statements import STATEMENTS

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit",
          "observation", "client_voice", "proposal", "themes", "language", "style", "emerging"]

def main():
    reports = []
    for m in (data_fi1, data_fi2, data_fi3, data_fi4, data_fi5, data_fi6, data_fi7, data_fi8, data_sv, data_sv2, data_en):
        reports.extend(m.REPORTS)
    # Interleave languages so the file is not sorted by language (deterministic shuffle).
    rng = random.Random(20260101)
    rng.shuffle(reports)
    start = datetime.date(2026, 1, 1)
    span = (datetime.date(2026, 10, 31) - start).days
    dates = sorted(start + datetime.timedelta(days=rng.randint(0, span)) for _ in reports)
    with open(os.path.join(OUT, "reports.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        for i, (r, d) in enumerate(zip(reports, dates), 1):
            row = dict(r)
            row["report_id"] = f"ID-{i:04d}"
            row["submitted"] = d.isoformat()
            row["emerging"] = ""
            w.writerow({k: row.get(k, "") for k in FIELDS})
    with open(os.path.join(OUT, "statements.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["statement_id", "text", "themes"])
        for i, (text, themes, lang) in enumerate(STATEMENTS, 1):
            w.writerow([f"SD-{i:03d}", text, themes])
    print(len(reports), "reports,", len(STATEMENTS), "statements")

if __name__ == "__main__":
    main()
