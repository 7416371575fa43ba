import Testing
import VigieIdentity
@testable import VigieMatch

/// The cell's decisions (review page's decisions.csv), review.csv's order and the `via` column.
@Suite struct ReviewLabelsTests {
    @Test func decisionsFileIsReadByColumnName() throws {
        let text = "id_a,id_b,decision,operator,comment\nA,B,match,cell1,vu\nC,D,non-match,cell1,\nE,F,maybe,cell2,x\nA,B,non-match,cell2,corrige\n"
        let (labels, errors) = try PairLabels.parse(bytes: Array(text.utf8))
        #expect(labels.count == 2)
        #expect(labels[0].verdict == .nonMatch && labels[0].operatorName == "cell2")  // the later row wins
        #expect(labels[1] == PairLabel(idA: "C", idB: "D", verdict: .nonMatch, operatorName: "cell1"))
        #expect(errors == [.row(line: 4, reason: "column 'decision' is not match or non-match")])
        // The three-column form.
        #expect(try PairLabels.parse(bytes: Array("id_a,id_b,decision\nA,B,match\n".utf8)).labels.count == 1)
        #expect(throws: PairLabelError.missingColumn("decision")) { try PairLabels.parse(bytes: Array("id_a,id_b\nA,B\n".utf8)) }
    }

    func run(_ records: [PreparedRecord], labels: LabelledPairs = LabelledPairs()) -> DedupeResult {
        Deduplicator(model: .builtIn, threads: 2).run(records, labels: labels)
    }

    /// A non-match label separates two records the engine merged, for good (also through clustering); a match
    /// label links a pair the engine left in review.
    @Test func labelsOverrideTheEngine() throws {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        let ids = records.map(\.id)
        let before = run(records)
        let merged = try #require(before.pairs.first { $0.decision == .match })
        let reviewed = try #require(before.reviewQueue.first)
        let labels = LabelledPairs(
            [PairLabel(idA: ids[Int(merged.a)], idB: ids[Int(merged.b)], verdict: .nonMatch),
             PairLabel(idA: ids[Int(reviewed.a)], idB: ids[Int(reviewed.b)], verdict: .match)], ids: ids)
        let after = run(records, labels: labels)
        #expect(after.clusterOf[Int(merged.a)] != after.clusterOf[Int(merged.b)])
        #expect(!after.pairs.contains { ($0.a, $0.b) == (merged.a, merged.b) })
        let linked = after.pairs.first { ($0.a, $0.b) == (reviewed.a, reviewed.b) }
        #expect(linked?.via == .label)
        #expect(after.labelsApplied == 2)
    }

    /// review.csv holds the review items, each once, the most teaching first and the same order on every run.
    @Test func reviewOrderIsAPermutationOfTheQueue() {
        let result = run(GeneratedCorpus.prepared(GeneratedCorpus.small))
        let order = result.reviewOrder
        #expect(order.count == result.reviewQueue.count)
        #expect(Set(order.map { [$0.a, $0.b] }) == Set(result.reviewQueue.map { [$0.a, $0.b] }))
        #expect(order.map { [$0.a, $0.b] } == run(GeneratedCorpus.prepared(GeneratedCorpus.small)).reviewOrder.map { [$0.a, $0.b] })
        // The first items are of distinct kinds (round-robin over the groups).
        let kinds = order.prefix(5).map { $0.vector.pattern &* 8192 &+ Int($0.alerts.rawValue) }
        #expect(Set(kinds).count == kinds.count || Set(order.map { $0.vector.pattern }).count < 5)
    }

    /// A match inside a cluster whose own decision was not a match says so (`via` cluster), and the review items
    /// are the review pairs not marked `covered`.
    @Test func viaMarksClusterPromotionsAndCoveredPairs() {
        let result = run(GeneratedCorpus.prepared(GeneratedCorpus.training))
        let scorer = Scorer(model: .builtIn, population: result.clusterOf.count)
        for p in result.pairs where p.decision == .match && p.via == .score {
            #expect(scorer.decide(p.vector, score: p.score).0 == .match || p.score >= scorer.matchThreshold || p.vector.ins == .equal)
        }
        #expect(result.pairs.contains { $0.via == .cluster })
        let items = result.pairs.filter { $0.decision == .review && !$0.redundantReview && $0.via != .covered }.count
        #expect(items == result.reviewQueue.count)
    }

    @Test func calibrationMovesLittleOnFewLabelsAndStopsAtANonMatch() {
        let unlabelled = (0..<200).map { 9.9 - Double($0) * 0.01 }
        // 30 labelled matches between 9 and 10 bits: the threshold comes down, within the precision budget.
        let matches = (0..<30).map { (score: 9.95 - Double($0) * 0.03, isMatch: true) }
        let lowered = LabelCalibration.matchThreshold(current: 10, labelled: matches, unlabelled: unlabelled, automaticPairs: 20_000)
        #expect(lowered < 10 && lowered >= 9)
        // A non-match at 9.515 stops it above 9.515.
        let stopped = LabelCalibration.matchThreshold(
            current: 10, labelled: matches + [(score: 9.515, isMatch: false)], unlabelled: unlabelled, automaticPairs: 20_000)
        #expect(stopped > 9.515)
        // Three labels cannot vouch for the 200 pairs below them among 100 automatic ones: the threshold only
        // comes down to where it promotes no unlabelled pair.
        let few = LabelCalibration.matchThreshold(
            current: 10, labelled: Array(matches.prefix(3)), unlabelled: unlabelled, automaticPairs: 100)
        #expect(few > 9.9)
    }
}
