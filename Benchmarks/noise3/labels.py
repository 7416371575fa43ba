#!/usr/bin/env python3
"""Auto recall against the number of labels: the cell labels the top N rows of review.csv (the truth plays the
cell), `vigie dedupe --decisions` applies them, `vigie evaluate` scores the result.

    python3 Benchmarks/noise3/labels.py VIGIE OUT name=DIR [...] [--counts 0,50,100,200,400] [-- extra dedupe options]

The extra options (e.g. `--switch-off label-m`) go to every run, the one without labels included.
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import measure  # noqa: E402


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        i = args.index("--")
        args, extra = args[:i], args[i + 1:]
    counts = [0, 50, 100, 200, 400]
    if "--counts" in args:
        i = args.index("--counts")
        counts = [int(x) for x in args[i + 1].split(",")]
        del args[i:i + 2]
    vigie, out, sets = args[0], args[1], args[2:]
    print("| set | labels | auto precision | auto recall | auto + review recall | review items (% of records) | match threshold learnt |")
    print("|---|---|---|---|---|---|---|")
    for spec in sets:
        name, data = spec.split("=", 1)
        person = {r["id"]: r["person_id"] for r in csv.DictReader(open(os.path.join(data, "truth.csv")))}
        base = os.path.join(out, name, "labels-0")
        first = measure(vigie, base, data, extra)
        queue = list(csv.DictReader(open(os.path.join(base, "review.csv"))))
        for n in counts:
            run = os.path.join(out, name, f"labels-{n}")
            m = first
            if n > 0:
                os.makedirs(run, exist_ok=True)
                path = os.path.join(run, "decisions.csv")
                with open(path, "w", newline="") as f:
                    w = csv.writer(f, lineterminator="\n")
                    w.writerow(["id_a", "id_b", "decision", "operator", "comment"])
                    for r in queue[:n]:
                        same = person.get(r["id_a"]) == person.get(r["id_b"])
                        w.writerow([r["id_a"], r["id_b"], "match" if same else "non-match", "truth", ""])
                m = measure(vigie, run, data, ["--decisions", path] + extra)
            report = open(os.path.join(run, "report.md")).read()
            t = re.search(r"match threshold calibrated by the labels \|\s*([-\d.]+)", report)
            print(f"| {name} | {n} | {m['precision']:.4f} | {m['recall']:.4f} | {m['recall_review']:.4f} | "
                  f"{m['items']} ({m['review_share']:.2f} %) | {t.group(1) if t else '10.00'} |", flush=True)


if __name__ == "__main__":
    main()
