import sys, re, collections
def load(p):
    d = {}
    for line in open(p):
        a, b, s, e = line.rstrip("\n").split("\t")
        d[(a, b)] = (s, e)
    return d
small, big = load(sys.argv[1]), load(sys.argv[2])
flips = collections.Counter(); ex = collections.defaultdict(collections.Counter)
def pat(e):
    return " ".join(re.sub(r"\([^)]*\)", "", t) for t in e.split()[1:] if not t.startswith("prior"))
for k, (s, e) in small.items():
    if k not in big: continue
    s2, e2 = big[k]
    if s != s2:
        flips[(s, s2)] += 1
        ex[(s, s2)][pat(e2 or e)] += 1
print("pairs", len(small), "in big", sum(1 for k in small if k in big))
for k, n in flips.most_common():
    print(k, n)
    for p, c in ex[k].most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 10):
        print("   ", c, p)
