"""The batch contract of DESIGN.md, shared by the converters and the peer runners.

records.csv: id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins
truth.csv:   id,person_id
clusters.csv (output): id,cluster_id
pairs.csv (output):    id_a,id_b,score,decision,explanation
"""

from __future__ import annotations

import calendar
import csv
import os
import re
import unicodedata
from typing import Iterable

HEADER = ["id", "birth_name", "first_names", "sex", "birth_date", "birth_place", "used_name", "ins"]

# Letters that NFKD does not decompose into A-Z.
_LIGATURES = {"Œ": "OE", "œ": "OE", "Æ": "AE", "æ": "AE", "ß": "SS", "Ø": "O", "ø": "O", "Ł": "L", "ł": "L",
              "Đ": "D", "đ": "D", "Þ": "TH", "þ": "TH"}
# OCR-style look-alikes found in pseudopeople's noisy names (its "OCR error" noise type):
# a data team would read them back as letters before loading a name into an RI.
_NAME_LOOKALIKES = {"0": "O", "1": "I", "|": "I", "2": "Z", "3": "E", "4": "A", "5": "S", "6": "G", "7": "T",
                    "8": "B", "9": "G"}
# The reverse, for digits in dates.
_DATE_LOOKALIKES = {"o": "0", "O": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1", "z": "2",
                    "Z": "2", "s": "5", "S": "5", "G": "6", "b": "6", "B": "8", "g": "9", "q": "9"}


def ins_form(text: object) -> str:
    """INS-like form of a name: upper-case A-Z, space, hyphen, apostrophe; accents stripped; collapsed.

    Characters outside that alphabet are read back as letters when they are OCR look-alikes, dropped
    otherwise (after a space for punctuation that separates words).
    """
    if text is None:
        return ""
    s = str(text)
    if s.lower() in ("", "nan", "none"):
        return ""
    s = "".join(_LIGATURES.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("`", "'")
    out = []
    for ch in s:
        up = ch.upper()
        if "A" <= up <= "Z" or up in " -'":
            out.append(up)
        elif ch in _NAME_LOOKALIKES:
            out.append(_NAME_LOOKALIKES[ch])
        elif ch in ".,;:/_()":
            out.append(" ")
        # anything else is dropped
    s = "".join(out)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"-{2,}", "-", s)
    s = re.sub(r"'{2,}", "'", s)
    s = re.sub(r"\s+", " ", s).strip(" -'")
    return s


def iso_date(year: int | None, month: int | None, day: int | None) -> str:
    """YYYY-MM-DD with 00 for an unknown month or day; empty when the year is unknown or implausible."""
    if year is None or not (1850 <= year <= 2100):
        return ""
    if month is None or not (1 <= month <= 12):
        month = 0
    # A day that the month does not have (a typo, or pseudopeople's month/day swap) is unknown;
    # so is a day without a month (the INS partial-date convention has no such form).
    if month == 0 or day is None or not (1 <= day <= calendar.monthrange(year, month)[1]):
        day = 0
    return f"{year:04d}-{month:02d}-{day:02d}"


def clean_date_digits(text: str) -> str:
    return "".join(_DATE_LOOKALIKES.get(ch, ch) for ch in text)


def parse_date(text: object, fmt: str) -> str:
    """Parses `YYYYMMDD` (fmt="ymd") or `MM/DD/YYYY` (fmt="mdy") into the contract's form.

    OCR look-alikes are read back as digits; a part that cannot be read becomes 00 (month, day) or the
    whole date is empty (year).
    """
    if text is None:
        return ""
    s = str(text).strip()
    if s.lower() in ("", "nan", "none", "nat"):
        return ""
    s = clean_date_digits(s)

    def num(part: str) -> int | None:
        return int(part) if part.isdigit() else None

    if fmt == "ymd":
        if len(s) == 8 and s.isdigit():
            return iso_date(num(s[0:4]), num(s[4:6]), num(s[6:8]))
        m = re.search(r"(1[89]\d\d|20\d\d)", s)
        return iso_date(int(m.group(1)), None, None) if m else ""
    if fmt == "mdy":
        parts = s.split("/")
        if len(parts) == 3 and len(parts[2]) == 4:
            mm = num(parts[0]) if len(parts[0]) <= 2 else None
            dd = num(parts[1]) if len(parts[1]) <= 2 else None
            return iso_date(num(parts[2]), mm, dd)
        m = re.search(r"(1[89]\d\d|20\d\d)", s)
        return iso_date(int(m.group(1)), None, None) if m else ""
    raise ValueError(f"unknown date format {fmt}")


def sex_code(text: object) -> str:
    s = "" if text is None else str(text).strip().lower()
    if s in ("m", "male", "1"):
        return "M"
    if s in ("f", "female", "2"):
        return "F"
    return ""


def write_dataset(out_dir: str, rows: Iterable[dict], truth: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """Writes records.csv and truth.csv; returns (records, persons)."""
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    with open(os.path.join(out_dir, "records.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in HEADER})
            n += 1
    persons = set()
    with open(os.path.join(out_dir, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "person_id"])
        for rid, pid in truth:
            w.writerow([rid, pid])
            persons.add(pid)
    return n, len(persons)


def read_records(path: str):
    """The records as a pandas DataFrame of strings, empty strings as None (what SQL engines want)."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    for col in HEADER:
        if col not in df.columns:
            df[col] = ""
    df = df[HEADER].copy()
    for col in HEADER:
        df[col] = df[col].str.strip()
    return df


def write_clusters(path: str, ids: Iterable[str], cluster_of: dict[str, str]) -> None:
    """clusters.csv with every input id; an id without a cluster is its own singleton."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "cluster_id"])
        for rid in ids:
            w.writerow([rid, cluster_of.get(rid, rid)])
