#!/usr/bin/env python3
"""Q22 throughput, p99 and the index build at start-up, this build against a previous one in the same session (#13, #16).

Both builds are `WorkerProfile` executables (Benchmarks/Benchmarks/WorkerProfile, the same source at both commits),
each built in release in its own worktree:
    git worktree add /work/wt-prev 60b0e0c && (cd /work/wt-prev/Benchmarks && swift build -c release --product WorkerProfile)
    (cd Benchmarks && swift build -c release --product WorkerProfile)
    python3 Benchmarks/worker.py --previous /work/wt-prev/Benchmarks/.build/release/WorkerProfile [--population 1000000]

Each build writes its own RI once (VIGIE_PROFILE_STORE; the store formats differ between commits), then the two
builds run alternately, `--rounds` times each, so that both see the same load. Per run: the live index built from the
store (`Worker.init`), then `--queries` Q22 messages (QBP^Q22 → RSP^K22 with scored candidates): wall-time p50/p99
per message and the thread's CPU time per message (without the waits for a core on this shared machine).
With `--callgrind N`, instructions per query under valgrind (both builds, RI of N identities), counted inside
`Worker.handle(lines:)` only: the difference of two runs (1 000 and 3 000 queries) divided by 2 000, so that the first
sight of the queries' names cancels out.
Writes docs/worker.md, section `q22` (and `q22-callgrind`).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

import record

parser = argparse.ArgumentParser()
parser.add_argument("--previous", required=True, help="the previous build's WorkerProfile")
parser.add_argument("--previous-label", default="60b0e0c")
parser.add_argument("--current", default=os.path.join(record.BENCHMARKS, ".build/release/WorkerProfile"))
parser.add_argument("--population", type=int, default=1_000_000)
parser.add_argument("--queries", type=int, default=200_000)
parser.add_argument("--rounds", type=int, default=2)
parser.add_argument("--stores", default="/tmp/vigie-worker-profile")
parser.add_argument("--callgrind", type=int, default=0, help="also count instructions per query at this RI size")
parser.add_argument("--skip-timing", action="store_true")
arguments = parser.parse_args()

current_label = record.git("rev-parse", "--short", "HEAD")
builds = [(arguments.previous_label, arguments.previous), (current_label, arguments.current)]
os.makedirs(arguments.stores, exist_ok=True)


def store_path(label, population):
    """One RI per build and size: the previous build's, and the current tree's (whatever its commit)."""
    role = "previous" if label == arguments.previous_label else "current"
    return os.path.join(arguments.stores, f"{role}-{population}.sqlite")


def checkpoint(path):
    """Folds the store's WAL into its file and truncates it. An RI written in one transaction keeps a WAL as large as
    the file (830 MB at 1 000 000), which every read then searched (`sqlite3WalFindFrame` ≈ 5 % of a query's time at
    1 000 000 in a perf profile, plus `read()` copies); a store in service is checkpointed by SQLite as it goes. Both builds alike."""
    import sqlite3
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def run(label, binary, population, mode, count, prefix=()):
    environment = {**os.environ, "VIGIE_PROFILE_STORE": store_path(label, population)}
    command = [*prefix, binary, str(population), mode, str(count)]
    load = record.load_average()
    print(f"$ VIGIE_PROFILE_STORE={environment['VIGIE_PROFILE_STORE']} {' '.join(command)}   (load {load})", file=sys.stderr)
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr[-3000:])
        raise SystemExit(f"{binary} failed")
    sys.stderr.write(result.stdout)
    return result.stdout, result.stderr, load


def parse(output):
    values = {}
    m = re.search(r"index build: ([\d.]+) s for (\d+) identities; RSS (\d+) MB \(peak (\d+) MB\)", output)
    if m:
        values.update(build=float(m.group(1)), identities=int(m.group(2)), rss=int(m.group(3)), peak=int(m.group(4)))
    m = re.search(r"Q22 query .*: n=(\d+) p50=([\d.]+) µs p99=([\d.]+) µs max=([\d.]+) µs mean/message=([\d.]+) µs → (\d+) messages/s", output)
    if m:
        values.update(n=int(m.group(1)), p50=float(m.group(2)), p99=float(m.group(3)), mean=float(m.group(5)), rate=int(m.group(6)))
    m = re.search(r"Q22 CPU time per message: ([\d.]+) µs → (\d+) messages/s", output)
    if m:
        values.update(cpu=float(m.group(1)), cpu_rate=int(m.group(2)))
    m = re.search(r"checksum (\d+)", output)
    if m:
        values["checksum"] = int(m.group(1))
    return values


if not arguments.skip_timing:
    conditions = record.Conditions().start()
    setup = []
    for label, binary in builds:  # each build writes its RI once (not measured)
        if not os.path.exists(store_path(label, arguments.population)):
            output, _, load = run(label, binary, arguments.population, "build", 0)
            setup.append(f"{label}: {output.splitlines()[0]}")
        checkpoint(store_path(label, arguments.population))
    runs = {label: [] for label, _ in builds}
    rows = []
    for round_ in range(arguments.rounds):
        order = builds if round_ % 2 == 0 else list(reversed(builds))
        for label, binary in order:
            output, _, load = run(label, binary, arguments.population, "query", arguments.queries)
            values = parse(output)
            values["load"] = load
            runs[label].append(values)
            rows.append(
                f"| {round_ + 1} | `{label}` | {load} | {values['build']:.2f} s | {values['peak']:,} MB | {values['p50']:.1f} µs "
                f"| {values['p99']:.1f} µs | {values['mean']:.1f} µs → **{values['rate']:,}/s** | {values['cpu']:.1f} µs → {values['cpu_rate']:,}/s |")
    conditions.stop()

    previous, current = (runs[label] for label, _ in builds)

    def median(values, key):
        return statistics.median(v[key] for v in values)

    # The answers must not change with a speed change. WorkerProfile's checksum is the total length of the answers
    # (MSH-7 and MSH-10 have fixed widths): a weak check, kept because the previous build prints only that; its
    # VIGIE_PROFILE_ANSWERS (this tree's WorkerProfile) writes the bytes themselves for a byte-for-byte comparison.
    checksums = {label: sorted({v.get("checksum") for v in values}) for label, values in runs.items()}
    same_answers = all(len(c) == 1 for c in checksums.values()) and len({c[0] for c in checksums.values()}) == 1
    answers_line = (f"Answers: the same checksum (total length of the answers) for both builds over {arguments.queries:,} queries "
                    f"({checksums[current_label][0]:,})." if same_answers else
                    f"Answers: **the checksums differ** ({', '.join(f'`{k}` {v}' for k, v in checksums.items())}).")
    rate_ratio = median(current, "rate") / median(previous, "rate")
    cpu_ratio = median(current, "cpu_rate") / median(previous, "cpu_rate")
    build_ratio = median(current, "build") / median(previous, "build")
    p99 = median(current, "p99")
    rate, cpu_rate, build = median(current, "rate"), median(current, "cpu_rate"), median(current, "build")

    def verdict(ok):
        return "met" if ok else "**missed**"

    text = f"""### Measured: Q22 at {arguments.population:,} identities against `{arguments.previous_label}` (`Benchmarks/worker.py`)
{conditions.describe()}

`WorkerProfile {arguments.population} query {arguments.queries}` of each build, alternately, {arguments.rounds} rounds;
each on its own RI of {arguments.population:,} generated identities written once by that build, its WAL checkpointed. "index build" is
`Worker.init` on the store (the live index built at start-up); "wall" is per message with the waits for a core on
this shared machine; "CPU" is the thread's CPU time per message (what one core of its own would take).
{chr(10).join('- RI written: ' + s for s in setup)}

| round | build | load (1/5/15) at start | index build | peak RSS | Q22 p50 | Q22 p99 | mean wall → msg/s | mean CPU → msg/s |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
""" + "\n".join(rows) + f"""

Medians over the rounds, `{current_label}` against `{arguments.previous_label}`: Q22 messages/s (wall) ×{rate_ratio:.2f},
(CPU) ×{cpu_ratio:.2f}; index build time ×{build_ratio:.2f}.
{answers_line}

| target | measured (`{current_label}`, medians) | |
| --- | --- | --- |
| #13: Q22 ≥ 20 000/s at 1 M | {rate:,.0f}/s wall, {cpu_rate:,.0f}/s CPU | {verdict(rate >= 20_000)} (wall) |
| #13: p99 ≤ 1 ms at 1 M | {p99:.1f} µs | {verdict(p99 <= 1000)} |
| #16: Q22 ≥ 25 000/s | {rate:,.0f}/s wall, {cpu_rate:,.0f}/s CPU | {verdict(rate >= 25_000)} (wall) |
| #16: index build ≤ 5 s at 1 M | {build:.2f} s | {verdict(build <= 5)} |
"""
    if arguments.population != 1_000_000:
        text = text.replace("at 1 M", f"(measured at {arguments.population:,})")
    record.write_section("worker.md", "q22", text)
    print(text)

# `Worker.handle(lines:)`, the same symbol in both builds.
HANDLE_LINES = "$s11VigieWorker0B0C6handle5linesSaySSGSaySays5UInt8VGG_tF"

if arguments.callgrind:
    conditions = record.Conditions().start()
    rows = []
    for label, binary in builds:
        counts = []
        # valgrind 3.19 gives up on the DWARF 5 of some Swift 6.3 binaries: it runs a copy without debug info
        # (instruction counts do not depend on it).
        if os.path.exists(store_path(label, arguments.callgrind)):
            checkpoint(store_path(label, arguments.callgrind))
        stripped = f"/tmp/WorkerProfile-{label}-nodebug"
        subprocess.run(["objcopy", "--strip-debug", binary, stripped], check=True)
        for queries in (1000, 3000):
            out = f"/tmp/callgrind.worker.{label}.{queries}.out"
            # Only inside `Worker.handle(lines:)` (the messages): the index build runs on two threads and its count
            # varies by ±20 000 per query between two runs, more than some changes measured.
            run(label, stripped, arguments.callgrind, "query", queries,
                prefix=("valgrind", "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={HANDLE_LINES}",
                        f"--callgrind-out-file={out}"))
            total = next(int(line.split()[1]) for line in open(out) if line.startswith("summary:") or line.startswith("totals:"))
            counts.append(total)
        per_query = (counts[1] - counts[0]) / 2000
        rows.append((label, per_query))
    conditions.stop()
    ratio = rows[1][1] / rows[0][1]
    text = f"""### Measured: instructions per Q22 query (callgrind, `Benchmarks/worker.py --callgrind {arguments.callgrind}`)
{conditions.describe()}

Instruction counts do not depend on the load. RI of {arguments.callgrind:,} identities; instructions counted inside
`Worker.handle(lines:)` only (`--toggle-collect`: the index build's two threads vary by ±20 000 per query between
runs), (3 000-query run − 1 000-query run) / 2 000, so that the first sight of the 1 000 queries' names cancels out.

| build | instructions per query |
| --- | ---: |
""" + "\n".join(f"| `{label}` | {count:,.0f} |" for label, count in rows) + f"""

`{rows[1][0]}` / `{rows[0][0]}`: ×{ratio:.2f}.
"""
    record.write_section("worker.md", "q22-callgrind", text)
    print(text)
