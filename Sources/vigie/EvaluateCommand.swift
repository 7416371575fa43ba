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
        print(format == .json ? report.json : report.text, terminator: "")
    }
}
