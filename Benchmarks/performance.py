#!/usr/bin/env python3
"""`vigie dedupe` (release) at 10 k, 100 k, 1 M (and 10 M) records: wall time, CPU, peak RSS, stages, quality (#16).

For each size: `vigie corpus generate --persons P --seed 21` (≈ 1.72 records per person; 5 800 000 persons give
≈ 10 M records), then `/usr/bin/time -v vigie dedupe records.csv --out DIR --quiet` (the default command: it trains
its model), then `vigie evaluate --format json` against the generator's truth. Results accumulate in
Benchmarks/performance/results.json (one entry per size, the latest run kept), and docs/performance.md is rewritten
from them with two log-log plots (time and memory per record against records), hand-written SVG (no plotting
library needed): docs/performance/time.svg and docs/performance/memory.svg.

    python3 Benchmarks/performance.py [--vigie .build/release/vigie] [--sizes 5800,58000,580000] [--work /tmp/vigie-perf]
    python3 Benchmarks/performance.py --sizes 5800000 --min-available-gb 16     # 10 M: only with the memory free
    python3 Benchmarks/performance.py --reference /tmp/vigie-main --reference-label main@603c9f0   # + previous build

With `--reference BINARY`, each size is also run with that build (the previous one, e.g. main's), just before this
one on the same file, and the page gives both and their ratio: the load moves between runs, so only the same run's
ratio is meaningful.

Every figure is written with its date, commit, load average and the memory available (Benchmarks/record.py).
First run 2026-12-03 (issue #16), at 10 k, 100 k and 1 M records, against main's build in the same run.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys

import record

parser = argparse.ArgumentParser()
parser.add_argument("--vigie", default=os.path.join(record.ROOT, ".build/release/vigie"))
parser.add_argument("--sizes", default="5800,58000,580000", help="persons per run, comma-separated")
parser.add_argument("--seed", type=int, default=21)
parser.add_argument("--work", default="/tmp/vigie-perf")
parser.add_argument("--min-available-gb", type=float, default=0, help="refuse to start a size below this much free memory")
parser.add_argument("--render-only", action="store_true", help="rewrite the page and plots from results.json")
parser.add_argument("--reference", help="a previous build of vigie, run on the same file just before this one")
parser.add_argument("--reference-label", default="reference", help="how the page names the reference build")
arguments = parser.parse_args()

results_path = os.path.join(record.BENCHMARKS, "performance", "results.json")
os.makedirs(os.path.dirname(results_path), exist_ok=True)
results = json.load(open(results_path)) if os.path.exists(results_path) else {}


def time_v(command):
    """Runs `command` under /usr/bin/time -v; returns (wall s, user s, sys s, max RSS bytes, stdout)."""
    result = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    fields = {}
    for line in result.stderr.splitlines():
        if ":" in line:
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    h_m_s = [float(x) for x in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    wall = sum(v * 60 ** i for i, v in enumerate(reversed(h_m_s)))
    return (wall, float(fields["User time (seconds)"]), float(fields["System time (seconds)"]),
            int(fields["Maximum resident set size (kbytes)"]) * 1024, result.stdout)


def stages(report):
    """The `## Time` table of report.md: [(stage, seconds)]."""
    section = report.split("## Time", 1)[1] if "## Time" in report else ""
    return [(m.group(1).strip(), float(m.group(2))) for m in re.finditer(r"^\| ([^|]+) \| ([\d.]+) \|$", section, re.M)]


def quality(evaluation):
    """Precision and recall of the automatic matches, recall with the review queue, review share (evaluate's JSON)."""
    flat = {}

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + [k])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[".".join(path)] = value
    walk(evaluation, [])
    return flat


def measure(persons, vigie=None, tag=""):
    vigie = vigie or arguments.vigie
    corpus = os.path.join(arguments.work, f"corpus-{persons}-{arguments.seed}")
    if not os.path.exists(os.path.join(corpus, "records.csv")):
        subprocess.run([arguments.vigie, "corpus", "generate", "--persons", str(persons), "--seed", str(arguments.seed),
                        "--out", corpus], check=True, stdout=subprocess.DEVNULL)
    records = sum(1 for _ in open(os.path.join(corpus, "records.csv"), "rb")) - 1
    out = os.path.join(arguments.work, f"dedupe-{persons}{tag}")
    subprocess.run(["rm", "-rf", out], check=True)
    conditions = record.Conditions().start()
    command = [vigie, "dedupe", os.path.join(corpus, "records.csv"), "--out", out, "--quiet"]
    print("$ /usr/bin/time -v " + " ".join(command) + f"   (load {conditions.load_before})", file=sys.stderr)
    wall, user, system, rss, _ = time_v(command)
    conditions.stop()
    evaluation = subprocess.run(
        [arguments.vigie, "evaluate", "--truth", os.path.join(corpus, "truth.csv"), "--clusters", os.path.join(out, "clusters.csv"),
         "--pairs", os.path.join(out, "pairs.csv"), "--format", "json"], check=True, capture_output=True, text=True).stdout
    return {
        "persons": persons, "seed": arguments.seed, "records": records, "wall": wall, "user": user, "sys": system,
        "rss": rss, "stages": stages(open(os.path.join(out, "report.md")).read()), "quality": quality(json.loads(evaluation)),
        "date": f"{conditions.date:%Y-%m-%d %H:%M} UTC", "commit": conditions.commit + ("+" if conditions.dirty else ""),
        "load_before": conditions.load_before, "load_after": conditions.load_after,
        "available_gb": round(conditions.memory_before, 1), "compilers": [conditions.compilers_before, conditions.compilers_after],
        "command": "/usr/bin/time -v vigie dedupe records.csv --out DIR --quiet",
    }


if not arguments.render_only:
    for persons in [int(s) for s in arguments.sizes.split(",")]:
        available = record.available_gigabytes()
        if available < arguments.min_available_gb:
            print(f"skipped {persons} persons: {available:.1f} GB available < {arguments.min_available_gb}", file=sys.stderr)
            continue
        previous = None
        if arguments.reference:
            previous = measure(persons, arguments.reference, "-reference")
            previous["label"] = arguments.reference_label
        results[str(persons)] = measure(persons)
        if previous:
            results[str(persons)]["reference"] = previous
            same = all(subprocess.run(["cmp", "-s", os.path.join(arguments.work, f"dedupe-{persons}-reference", name),
                                       os.path.join(arguments.work, f"dedupe-{persons}", name)]).returncode == 0
                       for name in ("clusters.csv", "pairs.csv", "review.csv"))
            results[str(persons)]["identical_to_reference"] = same
        json.dump(results, open(results_path, "w"), indent=1, sort_keys=True)


# --- the page --------------------------------------------------------------------------------------------------

def svg_loglog(path, title, ylabel, series):
    """A log-log line plot: series = [(label, colour, [(x, y)])]. Hand-written SVG, no library."""
    width, height, left, right, top, bottom = 640, 400, 80, 20, 40, 60
    xs = [x for _, _, points in series for x, _ in points]
    ys = [y for _, _, points in series for _, y in points]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)

    def px(x):
        return left + (math.log10(x) - x0) / (x1 - x0) * (width - left - right)

    def py(y):
        return height - bottom - (math.log10(y) - y0) / (y1 - y0) * (height - top - bottom)

    def label(exponent):
        return f"10<tspan dy='-6' font-size='9'>{exponent}</tspan>"

    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
             f"font-family='sans-serif' font-size='12'>",
             f"<rect width='{width}' height='{height}' fill='white'/>",
             f"<text x='{width / 2}' y='22' text-anchor='middle' font-size='14'>{title}</text>"]
    for e in range(x0, x1 + 1):
        parts.append(f"<line x1='{px(10 ** e):.1f}' y1='{top}' x2='{px(10 ** e):.1f}' y2='{height - bottom}' stroke='#ddd'/>")
        parts.append(f"<text x='{px(10 ** e):.1f}' y='{height - bottom + 18}' text-anchor='middle'>{label(e)}</text>")
    for e in range(y0, y1 + 1):
        parts.append(f"<line x1='{left}' y1='{py(10 ** e):.1f}' x2='{width - right}' y2='{py(10 ** e):.1f}' stroke='#ddd'/>")
        parts.append(f"<text x='{left - 8}' y='{py(10 ** e) + 4:.1f}' text-anchor='end'>{label(e)}</text>")
    parts.append(f"<rect x='{left}' y='{top}' width='{width - left - right}' height='{height - top - bottom}' fill='none' stroke='#333'/>")
    parts.append(f"<text x='{width / 2}' y='{height - 18}' text-anchor='middle'>records (log)</text>")
    parts.append(f"<text transform='translate(18 {height / 2}) rotate(-90)' text-anchor='middle'>{ylabel} (log)</text>")
    for i, (name, colour, points) in enumerate(series):
        coordinates = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        parts.append(f"<polyline points='{coordinates}' fill='none' stroke='{colour}' stroke-width='2'/>")
        for x, y in points:
            parts.append(f"<circle cx='{px(x):.1f}' cy='{py(y):.1f}' r='3.5' fill='{colour}'/>")
        parts.append(f"<line x1='{left + 12}' y1='{top + 14 + 16 * i}' x2='{left + 36}' y2='{top + 14 + 16 * i}' stroke='{colour}' stroke-width='2'/>")
        parts.append(f"<text x='{left + 42}' y='{top + 18 + 16 * i}'>{name}</text>")
    parts.append("</svg>")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


runs = sorted(results.values(), key=lambda r: r["records"])
if not runs:
    raise SystemExit("no results yet")
svg_loglog(os.path.join(record.ROOT, "docs/performance/time.svg"), "vigie dedupe: time per record", "µs per record",
           [("wall", "#1f77b4", [(r["records"], r["wall"] / r["records"] * 1e6) for r in runs]),
            ("CPU (user + sys)", "#d62728", [(r["records"], (r["user"] + r["sys"]) / r["records"] * 1e6) for r in runs])])
svg_loglog(os.path.join(record.ROOT, "docs/performance/memory.svg"), "vigie dedupe: peak memory per record", "bytes per record",
           [("max RSS / records", "#2ca02c", [(r["records"], r["rss"] / r["records"]) for r in runs])])


def q(run, *names):
    for name in names:
        if name in run["quality"]:
            return run["quality"][name]
    return float("nan")


rows = []
for r in runs:
    rows.append(
        f"| {r['records']:,} ({r['persons']:,} persons) | {r['date']}, `{r['commit']}` | {r['load_before']} → {r['load_after']} "
        f"| **{r['wall']:.1f} s** | {r['user'] + r['sys']:.1f} s | {r['rss'] / 2 ** 30:.2f} GB "
        f"| {r['wall'] / r['records'] * 1e6:.1f} µs | {r['rss'] / r['records']:,.0f} B "
        f"| {q(r, 'pairwise.precision', 'precision'):.4f} | {q(r, 'pairwise.recall', 'recall'):.4f} | {q(r, 'scoredPairs.autoPlusReviewRecall', 'autoPlusReviewRecall'):.4f} |")
stage_names = []
for r in runs:
    for name, _ in r["stages"]:
        if name not in stage_names:
            stage_names.append(name)
stage_rows = [f"| {name} | " + " | ".join(
    next((f"{s:.2f}" for n, s in r["stages"] if n == name), "") for r in runs) + " |" for name in stage_names]

reference_rows = []
for r in runs:
    p = r.get("reference")
    if not p:
        continue
    reference_rows.append(
        f"| {r['records']:,} | {r['date']} | {p['label']} | `{r['commit']}` | {p['load_before']} → {r['load_after']} "
        f"| {p['wall']:.1f} s | {r['wall']:.1f} s | **{p['wall'] / r['wall']:.2f}×** "
        f"| {p['user'] + p['sys']:.1f} s | {r['user'] + r['sys']:.1f} s | {(p['user'] + p['sys']) / (r['user'] + r['sys']):.2f}× "
        f"| {p['rss'] / 2 ** 30:.2f} GB | {r['rss'] / 2 ** 30:.2f} GB "
        f"| {'yes' if r.get('identical_to_reference') else 'NO'} |")
reference_table = "" if not reference_rows else """
Against the previous build, same file, run just before (`--reference`): the ratio is previous ÷ this build, so above 1
means faster; "identical" compares clusters.csv, pairs.csv and review.csv byte for byte.

| records | measured | previous build | this build | load (previous before → this after) | wall, previous | wall, this | wall ratio | CPU, previous | CPU, this | CPU ratio | max RSS, previous | max RSS, this | identical outputs |
| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
""" + "\n".join(reference_rows) + "\n"

page = f"""# Performance of `vigie dedupe` by size

Written by `Benchmarks/performance.py` from `Benchmarks/performance/results.json`; re-run it to refresh a size
(`--sizes PERSONS,…`). Each row is one run of the default command (`vigie dedupe records.csv --out DIR --quiet`: it
trains its model on the file), release build, on a corpus from `vigie corpus generate --persons P --seed {', '.join(sorted({str(r['seed']) for r in runs}))}`, on this
project's 2-core x86_64 VM with 24 GB **shared with other engineers' builds**: the load average before → after each
run is given, and wall times move with it (CPU time much less). Time and peak RSS come from `/usr/bin/time -v`,
stages from the run's report.md, quality from `vigie evaluate --format json` against the generator's truth.

| records | measured | load (1/5/15) | wall | CPU | max RSS | wall per record | RSS per record | precision (auto) | recall (auto) | recall (auto + review) |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
""" + "\n".join(rows) + "\n" + reference_table + """
![time per record, log-log](performance/time.svg)
![memory per record, log-log](performance/memory.svg)

Stages (seconds, from report.md):

| stage | """ + " | ".join(f"{r['records']:,}" for r in runs) + """ |
| --- | """ + " | ".join("---:" for _ in runs) + """ |
""" + "\n".join(stage_rows) + "\n"
with open(os.path.join(record.ROOT, "docs/performance.md"), "w") as f:
    f.write(page)
print(page)
