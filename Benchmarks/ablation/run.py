#!/usr/bin/env python3
"""Per-rule ablation: runs `vigie dedupe` on every data set with all of Vigie's levels, rules and blocking passes,
then with each one switched off (`--switch-off NAME`, the names `vigie dedupe` lists), and with EM off
(`--no-train`), and prints markdown tables: the baseline per set, then per component and set what switching it
off changes (auto precision, auto recall, auto + review recall, review share, blocking reach), each component's
verdict per set and a flag when it helps one set and costs another.

    python3 Benchmarks/ablation/run.py VIGIE OUT name=DIR [name=DIR ...] [--only NAME,NAME] [--parse-only]

Each DIR holds records.csv and truth.csv. Runs are kept under OUT/NAME/COMPONENT; --parse-only rebuilds the
tables from them. Figures come from `vigie evaluate` and report.md (Benchmarks/noise3/measure.py).
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "noise3"))
from measure import measure  # noqa: E402

# Smallest change that counts (below: noise between equal runs is 0, these only keep the table readable).
EPS = {"precision": 0.00005, "recall": 0.00005, "recall_review": 0.00005, "review_share": 0.005, "reach": 0.005}


def components(vigie, data):
    """The names `vigie dedupe --switch-off` knows, read from its refusal of an unknown one (one list, Vigie's)."""
    r = subprocess.run([vigie, "dedupe", os.path.join(data, "records.csv"), "--out", "/tmp/ablation-names",
                        "--switch-off", "?"], capture_output=True, text=True)
    m = re.search(r"known names are (.*)", r.stderr)
    if not m:
        sys.exit("cannot read the switchable names from vigie:\n" + r.stderr)
    # The label switches change nothing without --decisions.
    return [n.strip() for n in m.group(1).split(",") if n.strip() and not n.strip().startswith("label-")]


def verdict(base, off):
    """What the component does on a set (component on versus off): + helps (no figure worse, one better), − costs
    (no figure better, one worse), ± mixed (one better, another worse: a rule that keeps precision at a cost in
    recall, a pass that reaches pairs at a cost in review), 0 changes nothing measurable."""
    d = {k: base[k] - off[k] for k in EPS}
    d["review_share"] = -d["review_share"]  # less review is better
    better = [k for k in EPS if d[k] > EPS[k]]
    worse = [k for k in EPS if d[k] < -EPS[k]]
    if not better and not worse:
        return "0"
    if better and not worse:
        return "+"
    if worse and not better:
        return "−"
    return "±"


def main():
    args = sys.argv[1:]
    parse_only = "--parse-only" in args
    args = [a for a in args if a != "--parse-only"]
    only = None
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1].split(",")
        del args[i:i + 2]
    vigie, out, sets = args[0], args[1], [s.split("=", 1) for s in args[2:]]
    names = only or components(vigie, sets[0][1])
    variants = [("baseline", [])] + [("no-train", ["--no-train"])] + [(n, ["--switch-off", n]) for n in names]
    results = {}
    for name, data in sets:
        for comp, extra in variants:
            run = os.path.join(out, name, comp)
            if parse_only and not os.path.exists(os.path.join(run, "evaluate.txt")):
                continue  # not run (yet): shown as such
            results[(name, comp)] = measure(vigie, run, data, extra, parse_only)
            print(f"{name} {comp}: {json.dumps(results[(name, comp)])}", file=sys.stderr, flush=True)

    print("| set | records | auto precision | auto recall | auto + review recall | review (% of records) | blocking reach |")
    print("|---|---|---|---|---|---|---|")
    for name, _ in sets:
        b = results.get((name, "baseline"))
        if b is None:
            continue
        print(f"| {name} | {b['records']} | {b['precision']:.4f} | {b['recall']:.4f} | {b['recall_review']:.4f} | "
              f"{b['review_share']:.2f} % | {b['reach']:.2f} % |")
    print()
    print("Per component, per set: what switching it **off** does (off − baseline, in percentage points: P auto "
          "precision, R auto recall, AR auto + review recall, rev review share, reach blocking reach), and the "
          "component's verdict on that set (+ helps, − costs, ± better on one figure and worse on another, 0 nothing "
          "measurable). Flagged: a component that helps one set (or keeps its precision up) and only costs another.")
    print()
    print("| component | " + " | ".join(n for n, _ in sets) + " | flag |")
    print("|---|" + "---|" * len(sets) + "---|")
    for comp, _ in variants[1:]:
        cells = []
        verdicts = []
        for name, _ in sets:
            b, o = results.get((name, "baseline")), results.get((name, comp))
            if b is None or o is None:
                cells.append("not run")
                continue
            v = verdict(b, o)
            # Precision first: a set whose automatic precision the component keeps up counts as helped.
            verdicts.append((name, "+" if v == "±" and o["precision"] < b["precision"] - EPS["precision"] else v))
            if v == "0":
                cells.append("0")
                continue
            cells.append(f"{v} P{100 * (o['precision'] - b['precision']):+.2f} R{100 * (o['recall'] - b['recall']):+.2f} "
                         f"AR{100 * (o['recall_review'] - b['recall_review']):+.2f} "
                         f"rev{o['review_share'] - b['review_share']:+.2f} reach{o['reach'] - b['reach']:+.2f}")
        helps = [n for n, v in verdicts if v == "+"]
        costs = [n for n, v in verdicts if v == "−"]
        flag = f"**helps {', '.join(helps)}; costs {', '.join(costs)}**" if helps and costs else ""
        print(f"| `{comp}` | " + " | ".join(cells) + f" | {flag} |")


if __name__ == "__main__":
    main()
