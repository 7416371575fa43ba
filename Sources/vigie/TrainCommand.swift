import ArgumentParser
import Foundation
import Vigie

/// `vigie train records.csv --out model.json`: the model `vigie dedupe` would train on these records, saved
/// with their term frequencies (what `vigie score-blocks` needs, docs/spark.md).
/// `vigie train --store PATH --out model.json`: the same on a store's identities, taught by the cell's resolved
/// reviews (``StoreDecisions``).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the match model on a batch or a store (EM) and save it with the records' term frequencies.",
        discussion: """
            Reads the batch as `vigie dedupe` does and trains the same model from the built-in priors (EM, as \
            dedupe --train). With --store instead of a file, trains on the store's identities (those merged \
            away included) and learns from the cell's resolved reviews: merged or confirmed duplicate = match, \
            not a duplicate or homonyms = non-match (the same learning as `vigie dedupe --decisions`). The saved \
            file is read by `vigie dedupe --model`, `vigie score-blocks` and `vigie cluster`; it carries the \
            record count and per-name-hash counts, never a name.
            """)

    @Argument(help: "Batch CSV file (id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins).")
    var records: String?

    @Option(name: .long, help: "An identity store (vigie worker --store): train on its identities and resolved reviews.")
    var store: String?

    @Option(name: .long, help: "The model file to write (JSON).")
    var out: String

    @OptionGroup var options: RunOptions
    var threads: Int { options.threads }
    var quiet: Bool { options.quiet }

    func validate() throws {
        guard (records == nil) != (store == nil) else {
            throw ValidationError("give a batch file or --store, one of the two")
        }
    }

    func run() throws {
        let start = Date()
        let log = StderrLog(quiet: quiet, command: "train")
        let prepared: [PreparedRecord]
        var labels = LabelledPairs()
        if let records {
            prepared = try BatchInput(path: records, threads: threads, log: log).records
        } else if let store {
            try CommandFiles.input(store, "--store")
            let identityStore = try CommandFiles.store(store)
            defer { identityStore.close() }
            let read = try StoreDecisions.read(identityStore)
            let batch = PreparedRecord.prepare(read.records, threads: threads, leniency: .lenient)
            for e in batch.errors { log.always("skipped: \(e.description)") }
            prepared = batch.records
            labels = LabelledPairs(read.labels, ids: prepared.map(\.id))
            log.always(
                "\(read.labels.count) resolved reviews (\(labels.matchCount) match, \(labels.nonMatchCount) non-match)"
                    + ", \(read.skipped) collision or one-identity reviews left out")
        } else {
            prepared = []
        }
        log.line("training on \(prepared.count) records (EM)")
        let model = MatchModel.trained(
            on: prepared, starting: .builtIn, threads: threads, labels: labels, progress: { p in log.progress(p) })
        do {
            try ModelFile.save(model, termFrequencies: TermFrequencies(records: prepared), to: out)
        } catch {
            throw ValidationError(error.description)
        }
        log.always("\(prepared.count) records, model written to \(out)" + String(format: " in %.1f s", Date().timeIntervalSince(start)))
    }
}

/// The cell's resolved duplicate reviews in an identity store, as pair labels for the training: `merged` and
/// `confirmed-duplicate` are a match, `not-duplicate` and `homonym` a non-match. Collision items (one identity
/// that may hold two patients) say nothing about a pair and are left out. Identities merged away are read too:
/// a `merged` review names one.
enum StoreDecisions {
    static func read(_ store: IdentityStore) throws -> (records: [RawRecord], labels: [PairLabel], skipped: Int) {
        var records: [RawRecord] = []
        try store.forEachMatchingRecord(includingMerged: true) { records.append($0) }
        var labels: [PairLabel] = []
        var skipped = 0
        for item in try store.reviewQueue(status: .resolved) {
            guard item.kind == .potentialDuplicate, item.identityIDs.count == 2, let resolution = item.resolution else {
                skipped += 1
                continue
            }
            let verdict: PairVerdict
            switch resolution {
            case .merged, .confirmedDuplicate: verdict = .match
            case .notDuplicate, .homonym: verdict = .nonMatch
            case .confirmedCollision, .noCollision:
                skipped += 1
                continue
            }
            labels.append(
                PairLabel(
                    idA: item.identityIDs[0], idB: item.identityIDs[1], verdict: verdict,
                    operatorName: item.resolvedBy ?? ""))
        }
        return (records, labels, skipped)
    }
}
