import ArgumentParser
import Foundation
import VigieCorpus

/// `vigie evaluate`: scores a clustering (and scored pairs) against the ground truth.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Score a clustering against ground truth.",
        discussion: """
            Pairwise precision, recall, F1 and F0.5; B3 precision and recall; collisions (clusters holding \
            two or more persons) and duplicates (persons split over clusters); with --pairs, the recall of \
            automatic matches plus review and the review queue; broken down by error kind (errors.csv) and \
            by look-alike kind (hard-negatives.csv).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Ground truth: id,person_id.")
    var truth: String

    @Option(help: "Predicted clusters: id,cluster_id.")
    var clusters: String

    @Option(help: "Scored pairs: id_a,id_b,score,decision,explanation.")
    var pairs: String?

    @Option(help: "Error kinds per record: id,errors (default: errors.csv next to the truth, if present).")
    var errors: String?

    @Option(help: "Look-alike persons: person_id,kind,other_person_id (default: hard-negatives.csv next to the truth, if present).")
    var hardNegatives: String?

    @Option(help: "Output format.")
    var format: Format = .text

    func run() async throws {
        let folder = URL(fileURLWithPath: truth).deletingLastPathComponent().path
        func sibling(_ given: String?, _ name: String) -> String? {
            if let given { return given }
            let path = folder + "/" + name
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        try CommandFiles.input(truth, "--truth")
        try CommandFiles.input(clusters, "--clusters")
        for (flag, path) in [("--pairs", pairs), ("--errors", errors), ("--hard-negatives", hardNegatives)] {
            if let path { try CommandFiles.input(path, flag) }
        }
        let input = EvaluationInput(
            truth: try EvaluationFiles.truth(path: truth),
            clusters: try EvaluationFiles.clusters(path: clusters),
            pairs: try pairs.map { path throws(EvaluationFiles.Failure) in try EvaluationFiles.pairs(path: path) },
            errors: try sibling(errors, CorpusFiles.errors).map { path throws(EvaluationFiles.Failure) in
                try EvaluationFiles.errors(path: path)
            },
            lookAlikes: try sibling(hardNegatives, CorpusFiles.hardNegatives).map { path throws(EvaluationFiles.Failure) in
                try EvaluationFiles.lookAlikes(path: path)
            })
        let report = try Evaluation.evaluate(input)
        try Self.checkSameRecords(report, truth: truth, clusters: clusters)
        print(format == .json ? report.json : report.text, terminator: "")
    }

    /// Scores of a clustering whose records are mostly not the truth's measure nothing (the wrong truth file, or
    /// the clusters of another run): refused when more than half of either file's rows have no counterpart;
    /// fewer are reported on stderr and scored (absent records as singletons).
    static func checkSameRecords(_ report: EvaluationReport, truth: String, clusters: String) throws(CommandFailure) {
        let clusterRows = report.records - report.recordsMissingFromClusters + report.clusterRowsNotInTruth
        let absent = report.clusterRowsNotInTruth
        let missing = report.recordsMissingFromClusters
        if 2 * absent > clusterRows || 2 * missing > report.records {
            throw CommandFailure(
                .data, "--clusters \(clusters) and --truth \(truth) are not the same records: \(absent) of \(clusterRows) "
                    + "cluster rows are absent from the truth, \(missing) of \(report.records) truth records absent from the clusters")
        }
        if absent > 0 || missing > 0 {
            FileHandle.standardError.write(
                Data(("vigie evaluate: warning: \(absent) cluster rows absent from the truth (ignored), \(missing) truth "
                    + "records absent from the clusters (scored as singletons)\n").utf8))
        }
    }
}
