#!/usr/bin/env python3
"""Auto recall against the number of labels: the cell labels the top N rows of review.csv (the truth plays the
cell), `vigie dedupe --decisions` applies them, `vigie evaluate` scores the result.

    python3 Benchmarks/noise3/labels.py VIGIE OUT name=DIR [...] [--counts 0,50,100,200]
"""
import csv
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import grab  # noqa: E402


def main():
    args = sys.argv[1:]
    counts = [0, 50, 100, 200]
    if "--counts" in args:
        i = args.index("--counts")
        counts = [int(x) for x in args[i + 1].split(",")]
        del args[i:i + 2]
    vigie, out, sets = args[0], args[1], args[2:]
    print("| set | labels | auto precision | auto recall | auto + review recall | review items (% of records) | threshold |")
    print("|---|---|---|---|---|---|---|")
    for spec in sets:
        name, data = spec.split("=", 1)
        person = {r["id"]: r["person_id"] for r in csv.DictReader(open(os.path.join(data, "truth.csv")))}
        base = os.path.join(out, name, "labels-0")
        os.makedirs(base, exist_ok=True)
        subprocess.run([vigie, "dedupe", os.path.join(data, "records.csv"), "--out", base, "--quiet"],
                       stderr=subprocess.DEVNULL, check=False)
        queue = list(csv.DictReader(open(os.path.join(base, "review.csv"))))
        for n in counts:
            run = os.path.join(out, name, f"labels-{n}")
            os.makedirs(run, exist_ok=True)
            if n > 0:
                path = os.path.join(run, "decisions.csv")
                with open(path, "w", newline="") as f:
                    w = csv.writer(f, lineterminator="\n")
                    w.writerow(["id_a", "id_b", "decision", "operator", "comment"])
                    for r in queue[:n]:
                        same = person.get(r["id_a"]) == person.get(r["id_b"])
                        w.writerow([r["id_a"], r["id_b"], "match" if same else "non-match", "truth", ""])
                subprocess.run([vigie, "dedupe", os.path.join(data, "records.csv"), "--out", run, "--quiet",
                                "--decisions", path], stderr=subprocess.DEVNULL, check=False)
            ev = subprocess.run([vigie, "evaluate", "--truth", os.path.join(data, "truth.csv"), "--clusters",
                                 os.path.join(run, "clusters.csv"), "--pairs", os.path.join(run, "pairs.csv")],
                                capture_output=True, text=True).stdout
            report = open(os.path.join(run, "report.md")).read()



            records = int(grab(report, "records deduplicated"))
            items = int(re.search(r"\| review queue[^|]*\|\s*(\d+)", report).group(1))
            t = re.search(r"match threshold calibrated by the labels \|\s*([-\d.]+)", report)
            print(f"| {name} | {n} | {grab(ev, 'auto-match precision')} | {grab(ev, 'auto-match recall')} | "
                  f"{grab(ev, 'recall auto + review')} | {items} ({100 * items / records:.2f} %) | "
                  f"{t.group(1) if t else '10.00'} |", flush=True)


if __name__ == "__main__":
    main()
