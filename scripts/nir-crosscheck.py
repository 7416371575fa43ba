#!/usr/bin/env python3
"""Peer verdicts for the matricule cross-check (Tests/VigieIdentityTests/NIRCrossCheckTests.swift).

Reads candidate matricules, one per line (UTF-8), and writes one line per candidate:
  `V <key>` valid, `I <key>` invalid with the key stdnum computes for the first 13 characters,
  `I -` invalid without a key (the format is rejected before the checksum).
The peer is python-stdnum's stdnum.fr.nir (PyPI `python-stdnum`, LGPL); this script only calls it.
Usage: nir-crosscheck.py input output
"""
import sys

try:
    from stdnum.fr import nir
    from stdnum.exceptions import InvalidChecksum, ValidationError
except ImportError:
    sys.stderr.write("python-stdnum is missing: python3 -m pip install python-stdnum\n")
    sys.exit(3)


def verdict(candidate):
    try:
        nir.validate(candidate)
        return "V %s" % nir.calc_check_digits(nir.compact(candidate))
    except InvalidChecksum:
        return "I %s" % nir.calc_check_digits(nir.compact(candidate))
    except ValidationError:
        return "I -"


def main():
    with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
        candidates = f.read().split("\n")
    if candidates and candidates[-1] == "":
        candidates.pop()
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("\n".join(verdict(c) for c in candidates))
        out.write("\n")


if __name__ == "__main__":
    main()
