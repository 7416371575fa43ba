import Foundation
import Testing
@testable import VigieMatch

/// A model saved with its term frequencies reads back as the same model and the same frequencies.
@Suite struct ModelFileTests {
    @Test func modelAndTermFrequenciesRoundTrip() throws {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        let tf = TermFrequencies(records: records)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.save(.builtIn, termFrequencies: tf, to: path)

        #expect(try MatchModel.load(contentsOf: path) == .builtIn)
        let read = try #require(try ModelFile.termFrequencies(contentsOf: path))
        #expect(read.total == records.count)
        #expect(read.birthNames == tf.birthNames)
        #expect(read.firstNames == tf.firstNames)
        #expect(!tf.birthNames.isEmpty)
    }

    @Test func aModelSavedWithoutFrequenciesHasNone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MatchModel.builtIn.save(to: path)
        #expect(try ModelFile.termFrequencies(contentsOf: path) == nil)
    }
}
