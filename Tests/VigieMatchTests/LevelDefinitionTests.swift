import Testing
@testable import VigieMatch

/// Comparison levels are data: one definition per level gives its label, threshold, built-in m/u and role.
@Suite struct LevelDefinitionTests {
    @Test func everyFieldStartsWithMissingAndEndsWithDisagreement() {
        for f in MatchField.allCases {
            let d = f.definitions
            #expect(d[0].role == .missing && d[0].label == "missing")
            #expect(Set(d.map(\.label)).count == d.count, "labels of \(f) must be distinct")
            let firstDisagreement = d.firstIndex { $0.role == .disagreement }
            #expect(firstDisagreement != nil, "\(f) needs a disagreement level")
            if let i = firstDisagreement { #expect(d[i...].allSatisfy { $0.role == .disagreement }) }
        }
    }

    /// The label of a threshold level is made from the threshold the comparator tests.
    @Test func thresholdLevelsAreLabelledByTheirThreshold() {
        #expect(NameLevel.close.label == "jaro-winkler-\(Comparator.Thresholds.nameClose)")
        #expect(NameLevel.similar.label == "jaro-winkler-\(Comparator.Thresholds.nameSimilar)")
        #expect(FirstNameLevel.close.label == "jaro-winkler-\(Comparator.Thresholds.firstNameClose)")
        #expect(DateLevel.distantYears == 15)
    }

    /// The built-in model is the definitions' m and u, level by level.
    @Test func builtInModelIsMadeFromTheDefinitions() {
        let m = MatchModel.builtIn
        for f in MatchField.allCases {
            #expect(m.fields[f.rawValue].levels.map(\.level) == f.levels)
            #expect(m.fields[f.rawValue].levels.map(\.m) == f.definitions.map(\.m))
            #expect(m.fields[f.rawValue].levels.map(\.u) == f.definitions.map(\.u))
        }
    }

    /// A rule threshold that is a share of the file, not a count: the same pair of spellings gets the same
    /// verdict in a file 100 times bigger with the same name frequencies.
    @Test func commonFirstNamesAreARateNotACount() {
        let rules = RuleThresholds.standard
        // 3 and 30 occurrences among 17 000 records: two common names (LÉNA / LEA).
        #expect(rules.twoFirstNames(3, 30, records: 17_000))
        // The same frequencies at 1.7 M records: still two names.
        #expect(rules.twoFirstNames(300, 3_000, records: 1_700_000))
        // A spelling seen 3 times among 1.7 M records is a typo, not a name given to children, although the
        // old count rule ("seen twice") called it common.
        #expect(!rules.twoFirstNames(3, 30, records: 1_700_000))
        // Rarer than 1/20 of the other: a typo whatever the size.
        #expect(!rules.twoFirstNames(2, 100, records: 17_000))
    }

    /// Training splits a block larger than the EM block size instead of skipping it, so a file where every
    /// birth date is shared by hundreds of records still trains.
    @Test func largeBlocksAreSampledNotSkipped() throws {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        #expect(records.count > 3 * MatchModel.emBlockSize)
        let oneBlock: @Sendable (PreparedRecord) -> UInt64? = { _ in 1 }
        let (patterns, share) = MatchModel.blockedPatterns(records: records, key: oneBlock, threads: 2)
        let sampled = patterns.values.reduce(0, +)
        let total = records.count * (records.count - 1) / 2
        #expect(sampled > 0)
        #expect(abs(share - Double(sampled) / Double(total)) < 1e-12)
        let parts = (records.count + MatchModel.emBlockSize - 1) / MatchModel.emBlockSize
        // Each pair is kept when both records fall in the same part: about 1 / parts of them.
        #expect(abs(share * Double(parts) - 1) < 0.25)
    }
}
