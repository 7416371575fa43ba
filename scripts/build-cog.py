#!/usr/bin/env python3
"""Builds Sources/VigieIdentity/Resources/cog.txt, the compact COG table VigieIdentity loads at start.

Input: corpus/cog/communes.csv (codes in force on 2026-01-01), corpus/cog/mouvements-communes.csv (every
change since 1943) and corpus/cog/pays.csv (country codes 99xxx), all from INSEE's COG (see corpus/README.md).

Output: one line per code, sorted, `code;name;periods;successors`:
  - periods: comma-separated `start-end` (yyyymmdd) during which the code designated a commune or a municipal
    arrondissement (TYPECOM COM or ARM); start 0 = before the first recorded change (1943), end 0 = still in force.
    The end day is excluded.
  - successors: the codes the place became when the code stopped being a commune (merger, department change,
    code change of a commune nouvelle, absorption as a commune déléguée/associée).
  - name: the latest official name (LIBELLE) of the code.
Countries have one period `0-0` and no successor.

The output is deterministic: the test suite re-runs this script and compares it byte for byte with the
committed file. Usage: scripts/build-cog.py [repo-root] [output]   (defaults: this script's repo, the resource).
"""
import csv
import os
import sys
from collections import defaultdict

ACTIVE = ("COM", "ARM")
# Creation (20), re-establishment (21) and changes among communes déléguées (70-72): the commune listed before the change keeps existing unless it is
# also listed after it; every other change ends the "before" code unless it is listed after the change.
CONTINUING_MODS = ("20", "21", "70", "71", "72")


def day(text):
    return int(text.replace("-", ""))


def build(root):
    cog = os.path.join(root, "corpus", "cog")
    with open(os.path.join(cog, "communes.csv"), encoding="utf-8") as f:
        current = {row["COM"]: row for row in csv.DictReader(f) if row["TYPECOM"] in ACTIVE}
    with open(os.path.join(cog, "mouvements-communes.csv"), encoding="utf-8") as f:
        moves = list(csv.DictReader(f))
    with open(os.path.join(cog, "pays.csv"), encoding="utf-8") as f:
        countries = {row["COG"]: row["LIBCOG"] for row in csv.DictReader(f)}

    by_code = defaultdict(lambda: defaultdict(list))  # code -> date -> rows naming the code before or after
    for row in moves:
        d = day(row["DATE_EFF"])
        by_code[row["COM_AV"]][d].append(row)
        if row["COM_AP"] != row["COM_AV"]:
            by_code[row["COM_AP"]][d].append(row)

    lines = []
    mismatches = []
    codes = set(by_code) | set(current)
    for code in codes:
        events = by_code.get(code, {})
        dates = sorted(events)
        # State before the first change: active if the first change lists the code as an active "before".
        if dates:
            first = events[dates[0]]
            # A code that arrives by a change of code (41: department change, 50: chef-lieu transfer) did not
            # designate a commune before, even if it is merged away on the same day.
            renamed_to = any(r["COM_AP"] == code and r["COM_AV"] != code and r["MOD"] in ("41", "50") for r in first)
            active = not renamed_to and any(r["COM_AV"] == code and r["TYPECOM_AV"] in ACTIVE for r in first)
        else:
            active = code in current
        periods = []
        start = 0 if active else None
        successors = []
        for d in dates:
            rows = events[d]
            stays = any(r["COM_AV"] == code and r["COM_AP"] == code and r["TYPECOM_AP"] in ACTIVE for r in rows)
            leaves = [r for r in rows if r["COM_AV"] == code and r["TYPECOM_AV"] in ACTIVE
                      and r["MOD"] not in CONTINUING_MODS
                      and (r["COM_AP"] != code or r["TYPECOM_AP"] not in ACTIVE)]
            arrives = any(r["COM_AP"] == code and r["COM_AV"] != code and r["TYPECOM_AP"] in ACTIVE for r in rows)
            if stays:
                now_active = True
            elif leaves:
                now_active = False
            elif arrives:
                now_active = True
            else:
                now_active = active  # a change among communes déléguées/associées only
            if not stays:
                for r in leaves:
                    if r["TYPECOM_AP"] in ACTIVE and r["COM_AP"] != code and r["COM_AP"] not in successors:
                        successors.append(r["COM_AP"])
            if active and not now_active:
                periods.append((start, d))
                start = None
            elif not active and now_active:
                start = d
            active = now_active
        if active:
            periods.append((start, 0))
        if code in current:
            name = current[code]["LIBELLE"]
        else:
            # Not in force today: the name it had at its last change.
            last = events[dates[-1]]
            names = [r["LIBELLE_AV"] for r in last if r["COM_AV"] == code]
            names += [r["LIBELLE_AP"] for r in last if r["COM_AP"] == code]
            name = names[0]
        if active != (code in current):
            mismatches.append(code)
        if not periods and not successors:
            continue  # only ever a commune déléguée/associée: not a birth-place code of its own
        period_text = ",".join("%d-%d" % p for p in periods)
        lines.append("%s;%s;%s;%s" % (code, name.replace(";", ","), period_text, ",".join(successors)))
    for code, label in countries.items():
        if code in codes:
            continue
        lines.append("%s;%s;0-0;" % (code, label.replace(";", ",")))
    lines.sort()
    return lines, mismatches


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(here)
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "Sources", "VigieIdentity", "Resources", "cog.txt")
    lines, mismatches = build(root)
    if mismatches:
        sys.stderr.write("build-cog: %d codes whose computed state disagrees with communes.csv: %s\n"
                         % (len(mismatches), " ".join(sorted(mismatches)[:20])))
        sys.exit(1)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by scripts/build-cog.py from corpus/cog (INSEE COG 2026, Licence Ouverte). Do not edit.\n")
        for line in lines:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
