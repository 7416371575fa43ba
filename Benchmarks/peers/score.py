#!/usr/bin/env python3
"""An evaluator independent of Vigie's own: scores a clustering against ground truth.

    python3 score.py --truth truth.csv --clusters clusters.csv [--pairs pairs.csv] [--json]

Everything is computed from the contingency table n[c][p] = records of true person p in predicted cluster c,
so no pair is ever materialised (works on millions of records):
- pairwise (cluster pairs): predicted pairs = sum_c C(|c|,2); true pairs = sum_p C(|p|,2);
  true positives = sum_{c,p} C(n[c][p],2). Precision and recall are reported separately.
- B3 precision = mean over records of |c ∩ p| / |c|; B3 recall = mean of |c ∩ p| / |p|.
- collisions: predicted clusters holding two or more true persons (+ the records in them);
  duplicates: true persons split over two or more predicted clusters.
An id of truth.csv missing from clusters.csv counts as a singleton (and is reported as missing).
With --pairs: precision of the pairs decided `match`, and recall of `match` + `review` pairs over all true pairs.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict


def _c2(n: int) -> int:
    return n * (n - 1) // 2


def read_map(path: str, key: str, value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        if key not in r.fieldnames or value not in r.fieldnames:
            sys.exit(f"{path}: header must have columns {key},{value}")
        for row in r:
            out[row[key]] = row[value]
    return out


def score_clusters(truth: dict[str, str], clusters: dict[str, str]) -> dict:
    missing = [rid for rid in truth if rid not in clusters]
    extra = sum(1 for rid in clusters if rid not in truth)
    cell: Counter = Counter()
    csize: Counter = Counter()
    psize: Counter = Counter()
    for rid, person in truth.items():
        c = clusters.get(rid, "\x00singleton:" + rid)
        cell[(c, person)] += 1
        csize[c] += 1
        psize[person] += 1
    n = len(truth)
    pred_pairs = sum(_c2(s) for s in csize.values())
    true_pairs = sum(_c2(s) for s in psize.values())
    tp = sum(_c2(k) for k in cell.values())
    b3p = sum(k * k / csize[c] for (c, _), k in cell.items()) / n if n else 1.0
    b3r = sum(k * k / psize[p] for (_, p), k in cell.items()) / n if n else 1.0
    persons_in: defaultdict = defaultdict(int)
    clusters_of: defaultdict = defaultdict(int)
    for (c, p) in cell:
        persons_in[c] += 1
        clusters_of[p] += 1
    collisions = [c for c, k in persons_in.items() if k >= 2]
    p_ = tp / pred_pairs if pred_pairs else 1.0
    r_ = tp / true_pairs if true_pairs else 1.0
    return {
        "records": n,
        "persons": len(psize),
        "clusters": len(csize),
        "missing_ids": len(missing),
        "extra_ids": extra,
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
        "true_positive_pairs": tp,
        "pair_precision": p_,
        "pair_recall": r_,
        "pair_f1": 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0,
        "b3_precision": b3p,
        "b3_recall": b3r,
        "collisions": len(collisions),
        "collision_records": sum(csize[c] for c in collisions),
        "duplicates": sum(1 for k in clusters_of.values() if k >= 2),
    }


def score_pairs(truth: dict[str, str], pairs_path: str, clusters: dict[str, str] | None = None) -> dict:
    """Decided pairs as listed in pairs.csv (not closed by clustering).

    With the clusters, review pairs are also counted per pair of clusters (what a reviewer sees once).
    """
    auto = review = auto_tp = review_tp = 0
    seen: set = set()
    review_ids: set = set()
    review_clusters: set = set()
    with open(pairs_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = row["id_a"], row["id_b"]
            key = (a, b) if a < b else (b, a)
            if key in seen:
                continue
            seen.add(key)
            same = a in truth and truth.get(a) == truth.get(b)
            if row["decision"] == "match":
                auto += 1
                auto_tp += same
            elif row["decision"] == "review":
                review += 1
                review_tp += same
                review_ids.update(key)
                if clusters is not None:
                    ca, cb = clusters.get(a, a), clusters.get(b, b)
                    review_clusters.add((ca, cb) if ca < cb else (cb, ca))
    true_pairs = sum(_c2(s) for s in Counter(truth.values()).values())
    return {
        "auto_pairs": auto,
        "review_pairs": review,
        "auto_pair_precision": auto_tp / auto if auto else 1.0,
        "auto_pair_recall": auto_tp / true_pairs if true_pairs else 1.0,
        "auto_plus_review_recall": (auto_tp + review_tp) / true_pairs if true_pairs else 1.0,
        "review_cluster_pairs": len(review_clusters) if clusters is not None else None,
        "review_records": len(review_ids),
        "review_records_share": len(review_ids) / len(truth) if truth else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--clusters", required=True)
    ap.add_argument("--pairs")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    truth = read_map(a.truth, "id", "person_id")
    clusters = read_map(a.clusters, "id", "cluster_id")
    res = score_clusters(truth, clusters)
    if a.pairs:
        res.update(score_pairs(truth, a.pairs, clusters))
    if a.json:
        print(json.dumps(res, indent=2))
    else:
        for k, v in res.items():
            print(f"{k:28} {v:.4f}" if isinstance(v, float) else f"{k:28} {v}")


if __name__ == "__main__":
    main()
