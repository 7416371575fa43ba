import Testing
import VigieCorpus
import VigieIdentity
@testable import VigieMatch

/// `LiveMatcher.candidates` against an exhaustive scan on a generated RI: the live index must return exactly the
/// records an exhaustive scoring of every record sharing a blocking key with the query decides `match` or
/// `review`, with the same scores — whatever shortcuts its scan takes — and never a pair the exhaustive scan of
/// the whole RI rejects.
@Suite struct LiveMatcherRecallTests {
    @Test func candidatesAreThoseOfAnExhaustiveScan() {
        var records = GeneratedCorpus.prepared(GeneratedCorpus.training)
        let live = LiveMatcher(model: .builtIn)
        live.upsert(contentsOf: records)
        #expect(live.count == records.count)
        check(live, records, every: 23)

        // After removals and replacements (the keys of a removed record must leave every posting list).
        for i in stride(from: 0, to: records.count, by: 5) { live.remove(id: records[i].id) }
        records = records.enumerated().filter { $0.offset % 5 != 0 }.map(\.element)
        #expect(live.count == records.count)
        check(live, records, every: 29)
    }

    private func check(_ live: LiveMatcher, _ records: [PreparedRecord], every stride: Int) {
        let scorer = Scorer(model: .builtIn, population: records.count + 1)
        let frequencies = TermFrequencies(records: records)
        let keys = records.map { Set(BlockingPass.allKeys($0)) }
        var queries = 0
        var candidates = 0
        for (q, query) in records.enumerated() where q % stride == 0 {
            var expected: [String: Double] = [:]
            var anywhere: Set<String> = []
            for (r, other) in records.enumerated() where other.id != query.id {
                let evaluation = scorer.evaluate(query, other, termFrequencies: frequencies)
                guard evaluation.decision != .nonMatch else { continue }
                anywhere.insert(other.id)
                if !keys[r].isDisjoint(with: keys[q]) { expected[other.id] = evaluation.score }
            }
            let found = live.candidates(for: query, limit: .max)
            let scores = Dictionary(found.map { ($0.id, $0.score.score) }, uniquingKeysWith: { a, _ in a })
            #expect(scores.count == found.count, "no record twice")
            #expect(scores == expected, "query \(query.id)")
            #expect(found.allSatisfy { anywhere.contains($0.id) })
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.score.score >= $1.score.score }, "best first")
            queries += 1
            candidates += found.count
        }
        #expect(queries > 50)
        #expect(candidates > queries / 2, "the generated RI has duplicates to find")
    }
}
