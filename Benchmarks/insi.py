#!/usr/bin/env python3
"""INSi calls/s against the mock, keep-alive vs connection-close, plain HTTP and mutual TLS, in one run (#18 item 5).

Runs `swift package benchmark --target INSiBenchmarks` (release) and writes the dated table, with its conditions and
the ratio keep-alive / connection-close per transport, into docs/insi.md (section `insi-calls`).
Usage: python3 Benchmarks/insi.py
"""
import record

conditions = record.Conditions().start()
output, results = record.run_package_benchmark("INSiBenchmarks")
conditions.stop()

rows, rates = [], {}
for transport in ["HTTP", "mutual TLS"]:
    for name in [f"INSi call, keep-alive ({transport})", f"Reference: INSi call, connection-close ({transport})"]:
        p50 = record.metric(results, name, "Time (wall clock)") * 1e6
        p99 = record.metric(results, name, "Time (wall clock)", "p99") * 1e6
        samples = record.cell(results, name, "Time (wall clock)", "Samples")[1]
        rates[name] = 1e6 / p50
        rows.append(f"| {name} | {p50:,.0f} µs | {p99:,.0f} µs | **{1e6 / p50:,.0f}** | {samples} |")
    ratio = rates[f"INSi call, keep-alive ({transport})"] / rates[f"Reference: INSi call, connection-close ({transport})"]
    rows.append(f"| *ratio keep-alive / connection-close, {transport}* | | | **{ratio:.2f}×** | |")

text = f"""### Measured: calls per second against the mock (`Benchmarks/insi.py`)
{conditions.describe()}

One iteration is one search call (request built, posted to the mock on loopback in the same process, answer `00`
parsed), one call at a time; calls/s is 1 / p50 of the wall time per call. The reference is measured in the same
run: `Connection: close`, a new TCP connection (and TLS handshake) per call.

| benchmark | p50 per call | p99 per call | calls/s at p50 | samples |
| --- | ---: | ---: | ---: | ---: |
""" + "\n".join(rows) + "\n"
record.write_section("insi.md", "insi-calls", text)
print(text)
