import Testing
@testable import VigieCorpus

struct EvaluationTests {
    /// Five records of three persons: A = {r1, r2}, B = {r3}, C = {r4, r5}.
    static let truth: [(record: String, person: String)] = [("r1", "A"), ("r2", "A"), ("r3", "B"), ("r4", "C"), ("r5", "C")]

    @Test func aPerfectClusteringScoresOne() throws {
        let clusters = Self.truth.map { (record: $0.record, cluster: "k" + $0.person) }
        let report = try Evaluation.evaluate(EvaluationInput(truth: Self.truth, clusters: clusters))
        #expect(report.pairwise.precision == 1)
        #expect(report.pairwise.recall == 1)
        #expect(report.pairwise.f1 == 1)
        #expect(report.pairwise.f05 == 1)
        #expect(report.bCubed.precision == 1)
        #expect(report.bCubed.recall == 1)
        #expect(report.collisions.clusters == 0)
        #expect(report.duplicates.persons == 0)
        #expect(report.clusters == 3 && report.persons == 3 && report.records == 5)
    }

    /// Clusters K1 = {r1, r2, r3} (A and B merged: a false merge), K2 = {r4}, K3 = {r5} (C split).
    ///
    /// By hand: true pairs = 1 (r1r2) + 1 (r4r5) = 2; predicted pairs = C(3,2) = 3; true positives = 1 (r1r2).
    /// Pairwise P = 1/3, R = 1/2, F1 = 2PR/(P+R) = (1/3)/(5/6) = 2/5,
    /// F0.5 = 1.25·PR/(0.25P + R) = (1.25/6)/(1/12 + 1/2) = 5/14.
    /// B³ precision = (2/3 + 2/3 + 1/3 + 1 + 1)/5 = 11/15; B³ recall = (1 + 1 + 1 + 1/2 + 1/2)/5 = 4/5.
    /// Collisions: 1 cluster, 3 records, 2 persons, 2 false pairs (r1r3, r2r3).
    /// Duplicates: 1 person (C), 1 extra cluster, 1 record outside the main cluster, 1 missed pair.
    @Test func aKnownFalseMergeGivesTheHandComputedFigures() throws {
        let clusters: [(record: String, cluster: String)] = [("r1", "K1"), ("r2", "K1"), ("r3", "K1"), ("r4", "K2"), ("r5", "K3")]
        let r = try Evaluation.evaluate(EvaluationInput(truth: Self.truth, clusters: clusters))
        #expect(r.pairwise.truePairs == 2 && r.pairwise.predictedPairs == 3 && r.pairwise.truePositives == 1)
        #expect(close(r.pairwise.precision, 1.0 / 3))
        #expect(close(r.pairwise.recall, 0.5))
        #expect(close(r.pairwise.f1, 0.4))
        #expect(close(r.pairwise.f05, 5.0 / 14))
        #expect(close(r.bCubed.precision, 11.0 / 15))
        #expect(close(r.bCubed.recall, 0.8))
        #expect(r.collisions == .init(clusters: 1, records: 3, persons: 2, falsePairs: 2))
        #expect(r.duplicates == .init(persons: 1, extraClusters: 1, records: 1, missedPairs: 1))
    }

    /// Same clustering with errors, look-alikes and scored pairs.
    ///
    /// Errors: r2 typo, r4 typo, r5 phonetic. True pairs: r1r2 {typo} kept; r4r5 {typo, phonetic} missed.
    /// → typo 2 pairs, 1 missed (recall 1/2); phonetic 1 pair, 1 missed (recall 0); none 0 pairs.
    /// Look-alike A–B (twin) merged: 2 false record pairs; other: 2 − 2 = 0.
    /// Pairs: r1r2 match, r1r3 match, r4r5 review, r2r3 non-match, r1–unknown skipped.
    /// → 2 auto matches, 1 true (precision 1/2, recall 1/2); review queue 1, true 1;
    ///   recall auto + review = 2/2; queue per 1 000 records = 1 × 1000 / 5 = 200.
    /// By kind: typo auto 1/2, auto+review 2/2; phonetic auto 0/1, auto+review 1/1.
    /// Twin record pairs decided match: 1 (r1r3); in review: 0.
    @Test func breakdownsByErrorKindLookAlikeAndPairs() throws {
        let clusters: [(record: String, cluster: String)] = [("r1", "K1"), ("r2", "K1"), ("r3", "K1"), ("r4", "K2"), ("r5", "K3")]
        let input = EvaluationInput(
            truth: Self.truth, clusters: clusters,
            pairs: [
                .init(a: "r1", b: "r2", decision: .match), .init(a: "r3", b: "r1", decision: .match),
                .init(a: "r4", b: "r5", decision: .review), .init(a: "r2", b: "r3", decision: .nonMatch),
                .init(a: "r1", b: "zz", decision: .match),
            ],
            errors: [("r1", []), ("r2", ["typo"]), ("r4", ["typo"]), ("r5", ["phonetic"])],
            lookAlikes: [.init(person: "A", kind: "twin", other: "B")])
        let r = try Evaluation.evaluate(input)
        let kinds = try #require(r.byErrorKind)
        #expect(kinds.map(\.kind) == ["phonetic", "typo", "none"])
        #expect(kinds[1].truePairs == 2 && kinds[1].missedPairs == 1 && close(kinds[1].recall, 0.5))
        #expect(kinds[0].truePairs == 1 && kinds[0].missedPairs == 1 && kinds[0].recall == 0)
        #expect(kinds[2].truePairs == 0 && kinds[2].recall == nil)
        #expect(close(kinds[1].autoMatchRecall, 0.5) && kinds[1].autoPlusReviewRecall == 1)
        #expect(kinds[0].autoMatchRecall == 0 && kinds[0].autoPlusReviewRecall == 1)

        let s = try #require(r.scoredPairs)
        #expect(s.pairs == 4 && s.rowsWithUnknownRecords == 1)
        #expect(s.autoMatches == 2 && s.autoMatchesTrue == 1 && close(s.autoMatchPrecision, 0.5))
        #expect(close(s.autoMatchRecall, 0.5))
        #expect(s.reviewQueue == 1 && s.reviewTrue == 1 && s.autoPlusReviewRecall == 1)
        #expect(close(s.reviewQueuePer1000Records, 200))

        let looks = try #require(r.byLookAlikeKind)
        #expect(looks.map(\.kind) == ["twin", "other"])
        #expect(looks[0] == .init(kind: "twin", personPairs: 1, mergedPersonPairs: 1, falseRecordPairs: 2, autoMatchPairs: 1, reviewPairs: 0))
        #expect(looks[1].falseRecordPairs == 0 && looks[1].autoMatchPairs == 0)
    }

    /// Records absent from the clustering are singletons: all five missing gives recall 0 and no precision.
    @Test func missingRecordsAreSingletons() throws {
        let r = try Evaluation.evaluate(EvaluationInput(truth: Self.truth, clusters: [("x", "K")]))
        #expect(r.recordsMissingFromClusters == 5 && r.clusterRowsNotInTruth == 1)
        #expect(r.pairwise.precision == nil && r.pairwise.recall == 0)
        #expect(r.duplicates.persons == 2)
        #expect(r.text.contains("n/a"))
    }

    @Test func duplicateIdsAreRejected() {
        #expect(throws: Evaluation.Failure.duplicateTruthRecord(index: 1)) {
            try Evaluation.evaluate(EvaluationInput(truth: [("a", "P"), ("a", "Q")], clusters: []))
        }
        #expect(throws: Evaluation.Failure.duplicateClusterRecord(index: 1)) {
            try Evaluation.evaluate(EvaluationInput(truth: [("a", "P")], clusters: [("a", "1"), ("a", "2")]))
        }
        #expect(throws: Evaluation.Failure.emptyTruth) {
            try Evaluation.evaluate(EvaluationInput(truth: [], clusters: []))
        }
    }

    @Test func fixedDecimalFormatting() {
        #expect(EvaluationReport.format(1) == "1.0000")
        #expect(EvaluationReport.format(1.0 / 3) == "0.3333")
        #expect(EvaluationReport.format(0.99996) == "1.0000")
        #expect(EvaluationReport.format(nil) == "n/a")
        #expect(EvaluationReport.format(200, digits: 1) == "200.0")
    }

    private func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) < 1e-12
    }
}
