import Foundation
import Vigie
import VigieServe

/// The review queue of a `vigie dedupe` run for people: `review.html` (VigieServe's `ReviewSheet`) and the list
/// of review pairs in report.md, in review.csv's order (``DedupeResult/reviewOrder``: the labels that teach the
/// model most first), so that the first 200 items the cell decides on the page are the first 200 rows of review.csv.
/// INS collisions are not moved to the front: their alert is shown on the item.
extension DedupeCommand {
    /// Writes DIR/review.html for the review pairs, with both records as they were read.
    func writeReviewSheet(
        _ result: DedupeResult, ids: [String], lines: [Int], model: MatchModel, columns: [BatchColumn: String]
    ) throws {
        // The sheet shows the traits of its first pairs only: the file is read again for those records rather than
        // keeping every raw record in memory for the whole run (10 M records).
        let shown = result.reviewOrder.prefix(ReviewSheet.defaultLimit)
        var wanted = Set<String>()
        var wantedLines = Set<Int>()
        for p in shown {
            wanted.insert(ids[Int(p.a)]); wanted.insert(ids[Int(p.b)])
            wantedLines.insert(lines[Int(p.a)]); wantedLines.insert(lines[Int(p.b)])
        }
        var byID: [String: RawRecord] = [:]
        if !wanted.isEmpty {
            // Read with the same header mapping as the run (`--columns`), or a renamed id column finds nothing;
            // only the lines of the records shown (each record knows its line).
            let found = try BatchCSV.records(contentsOf: records, columns: columns, required: [.id], lines: wantedLines)
            for record in found where wanted.contains(record.id) && byID[record.id] == nil {
                byID[record.id] = record
            }
        }
        let pairs = shown.map { p in
            ReviewSheet.Pair(
                a: byID[ids[Int(p.a)]] ?? RawRecord(id: ids[Int(p.a)]), b: byID[ids[Int(p.b)]] ?? RawRecord(id: ids[Int(p.b)]),
                score: p.score, explanation: result.explanation(of: p))
        }
        var html = ReviewSheet.html(
            pairs: Array(pairs), source: self.records, matchThreshold: model.matchThreshold,
            reviewThreshold: model.reviewThreshold)
        let total = result.reviewQueue.count
        if total > pairs.count {
            // The sheet was built from the first pairs only: say how many there are in all.
            html = html.replacingOccurrences(of: "<h1>\(pairs.count) paire", with: "<h1>\(total) paires à revoir — \(pairs.count) paire")
        }
        try html.write(toFile: out + "/review.html", atomically: true, encoding: .utf8)
    }
}

extension DedupeReport {
    /// report.md's list of review pairs: ids, weight, reasons (never a trait).
    func reviewPairsMarkdown(ids: [String]) -> String {
        var s = "\n## Review pairs\n\n\(reviewPairs) pairs, in the order of review.html.\n\n| id_a | id_b | weight (bits) | reasons |\n|---|---|---|---|\n"
        for p in result.reviewOrder {
            let reasons = p.alerts.names
            s += "| \(ids[Int(p.a)]) | \(ids[Int(p.b)]) | \(String(format: "%.2f", p.score)) | \(reasons.isEmpty ? "score between the thresholds" : reasons.joined(separator: ", ")) |\n"
        }
        return s
    }
}
