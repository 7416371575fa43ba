import Testing
import VigieIdentity
@testable import VigieMatch

/// Impossible dates are not evidence (issue #18 §7.6): `1979-13-40` against `1979-12-40` was an automatic match
/// (`birth_date=one-digit(+7.0)`), with no warning.
@Suite struct ImpossibleDateTests {
    func level(_ x: String, _ y: String) throws -> DateLevel {
        Comparator.compare(try record("1", "MARTIN", "ANNE", "F", x), try record("2", "MARTIN", "ANNE", "F", y)).birthDate
    }

    @Test func aDateThatIsNoDateIsRefusedByTheStrictReader() {
        #expect(throws: RecordError.self) { try record("1", "MARTIN", "ANNE", "F", "1979-13-40") }
    }

    @Test func aDateThatIsNoDateIsDroppedWithAWarningByTheLenientReader() throws {
        let raw = RawRecord(id: "1", birthName: "MARTIN", firstNames: "ANNE", sex: "F", birthDate: "1979-13-40", line: 2)
        let batch = PreparedRecord.prepare([raw], threads: 1, leniency: .lenient)
        #expect(batch.records.count == 1)
        #expect(batch.records.first?.birthDate == nil)
        #expect(batch.warnings.contains { $0.field == .birthDate })
    }

    /// The pair of the report: no longer "one digit apart" (+7.0). The lenient reader drops the impossible date
    /// (with its warning), so the birth date is no evidence either way.
    @Test func theReportedPairIsNoLongerOneDigitApart() throws {
        let batch = PreparedRecord.prepare(
            [RawRecord(id: "1", birthName: "MARTIN", firstNames: "ANNE", sex: "F", birthDate: "1979-13-40", line: 2),
             RawRecord(id: "2", birthName: "MARTIN", firstNames: "ANNE", sex: "F", birthDate: "1979-12-40", line: 3)],
            threads: 1, leniency: .lenient)
        #expect(batch.records.count == 2)
        #expect(Comparator.compare(batch.records[0], batch.records[1]).birthDate == .missing)
        // Lunar dates within PAM FR's bounds keep their levels (a swapped lunar month is a plausible typo).
        #expect(try level("1979-12-35", "1979-12-35") == .exact)
    }
}
