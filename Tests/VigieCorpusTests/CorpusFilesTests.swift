import Foundation
import Testing
import VigieIdentity
@testable import VigieCorpus

struct CorpusFilesTests {
    /// corpus/sample/ was made by `vigie corpus generate --persons 570 --seed 2026` (corpus/README.md):
    /// the generator must still produce it byte for byte.
    @Test func theCommittedSampleIsReproducible() throws {
        let corpus = Fixture.generator.generate(persons: 570, seed: 2026, threads: 2)
        for file in CorpusFiles.encode(corpus) {
            let path = Fixture.directory + "/sample/" + file.name
            let committed = try #require(FileManager.default.contents(atPath: path), "missing \(path)")
            let same = [UInt8](committed) == file.bytes
            #expect(same, "\(file.name) differs from the generator's output: regenerate corpus/sample (corpus/README.md)")
        }
    }

    @Test func filesAgreeWithEachOtherAndReadBack() throws {
        let corpus = Fixture.generator.generate(persons: 300, seed: 4, threads: 2)
        let files = CorpusFiles.encode(corpus)
        #expect(files.map(\.name) == ["records.csv", "truth.csv", "errors.csv", "hard-negatives.csv"])
        let (records, rowErrors) = try BatchCSV.read(bytes: files[0].bytes)
        #expect(rowErrors.isEmpty)
        #expect(records.map(\.id) == corpus.records.map(\.record.id))
        #expect(records.map(\.fields) == corpus.records.map(\.record.fields))
        let truth = BatchCSV.parseRows(bytes: files[1].bytes).rows.dropFirst()
        #expect(truth.map { $0.fields } == corpus.records.map { [$0.record.id, $0.personID] })
        let errors = BatchCSV.parseRows(bytes: files[2].bytes).rows.dropFirst()
        #expect(errors.map { $0.fields[1] } == corpus.records.map(\.errors.field))
        let hard = BatchCSV.parseRows(bytes: files[3].bytes).rows.dropFirst()
        #expect(hard.count == corpus.hardNegatives.count)
    }

    /// The generated truth scores a perfect clustering at 1 through the file readers.
    @Test func evaluatingTheTruthAgainstItselfIsPerfect() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-corpus-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = Fixture.generator.generate(persons: 200, seed: 8, threads: 2)
        try CorpusFiles.write(corpus, to: dir)
        let truth = try EvaluationFiles.truth(path: dir + "/truth.csv")
        let report = try Evaluation.evaluate(
            EvaluationInput(
                truth: truth, clusters: truth.map { ($0.record, $0.person) },
                errors: try EvaluationFiles.errors(path: dir + "/errors.csv"),
                lookAlikes: try EvaluationFiles.lookAlikes(path: dir + "/hard-negatives.csv")))
        #expect(report.pairwise.precision == 1 && report.pairwise.recall == 1)
        #expect(report.byLookAlikeKind?.allSatisfy { $0.falseRecordPairs == 0 } == true)
        #expect(report.byErrorKind?.allSatisfy { $0.missedPairs == 0 } == true)
    }

    @Test func evaluationFileErrorsNameFileLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-eval-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/pairs.csv"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("id_a,id_b,score,decision,explanation\na,b,1.0,maybe,x\n".utf8))
        #expect(throws: EvaluationFiles.Failure.invalidDecision(file: path, line: 2)) { try EvaluationFiles.pairs(path: path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data("id,cluster\na,1\n".utf8))
        #expect(throws: EvaluationFiles.Failure.missingColumn(file: path, column: "cluster_id")) {
            try EvaluationFiles.clusters(path: path)
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data("id,person_id\na,P1\na,P2\n".utf8))
        #expect(throws: EvaluationFiles.Failure.duplicateRecord(file: path, line: 3)) { try EvaluationFiles.truth(path: path) }
    }
}
