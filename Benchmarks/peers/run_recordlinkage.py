#!/usr/bin/env python3
"""recordlinkage 0.16 (the classic Python toolkit) on any batch-contract records.csv, as a second peer.

    python3 run_recordlinkage.py records.csv --out DIR [--threads 2]

- blocking: the union of the same keys as the Splink runner: (first_name, birth_date), (birth_name,
  birth_date), (first_name, birth_name), (first letter of first_name, birth_name, birth year), and (ins),
  (used_name, birth_date) when those columns are not empty.
- comparisons: Jaro-Winkler >= 0.88 on first_name and birth_name; exact on birth_date, on the initial of the
  second first name, sex, birth_place, used_name, ins (features of columns empty in the whole file are left
  out, as they carry no evidence).
- classifier: ECM (unsupervised EM on binary features, recordlinkage's Fellegi-Sunter; default), fitted on
  the candidates plus as many random record pairs (at least 50 000) so that EM sees non-matches, or
  `--classifier rule` (a fixed agreement rule), then connected components of the links (networkx).

Writes DIR/clusters.csv, DIR/pairs.csv (predicted links, decision `match`, score = ECM match probability)
and DIR/timing.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batch import read_records, write_clusters  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("records")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--classifier", choices=["ecm", "rule"], default="ecm",
                    help="ecm (default) or rule: a link when first_name, birth_name and birth_date all agree, "
                         "or when all but one feature agree (recordlinkage's tutorial rule)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    warnings.simplefilter("ignore")
    phases: dict[str, float] = {}
    t0 = time.perf_counter()

    import networkx as nx
    import numpy as np
    import pandas as pd
    import recordlinkage as rl

    phases["import"] = time.perf_counter() - t0
    t = time.perf_counter()
    df = read_records(a.records).set_index("id")
    firsts = df["first_names"].str.split(" ", n=1, expand=True)
    df["first_name"] = firsts[0]
    df["other_initial"] = firsts[1].str[:1] if firsts.shape[1] > 1 else ""
    df["first_initial"] = df["first_name"].str[:1]
    df["birth_year"] = df["birth_date"].str[:4]
    for col in df.columns:
        df[col] = df[col].where(df[col].notna() & (df[col] != ""), np.nan)
    present = {c for c in df.columns if df[c].notna().any()}
    phases["load"] = time.perf_counter() - t

    t = time.perf_counter()
    keys = [["first_name", "birth_date"], ["birth_name", "birth_date"], ["first_name", "birth_name"],
            ["first_initial", "birth_name", "birth_year"], ["ins"], ["used_name", "birth_date"]]
    indexer = rl.Index()
    for key in keys:
        if all(k in present for k in key):
            indexer.block(left_on=key)
    candidates = indexer.index(df)
    phases["block"] = time.perf_counter() - t

    t = time.perf_counter()
    cmp = rl.Compare(n_jobs=a.threads)
    cmp.string("first_name", "first_name", method="jarowinkler", threshold=0.88, label="first_name")
    cmp.string("birth_name", "birth_name", method="jarowinkler", threshold=0.88, label="birth_name")
    for col in ("birth_date", "other_initial", "sex", "birth_place", "used_name", "ins"):
        if col in present:
            cmp.exact(col, col, label=col)
    features = cmp.compute(candidates, df)
    # EM needs non-matches to estimate u: blocked candidates are mostly true pairs on tight data sets
    # (FEBRL2, Vigie's corpus), where ECM fitted on them alone collapses. Fit it on the candidates plus a
    # random sample of record pairs (as Splink estimates u by random sampling), then classify the candidates.
    from recordlinkage.index import Random

    n_random = min(max(len(candidates), 50_000), len(df) * (len(df) - 1) // 2)
    random_pairs = Random(n_random, random_state=1).index(df).difference(candidates)
    train = pd.concat([features, cmp.compute(random_pairs, df)])
    phases["compare"] = time.perf_counter() - t

    t = time.perf_counter()
    if a.classifier == "ecm":
        ecm = rl.ECMClassifier(binarize=None)
        ecm.fit(train)
        links = ecm.predict(features)
        proba = ecm.prob(features)
    else:
        agree = features.sum(axis=1)
        core = features[["first_name", "birth_name"] + (["birth_date"] if "birth_date" in features else [])]
        keep = (core.sum(axis=1) == core.shape[1]) | (agree >= features.shape[1] - 1)
        links = features.index[keep]
        proba = agree / features.shape[1]
    phases["classify"] = time.perf_counter() - t

    t = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(df.index)
    g.add_edges_from(links)
    cluster_of = {}
    for comp in nx.connected_components(g):
        cid = min(comp)
        for rid in comp:
            cluster_of[rid] = cid
    phases["cluster"] = time.perf_counter() - t

    t = time.perf_counter()
    write_clusters(os.path.join(a.out, "clusters.csv"), df.index, cluster_of)
    with open(os.path.join(a.out, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id_a", "id_b", "score", "decision", "explanation"])
        for (l, r) in links:
            w.writerow([l, r, f"{proba.loc[(l, r)]:.6f}", "match", "ecm"])
    phases["write"] = time.perf_counter() - t
    phases["total"] = time.perf_counter() - t0
    info = {
        "engine": "recordlinkage", "version": rl.__version__, "classifier": a.classifier, "pandas": pd.__version__,
        "records": len(df), "candidates": len(candidates), "links": len(links),
        "features": list(features.columns),
        "phases_s": {k: round(v, 3) for k, v in phases.items()},
        "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    with open(os.path.join(a.out, "timing.json"), "w") as f:
        json.dump(info, f, indent=2)
    print(json.dumps(info), file=sys.stderr)


if __name__ == "__main__":
    main()
