#!/usr/bin/env python3
"""Counts decision patterns of a `vigie dedupe` run against the truth (standard library only).

    python3 Benchmarks/heldout/patterns.py DATA_DIR DEDUPE_OUT_DIR

For each pattern of field levels and alerts in pairs.csv (those docs/heldout.md discusses), how many of the
pairs are true (same person) and how many false: what a rule on that pattern would win and cost.
"""

import collections
import csv
import re
import sys
import unicodedata


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def first_names(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").upper()
    return [x for x in re.split(r"[ ,;]+", s.strip()) if x]


def level(explanation, field):
    m = re.search(field + r"=([a-z0-9.-]+)\(", explanation)
    return m.group(1) if m else None


def main():
    data, out = sys.argv[1], sys.argv[2]
    person = {r["id"]: r["person_id"] for r in read(data + "/truth.csv")}
    rec = {r["id"]: r for r in read(data + "/records.csv")}
    counts = collections.Counter()
    for r in read(out + "/pairs.csv"):
        a, b, e, d = r["id_a"], r["id_b"], r["explanation"], r["decision"]
        same = person[a] == person[b]
        date, ins, fn = level(e, "birth_date"), level(e, "ins"), level(e, "first_names")
        if d == "match" and date == "missing" and ins != "equal":
            counts[("match, birth date missing on a side, no equal INS", same)] += 1
        if fn == "first-equal":
            fa, fb = first_names(rec[a]["first_names"]), first_names(rec[b]["first_names"])
            prefix = fa[:len(fb)] == fb or fb[:len(fa)] == fa
            counts[("%s, first-equal, %s" % (d, "one list a prefix of the other" if prefix else "later first names contradict"), same)] += 1
        if "birth-places-differ" in e:
            pa, pb = rec[a]["birth_place"].strip(), rec[b]["birth_place"].strip()
            kind = ("a country against a commune" if pa.startswith("99") != pb.startswith("99")
                    else "two communes" if not pa.startswith("99") else "two countries")
            counts[("%s, birth-places-differ, %s" % (d, kind), same)] += 1
        if "ins-collision" in e:
            counts[("%s, ins-collision" % d, same)] += 1
    print("%-70s %7s %7s" % ("pattern", "true", "false"))
    for k in sorted({k for k, _ in counts}):
        print("%-70s %7d %7d" % (k, counts[(k, True)], counts[(k, False)]))


if __name__ == "__main__":
    main()
