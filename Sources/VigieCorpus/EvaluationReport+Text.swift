import Foundation

extension EvaluationReport {
    /// A readable report: the figures as aligned tables (ratios with 4 decimals, `n/a` when undefined).
    public var text: String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        func table(_ header: [String], _ rows: [[String]]) {
            let all = [header] + rows
            let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
            func render(_ row: [String]) -> String {
                row.enumerated().map { c, v in
                    c == 0 ? v.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[c] - v.count) + v
                }.joined(separator: "  ")
            }
            line(render(header))
            line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            for row in rows { line(render(row)) }
            line()
        }
        line("records \(records)  persons \(persons)  predicted clusters \(clusters)")
        if recordsMissingFromClusters > 0 {
            line("records absent from the clustering (counted as singletons): \(recordsMissingFromClusters)")
        }
        if clusterRowsNotInTruth > 0 { line("clustering rows not in the truth (ignored): \(clusterRowsNotInTruth)") }
        line()
        table(
            ["clustering", "precision", "recall", "F1", "F0.5"],
            [
                ["pairwise", Self.format(pairwise.precision), Self.format(pairwise.recall), Self.format(pairwise.f1),
                 Self.format(pairwise.f05)],
                ["B3", Self.format(bCubed.precision), Self.format(bCubed.recall), Self.format(bCubed.f1), ""],
            ])
        table(
            ["pairs", "count"],
            [
                ["true pairs", "\(pairwise.truePairs)"], ["predicted pairs", "\(pairwise.predictedPairs)"],
                ["true positives", "\(pairwise.truePositives)"],
                ["false merges (pairs)", "\(collisions.falsePairs)"], ["missed (pairs)", "\(duplicates.missedPairs)"],
            ])
        table(
            ["identity vigilance", "count"],
            [
                ["collisions: clusters with >= 2 persons", "\(collisions.clusters)"],
                ["collisions: records in them", "\(collisions.records)"],
                ["collisions: persons in them", "\(collisions.persons)"],
                ["duplicates: persons split", "\(duplicates.persons)"],
                ["duplicates: extra clusters", "\(duplicates.extraClusters)"],
                ["duplicates: records outside the main cluster", "\(duplicates.records)"],
            ])
        if let s = scoredPairs {
            table(
                ["scored pairs", "value"],
                [
                    ["pairs", "\(s.pairs)"], ["rows with unknown records (skipped)", "\(s.rowsWithUnknownRecords)"],
                    ["auto matches", "\(s.autoMatches)"], ["auto-match precision", Self.format(s.autoMatchPrecision)],
                    ["auto-match recall", Self.format(s.autoMatchRecall)],
                    ["review queue", "\(s.reviewQueue)"], ["review queue per 1000 records", Self.format(s.reviewQueuePer1000Records, digits: 1)],
                    ["true pairs in review", "\(s.reviewTrue)"],
                    ["review items (review.csv rows)", "\(s.reviewItems)"],
                    ["recall auto + review", Self.format(s.autoPlusReviewRecall)],
                ])
        }
        if let rows = byErrorKind {
            var header = ["error kind (true pairs)", "pairs", "missed", "recall"]
            if scoredPairs != nil { header += ["auto recall", "auto+review recall"] }
            table(
                header,
                rows.map { r in
                    var cells = [r.kind, "\(r.truePairs)", "\(r.missedPairs)", Self.format(r.recall)]
                    if scoredPairs != nil { cells += [Self.format(r.autoMatchRecall), Self.format(r.autoPlusReviewRecall)] }
                    return cells
                })
        }
        if let rows = byLookAlikeKind {
            var header = ["false merges by look-alike", "person pairs", "merged", "record pairs"]
            if scoredPairs != nil { header += ["auto matches", "in review"] }
            table(
                header,
                rows.map { r in
                    var cells = [r.kind, r.kind == "other" ? "" : "\(r.personPairs)", r.kind == "other" ? "" : "\(r.mergedPersonPairs)", "\(r.falseRecordPairs)"]
                    if scoredPairs != nil { cells += ["\(r.autoMatchPairs ?? 0)", "\(r.reviewPairs ?? 0)"] }
                    return cells
                })
        }
        return out
    }

    /// The report as JSON (keys sorted, so that two runs compare by bytes).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `x` with `digits` decimals, rounded half away from zero, without locale or `String(format:)`.
    static func format(_ x: Double?, digits: Int = 4) -> String {
        guard let x, x.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        let scaled = Int64((abs(x) * scale).rounded())
        let unit = Int64(scale)
        let whole = scaled / unit
        var frac = String(scaled % unit)
        while frac.count < digits { frac = "0" + frac }
        return (x < 0 && scaled != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + frac : "")
    }
}
