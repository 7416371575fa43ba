#!/usr/bin/env python3
"""Held-out French identities with ground truth, for `vigie dedupe` (Python 3 standard library only).

Written independently of VigieCorpus: its own population, record sources and error model, designed from the
error sources identitovigilance cells report (see docs/heldout.md), not from the engine's generator. It reads
only the reference tables (corpus/names, the COG table Sources/VigieIdentity/Resources/cog.txt and
corpus/cog/population.csv).

    python3 Benchmarks/heldout/generate.py --persons 10000 --seed 20261202 --out /tmp/heldout

writes records.csv (batch contract, comma), records-excel.csv (the same rows as French Excel saves them in
"CSV UTF-8": BOM, `;`, CRLF), records-cp1252.csv (the same as its plain "CSV": Windows-1252, `;`, CRLF), truth.csv (id,person_id), errors.csv (id,errors: the error tags applied to each record) and
hard-negatives.csv (person_id,kind,other_person_id: look-alikes that must not merge).
"""

import argparse
import bisect
import csv
import os
import random
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# --------------------------------------------------------------------------------------------------------------
# Reference tables


def read_ranked(path):
    """A names file: line 1 rank thresholds, line 2 names by decreasing frequency."""
    with open(path, encoding="utf-8") as f:
        f.readline()
        return [n for n in f.readline().strip().split(",") if n]


class Ranked:
    """Draws from a rank-ordered list with a Zipf-like law (common names are common, the tail is long)."""

    def __init__(self, names, exponent=1.0, offset=8):
        self.names = names
        total = 0.0
        self.cumulative = []
        for r in range(len(names)):
            total += 1.0 / (r + offset) ** exponent
            self.cumulative.append(total)

    def draw(self, rng):
        return self.names[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]


def read_cog(path):
    """code -> (name, periods [(start, end)], successors); day 0 means open."""
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            code, name, periods, successors = line.rstrip("\n").split(";")
            spans = []
            for p in filter(None, periods.split(",")):
                a, b = p.split("-")
                spans.append((int(a), int(b)))
            table[code] = (name, spans, [s for s in successors.split(",") if s])
    return table


def valid_on(entry, day):
    return any((a == 0 or a <= day) and (b == 0 or day < b) for a, b in entry[1])


def current_codes(cog, code, depth=0):
    entry = cog.get(code)
    if entry is None or depth > 10:
        return [code]
    if valid_on(entry, 20260101) or not entry[2]:
        return [code]
    out = []
    for s in entry[2]:
        out.extend(current_codes(cog, s, depth + 1))
    return out or [code]


PLM = {"75056": ["751%02d" % i for i in range(1, 21)], "69123": ["6938%d" % i for i in range(1, 10)],
       "13055": ["132%02d" % i for i in range(1, 17)]}

# Countries of birth of people treated in French hospitals (rough weights), as COG 99xxx codes.
COUNTRIES = [("99352", 30), ("99350", 25), ("99351", 10), ("99139", 12), ("99127", 6), ("99134", 6),
             ("99208", 5), ("99109", 3), ("99131", 3), ("99243", 3), ("99341", 4), ("99335", 3), ("99322", 3),
             ("99326", 3), ("99132", 2), ("99336", 1)]

# --------------------------------------------------------------------------------------------------------------
# Text helpers


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def ins_form(s):
    """Upper case, no accents, separators kept (what a qualified identity shows)."""
    s = strip_accents(s.replace("’", "'")).upper()
    return s.replace("Œ", "OE").replace("Æ", "AE")


AZERTY = ["AZERTYUIOP", "QSDFGHJKLM", "WXCVBN"]


def neighbours(c):
    up = c.upper()
    for r, row in enumerate(AZERTY):
        i = row.find(up)
        if i < 0:
            continue
        out = []
        if i > 0:
            out.append(row[i - 1])
        if i + 1 < len(row):
            out.append(row[i + 1])
        for rr in (r - 1, r + 1):
            if 0 <= rr < len(AZERTY) and i < len(AZERTY[rr]):
                out.append(AZERTY[rr][i])
        return out
    return []


def letter_positions(s):
    return [i for i, c in enumerate(s) if c.isalpha()]


def keep_case(model, c):
    return c.lower() if model.islower() else c.upper()


def typo(rng, s):
    """One keyboard error: neighbour key, doubled letter, missing letter or two letters swapped."""
    pos = letter_positions(s)
    if len(pos) < 3:
        return s
    i = rng.choice(pos[1:])  # the first letter is rarely mistyped
    kind = rng.random()
    if kind < 0.35:
        n = neighbours(s[i])
        if n:
            return s[:i] + keep_case(s[i], rng.choice(n)) + s[i + 1:]
        return s
    if kind < 0.6:
        return s[:i] + s[i] + s[i:]
    if kind < 0.85:
        return s[:i] + s[i + 1:]
    if i + 1 < len(s) and s[i + 1].isalpha():
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s


OCR = {"O": "0", "I": "1", "S": "5", "B": "8", "E": "3", "Z": "2", "G": "6", "L": "1"}


def ocr_digit(rng, s):
    """A letter read as its look-alike digit by OCR or typed on the digit row."""
    pos = [i for i in letter_positions(s) if s[i].upper() in OCR]
    if not pos:
        return s
    i = rng.choice(pos)
    return s[:i] + OCR[s[i].upper()] + s[i + 1:]


PARTICLES = ["De", "De La", "Du", "Le", "La", "Des", "D'", "Van", "Di"]


def separator_variant(rng, s):
    """Hyphen, space and apostrophe variants of a compound name."""
    choice = rng.random()
    if "-" in s:
        return s.replace("-", " ") if choice < 0.7 else s.replace("-", "")
    if "'" in s:
        return [s.replace("'", " "), s.replace("'", ""), s.replace("'", "’")][int(choice * 3)]
    if " " in s:
        return s.replace(" ", "") if choice < 0.6 else s.replace(" ", "-")
    return s


def case_style(rng, s, style):
    if style == "upper-ins":
        return ins_form(s)
    if style == "upper-accents":
        return s.upper()
    if style == "lower":
        return s.lower()
    return s  # as in the tables: title case with accents


# --------------------------------------------------------------------------------------------------------------
# NIR


def nir_key(number13):
    n = number13.replace("2A", "19").replace("2B", "18")
    return 97 - int(n) % 97


def make_nir(sex, year, month, place, order):
    number = "%d%02d%02d%s%03d" % (1 if sex == "M" else 2, year % 100, month, place, order)
    return number + "%02d" % nir_key(number)


# --------------------------------------------------------------------------------------------------------------
# Population


class World:
    def __init__(self, rng):
        self.rng = rng
        names = os.path.join(ROOT, "corpus", "names")
        self.surnames = Ranked(read_ranked(os.path.join(names, "surnames.all.txt")), exponent=0.95)
        self.first = {}
        for sex in "fm":
            for decade in range(1901, 2012, 10):
                path = os.path.join(names, "firstnames.%s.%d.txt" % (sex, decade))
                if os.path.exists(path):
                    self.first[(sex, decade)] = Ranked(read_ranked(path), exponent=1.1, offset=4)
        self.cog = read_cog(os.path.join(ROOT, "Sources", "VigieIdentity", "Resources", "cog.txt"))
        pops, weights = [], []
        with open(os.path.join(ROOT, "corpus", "cog", "population.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["COM"] in self.cog and row["PTOT"].isdigit():
                    pops.append(row["COM"])
                    weights.append(int(row["PTOT"]))
        self.communes = pops
        self.commune_cum = []
        total = 0
        for w in weights:
            total += w
            self.commune_cum.append(total)
        self.all_codes = [c for c in self.cog if not c.startswith("99")]
        self.countries = [c for c, _ in COUNTRIES if c in self.cog]
        self.country_w = [w for c, w in COUNTRIES if c in self.cog]
        self.orders = {}
        self.predecessors = {}
        for c, e in self.cog.items():
            for succ in e[2]:
                self.predecessors.setdefault(succ, []).append(c)

    def first_name(self, sex, year):
        decade = min(2011, max(1901, 1901 + (year - 1901) // 10 * 10))
        return self.first[("m" if sex == "M" else "f", decade)].draw(self.rng)

    def commune_at(self, day):
        """A birth commune (code in force on `day`): by today's population, or any code then valid."""
        rng = self.rng
        for _ in range(50):
            if rng.random() < 0.85:
                code = self.communes[bisect.bisect_left(self.commune_cum, rng.random() * self.commune_cum[-1])]
                code = rng.choice(PLM[code]) if code in PLM else code
                if valid_on(self.cog[code], day):
                    return code
                # The commune did not exist yet under this code: one of its predecessors then.
                preds = [c for c in self.predecessors.get(code, []) if valid_on(self.cog[c], day)]
                if preds:
                    return rng.choice(preds)
            else:
                code = rng.choice(self.all_codes)
                if valid_on(self.cog[code], day):
                    return code
        return "75056"

    def country(self):
        return self.rng.choices(self.countries, self.country_w)[0]

    def order(self, key):
        n = self.orders.get(key, self.rng.randint(1, 400)) + self.rng.randint(1, 7)
        self.orders[key] = n
        return n % 999 + 1


def random_date(rng, year):
    month = rng.randint(1, 11 if year >= 2026 else 12)  # no birth after the run date (2026-12)
    days = [31, 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30,
            31, 30, 31][month - 1]
    return year, month, rng.randint(1, days)


def birth_year(rng):
    """Hospital patients: many old people, many newborns, fewer young adults."""
    r = rng.random()
    if r < 0.08:
        age = rng.randint(0, 4)
    elif r < 0.2:
        age = rng.randint(5, 24)
    elif r < 0.5:
        age = rng.randint(25, 59)
    else:
        age = min(104, int(rng.triangular(60, 100, 80)))
    return 2026 - age


class Person:
    __slots__ = ("pid", "sex", "birth_name", "used_name", "first_names", "date", "place", "abroad", "nir",
                 "parent")

    def __init__(self, pid):
        self.pid = pid
        self.parent = None


def new_person(world, pid, surname=None, sex=None, year=None, date=None, place=None, abroad=None):
    rng = world.rng
    p = Person(pid)
    p.sex = sex or rng.choice("MF")
    y = year or birth_year(rng)
    p.date = date or random_date(rng, y)
    y, m, d = p.date
    day = y * 10000 + m * 100 + d
    if abroad is None:
        abroad = rng.random() < 0.12
    p.abroad = abroad
    p.place = place or (world.country() if abroad else world.commune_at(day))
    if surname is None:
        surname = world.surnames.draw(rng)
        if rng.random() < 0.03:
            particle = rng.choice(PARTICLES)
            surname = particle + surname if particle.endswith("'") else particle + " " + surname
        elif rng.random() < 0.03:
            surname = surname + "-" + world.surnames.draw(rng)
    p.birth_name = surname
    names = [world.first_name(p.sex, y)]
    r = rng.random()
    extra = 0 if r < 0.3 else 1 if r < 0.75 else 2 if r < 0.95 else 3
    for _ in range(extra):
        n = world.first_name(p.sex, y)
        if n not in names:
            names.append(n)
    if rng.random() < 0.06 and len(names) > 1 and "-" not in names[0] and "-" not in names[1]:
        names = [names[0] + "-" + names[1]] + names[2:]
    p.first_names = names
    p.used_name = ""
    if p.sex == "F" and 2026 - y >= 25 and rng.random() < 0.55:
        p.used_name = world.surnames.draw(rng)
    nir_place = p.place if not abroad else "99" + p.place[2:]
    p.nir = make_nir(p.sex, y, m, nir_place, world.order((p.sex, y % 100, m, nir_place)))
    return p


# --------------------------------------------------------------------------------------------------------------
# Records: sources and errors


SOURCES = [("ins", 0.30), ("desk", 0.50), ("spreadsheet", 0.15), ("ocr", 0.05)]


def write_date(y, m, d, fmt):
    if fmt == "iso":
        return "%04d-%02d-%02d" % (y, m, d)
    if fmt == "fr":
        return "%02d/%02d/%04d" % (d, m, y)
    if fmt == "compact":
        return "%04d%02d%02d" % (y, m, d)
    return "%04d-%02d-%02d 00:00:00" % (y, m, d)


def make_record(world, p, rid, source, people):
    rng = world.rng
    errors = []
    style = {"ins": "upper-ins", "desk": rng.choice(["upper-ins", "upper-accents", "title", "title", "lower"]),
             "spreadsheet": rng.choice(["upper-ins", "title"]), "ocr": "upper-ins"}[source]
    rate = {"ins": 0.25, "desk": 1.0, "spreadsheet": 1.0, "ocr": 1.6}[source]

    def chance(x):
        return rng.random() < x * rate

    # Birth name.
    name = p.birth_name
    if p.used_name and source != "ins" and chance(0.07):
        name = p.used_name
        errors.append("married-name-as-birth-name")
    if any(name.startswith(x + " ") or name.startswith(x + "'") for x in PARTICLES) or " " in name:
        if chance(0.35):
            name = name.replace(" ", "") if rng.random() < 0.6 else name.replace(" ", "-")
            errors.append("particle-joined")
    if ("-" in name or "'" in name) and chance(0.3):
        name = separator_variant(rng, name)
        errors.append("name-separator")
    if chance(0.035):
        name = typo(rng, name)
        errors.append("name-typo")
    if source == "ocr" and rng.random() < 0.12:
        name = ocr_digit(rng, name)
        errors.append("name-ocr-digit")
    elif chance(0.004):
        name = ocr_digit(rng, name)
        errors.append("name-ocr-digit")
    name = case_style(rng, name, style)
    if style != "upper-ins" and chance(0.15):
        name = strip_accents(name)

    # Used name.
    used = p.used_name
    if used and chance(0.25):
        used = ""
        errors.append("used-name-missing")
    used = case_style(rng, used, style)

    # First names.
    firsts = list(p.first_names)
    if len(firsts) > 1 and source in ("desk", "spreadsheet", "ocr") and rng.random() < 0.45:
        firsts = firsts[:1]
        errors.append("first-name-only")
    elif len(firsts) > 1 and chance(0.05):
        i = rng.randrange(1, len(firsts))
        firsts = [firsts[i]] + firsts[:i] + firsts[i + 1:]
        errors.append("first-names-reordered")
    elif len(firsts) > 1 and chance(0.03):
        firsts = [firsts[1]]
        errors.append("usual-first-name-only")
    if "-" in firsts[0] and chance(0.3):
        firsts[0] = firsts[0].replace("-", " " if rng.random() < 0.7 else "")
        errors.append("first-name-separator")
    if chance(0.03):
        firsts[0] = typo(rng, firsts[0])
        errors.append("first-name-typo")
    if source == "ocr" and rng.random() < 0.05:
        firsts[0] = ocr_digit(rng, firsts[0])
        errors.append("first-name-ocr-digit")
    sep = ", " if source == "spreadsheet" and rng.random() < 0.2 else " "
    first = sep.join(case_style(rng, f, style) for f in firsts)
    if style != "upper-ins" and chance(0.15):
        first = strip_accents(first)

    # Sex.
    sex = p.sex
    if chance(0.02):
        sex = ""
        errors.append("sex-missing")
    elif source == "spreadsheet" and rng.random() < 0.5:
        sex = "1" if p.sex == "M" else "2"
        errors.append("sex-coded-1-2")
    elif source == "desk" and rng.random() < 0.03:
        sex = "H" if p.sex == "M" else "F"
        errors.append("sex-coded-H")

    # Birth date.
    y, m, d = p.date
    if chance(0.015):
        m, d = d, m
        errors.append("date-day-month-swapped" + ("-impossible" if m > 12 else ""))
    elif chance(0.012):
        digits = list("%04d" % y)
        i = rng.choice([2, 3])
        if rng.random() < 0.5 and digits[2] != digits[3]:
            digits[2], digits[3] = digits[3], digits[2]
        else:
            digits[i] = str((int(digits[i]) + rng.choice([1, 9])) % 10)
        ny = int("".join(digits))
        if ny <= 2026:
            y = ny
            errors.append("date-year-digit")
    elif chance(0.012):
        nd = d + rng.choice([-10, 10, -1, 1])
        if 1 <= nd <= 28:
            d = nd
            errors.append("date-day-digit")
    elif chance(0.004):
        m, d = 1, 1
        errors.append("date-placeholder-0101")
    date_format = "iso"
    if source == "spreadsheet":
        date_format = rng.choices(["iso", "fr", "datetime", "compact"], [0.4, 0.45, 0.1, 0.05])[0]
        if date_format != "iso":
            errors.append("date-reformatted")
    birth_date = write_date(y, m, d, date_format)
    if chance(0.006):
        birth_date = ""
        errors.append("date-missing")

    # Birth place.
    place = p.place
    if p.abroad:
        r = rng.random()
        if source != "ins" and r < 0.08:
            place = "99999"
            errors.append("abroad-unknown-99999")
        elif source != "ins" and r < 0.16:
            place = world.commune_at(20260101)
            errors.append("abroad-with-commune-code")
    else:
        currents = current_codes(world.cog, place)
        if source != "ins" and currents != [place] and rng.random() < 0.5:
            place = rng.choice(currents)
            errors.append("place-current-code")
        elif source != "ins" and any(place in v for v in PLM.values()) and rng.random() < 0.2:
            place = next(k for k, v in PLM.items() if place in v)
            errors.append("place-commune-not-arrondissement")
    if source != "ins" and chance(0.1):
        place = ""
        errors.append("place-missing")
    if source == "spreadsheet" and place.startswith("0"):
        place = place[1:]
        errors.append("place-leading-zero-lost")

    # INS.
    ins = ""
    has_ins = {"ins": 1.0, "desk": 0.25, "spreadsheet": 0.35, "ocr": 0.3}[source]
    if rng.random() < has_ins:
        ins = p.nir
        if p.parent is not None and 2026 - p.date[0] < 20 and source != "ins" and rng.random() < 0.15:
            ins = people[p.parent].nir
            errors.append("ins-ayant-droit")
        elif rng.random() < (0.005 if source == "ins" else 0.02):
            i = rng.randrange(0, 15)
            if ins[i].isdigit():
                ins = ins[:i] + str((int(ins[i]) + rng.randint(1, 9)) % 10) + ins[i + 1:]
                errors.append("ins-typo")
        elif source == "desk" and rng.random() < 0.04:
            ins = " ".join([ins[0], ins[1:3], ins[3:5], ins[5:7], ins[7:10], ins[10:13], ins[13:15]])
            errors.append("ins-spaced")
        elif source == "spreadsheet" and rng.random() < 0.1 and "A" not in ins and "B" not in ins:
            ins = "%.14E" % int(ins)
            errors.append("ins-scientific-notation")
        elif source == "desk" and rng.random() < 0.02:
            ins = ins[:13]
            errors.append("ins-without-key")
    # Stray spaces from copy-paste.
    if source != "ins" and chance(0.02):
        name = " " + name + " "
        errors.append("stray-spaces")
    return [rid, name, first, sex, birth_date, place, used, ins], errors


# --------------------------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    world = World(rng)
    people = []
    hard = []

    def add(p):
        people.append(p)
        return p

    while len(people) < args.persons:
        pid = len(people)
        p = add(new_person(world, pid))
        r = rng.random()
        if r < 0.012 and len(people) < args.persons:
            # Twins: same birth name, date, place; own first names and NIR (next order number).
            t = add(new_person(world, len(people), surname=p.birth_name, sex=rng.choice([p.sex, p.sex, "M", "F"]),
                               date=p.date, place=p.place, abroad=p.abroad))
            if rng.random() < 0.3 and len(p.first_names) > 1:
                t.first_names = [t.first_names[0]] + p.first_names[1:]  # twins often share a middle name
            hard.append((p.pid, "twin", t.pid))
        elif r < 0.05 and len(people) < args.persons and 2026 - p.date[0] > 35:
            # A child of p (same surname; the same first name for some sons).
            year = p.date[0] + rng.randint(20, 40)
            if year <= 2026:
                c = add(new_person(world, len(people), surname=p.birth_name, year=year))
                if p.sex == "M" and rng.random() < 0.3:
                    c.sex = "M"
                    c.first_names = [p.first_names[0]] + c.first_names[1:]
                c.parent = p.pid
                c.place = p.place if rng.random() < 0.4 else c.place
                hard.append((p.pid, "parent-child", c.pid))
        elif r < 0.065 and len(people) < args.persons:
            # Namesake: same birth name, first name and sex, same birth year, another day and place.
            n = add(new_person(world, len(people), surname=p.birth_name, sex=p.sex, year=p.date[0]))
            n.first_names = [p.first_names[0]] + n.first_names[1:]
            hard.append((p.pid, "namesake", n.pid))
    # Children registered on a parent's carte Vitale: give some young people a parent.
    adults = [q.pid for q in people if 2026 - q.date[0] >= 30]
    for q in people:
        if q.parent is None and 2026 - q.date[0] < 20 and rng.random() < 0.5:
            q.parent = rng.choice(adults)

    os.makedirs(args.out, exist_ok=True)
    rows, truth, errs = [], [], []
    counter = 0
    for p in people:
        r = rng.random()
        n = 1 if r < 0.5 else 2 if r < 0.8 else 3 if r < 0.93 else 4 if r < 0.98 else 5
        for _ in range(n):
            counter += 1
            rid = "H%06d" % counter
            source = rng.choices([s for s, _ in SOURCES], [w for _, w in SOURCES])[0]
            row, e = make_record(world, p, rid, source, people)
            rows.append(row)
            truth.append((rid, "P%05d" % p.pid))
            errs.append((rid, source + (";" + ";".join(e) if e else "")))
    order = list(range(len(rows)))
    rng.shuffle(order)
    header = ["id", "birth_name", "first_names", "sex", "birth_date", "birth_place", "used_name", "ins"]
    with open(os.path.join(args.out, "records.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for i in order:
            w.writerow(rows[i])
    with open(os.path.join(args.out, "records-excel.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for i in order:
            w.writerow(rows[i])
    # French Excel's plain "CSV (séparateur: point-virgule)": Windows-1252, no BOM (characters it lacks become '?').
    with open(os.path.join(args.out, "records-cp1252.csv"), "w", encoding="cp1252", errors="replace",
              newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for i in order:
            w.writerow(rows[i])
    with open(os.path.join(args.out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "person_id"])
        for i in order:
            w.writerow(truth[i])
    with open(os.path.join(args.out, "errors.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "errors"])
        for i in order:
            w.writerow(errs[i])
    with open(os.path.join(args.out, "hard-negatives.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["person_id", "kind", "other_person_id"])
        for a, kind, b in hard:
            w.writerow(["P%05d" % a, kind, "P%05d" % b])
    print("%d persons, %d records, %d look-alike pairs -> %s" % (len(people), len(rows), len(hard), args.out))


if __name__ == "__main__":
    main()
