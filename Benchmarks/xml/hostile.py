"""Hostile INSi-sized XML bodies for measure.sh (issue #18 §7.3).

scopes SIZE:     1500 namespace declarations on the root, then children that each declare one more prefix
                 (the old parser copied the whole scope into every such child: quadratic memory).
nested SIZE:     the same within the new caps (60 declarations on the root): the new parser parses it all.
attributes SIZE: one element with as many attributes as fit (the old duplicate check was quadratic in time).
"""
import sys

kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind in ("scopes", "nested"):
    declarations = 1500 if kind == "scopes" else 60
    head = "<r xmlns='urn:d'" + "".join(f" xmlns:p{k}='urn:{k}'" for k in range(declarations)) + ">"
    parts, total, k = [head], len(head) + 4, 0
    while total < size - 40:
        child = f"<c xmlns:q{k % 10}='urn:c'/>"
        parts.append(child)
        total += len(child)
        k += 1
    text = "".join(parts) + "</r>"
else:
    parts, total, k = ["<e"], 2, 0
    while total < size - 10:
        attribute = f" a{k}='1'"
        parts.append(attribute)
        total += len(attribute)
        k += 1
    text = "".join(parts) + "/>"
open(out, "w").write(text)
