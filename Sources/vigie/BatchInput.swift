import ArgumentParser
import Foundation
import Vigie

/// A batch file read and prepared the way every batch command reads it (`dedupe`, `train`, `cluster`): the CSV
/// leniently, unreadable rows and records with nothing to match on reported on stderr and skipped, warnings
/// logged. The same file therefore gives the same records, in the same order, to every command.
struct BatchInput {
    var path: String
    var rowErrors: [BatchCSVRowError]
    var prepared: PreparedBatch
    var warnings: PreparationWarnings
    /// The records kept, in file order.
    var records: [PreparedRecord] { prepared.records }
    var recordErrors: [RecordError] { prepared.errors }
    /// Ids left out that stay alone in their own cluster: records with nothing to match on, and unreadable rows
    /// whose id could still be read.
    var skippedIDs: [String] { prepared.errors.map(\.id) + rowErrors.compactMap(\.id) }

    /// `columns` names some headers explicitly (`--columns`); every column of `required` must be in the file (65).
    init(
        path: String, threads: Int, log: StderrLog, columns: [BatchColumn: String] = [:],
        required: Set<BatchColumn> = [.id]
    ) throws {
        self.path = path
        let read = try CommandFiles.reading("records", path) {
            try BatchCSV.read(contentsOf: path, columns: columns, required: required)
        }
        log.line("\(path): \(read.columns.summary)")
        for warning in read.columns.lookAlikeWarnings { log.always(warning) }
        rowErrors = read.errors
        for e in read.errors { log.always("skipped: \(e.description)") }
        log.line("preparing \(read.records.count) records")
        prepared = PreparedRecord.prepare(read.records, threads: threads, leniency: .lenient)
        for e in prepared.errors { log.always("skipped: \(e.description)") }
        warnings = PreparationWarnings(batch: prepared)
        warnings.log(log)
    }
}

/// A model file given with `--model`, with the term frequencies it carries when `vigie train` saved it.
struct ModelInput {
    var model: MatchModel
    var termFrequencies: TermFrequencies?

    /// Errors are the model's own (MatchModelError), mapped to exit statuses by CommandFailure.
    init(path: String) throws {
        model = try MatchModel.load(contentsOf: path)
        termFrequencies = try ModelFile.termFrequencies(contentsOf: path)
    }
}

/// Threads and `--quiet`, shared by the batch commands that take nothing else of the kind.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Threads.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "No progress lines on stderr.")
    var quiet = false
}
