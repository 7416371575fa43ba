import ArgumentParser
import Foundation
import Vigie

/// `vigie cluster --model model.json records.csv pairs.csv --out DIR`: `vigie dedupe`'s clustering on pairs
/// scored elsewhere (the Spark job's last step, docs/spark.md).
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster a batch from candidate pairs (id_a,id_b,… as `vigie score-blocks` writes them).",
        discussion: """
            Reads the batch as `vigie dedupe` does, scores each listed pair again with the model (term \
            frequencies from the batch, as dedupe), then clusters without chaining exactly as dedupe does. Writes \
            DIR/clusters.csv, DIR/pairs.csv and DIR/report.md, the same files as dedupe. Only the first two \
            columns of PAIRS are read; a header row id_a,id_b,… is allowed; a row naming an id that is not \
            among the records is reported (line) and skipped.
            """)

    @Option(name: .long, help: "The model (`vigie train`, or dedupe's model.json).")
    var model: String

    @Argument(help: "Batch CSV file.")
    var records: String

    @Argument(help: "Candidate pairs CSV (id_a,id_b,...).")
    var pairs: String

    @Option(name: .long, help: "Output directory (created if needed).")
    var out: String

    @OptionGroup var options: RunOptions
    var threads: Int { options.threads }
    var quiet: Bool { options.quiet }

    func run() throws {
        let start = Date()
        let log = StderrLog(quiet: quiet, command: "cluster")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let input = try BatchInput(path: records, threads: threads, log: log)
        let good = input.records
        let given = try ModelInput(path: model)
        if let saved = given.termFrequencies?.total, saved != good.count {
            log.always(
                "the model's term frequencies count \(saved) records, this file \(good.count): the model was not "
                    + "trained on it, and score-blocks may have kept other pairs than dedupe would")
        }
        let tPrepared = Date()

        log.line("reading \(pairs)")
        guard let data = FileManager.default.contents(atPath: pairs) else {
            throw ValidationError("cannot read pairs file \(pairs)")
        }
        var index: [String: Int32] = [:]
        index.reserveCapacity(good.count)
        for (i, r) in good.enumerated() { index[r.id] = Int32(i) }
        let parsed = BatchCSV.parseRows(bytes: [UInt8](data))
        for e in parsed.errors { log.always("pairs skipped: \(e.description)") }
        var candidates: [(Int32, Int32)] = []
        candidates.reserveCapacity(parsed.rows.count)
        for (k, row) in parsed.rows.enumerated() {
            if k == 0 && row.fields.first == "id_a" { continue }
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard row.fields.count >= 2, let a = index[row.fields[0]], let b = index[row.fields[1]] else {
                log.always("pairs line \(row.line): not two ids of the records; skipped")
                continue
            }
            candidates.append((a, b))
        }
        let tRead = Date()

        let result = Deduplicator(model: given.model, threads: threads).cluster(
            good, candidatePairs: candidates
        ) { p in log.progress(p) }
        let tClustered = Date()
        log.line("writing \(out)")
        try DedupeOutput(out: out, threads: threads).write(result, records: good, skippedIDs: input.skippedIDs)
        let tWritten = Date()
        let report = DedupeReport(
            input: records, rowErrors: input.rowErrors.count, recordErrors: input.recordErrors.count,
            records: good.count, result: result, model: given.model, trained: false, warnings: input.warnings,
            seconds: [
                ("read + prepare", tPrepared.timeIntervalSince(start)), ("read pairs", tRead.timeIntervalSince(tPrepared)),
                ("score + cluster", tClustered.timeIntervalSince(tRead)),
                ("write clusters.csv + pairs.csv", tWritten.timeIntervalSince(tClustered)),
            ])
        try report.markdown.write(toFile: out + "/report.md", atomically: true, encoding: .utf8)
        log.always(report.summaryLine + String(format: " in %.1f s", Date().timeIntervalSince(start)))
    }
}
