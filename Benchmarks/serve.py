#!/usr/bin/env python3
"""The cell's queue page with 50 000 open review items (#14: < 200 ms of server time, paged).

Runs `swift package benchmark --target ServeBenchmarks` (release) and writes the dated table, with its conditions and
the ratio to the unpaged reference measured in the same run, into docs/cell.md (section `queue-page`).
Usage: python3 Benchmarks/serve.py
"""
import record

conditions = record.Conditions().start()
output, results = record.run_package_benchmark("ServeBenchmarks")
conditions.stop()

reference = "reference: unpaged reviewQueue() of 50 000, first 50"
reference_p50 = record.metric(results, reference, "Time (wall clock)")
rows = []
for name in ["queue page 1 of 50 000 open items (rendered HTML)", "queue page 500 of 50 000 (deep paging)",
             "queue page filtered by reason and age", reference]:
    p50 = record.metric(results, name, "Time (wall clock)")
    p99 = record.metric(results, name, "Time (wall clock)", "p99")
    cpu = record.metric(results, name, "Time (total CPU)")
    mallocs = record.metric(results, name, "Malloc (total)")
    verdict = "" if name == reference else ("met" if p99 < 0.2 else "**missed**")
    ratio = "reference" if name == reference else f"{reference_p50 / p50:,.1f}× faster"
    rows.append(f"| {name} | {p50 * 1e3:,.2f} ms | {p99 * 1e3:,.2f} ms | {cpu * 1e3:,.2f} ms | {mallocs:,.0f} | {ratio} | {verdict} |")

text = f"""### Measured: the queue page with 50 000 open items (`Benchmarks/serve.py`)
{conditions.describe()}

Server time of `ServeServices.queuePage` (query → one indexed page of the store → rendered HTML; everything the
route does but HTTP framing) on an RI of 100 000 identities with 50 000 open items. Target: < 200 ms (checked
against p99).

| benchmark | p50 wall | p99 wall | p50 CPU | mallocs (p50) | against the unpaged reference | < 200 ms |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
""" + "\n".join(rows) + "\n"
record.write_section("cell.md", "queue-page", text)
print(text)
