import Testing
@testable import VigieMatch

/// `vigie score-blocks` pairs and scores each block alone; `vigie cluster` clusters what it kept. Together
/// they must give what one `Deduplicator.run` gives, oversized blocks (sorted neighbourhood) included.
@Suite struct BlockScorerTests {
    /// The blocks of `records` as the Spark job forms them: every record of every key, in file order.
    static func blocks(_ records: [PreparedRecord]) -> [[Int]] {
        var byKey: [UInt64: [Int]] = [:]
        for (i, r) in records.enumerated() {
            for k in BlockingPass.allKeys(r) where byKey[k]?.last != i { byKey[k, default: []].append(i) }
        }
        return byKey.values.filter { $0.count >= 2 }
    }

    @Test(arguments: [120, 6])
    func blockByBlockScoringThenClusteringEqualsOneRun(blockCap: Int) {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        let tf = TermFrequencies(records: records)
        let model = MatchModel.builtIn
        var dedupe = Deduplicator(model: model, threads: 2)
        dedupe.blockCap = blockCap
        let whole = dedupe.run(records)

        var scorer = BlockScorer(model: model, termFrequencies: tf)
        scorer.blockCap = blockCap
        var candidates: [(Int32, Int32)] = []
        var oversized = 0
        for block in Self.blocks(records) {
            if block.count > blockCap { oversized += 1 }
            for p in scorer.pairs(in: block.map { records[$0] }) {
                candidates.append((Int32(block[p.a]), Int32(block[p.b])))
            }
        }
        if blockCap < 120 { #expect(oversized > 0, "the small cap must exercise the sorted neighbourhood") }
        let split = dedupe.cluster(records, candidatePairs: candidates, termFrequencies: tf)

        #expect(split.clusterOf == whole.clusterOf)
        #expect(split.pairs.map { [$0.a, $0.b] } == whole.pairs.map { [$0.a, $0.b] })
        #expect(split.pairs.map(\.decision) == whole.pairs.map(\.decision))
        #expect(split.pairs.map(\.score) == whole.pairs.map(\.score))
        #expect(whole.pairs.count > 50)
    }
}
