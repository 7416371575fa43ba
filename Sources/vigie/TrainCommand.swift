import ArgumentParser
import Foundation
import Vigie

/// `vigie train records.csv --out model.json`: the model `vigie dedupe` would train on these records, saved
/// with their term frequencies (what `vigie score-blocks` needs, docs/spark.md).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the match model on a batch (EM) and save it with the records' term frequencies.",
        discussion: """
            Reads the batch as `vigie dedupe` does and trains the same model from the built-in priors (EM, as \
            dedupe --train). The saved file is read by `vigie dedupe --model`, `vigie score-blocks` and \
            `vigie cluster`; it carries the record count and per-name-hash counts, never a name.
            """)

    @Argument(help: "Batch CSV file (id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins).")
    var records: String

    @Option(name: .long, help: "The model file to write (JSON).")
    var out: String

    @OptionGroup var options: RunOptions
    var threads: Int { options.threads }
    var quiet: Bool { options.quiet }

    func run() throws {
        let start = Date()
        let log = StderrLog(quiet: quiet, command: "train")
        let input = try BatchInput(path: records, threads: threads, log: log)
        log.line("training on \(input.records.count) records (EM)")
        let model = MatchModel.trained(
            on: input.records, starting: .builtIn, threads: threads, progress: { p in log.progress(p) })
        do {
            try ModelFile.save(model, termFrequencies: TermFrequencies(records: input.records), to: out)
        } catch {
            throw ValidationError(error.description)
        }
        log.always("\(input.records.count) records, model written to \(out)" + String(format: " in %.1f s", Date().timeIntervalSince(start)))
    }
}
