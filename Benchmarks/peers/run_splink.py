#!/usr/bin/env python3
"""Splink 5 (DuckDB backend) on any batch-contract records.csv, writing Vigie's output format.

    python3 run_splink.py records.csv --out DIR [--threshold 0.5] [--threads 2]

Model ("the usual" Splink set-up for persons, as in Splink's own FEBRL/person examples):
- columns derived from the contract: first_name = first of first_names; other_first_names = the rest;
  birth_name, used_name, birth_date, sex, birth_place, ins (empty -> NULL).
- comparisons: NameComparison on first_name and birth_name (Jaro-Winkler bands, term-frequency adjusted),
  DateOfBirthComparison (exact, 1 month, 1 year, 10 years), ExactMatch on the initial of the second first
  name, sex, birth_place, used_name, ins (NULL-aware: a missing value is neither agreement nor disagreement).
- blocking: (first_name, birth_date), (birth_name, birth_date), (first_name, birth_name),
  (first letter of first_name, birth_name, birth year), (ins), (used_name, birth_date).
- training: lambda from a deterministic rule (first_name, birth_name, birth_date) with recall 0.7; u by random
  sampling; m by EM on two blockings (birth_date; first_name+birth_name).
- predict at match probability >= 0.01; connected components at --threshold (default 0.5).

Writes DIR/clusters.csv (id,cluster_id), DIR/pairs.csv (pairs with p >= threshold: decision `match`; Splink has
no review band) and DIR/timing.json (phases in seconds, ru_maxrss).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batch import read_records, write_clusters  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("records")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threshold", type=float, default=0.5, help="match probability for clustering (0.5)")
    ap.add_argument("--extra-thresholds", default="0.99",
                    help="comma-separated thresholds also clustered, to DIR/clusters-<t>.csv (default 0.99)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--u-pairs", type=float, default=None, help="max pairs for u sampling (default: 1e6, 5e6 over 200k records)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    phases: dict[str, float] = {}
    t0 = time.perf_counter()

    import duckdb
    import splink
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    phases["import"] = time.perf_counter() - t0
    t = time.perf_counter()
    df = read_records(a.records)
    df = df.rename(columns={"id": "unique_id"})
    firsts = df["first_names"].str.split(" ", n=1, expand=True)
    df["first_name"] = firsts[0]
    df["other_first_names"] = firsts[1] if firsts.shape[1] > 1 else ""
    df = df.drop(columns=["first_names"])
    for col in df.columns:
        df[col] = df[col].where(df[col].notna() & (df[col] != ""), None)
    phases["load"] = time.perf_counter() - t

    con = duckdb.connect()
    con.execute(f"SET threads={a.threads}")
    db_api = DuckDBAPI(connection=con)
    sdf = db_api.register(df, table_name="records")

    present = {c for c in df.columns if df[c].notna().any()}
    comparisons = [
        cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("birth_name").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("birth_date", input_is_string=True),
    ]
    # A column that is empty in the whole file (FEBRL has no sex; no public set has birth_place or ins)
    # gives no evidence and cannot be trained: leave it out rather than carry an untrained comparison.
    comparisons += [cl.ExactMatch(expr) for col, expr in (
        ("other_first_names", "substr(other_first_names, 1, 1)"), ("sex", "sex"), ("birth_place", "birth_place"),
        ("used_name", "used_name"), ("ins", "ins")) if col in present]
    blocking = [
        block_on("first_name", "birth_date"),
        block_on("birth_name", "birth_date"),
        block_on("first_name", "birth_name"),
        block_on("substr(first_name, 1, 1)", "birth_name", "substr(birth_date, 1, 4)"),
    ]
    if "ins" in present:
        blocking.append(block_on("ins"))
    if "used_name" in present:
        blocking.append(block_on("used_name", "birth_date"))
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(sdf, settings, log_level="WARNING")

    t = time.perf_counter()
    u_pairs = a.u_pairs or (5e6 if len(df) > 200_000 else 1e6)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "birth_name", "birth_date")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "birth_name"))
    phases["train"] = time.perf_counter() - t

    t = time.perf_counter()
    pred = linker.inference.predict(threshold_match_probability=0.01)
    phases["predict"] = time.perf_counter() - t

    t = time.perf_counter()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        pred, threshold_match_probability=a.threshold)
    cdf = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    cluster_of = dict(zip(cdf["unique_id"].astype(str), cdf["cluster_id"].astype(str)))
    phases["cluster"] = time.perf_counter() - t
    # Precision-first readings of the same model (not counted in the timings above the write phase).
    t_extra = time.perf_counter()
    for extra in [float(x) for x in a.extra_thresholds.split(",") if x.strip()]:
        c2 = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, threshold_match_probability=extra)
        e = c2.as_pandas_dataframe()[["unique_id", "cluster_id"]]
        write_clusters(os.path.join(a.out, f"clusters-{extra:g}.csv"), df["unique_id"],
                       dict(zip(e["unique_id"].astype(str), e["cluster_id"].astype(str))))
    phases["extra_clusterings"] = time.perf_counter() - t_extra

    t = time.perf_counter()
    write_clusters(os.path.join(a.out, "clusters.csv"), df["unique_id"], cluster_of)
    rel = con.sql(
        f"SELECT unique_id_l, unique_id_r, match_probability, match_weight FROM {pred.physical_name} "
        f"WHERE match_probability >= {a.threshold}")
    n_pairs = 0
    with open(os.path.join(a.out, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id_a", "id_b", "score", "decision", "explanation"])
        while True:
            rows = rel.fetchmany(100_000) if hasattr(rel, "fetchmany") else None
            if rows is None:
                rows = rel.fetchall()
                for l, r, p, mw in rows:
                    w.writerow([l, r, f"{p:.6f}", "match", f"match_weight={mw:.3f}"])
                n_pairs += len(rows)
                break
            if not rows:
                break
            for l, r, p, mw in rows:
                w.writerow([l, r, f"{p:.6f}", "match", f"match_weight={mw:.3f}"])
            n_pairs += len(rows)
    phases["write"] = time.perf_counter() - t
    phases["total"] = time.perf_counter() - t0 - phases["extra_clusterings"]
    info = {
        "engine": "splink", "version": splink.__version__, "duckdb": duckdb.__version__,
        "records": len(df), "pairs_written": n_pairs, "threshold": a.threshold,
        "phases_s": {k: round(v, 3) for k, v in phases.items()},
        "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    with open(os.path.join(a.out, "timing.json"), "w") as f:
        json.dump(info, f, indent=2)
    print(json.dumps(info), file=sys.stderr)


if __name__ == "__main__":
    main()
