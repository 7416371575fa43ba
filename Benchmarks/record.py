#!/usr/bin/env python3
"""Shared helpers of the scripts that run a benchmark and write its dated result into a docs page.

The machine is shared (2 cores, other builds running), so every figure is written with its conditions: the UTC date,
the commit (and whether the tree was dirty), the load average before and after the run, the memory available, and the
Swift compilers running beside it. Results go between two markers in the page,
`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`, so re-running a script replaces its own section and nothing else.
"""
import datetime
import os
import re
import subprocess
import sys

BENCHMARKS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCHMARKS)


def git(*arguments):
    return subprocess.run(["git", "-C", ROOT, *arguments], capture_output=True, text=True).stdout.strip()


def load_average():
    with open("/proc/loadavg") as f:
        return " / ".join(f.read().split()[:3])


def available_gigabytes():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def compilers_running():
    """Swift compiler and build processes running now (other engineers' builds share the two cores)."""
    count = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
        except OSError:
            continue
        if name in ("swift-frontend", "swift-build", "clang", "ld", "ld.lld", "ld.gold"):
            count += 1
    return count


class Conditions:
    """The conditions of one run: call `start()` before and `stop()` after."""

    def start(self):
        self.date = datetime.datetime.now(datetime.timezone.utc)
        self.commit = git("rev-parse", "--short", "HEAD")
        self.dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
        self.branch = git("rev-parse", "--abbrev-ref", "HEAD")
        self.load_before = load_average()
        self.memory_before = available_gigabytes()
        self.compilers_before = compilers_running()
        return self

    def stop(self):
        self.load_after = load_average()
        self.compilers_after = compilers_running()
        self.seconds = (datetime.datetime.now(datetime.timezone.utc) - self.date).total_seconds()
        return self

    def describe(self):
        return (f"Measured {self.date:%Y-%m-%d %H:%M} UTC, commit `{self.commit}`{' (with uncommitted changes)' if self.dirty else ''}"
                f" on branch `{self.branch}`, release build, 2-core x86_64 VM shared with other engineers' builds: "
                f"load average (1/5/15 min) {self.load_before} before the run and {self.load_after} after; "
                f"{self.compilers_before} → {self.compilers_after} compiler/build processes of others running; "
                f"{self.memory_before:.1f} GB of memory available; the run took {self.seconds:.0f} s.")


def write_section(page, name, text):
    """Replace (or append) the section `name` of docs/`page`."""
    path = os.path.join(ROOT, "docs", page)
    with open(path, encoding="utf-8") as f:
        content = f.read()
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in content:
        content = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, content, flags=re.S)
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)
    print(f"wrote section {name} of docs/{page}", file=sys.stderr)


# --- package-benchmark's markdown output -------------------------------------------------------------------------

SCALE = {"K": 1e3, "M": 1e6, "G": 1e9}
TIME = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def run_package_benchmark(target, environment=None, extra=()):
    """Runs `swift package benchmark --target TARGET --format markdown`; returns (stdout, {benchmark: {metric: row}})."""
    command = ["swift", "package", "--allow-writing-to-package-directory", "benchmark", "--target", target,
               "--format", "markdown", "--no-progress", *extra]
    print("$ " + " ".join(command), file=sys.stderr)
    result = subprocess.run(command, cwd=BENCHMARKS, capture_output=True, text=True,
                            env={**os.environ, **(environment or {})})
    sys.stderr.write(result.stderr[-4000:])
    with open(f"/tmp/vigie-bench-{target}.md", "w") as f:  # the raw tables, kept for a look after the run
        f.write(result.stdout)
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:])
        raise SystemExit(f"benchmark {target} failed ({result.returncode})")
    return result.stdout, parse_markdown(result.stdout)


def parse_markdown(text):
    """{benchmark name: {metric label: {column: value as printed}}} from the plugin's markdown tables."""
    results, current, header = {}, None, None
    for line in text.splitlines():
        heading = re.match(r"^### (.*?)(?: metrics)?\s*$", line)
        if heading:
            current, header = heading.group(1).strip(), None
            results[current] = {}
            continue
        if current is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: "):
            results[current][cells[0]] = dict(zip(header[1:], cells[1:]))
    return results


def cell(results, benchmark, prefix, column="p50"):
    """(metric label, value as printed) of the metric whose label starts with `prefix`."""
    key = next((k for k in results if k == benchmark or k.endswith(":" + benchmark)), None)
    if key is None:
        raise KeyError(f"no benchmark {benchmark!r} in {list(results)}")
    rows = results[key]
    label = next((m for m in rows if m.startswith(prefix)), None)
    if label is None:
        raise KeyError(f"{benchmark}: no metric {prefix!r} in {list(rows)}")
    return label, rows[label][column]


def metric(results, benchmark, prefix, column="p50"):
    """The value of the metric whose label starts with `prefix`, in base units (seconds, counts, per second)."""
    label, printed = cell(results, benchmark, prefix, column)
    value = float(printed.replace(",", "").replace(" ", ""))
    for unit in re.findall(r"\(([^)]*)\)", label):
        unit = unit.strip()
        if unit in SCALE:
            value *= SCALE[unit]
        elif unit in TIME:
            value *= TIME[unit]
    return value
