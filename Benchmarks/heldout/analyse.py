#!/usr/bin/env python3
"""Breaks a `vigie dedupe` run on the held-out set down by error tag and look-alike kind (standard library only).

    python3 Benchmarks/heldout/analyse.py DATA_DIR DEDUPE_OUT_DIR

DATA_DIR holds truth.csv, errors.csv, hard-negatives.csv (generate.py); DEDUPE_OUT_DIR clusters.csv, pairs.csv
and report.md. Prints pairwise precision, auto recall, auto + review recall, review share, collisions, then
recall per error tag (true pairs with the tag on at least one side) and false merges per look-alike kind.
"""

import collections
import csv
import itertools
import os
import sys


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    data, out = sys.argv[1], sys.argv[2]
    person = {r["id"]: r["person_id"] for r in read(os.path.join(data, "truth.csv"))}
    tags = {r["id"]: r["errors"].split(";") for r in read(os.path.join(data, "errors.csv"))}
    cluster = {r["id"]: r["cluster_id"] for r in read(os.path.join(out, "clusters.csv"))}
    review = set()
    for r in read(os.path.join(out, "pairs.csv")):
        if r["decision"] == "review":
            a, b = cluster[r["id_a"]], cluster[r["id_b"]]
            if a != b:
                review.add((min(a, b), max(a, b)))

    by_person = collections.defaultdict(list)
    for rid, pid in person.items():
        by_person[pid].append(rid)
    by_cluster = collections.defaultdict(list)
    for rid, cid in cluster.items():
        by_cluster[cid].append(rid)

    true_pairs = auto = reviewed = 0
    per_tag = collections.defaultdict(lambda: [0, 0, 0])
    for rids in by_person.values():
        for a, b in itertools.combinations(sorted(rids), 2):
            true_pairs += 1
            ca, cb = cluster[a], cluster[b]
            found = ca == cb
            rev = not found and (min(ca, cb), max(ca, cb)) in review
            auto += found
            reviewed += rev
            for t in set(tags[a][1:] + tags[b][1:] + [tags[a][0] + "+" + tags[b][0]]):
                s = per_tag[t]
                s[0] += 1
                s[1] += found
                s[2] += found or rev
    predicted = correct = 0
    collisions = 0
    for rids in by_cluster.values():
        n = len(rids)
        predicted += n * (n - 1) // 2
        counts = collections.Counter(person[r] for r in rids)
        correct += sum(c * (c - 1) // 2 for c in counts.values())
        collisions += len(counts) > 1

    records = len(person)
    skipped = 0
    report = os.path.join(out, "report.md")
    if os.path.exists(report):
        for line in open(report, encoding="utf-8"):
            if line.startswith("| records skipped"):
                skipped = int(line.split("|")[2])
    print("records %d, persons %d, true pairs %d, skipped records %d" % (records, len(by_person), true_pairs, skipped))
    print("pairwise precision      %.4f  (%d false pairs)" % (correct / max(predicted, 1), predicted - correct))
    print("auto recall             %.4f" % (auto / true_pairs))
    print("auto + review recall    %.4f" % ((auto + reviewed) / true_pairs))
    print("review items            %d cluster pairs (%.2f%% of records)" % (len(review), 100 * len(review) / records))
    print("collisions              %d clusters with >= 2 persons" % collisions)
    print()
    print("%-40s %7s %7s %9s" % ("error tag (one side at least)", "pairs", "auto", "auto+rev"))
    for t, (n, a, r) in sorted(per_tag.items(), key=lambda kv: kv[1][1] / kv[1][0]):
        if n >= 5:
            print("%-40s %7d %7.3f %9.3f" % (t, n, a / n, r / n))
    print()
    kinds = collections.defaultdict(lambda: [0, 0, 0])
    for r in read(os.path.join(data, "hard-negatives.csv")):
        a, b = by_person.get(r["person_id"], []), by_person.get(r["other_person_id"], [])
        if not a or not b:
            continue
        s = kinds[r["kind"]]
        s[0] += 1
        merged = any(cluster[x] == cluster[y] for x in a for y in b)
        s[1] += merged
        s[2] += not merged and any((min(cluster[x], cluster[y]), max(cluster[x], cluster[y])) in review
                                   for x in a for y in b)
        if merged:
            print("false merge: %s %s %s" % (r["kind"], r["person_id"], r["other_person_id"]))
    print("%-16s %7s %7s %7s" % ("look-alike kind", "pairs", "merged", "review"))
    for k, (n, m, rv) in sorted(kinds.items()):
        print("%-16s %7d %7d %7d" % (k, n, m, rv))


if __name__ == "__main__":
    main()
