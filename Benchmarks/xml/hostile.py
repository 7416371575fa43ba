"""Hostile INSi-sized XML bodies for measure.sh (issue #18 §7.3).

scopes SIZE:     many namespace declarations on the root, then children that each declare one more prefix
                 (the old parser copied the whole scope into every such child: quadratic memory).
attributes SIZE: one element with as many attributes as fit (the old duplicate check was quadratic in time).
"""
import sys

kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "scopes":
    head = "<r xmlns='urn:d'" + "".join(f" xmlns:p{k}='urn:{k}'" for k in range(1500)) + ">"
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
