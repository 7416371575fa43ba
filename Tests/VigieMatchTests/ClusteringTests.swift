import Testing
import VigieIdentity
@testable import VigieMatch

@Suite struct ClusteringTests {
    /// Two twins and a record without first name that looks like both: each twin links strongly to the
    /// bare record, but the twins contradict each other. Connected components would merge all three.
    @Test func weakLinksDoNotChainIntoOneCluster() throws {
        let records = [
            try record("T1", "LEROUX", "LUCAS", "M", "2001-06-02", place: "35238"),
            try record("T2", "LEROUX", "THEO", "M", "2001-06-02", place: "35238"),
            try record("X", "LEROUX", "", "M", "2001-06-02", place: "35238"),
        ]
        let result = Deduplicator(model: .builtIn, threads: 2).run(records)
        let c = result.clusterOf
        #expect(c[0] != c[1], "the twins must stay apart")
        for p in result.pairs where p.decision == .match {
            let ids = Set([records[Int(p.a)].id, records[Int(p.b)].id])
            #expect(ids != ["T1", "T2"])
        }
    }

    @Test func everyPairInsideAClusterIsCheckedAndListed() throws {
        let records = [
            try record("A", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238"),
            try record("B", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238"),
            try record("C", "LE ROUX", "SOLENE", "F", "1987-03-14", place: "35238"),
            try record("D", "BERTHIER", "MARC", "M", "1954-11-02", place: "13055"),
        ]
        let result = Deduplicator(model: .builtIn, threads: 2).run(records)
        #expect(result.clusterOf[0] == result.clusterOf[1])
        #expect(result.clusterOf[0] == result.clusterOf[2])
        #expect(result.clusterOf[3] != result.clusterOf[0])
        #expect(result.pairs.filter { $0.decision == .match }.count == 3)
    }
}

@Suite struct ClusteringContradictionTests {
    /// A review-level pair with a contradiction (different first names) must stop a merge as much as a
    /// match-level one: here the bare record links to both twins, the twins' own pair is only review.
    @Test func reviewPairWithContradictionBlocksTheMerge() throws {
        let records = [
            try record("T1", "QUELLEC", "MATHIS", "M", "2001-06-02"),
            try record("T2", "QUELLEC", "ELOUAN", "M", "2001-06-02"),
            try record("X", "QUELLEC", "", "M", "2001-06-02"),
        ]
        let scorer = Scorer(model: .builtIn, population: 3)
        let twins = scorer.evaluate(records[0], records[1], termFrequencies: nil)
        #expect(twins.decision != .match)
        #expect(twins.decision == .nonMatch || twins.alerts.contains(.firstNamesDiffer))
        let result = Deduplicator(model: .builtIn, threads: 1).run(records)
        #expect(result.clusterOf[0] != result.clusterOf[1])
    }
}
