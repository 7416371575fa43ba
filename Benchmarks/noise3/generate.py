#!/usr/bin/env python3
"""A third French error model, written independently of VigieCorpus and of Benchmarks/heldout (Python 3 stdlib).

Neither generator's code was read to write it. Its error sources are:
- the noise functions of pseudopeople (IHME, github.com/ihmeuw/pseudopeople, docs "Noise functions"): leave a
  field blank, choose the wrong option (sex), copy a value from a household member, swap month and day, misreport
  the age (here: the year), write wrong digits in a numeric code (here: the birth place), typographic errors,
  OCR errors, phonetic errors, use a nickname (here: the usual first name only), swap the name fields
  (here: the French *shifted* form, first first name in the birth-name field);
- French traits those functions do not have: an identity **dictated over the phone** (spelling by sound:
  -EAU/-AUX/-OT, PH/F, silent final consonants, doubled consonants, C/K/QU, S/Z/SS), a **carte Vitale read
  by OCR** (upper case, accents lost, RN/M, CL/D, O/Q/D, I/L/1, E/F), particles written with a wrong space
  (`L EGUERN` for `LE GUERN`), the 01/01 placeholder for an unknown day and month, a day or a year keyed 10 off.

Each noisy record draws its number of errors first (1: 45 %, 2: 30 %, 3: 17 %, 4: 8 %), so that more than 40 %
of the noisy records carry several errors, as typed data does.

    python3 Benchmarks/noise3/generate.py --persons 10000 --seed 3 --out /tmp/noise3

writes records.csv (batch contract), truth.csv (id,person_id) and errors.csv (id,errors: `;`-separated tags,
read by `vigie evaluate --errors` for recall per error kind).
"""

import argparse
import bisect
import csv
import os
import random
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def load_names(name):
    with open(os.path.join(ROOT, "corpus", "names", name), encoding="utf-8") as f:
        f.readline()
        return [n.strip() for n in f.readline().split(",") if n.strip()]


class Zipf:
    def __init__(self, items, s=1.05, shift=5):
        self.items = items
        acc, self.cum = 0.0, []
        for i in range(len(items)):
            acc += (i + shift) ** -s
            self.cum.append(acc)

    def pick(self, rng):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def upper_plain(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).upper()


class Population:
    def __init__(self, rng):
        self.rng = rng
        self.surnames = Zipf(load_names("surnames.all.txt"), s=0.9, shift=20)
        self.first = {}
        for sex in "mf":
            for decade in range(1901, 2021, 10):
                path = f"firstnames.{sex}.{decade}.txt"
                if os.path.exists(os.path.join(ROOT, "corpus", "names", path)):
                    self.first[(sex, decade)] = Zipf(load_names(path), s=1.1, shift=3)
        codes, weights = [], []
        with open(os.path.join(ROOT, "corpus", "cog", "population.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["PTOT"].isdigit() and int(row["PTOT"]) > 0:
                    codes.append(row["COM"])
                    weights.append(int(row["PTOT"]))
        self.places, acc, self.place_cum = codes, 0, []
        for w in weights:
            acc += w
            self.place_cum.append(acc)

    def place(self):
        return self.places[bisect.bisect_left(self.place_cum, self.rng.random() * self.place_cum[-1])]

    def first_name(self, sex, year):
        decade = max(1901, min(2011, 1901 + (year - 1901) // 10 * 10))
        return upper_plain(self.first[(sex, decade)].pick(self.rng))

    def surname(self):
        s = upper_plain(self.surnames.pick(self.rng))
        r = self.rng.random()
        if r < 0.03:
            s = self.rng.choice(["LE ", "DE ", "DU ", "DE LA ", "LA "]) + s
        elif r < 0.05:
            s = s + "-" + upper_plain(self.surnames.pick(self.rng))
        return s


def new_person(pop, rng, pid, family=None, year=None, date=None, sex=None, place=None):
    sex = sex or rng.choice("mf")
    if date is None:
        year = year or int(1925 + 98 * rng.random() ** 0.8)
        date = (year, rng.randint(1, 12), rng.randint(1, 28))
    n = rng.choices([1, 2, 3], [0.35, 0.45, 0.20])[0]
    firsts = []
    while len(firsts) < n:
        f = pop.first_name(sex, date[0])
        if f not in firsts:
            firsts.append(f)
    return {"pid": pid, "sex": sex, "name": family or pop.surname(), "firsts": firsts, "date": date,
            "place": place or pop.place(), "used": ""}


# --- error functions: each takes (rng, record dict, person, household) and returns a tag or None ---------------

AZERTY = ["AZERTYUIOP", "QSDFGHJKLM", "WXCVBN"]


def near_key(c, rng):
    for r, row in enumerate(AZERTY):
        if c in row:
            i = row.index(c)
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            for rr in (r - 1, r + 1):
                if 0 <= rr < len(AZERTY) and i < len(AZERTY[rr]):
                    options.append(AZERTY[rr][i])
            return rng.choice(options)
    return c


def typo(rng, s):
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 3:
        return s
    i = rng.choice(letters[1:])
    kind = rng.random()
    if kind < 0.35:
        return s[:i] + near_key(s[i], rng) + s[i + 1:]
    if kind < 0.6:
        return s[:i] + s[i + 1:]
    if kind < 0.8:
        return s[:i] + s[i] + s[i:]
    if i + 1 < len(s) and s[i + 1].isalpha():
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + s[i + 1:]


PHONE = [("EAU", "O"), ("AUX", "O"), ("OT", "O"), ("PH", "F"), ("Y", "I"), ("QU", "K"), ("C", "K"), ("SS", "S"),
         ("LL", "L"), ("TT", "T"), ("NN", "N"), ("MM", "M"), ("S", "Z"), ("AI", "E"), ("EI", "E"), ("AN", "EN"),
         ("TH", "T"), ("GU", "G")]


def phonetic(rng, s):
    options = [(a, b) for a, b in PHONE if a in s[1:]]
    if s[-1:] in "TDSX" and len(s) > 4:
        options.append(("<final>", ""))
    if not options:
        return typo(rng, s)
    a, b = rng.choice(options)
    if a == "<final>":
        return s[:-1]
    i = s.index(a, 1)
    return s[:i] + b + s[i + len(a):]


OCR = [("M", "RN"), ("D", "CL"), ("O", "Q"), ("O", "D"), ("I", "L"), ("E", "F"), ("U", "V"), ("B", "8"), ("G", "C"),
       ("H", "N")]


def ocr(rng, s):
    options = [(a, b) for a, b in OCR if a in s]
    if not options:
        return typo(rng, s)
    a, b = rng.choice(options)
    i = s.index(a)
    return s[:i] + b + s[i + 1:]


def particle_space(rng, s):
    for p in ("DE LA ", "LE ", "LA ", "DE ", "DU "):
        if s.startswith(p):
            rest = s[len(p):]
            return rng.choice([p.replace(" ", "") + rest, p[0] + " " + p[1:].replace(" ", "") + rest])
    return None


def err_name_typo(rng, r, p, hh):
    r["birth_name"] = typo(rng, r["birth_name"])
    return "name-typo"


def err_name_phone(rng, r, p, hh):
    r["birth_name"] = phonetic(rng, r["birth_name"])
    return "name-dictated"


def err_name_ocr(rng, r, p, hh):
    r["birth_name"] = ocr(rng, r["birth_name"])
    return "name-ocr"


def err_particle(rng, r, p, hh):
    v = particle_space(rng, r["birth_name"])
    if v is None:
        return None
    r["birth_name"] = v
    return "particle-space"


def err_first_typo(rng, r, p, hh):
    f = r["first_names"].split(" ")
    f[0] = rng.choice([typo, phonetic, ocr])(rng, f[0])
    r["first_names"] = " ".join(f)
    return "first-name-noise"


def err_first_only(rng, r, p, hh):
    f = r["first_names"].split(" ")
    if len(f) < 2:
        return None
    r["first_names"] = f[0] if rng.random() < 0.7 else f[1]
    return "first-name-only-one"


def err_shifted(rng, r, p, hh):
    f = r["first_names"].split(" ")
    r["first_names"] = " ".join([r["birth_name"]] + f[1:])
    r["birth_name"] = f[0]
    return "name-fields-shifted"


def err_married(rng, r, p, hh):
    if not p["used"]:
        return None
    r["birth_name"] = p["used"]
    return "married-name-as-birth-name"


def err_sex(rng, r, p, hh):
    r["sex"] = rng.choice(["", "M" if p["sex"] == "f" else "F"])
    return "sex-wrong-or-blank"


def err_date_swap(rng, r, p, hh):
    y, m, d = p["date"]
    if d > 12 or d == m:
        return None
    r["date"] = (y, d, m)
    return "date-day-month-swapped"


def err_date_ten(rng, r, p, hh):
    y, m, d = r["date"]
    if rng.random() < 0.5:
        r["date"] = (y, m, d + 10 if d <= 18 else d - 10)
        return "date-day-10"
    r["date"] = (y + rng.choice([-10, 10]), m, d)
    return "date-year-10"


def err_date_digit(rng, r, p, hh):
    y, m, d = r["date"]
    s = f"{y:04d}{m:02d}{d:02d}"
    for _ in range(20):
        i = rng.randint(2, 7)
        if rng.random() < 0.5 and i < 7:
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        else:
            t = s[:i] + str(rng.randint(0, 9)) + s[i + 1:]
        ny, nm, nd = int(t[:4]), int(t[4:6]), int(t[6:])
        if t != s and 1 <= nm <= 12 and 1 <= nd <= 28 and 1900 <= ny <= 2025:
            r["date"] = (ny, nm, nd)
            return "date-digit"
    return None


def err_placeholder(rng, r, p, hh):
    r["date"] = (r["date"][0], 1, 1)
    return "date-01-01"


def err_household_date(rng, r, p, hh):
    # pseudopeople "copy from household member": a relative's date on this record.
    if not hh:
        return None
    r["date"] = rng.choice(hh)["date"]
    return "date-from-household"


def err_place_digits(rng, r, p, hh):
    s = r["place"]
    i = rng.randint(2, 4)
    r["place"] = s[:i] + str(rng.randint(0, 9)) + s[i + 1:]
    return "place-wrong-digit"


def err_blank(rng, r, p, hh):
    field = rng.choice(["place", "place", "sex", "date"])
    r[field] = "" if field != "date" else None
    return f"{field}-blank"


ERRORS = [(err_name_typo, 10), (err_name_phone, 8), (err_name_ocr, 4), (err_particle, 6), (err_first_typo, 12),
          (err_first_only, 12), (err_shifted, 3), (err_married, 8), (err_sex, 3), (err_date_swap, 4),
          (err_date_ten, 5), (err_date_digit, 6), (err_placeholder, 3), (err_household_date, 1),
          (err_place_digits, 3), (err_blank, 6)]


def render(p):
    return {"birth_name": p["name"], "first_names": " ".join(p["firsts"]), "sex": p["sex"].upper(),
            "date": p["date"], "place": p["place"], "used": p["used"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pop = Population(rng)
    persons, households = [], {}
    while len(persons) < args.persons:
        pid = f"P{len(persons) + 1:06d}"
        p = new_person(pop, rng, pid)
        if p["sex"] == "f" and p["date"][0] < 1995 and rng.random() < 0.5:
            p["used"] = pop.surname()
        persons.append(p)
        households[pid] = [p]
        r = rng.random()
        # Look-alikes that must not merge: twins, a child named after the parent, namesakes born the same year.
        if r < 0.012 and len(persons) < args.persons:
            t = new_person(pop, rng, f"P{len(persons) + 1:06d}", family=p["name"], date=p["date"], place=p["place"])
            persons.append(t)
            households[pid].append(t)
        elif r < 0.030 and len(persons) < args.persons and p["date"][0] < 1990:
            y = p["date"][0] + rng.randint(20, 38)
            c = new_person(pop, rng, f"P{len(persons) + 1:06d}", family=p["name"], year=y, sex=p["sex"],
                           place=p["place"] if rng.random() < 0.5 else None)
            if rng.random() < 0.4:
                c["firsts"][0] = p["firsts"][0]
            persons.append(c)
            households[pid].append(c)
        elif r < 0.045 and len(persons) < args.persons:
            n = new_person(pop, rng, f"P{len(persons) + 1:06d}", family=p["name"], year=p["date"][0], sex=p["sex"])
            n["firsts"][0] = p["firsts"][0]
            persons.append(n)
    for members in list(households.values()):
        for m in members:
            households[m["pid"]] = members
    os.makedirs(args.out, exist_ok=True)
    rows, truth, errs = [], [], []
    for p in persons:
        copies = 1 + min(5, int(rng.expovariate(1.3)))
        hh = [m for m in households.get(p["pid"], [p]) if m is not p]
        for k in range(copies):
            r = render(p)
            tags = []
            if k > 0 or rng.random() < 0.25:
                want = rng.choices([0, 1, 2, 3, 4], [0.15, 0.38, 0.26, 0.14, 0.07])[0]
                tries = 0
                while len(tags) < want and tries < 20:
                    tries += 1
                    f = rng.choices([e for e, _ in ERRORS], [w for _, w in ERRORS])[0]
                    if r["date"] is None and f.__name__.startswith("err_date") or r["date"] is None and f is err_placeholder:
                        continue
                    tag = f(rng, r, p, hh)
                    if tag:
                        tags.append(tag)
            rid = f"N{len(rows) + 1:07d}"
            d = r["date"]
            rows.append([rid, r["birth_name"], r["first_names"], r["sex"],
                         "" if d is None else f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}", r["place"], r["used"], ""])
            truth.append([rid, p["pid"]])
            errs.append([rid, ";".join(tags)])
    order = list(range(len(rows)))
    rng.shuffle(order)
    with open(os.path.join(args.out, "records.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "birth_name", "first_names", "sex", "birth_date", "birth_place", "used_name", "ins"])
        for i in order:
            w.writerow(rows[i])
    with open(os.path.join(args.out, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "person_id"])
        for i in order:
            w.writerow(truth[i])
    with open(os.path.join(args.out, "errors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "errors"])
        for i in order:
            w.writerow(errs[i])
    noisy = [e for _, e in errs if e]
    several = sum(1 for e in noisy if ";" in e)
    print(f"{len(rows)} records of {len(persons)} persons; {len(noisy)} noisy, "
          f"{100 * several / max(1, len(noisy)):.1f} % of them with several errors")


if __name__ == "__main__":
    main()
