import Vigie

/// `vigie dedupe`'s account of the fields read leniently (``PreparationLeniency/lenient``): on stderr, one
/// line per warning up to a limit, then counts; in report.md, a table of counts. Field names, record ids and
/// lines only, never a value.
struct PreparationWarnings {
    var batch: PreparedBatch
    /// Warnings written one by one on stderr before the counts take over (a spreadsheet coding sex 1/2 would
    /// otherwise write a line per record).
    static let stderrLimit = 200

    func log(_ log: StderrLog) {
        for w in batch.warnings.prefix(Self.stderrLimit) { log.always("warning: \(w.description)") }
        if batch.warnings.count > Self.stderrLimit {
            log.always("warning: \(batch.warnings.count - Self.stderrLimit) more warnings; counts in report.md")
        }
        if !batch.warnings.isEmpty {
            let counts = batch.warningCounts.map { "\($0.field.rawValue) \($0.kind.rawValue) \($0.count)" }
            log.always("\(batch.degradedRecords) records read leniently: " + counts.joined(separator: ", "))
        }
    }

    var markdown: String {
        var s = "\n## Fields read leniently (records kept, field repaired or treated as missing)\n\n"
        s += "\(batch.degradedRecords) records, \(batch.warnings.count) fields.\n\n"
        s += "| field | what | records |\n|---|---|---|\n"
        for c in batch.warningCounts { s += "| \(c.field.rawValue) | \(c.kind.rawValue) | \(c.count) |\n" }
        return s
    }
}
