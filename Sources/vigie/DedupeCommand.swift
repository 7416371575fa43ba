import ArgumentParser
import Foundation
import Vigie
import VigieSupport

/// `vigie dedupe records.csv --out DIR [--model M] [--train] [--truth truth.csv]`.
struct DedupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Find duplicates in a batch of identities (batch CSV contract).",
        discussion: """
            Writes DIR/clusters.csv (id,cluster_id for every input id), DIR/pairs.csv (id_a,id_b,score,decision,\
            explanation for every pair decided match or review; the explanation gives each field's level and \
            weight in bits, never a trait), DIR/report.md (with the list of review pairs) and DIR/review.html (the \
            review queue as one self-contained page, both records side by side, that exports decisions.csv). Rows that cannot be read, and records with no name \
            and no first name, are reported on stderr with their line and skipped (each stays alone in its own \
            cluster); a malformed field is read leniently or treated as missing, with a warning (line, record \
            id and field). Without --model, a file of 10 000 records or more is trained on (EM, as --train; \
            --no-train keeps the built-in priors), a smaller one uses the built-in priors. With --truth \
            (id,person_id), the blocking section of the \
            report also gives the true pairs and the share of them blocking reaches, overall and per pass; the \
            labels are read only for that report and change no decision.
            """)

    @Argument(help: "Batch CSV file (id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins, or their French names).")
    var records: String

    @Option(help: ArgumentHelp(
        "Name the file's header of some columns: column=header, comma-separated (id=IPP,birth_name=NOMNAIS).",
        discussion: "Without it, the contract's names and their French equivalents are recognised (accents, case, spaces and apostrophes ignored)."))
    var columns: String?

    /// The columns a file must have for deduplication to mean something.
    static let requiredColumns: Set<BatchColumn> = [.id, .birthName, .firstNames, .birthDate]

    @Option(name: .long, help: "Output directory (created if needed).")
    var out: String

    @Option(name: .long, help: "A model saved by an earlier --train (JSON).")
    var model: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Estimate m and u on these records (EM), write DIR/model.json and use it.",
            discussion: "Default: on for \(Self.autoTrainRecords) records or more when no --model is given."))
    var train: Bool?

    /// From this many records the default run trains: the built-in priors assume a duplicate rate (0.1 pair per
    /// record) that a real file may be far from, and that rate sets every pair's prior; EM measures it. Below,
    /// EM sees too few duplicate pairs to move the priors much, and the priors are used as they are.
    static let autoTrainRecords = 10_000

    @Option(name: .long, help: "Threads for blocking and scoring.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Override the model's match threshold (posterior log2-odds).")
    var matchThreshold: Double?

    @Option(name: .long, help: "Override the model's review threshold (posterior log2-odds).")
    var reviewThreshold: Double?

    @Option(name: .long, help: "Labels (id,person_id) to measure the share of true pairs blocking reaches.")
    var truth: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The cell's decisions (id_a,id_b,decision[,operator,comment], decision match or non-match).",
            discussion: """
                The file the review page exports. A match links the pair, a non-match never links it again (also                 through clustering); the labels also calibrate the match threshold for the pairs nobody labelled,                 keeping precision ≥ 0.999 (report.md gives the threshold learnt).
                """))
    var decisions: String?

    @Flag(name: .long, help: "No progress lines on stderr.")
    var quiet = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Switch off comparison levels, rules or blocking passes, comma-separated, to measure what each brings.",
            discussion: "An ablation for measurement only (Benchmarks/ablation, docs/match.md), never for production.",
            visibility: .hidden))
    var switchOff: String?

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let m = matchThreshold, let r = reviewThreshold, r >= m {
            throw ValidationError("--review-threshold (\(r)) must be below --match-threshold (\(m))")
        }
        if let columns {
            do { _ = try ColumnMapping.parseExplicit(columns) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let start = Date()
        let log = StderrLog(quiet: quiet)
        let explicit = try columns.map(ColumnMapping.parseExplicit) ?? [:]
        try CommandFiles.input(records, "records")
        if let truth { try CommandFiles.input(truth, "--truth") }
        if let decisions { try CommandFiles.input(decisions, "--decisions") }
        try CommandFiles.outputDirectory(out)
        // The model before the records, so that a bad one fails before a long read.
        let given = try model.map { path in try CommandFiles.reading("--model", path) { try ModelInput(path: path) } }
        var matchModel = given?.model ?? .builtIn
        if let switchOff {
            do {
                matchModel.switchedOff = try SwitchedOff(names: switchOff.split(separator: ",").map { String($0) })
            } catch {
                throw CommandFailure(.usage, "--switch-off: \(error.description)")
            }
        }
        // A threshold given alone must still sit on the right side of the model's other one.
        let thresholds = (match: matchThreshold ?? matchModel.matchThreshold, review: reviewThreshold ?? matchModel.reviewThreshold)
        guard thresholds.review < thresholds.match else {
            throw CommandFailure(
                .usage, "the review threshold (\(thresholds.review)) must be below the match threshold (\(thresholds.match))")
        }

        let input = try BatchInput(path: records, threads: threads, log: log, columns: explicit, required: Self.requiredColumns)
        let prepareErrors = input.recordErrors
        let good = input.records
        guard !good.isEmpty else {
            throw CommandFailure(
                .data, "records \(records): no record to deduplicate (\(input.rowErrors.count) rows unreadable, "
                    + "\(prepareErrors.count) records with nothing to match on)")
        }
        let tPrepared = Date()

        // Read the labels before the long run, so that a bad truth file fails fast.
        var labels: TruthLabels?
        if let truth {
            let read = try CommandFiles.reading("--truth", truth) { try TruthLabels.read(path: truth, ids: good.map(\.id)) }
            for e in read.rowErrors { log.always("truth skipped: \(e)") }
            labels = read
        }

        var cellLabels = LabelledPairs()
        if let decisions {
            guard let data = FileManager.default.contents(atPath: decisions) else {
                throw CommandFailure(.noInput, "--decisions \(decisions): cannot read the file")
            }
            let parsed: (labels: [PairLabel], errors: [PairLabelError])
            do {
                parsed = try PairLabels.parse(bytes: [UInt8](data))
            } catch {
                throw CommandFailure(.data, "--decisions \(decisions): \(error)")
            }
            for e in parsed.errors { log.always("decisions skipped: \(e)") }
            cellLabels = LabelledPairs(parsed.labels, ids: good.map(\.id))
            log.always("decisions: \(cellLabels.count) labelled pairs, \(cellLabels.unknownIDs) naming unknown ids")
        }
        // Term frequencies are always this file's own (a model's saved ones serve `score-blocks`, which sees
        // only blocks; trained on this file, they are the same).
        var frequencies: TermFrequencies?
        let train = self.train ?? (model == nil && good.count >= Self.autoTrainRecords)
        let teaching = matchModel.switchedOff.off(.labelM) ? LabelledPairs() : cellLabels
        if train {
            log.line("training on \(good.count) records (EM)")
            matchModel = MatchModel.trained(
                on: good, starting: matchModel, threads: threads, labels: teaching, progress: { p in log.progress(p) })
        } else if !teaching.isEmpty {
            // No EM here: the labels alone update m (LabelLearning).
            matchModel = matchModel.learning(from: teaching, records: good)
        }
        if let t = matchThreshold { matchModel.matchThreshold = t }
        if let t = reviewThreshold { matchModel.reviewThreshold = t }
        if train {
            // Trained here: the records' own frequencies, saved with the model.
            let own = TermFrequencies(records: good)
            frequencies = own
            try ModelFile.save(matchModel, termFrequencies: own, to: out + "/model.json")
        }
        let tTrained = Date()

        let result = Deduplicator(model: matchModel, threads: threads).run(
            good, termFrequencies: frequencies, labels: cellLabels
        ) { p in log.progress(p) }
        let tDeduped = Date()

        // Labels, when given, only measure blocking, in a separate call after the run: the engine never sees them.
        var coverage: TruthCoverageReport?
        if let labels {
            let candidates = Deduplicator(model: matchModel, threads: threads).blockingCandidates(good)
            let c = BlockingReport.truthCoverage(candidates: candidates, truthGroups: labels.groups)
            coverage = TruthCoverageReport(labels: labels, coverage: c)
            log.always(
                "truth: \(c.reachedTruePairs) of \(c.truePairs) true pairs are candidates "
                    + String(format: "(%.2f%%)", 100 * c.share)
                    + ", \(labels.unknownIDs) unknown ids, \(labels.rowErrors.count) rows skipped")
        }

        log.line("writing \(out)")
        let tWriting = Date()
        try DedupeOutput(out: out, threads: threads).write(result, records: good, skippedIDs: input.skippedIDs)
        try writeReviewSheet(result, ids: good.map(\.id), lines: good.map(\.line), model: matchModel, columns: explicit)
        let tWritten = Date()
        var report = DedupeReport(
            input: records, rowErrors: input.rowErrors.count, recordErrors: prepareErrors.count, records: good.count,
            result: result, model: matchModel, trained: train, coverage: coverage, warnings: input.warnings,
            seconds: [
                ("read + prepare", tPrepared.timeIntervalSince(start)), ("train", tTrained.timeIntervalSince(tPrepared)),
                ("dedupe", tDeduped.timeIntervalSince(tTrained)),
                ("write clusters.csv + pairs.csv + review.html", tWritten.timeIntervalSince(tWriting)),
            ])
        report.reviewIDs = good.map(\.id)
        try CommandFiles.write(Data(report.markdown.utf8), to: out + "/report.md")
        log.always(report.summaryLine + String(format: " in %.1f s", Date().timeIntervalSince(start)))
    }
}

/// Progress and notices on stderr: record ids and counts only.
struct StderrLog: Sendable {
    var quiet: Bool
    /// The subcommand named at the start of each line.
    var command = "dedupe"
    let bar: ProgressBar

    init(quiet: Bool, command: String = "dedupe") {
        self.quiet = quiet
        self.command = command
        bar = ProgressBar(prefix: "vigie \(command): ")
    }

    /// Lines embed record ids from the file: escaped (LogSafe), so that an id cannot forge or hide a line.
    func always(_ s: String) { bar.line("vigie \(command): " + LogSafe.line(s) + "\n") }
    func line(_ s: String) { if !quiet { always(s) } }
    func progress(_ p: DedupeProgress) {
        guard !quiet else { return }
        bar.update(stage: p.stage, done: p.done, total: p.total)
    }
}

/// DIR/report.md: counts, review queue, top reasons, blocking, model, timings. No identity trait.
struct DedupeReport {
    var input: String
    var rowErrors: Int
    var recordErrors: Int
    var records: Int
    var result: DedupeResult
    var model: MatchModel
    var trained: Bool
    var coverage: TruthCoverageReport? = nil
    var warnings: PreparationWarnings? = nil
    var seconds: [(String, Double)]
    /// Record ids by index, to list the review pairs (empty: no list).
    var reviewIDs: [String] = []

    var automaticPairs: Int { result.pairs.filter { $0.decision == .match }.count }
    var reviewPairs: Int { result.reviewQueue.count }

    var summaryLine: String {
        let multi = clusterSizes.filter { $0.key > 1 }.reduce(0) { $0 + $1.value }
        return "\(records) records, \(result.clusterCount) clusters (\(multi) with several records), "
            + "\(automaticPairs) automatic pairs, \(reviewPairs) pairs to review"
    }

    var clusterSizes: [Int: Int] {
        var count = [Int](repeating: 0, count: result.clusterOf.count)
        for c in result.clusterOf { count[Int(c)] += 1 }
        var sizes: [Int: Int] = [:]
        for n in count where n > 0 { sizes[n, default: 0] += 1 }
        return sizes
    }

    var markdown: String {
        var s = "# vigie dedupe report\n\n"
        s += "Input: `\(input)`\n\n"
        s += "| | |\n|---|---|\n"
        s += "| rows read as records | \(records + recordErrors) |\n"
        s += "| rows skipped (unreadable CSV) | \(rowErrors) |\n"
        s += "| records skipped (nothing to match on) | \(recordErrors) |\n"
        s += "| records kept with a field read leniently | \(warnings?.batch.degradedRecords ?? 0) |\n"
        s += "| records deduplicated | \(records) |\n"
        s += "| clusters | \(result.clusterCount) |\n"
        s += "| automatic pairs (match) | \(automaticPairs) |\n"
        s += "| review queue (items: review.csv rows, pairs.csv review rows not `covered`) | \(reviewPairs) (\(String(format: "%.2f", 100 * Double(reviewPairs) / Double(max(records, 1))))% of records) |\n"
        s += "| review rows in pairs.csv (items and the pairs they cover) | \(result.pairs.filter { $0.decision == .review && !$0.redundantReview }.count) |\n"
        s += "| pairs inside clusters below the match decision (`via` cluster) | \(result.pairs.filter { $0.via == .cluster }.count) |\n"
        if result.labelsApplied > 0 {
            s += "| labelled pairs applied (`--decisions`) | \(result.labelsApplied) |\n"
            s += String(format: "| match threshold calibrated by the labels | %.2f (model: %.2f) |\n", result.learnedMatchThreshold, model.matchThreshold)
            s += "| pairs promoted by the calibrated threshold (`via` learned) | \(result.pairs.filter { $0.via == .learned }.count) |\n"
        }
        s += "| candidate pairs scored | \(result.blocking.candidatePairs) |\n\n"
        s += warnings?.markdown ?? ""
        s += "\n## Cluster sizes\n\n| records per cluster | clusters |\n|---|---|\n"
        for (size, n) in clusterSizes.sorted(by: { $0.key < $1.key }) { s += "| \(size) | \(n) |\n" }
        s += "\n## Review queue: top reasons\n\n| reason | pairs |\n|---|---|\n"
        var reasons: [String: Int] = [:]
        for p in result.reviewQueue {
            let alerts = p.alerts.names
            if alerts.isEmpty {
                reasons["score between the thresholds", default: 0] += 1
            } else {
                for a in alerts { reasons[a, default: 0] += 1 }
            }
        }
        for (r, n) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { s += "| \(r) | \(n) |\n" }
        if !reviewIDs.isEmpty { s += reviewPairsMarkdown(ids: reviewIDs) }
        s += "\n## Automatic matches: commonest field levels\n\n| field | level | pairs |\n|---|---|---|\n"
        for f in MatchField.allCases {
            // Counted by level index (a label string per pair and field is slow at millions of pairs).
            var counts = [Int](repeating: 0, count: f.levels.count)
            for p in result.pairs where p.decision == .match { counts[p.levelIndex(f)] += 1 }
            let levels = counts.indices.filter { counts[$0] > 0 }.map { (f.levels[$0], counts[$0]) }
            for (l, n) in levels.sorted(by: { ($1.1, $0.0) < ($0.1, $1.0) }).prefix(3) { s += "| \(f) | \(l) | \(n) |\n" }
        }
        s += "\n## Blocking\n\n| pass | blocks | oversized (sorted neighbourhood) | pairs |\n|---|---|---|---|\n"
        for p in result.blocking.passes {
            s += "| \(p.pass) | \(p.blocks) | \(p.oversizedBlocks) | \(p.pairs) |\n"
        }
        s += "| distinct candidate pairs | | | \(result.blocking.candidatePairs) |\n"
        if let coverage { s += coverage.markdown }
        s += "\n## Model\n\n"
        s += trained ? "Trained on these records (EM), saved as `model.json`.\n" : "Built-in priors or a given model.\n"
        s += String(
            format: "Thresholds (posterior log2-odds): match ≥ %.1f, review ≥ %.1f. Prior for %d records: %.1f bits.\n\n",
            model.matchThreshold, model.reviewThreshold, records, model.priorLog2Odds(population: records))
        s += "| field | level | m | u | weight (bits) |\n|---|---|---|---|---|\n"
        for f in MatchField.allCases {
            for (l, p) in model.fields[f.rawValue].levels.enumerated() where l > 0 {
                s += String(format: "| %@ | %@ | %.4g | %.4g | %+.2f |\n", f.description, p.level, p.m, p.u, model.weight(f, level: l))
            }
        }
        s += "\n## Time\n\n| stage | seconds |\n|---|---|\n"
        for (stage, t) in seconds { s += String(format: "| %@ | %.2f |\n", stage, t) }
        for (stage, t) in result.timings { s += String(format: "| dedupe: %@ | %.2f |\n", stage, t) }
        return s
    }
}

/// The blocking section's part on labels (`--truth`): counts only.
struct TruthCoverageReport {
    var labels: TruthLabels
    var coverage: BlockingTruthCoverage

    var markdown: String {
        let c = coverage
        var s = "\n### True pairs reached (labels from `--truth`)\n\n"
        s += "| | |\n|---|---|\n"
        s += "| true pairs (records sharing a person_id) | \(c.truePairs) |\n"
        s += "| true pairs among the candidate pairs | \(c.reachedTruePairs) (\(percent(c.reachedTruePairs, c.truePairs))) |\n"
        s += "| true pairs no pass reaches | \(c.truePairs - c.reachedTruePairs) |\n"
        s += "| truth ids not among the deduplicated records | \(labels.unknownIDs) |\n"
        s += "| deduplicated records without a label | \(labels.unlabelledRecords) |\n"
        s += "| truth rows skipped | \(labels.rowErrors.count) |\n\n"
        s += "| pass | distinct pairs | true pairs reached | share | reached by this pass alone |\n|---|---|---|---|---|\n"
        for p in c.passes {
            s += "| \(p.pass) | \(p.pairs) | \(p.truePairs) | \(percent(p.truePairs, c.truePairs)) | \(p.onlyThisPass) |\n"
        }
        return s
    }

    func percent(_ n: Int, _ total: Int) -> String {
        total == 0 ? "–" : String(format: "%.2f%%", 100 * Double(n) / Double(total))
    }
}
