import Dispatch
import Foundation
import VigieSupport

/// CSV output written as bytes: `vigie dedupe` writes a row per record and per listed pair (millions at 1 M
/// records), where building a `String` per row through `BatchCSV.encodeRow` took a third of the run.
/// Same escaping as `BatchCSV.encodeRow` (RFC 4180: a field holding a comma, quote or line break is quoted,
/// its quotes doubled).
enum CSVOutput {
    /// Appends one field, quoted when needed.
    static func appendField(_ field: String, to out: inout [UInt8]) {
        let utf8 = field.utf8
        if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(0x22)
            for b in utf8 {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// Each string as an escaped field, computed once (record ids appear in many rows).
    static func fields(_ values: [String], threads: Int) -> [[UInt8]] {
        let n = values.count
        let chunks = max(1, min(threads, n / 10_000 + 1))
        let step = (n + chunks - 1) / chunks
        let parts = WriteOnceSlots<[[UInt8]]>(chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var out: [[UInt8]] = []
            out.reserveCapacity(step)
            for i in min(n, c * step)..<min(n, (c + 1) * step) {
                var f: [UInt8] = []
                appendField(values[i], to: &f)
                out.append(f)
            }
            parts.set(c, out)
        }
        return parts.values.flatMap { $0 }
    }

    /// Builds `count` rows in `threads` slices (row order kept) and writes them to `path` after `header`.
    static func write(
        path: String, header: String, count: Int, threads: Int, row: @Sendable (Int, inout [UInt8]) -> Void
    ) throws {
        let chunks = max(1, min(threads * 4, count / 20_000 + 1))
        let step = (count + chunks - 1) / chunks
        let parts = WriteOnceSlots<[UInt8]>(chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var out: [UInt8] = []
            out.reserveCapacity(step * 64)
            for i in min(count, c * step)..<min(count, (c + 1) * step) { row(i, &out) }
            parts.set(c, out)
        }
        var data = Data(header.utf8)
        data.reserveCapacity(data.count + parts.values.reduce(0) { $0 + $1.count })
        for p in parts.values { data.append(contentsOf: p) }
        try CommandFiles.write(data, to: path)
    }
}
