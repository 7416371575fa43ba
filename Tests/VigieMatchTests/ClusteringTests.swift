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

/// A record that fits two clusters which contradict each other joins neither (``Clustering``).
@Suite struct AmbiguousRecordTests {
    /// Two namesakes (same names, sex and date, born in two places: a look-alike the generator plants) and a
    /// record without birth place that fits both. Strongest link first would give it to one of them.
    @Test func recordWithoutPlaceBetweenTwoNamesakesJoinsNeither() throws {
        let records = [
            try record("A1", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "78066"),
            try record("A2", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "78066"),
            try record("B1", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "13055"),
            try record("B2", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "13055"),
            try record("M", "LAUR", "HENRIETTE", "F", "1948-04-11"),
        ]
        let result = Deduplicator(model: .builtIn, threads: 2).run(records)
        let c = result.clusterOf
        #expect(c[0] == c[1])
        #expect(c[2] == c[3])
        #expect(c[0] != c[2])
        #expect(c[4] != c[0] && c[4] != c[2], "the record without place must join neither namesake")
        let ambiguous = result.pairs.filter { $0.decision == .review && $0.alerts.contains(.ambiguousRecord) }
        #expect(!ambiguous.isEmpty)
        #expect(ambiguous.allSatisfy { $0.a == 4 || $0.b == 4 })
        // Review items name the alert, never a trait.
        for p in result.reviewQueue {
            let text = result.explanation(of: p).description
            #expect(!text.contains("LAUR") && !text.contains("1948"))
        }
    }

    /// Without a contradicting cluster, the record without place joins its only candidate: recall is kept.
    @Test func recordWithoutPlaceJoinsASingleCluster() throws {
        let records = [
            try record("A1", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "78066"),
            try record("A2", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "78066"),
            try record("M", "LAUR", "HENRIETTE", "F", "1948-04-11"),
        ]
        let c = Deduplicator(model: .builtIn, threads: 2).run(records).clusterOf
        #expect(c[0] == c[1] && c[1] == c[2])
    }

    /// Two twins and a record without first names: it fits both, so it joins neither.
    @Test func recordWithoutFirstNamesBetweenTwinsJoinsNeither() throws {
        let records = [
            try record("T1", "LEROUX", "LUCAS", "M", "2001-06-02", place: "35238"),
            try record("T1b", "LEROUX", "LUCAS", "M", "2001-06-02", place: "35238"),
            try record("T2", "LEROUX", "THEO", "M", "2001-06-02", place: "35238"),
            try record("X", "LEROUX", "", "M", "2001-06-02", place: "35238"),
        ]
        let c = Deduplicator(model: .builtIn, threads: 2).run(records).clusterOf
        #expect(c[0] == c[1])
        #expect(c[3] != c[0] && c[3] != c[2])
    }

    /// A record whose own cluster beats the other by the match threshold stays: the same INS in its cluster.
    @Test func recordClearlyBelongingToItsClusterStays() throws {
        let ins = matricule("2480478066012")
        let records = [
            try record("A1", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "78066", ins: ins),
            try record("A2", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "78066"),
            try record("B1", "LAUR", "HENRIETTE", "F", "1948-04-11", place: "13055"),
            try record("M", "LAUR", "HENRIETTE", "F", "1948-04-11", ins: ins),
        ]
        let c = Deduplicator(model: .builtIn, threads: 2).run(records).clusterOf
        #expect(c[3] == c[0], "same INS: the record belongs to A")
        #expect(c[2] != c[0])
    }
}
