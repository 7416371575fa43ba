import Foundation
import Vigie

/// DIR/clusters.csv and DIR/pairs.csv of a dedupe run, written from byte buffers (`vigie dedupe` and
/// `vigie cluster` write the same files from the same code).
struct DedupeOutput {
    var out: String
    var threads: Int

    func write(_ result: DedupeResult, records: [PreparedRecord], skippedIDs: [String]) throws {
        let ids = CSVOutput.fields(records.map(\.id), threads: threads)
        try writeClusters(result, ids: ids, skippedIDs: skippedIDs)
        try writePairs(result, ids: ids)
        try writeReview(result, ids: ids)
    }

    /// DIR/review.csv: the review items (one per pair of clusters), in the order the cell should review them
    /// (``DedupeResult/reviewOrder``): `id_a,id_b,weight,reasons`, the weight in bits, the reasons the alerts.
    func writeReview(_ result: DedupeResult, ids: [[UInt8]]) throws {
        let items = result.reviewOrder
        try CSVOutput.write(
            path: out + "/review.csv", header: "id_a,id_b,weight,reasons\n", count: items.count, threads: threads
        ) { k, row in
            let p = items[k]
            row.append(contentsOf: ids[Int(p.a)])
            row.append(0x2C)
            row.append(contentsOf: ids[Int(p.b)])
            row.append(0x2C)
            row.append(contentsOf: Self.twoDecimals(p.score).utf8)
            row.append(0x2C)
            let names = p.alerts.names
            let reasons: String = names.isEmpty ? "score-between-thresholds" : names.joined(separator: "+")
            row.append(contentsOf: reasons.utf8)
            row.append(0x0A)
        }
    }

    func writeClusters(_ result: DedupeResult, ids: [[UInt8]], skippedIDs: [String]) throws {
        let clusterOf = result.clusterOf
        let n = ids.count
        try CSVOutput.write(
            path: out + "/clusters.csv", header: "id,cluster_id\n", count: n + skippedIDs.count, threads: threads
        ) { i, row in
            if i < n {
                row.append(contentsOf: ids[i])
                row.append(0x2C)
                row.append(contentsOf: ids[Int(clusterOf[i])])
            } else {
                // A skipped record stays alone in its cluster.
                CSVOutput.appendField(skippedIDs[i - n], to: &row)
                row.append(0x2C)
                CSVOutput.appendField(skippedIDs[i - n], to: &row)
            }
            row.append(0x0A)
        }
    }

    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((abs(x) * 100).rounded())
        let frac = hundredths % 100
        return (x < 0 && hundredths > 0 ? "-" : "") + String(hundredths / 100) + (frac < 10 ? ".0" : ".") + String(frac)
    }

    /// One `id_a,id_b,score,decision,explanation` row (also `vigie score-blocks`'s output line).
    static func appendPair(
        _ a: [UInt8], _ b: [UInt8], score: Double, decision: MatchDecision, explanation: MatchExplanation,
        to row: inout [UInt8]
    ) {
        row.append(contentsOf: a)
        row.append(0x2C)
        row.append(contentsOf: b)
        row.append(0x2C)
        row.append(contentsOf: twoDecimals(score).utf8)
        row.append(0x2C)
        row.append(contentsOf: decision.rawValue.utf8)
        row.append(0x2C)
        CSVOutput.appendField(explanation.description, to: &row)
        row.append(0x0A)
    }

    /// pairs.csv: `id_a,id_b,score,decision,explanation,via`; `via` says what decided the pair (its score,
    /// clustering, the cell's label, the threshold the labels calibrated, or `covered`: a review pair listed
    /// under the review item of its two clusters).
    func writePairs(_ result: DedupeResult, ids: [[UInt8]]) throws {
        let listed = result.pairs.filter { !$0.redundantReview }
        try CSVOutput.write(
            path: out + "/pairs.csv", header: "id_a,id_b,score,decision,explanation,via\n", count: listed.count,
            threads: threads
        ) { k, row in
            let p = listed[k]
            Self.appendPair(
                ids[Int(p.a)], ids[Int(p.b)], score: p.score, decision: p.decision,
                explanation: result.explanation(of: p), to: &row)
            row.removeLast()  // the row's newline: `via` follows
            row.append(0x2C)
            row.append(contentsOf: p.via.rawValue.utf8)
            row.append(0x0A)
        }
    }
}
