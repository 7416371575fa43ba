import sys, csv, hashlib, os
src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(dst, exist_ok=True)
truth = {}
for r in csv.DictReader(open(os.path.join(src, "truth.csv"))): truth[r["id"]] = r["person_id"]
kept = lambda p: int(hashlib.sha256(p.encode()).hexdigest()[:8], 16) % k == 0
with open(os.path.join(src, "records.csv"), newline="") as f, open(os.path.join(dst, "records.csv"), "w", newline="") as g:
    rd = csv.reader(f); wr = csv.writer(g, lineterminator="\n"); wr.writerow(next(rd))
    for row in rd:
        if kept(truth[row[0]]): wr.writerow(row)
with open(os.path.join(dst, "truth.csv"), "w") as g:
    g.write("id,person_id\n")
    for i, p in truth.items():
        if kept(p): g.write(f"{i},{p}\n")
