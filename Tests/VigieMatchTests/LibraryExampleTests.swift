import Foundation
import Testing
import VigieIdentity
import VigieMatch

/// The README's "As a Swift library" example, line for line, on the bundled sample (corpus/sample): if the public
/// API it shows changes, this stops compiling or fails.
@Suite struct LibraryExampleTests {
    @Test func readmeExampleRunsOnTheSample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("corpus/sample/records.csv").path

        let raw = try BatchCSV.read(contentsOf: path).records
        let batch = PreparedRecord.prepare(raw, leniency: .lenient)
        let records = batch.records
        let s = score(records[0], records[1], model: .builtIn)
        let result = Deduplicator(model: MatchModel.trained(on: records), threads: 2).run(records)
        let live = LiveMatcher(model: .builtIn)
        live.upsert(contentsOf: records)
        let candidates = live.candidates(for: records[0], limit: 5)

        #expect(records.count == raw.count && batch.errors.isEmpty)
        #expect(!s.explanation.contributions.isEmpty)
        #expect(result.clusterOf.count == records.count && result.clusterCount < records.count)
        #expect(result.reviewQueue.allSatisfy { $0.decision == .review })
        #expect(candidates.count <= 5)
        #expect(candidates.allSatisfy { $0.id != records[0].id && $0.score.decision != .nonMatch })
    }
}
