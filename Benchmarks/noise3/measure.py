#!/usr/bin/env python3
"""Runs `vigie dedupe` on data sets (DIR/records.csv + DIR/truth.csv) and prints one markdown row per set:
auto precision, auto recall, auto + review recall, review items (% of records), blocking reach.

    python3 Benchmarks/noise3/measure.py VIGIE OUT name=DIR [name=DIR ...] [-- extra dedupe options]

Figures come from `vigie evaluate` (pairs.csv: `match` rows, and `review` rows) and from report.md (review items,
blocking reach with --truth). Nothing here reads Vigie's code.
"""
import os
import re
import subprocess
import sys


def grab(text, label):
    """A value from report.md's `| label | value |` rows or from `vigie evaluate`'s `label   value` lines."""
    m = re.search(r"\|\s*" + re.escape(label) + r"\s*\|\s*([^|]+)\|", text)
    if not m:
        m = re.search(r"^" + re.escape(label) + r"\s+(\S+)\s*$", text, re.M)
    return m.group(1).strip() if m else "?"


def measure(vigie, run, data, extra=(), parse_only=False):
    """Runs `vigie dedupe` (with --truth) on DATA/records.csv into RUN, scores it with `vigie evaluate`, and
    returns the figures: records, precision, recall, recall_review, items, review_share (%), reach (%)."""
    os.makedirs(run, exist_ok=True)
    if not parse_only:
        subprocess.run([vigie, "dedupe", os.path.join(data, "records.csv"), "--out", run, "--quiet",
                        "--truth", os.path.join(data, "truth.csv")] + list(extra),
                       stderr=open(os.path.join(run, "stderr.txt"), "w"), check=False)
        ev = subprocess.run([vigie, "evaluate", "--truth", os.path.join(data, "truth.csv"), "--clusters",
                             os.path.join(run, "clusters.csv"), "--pairs", os.path.join(run, "pairs.csv")],
                            capture_output=True, text=True).stdout
        open(os.path.join(run, "evaluate.txt"), "w").write(ev)
    ev = open(os.path.join(run, "evaluate.txt")).read()
    report = open(os.path.join(run, "report.md")).read()
    records = grab(report, "records deduplicated")
    items = re.search(r"\| review queue[^|]*\|\s*(\d+)", report)
    items = int(items.group(1)) if items else 0
    reach = re.search(r"true pairs among the candidate pairs \|\s*\d+ \(([\d.]+)%\)", report)

    def number(x):
        try:
            return float(x)
        except ValueError:
            return float("nan")
    n = int(records) if records.isdigit() else 0
    return {"records": n, "precision": number(grab(ev, "auto-match precision")),
            "recall": number(grab(ev, "auto-match recall")), "recall_review": number(grab(ev, "recall auto + review")),
            "items": items, "review_share": 100 * items / max(1, n),
            "reach": float(reach.group(1)) if reach else float("nan")}


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        i = args.index("--")
        args, extra = args[:i], args[i + 1:]
    parse_only = "--parse-only" in args
    args = [a for a in args if a != "--parse-only"]
    vigie, out, sets = args[0], args[1], args[2:]
    print("| set | records | auto precision | auto recall | auto + review recall | review items (% of records) | blocking reach |")
    print("|---|---|---|---|---|---|---|")
    for spec in sets:
        name, data = spec.split("=", 1)
        m = measure(vigie, os.path.join(out, name), data, extra, parse_only)
        print(f"| {name} | {m['records']} | {m['precision']:.4f} | {m['recall']:.4f} | {m['recall_review']:.4f} | "
              f"{m['items']} ({m['review_share']:.2f} %) | {m['reach']:.2f} % |", flush=True)


if __name__ == "__main__":
    main()
