import Testing
import VigieIdentity
@testable import VigieMatch

/// `BlockingReport.truthCoverage`: true pairs reached by blocking, overall and per pass, from caller labels.
@Suite struct BlockingCoverageTests {
    /// Seven invented records, three persons (traits invented for the test):
    ///
    ///     0 DUPONT Marie    F 1980-05-17          person A
    ///     1 DUPONT Marie    F 1980-05-17          person A
    ///     2 DUPONT Marie    F 1980-05-18          person A (date typo)
    ///     3 MARTIN Paul     M 1950-01-02 35238    person B
    ///     4 LEFEBVRE Paul   M 1963-08-10 35238    person B (shares only first name + place)
    ///     5 DURAND Louis    M 1980-05-17          person C
    ///     6 ROUSSEAU Jean   M 1971-03-04          person C (shares nothing: the true pair no pass reaches)
    static func records() throws -> [PreparedRecord] {
        [
            try record("R0", "DUPONT", "MARIE", "F", "1980-05-17"),
            try record("R1", "DUPONT", "MARIE", "F", "1980-05-17"),
            try record("R2", "DUPONT", "MARIE", "F", "1980-05-18"),
            try record("R3", "MARTIN", "PAUL", "M", "1950-01-02", place: "35238"),
            try record("R4", "LEFEBVRE", "PAUL", "M", "1963-08-10", place: "35238"),
            try record("R5", "DURAND", "LOUIS", "M", "1980-05-17"),
            try record("R6", "ROUSSEAU", "JEAN", "M", "1971-03-04"),
        ]
    }
    static let truth = [[0, 1, 2], [3, 4], [5, 6]]

    @Test func handCountedCase() throws {
        let dedup = Deduplicator(model: .builtIn, threads: 2)
        let candidates = dedup.blockingCandidates(try Self.records())
        let c = BlockingReport.truthCoverage(candidates: candidates, truthGroups: Self.truth)
        // True pairs: A gives (0,1) (0,2) (1,2), B gives (3,4), C gives (5,6): 5.
        #expect(c.truePairs == 5)
        // All but (5,6) are candidates: 4 of 5.
        #expect(c.reachedTruePairs == 4)
        #expect(c.share == 0.8)
        // Candidates: (0,1) (0,2) (1,2) (3,4), and (0,5) (1,5) from birth date + initial D: 6.
        #expect(c.candidatePairs == 6)
        func pass(_ p: BlockingPass) -> BlockingTruthCoverage.Pass { c.passes[p.rawValue] }
        // DUPONT + 1980: records 0, 1, 2 → 3 pairs, all true, each also found by other passes.
        #expect(pass(.nameYear) == .init(pass: .nameYear, pairs: 3, truePairs: 3, onlyThisPass: 0))
        // 1980-05-17 + D: records 0, 1, 5 → (0,1) true, (0,5) and (1,5) false.
        #expect(pass(.dateInitial) == .init(pass: .dateInitial, pairs: 3, truePairs: 1, onlyThisPass: 0))
        // PAUL + 35238: records 3, 4 → (3,4), true, and no other pass reaches it.
        #expect(pass(.firstNamePlace) == .init(pass: .firstNamePlace, pairs: 1, truePairs: 1, onlyThisPass: 1))
        // MARIE + 1980-05-17: records 0, 1.
        #expect(pass(.firstNameDate) == .init(pass: .firstNameDate, pairs: 1, truePairs: 1, onlyThisPass: 0))
        // DUPONT + MARIE, and 1980 + {DUPONT, MARIE}: records 0, 1, 2 each.
        #expect(pass(.nameFirstName) == .init(pass: .nameFirstName, pairs: 3, truePairs: 3, onlyThisPass: 0))
        #expect(pass(.unorderedNames) == .init(pass: .unorderedNames, pairs: 3, truePairs: 3, onlyThisPass: 0))
        // No INS given.
        #expect(pass(.ins) == .init(pass: .ins, pairs: 0, truePairs: 0, onlyThisPass: 0))
        #expect(candidates.reaches(.firstNamePlace, 4, 3))
        #expect(!candidates.reaches(.nameYear, 5, 6))
    }

    /// Labels out of range or repeated add no pair; singletons add none either.
    @Test func malformedGroupsAreIgnored() throws {
        let candidates = Deduplicator(model: .builtIn, threads: 1).blockingCandidates(try Self.records())
        let c = BlockingReport.truthCoverage(candidates: candidates, truthGroups: [[0, 1, 1, 99, -1], [2], [], [3, 4]])
        // (0,1) and (3,4): 2 true pairs, both reached; 2 is alone.
        #expect(c.truePairs == 2)
        #expect(c.reachedTruePairs == 2)
        let none = BlockingReport.truthCoverage(candidates: candidates, truthGroups: [])
        #expect(none.truePairs == 0 && none.reachedTruePairs == 0 && none.share == 1)
    }

    /// Measuring blocking is a separate call: it generates the run's candidate pairs and changes no output.
    @Test func measuringChangesNothing() throws {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        let dedup = Deduplicator(model: .builtIn, threads: 2)
        let before = dedup.run(records)
        let candidates = dedup.blockingCandidates(records)
        let person = Dictionary(uniqueKeysWithValues: GeneratedCorpus.small.records.map { ($0.record.id, $0.personID) })
        var groups: [String: [Int]] = [:]
        for (i, r) in records.enumerated() { groups[person[r.id]!, default: []].append(i) }
        let c = BlockingReport.truthCoverage(candidates: candidates, truthGroups: Array(groups.values))
        let after = dedup.run(records)

        #expect(before.clusterOf == after.clusterOf)
        #expect(before.pairs == after.pairs)
        #expect(before.blocking == after.blocking)
        // Same candidate pairs as the run, per pass as many generated pairs.
        #expect(candidates.candidatePairs == before.blocking.candidatePairs)
        for p in BlockingPass.allCases {
            #expect(candidates.pairCount(p) <= before.blocking.passes[p.rawValue].pairs)
            #expect(c.passes[p.rawValue].truePairs <= candidates.pairCount(p))
        }
        // Every true pair reached is a candidate of some pass, and a pass's own pairs are within the union.
        #expect(c.reachedTruePairs <= c.truePairs)
        #expect(c.reachedTruePairs >= c.passes.map(\.truePairs).max() ?? 0)
        #expect(c.passes.reduce(0) { $0 + $1.onlyThisPass } <= c.reachedTruePairs)
        #expect(c.truePairs > 0 && c.share > 0.9)
    }
}
