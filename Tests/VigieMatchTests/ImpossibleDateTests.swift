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

    /// A lunar date (PAM FR §6.18.1, INSi DateLunaire) is a real date only as written: equal counts, a
    /// "one digit apart" or "swapped" lunar date does not.
    @Test func aLunarDateIsEvidenceOnlyWhenEqual() throws {
        #expect(try level("1979-13-35", "1979-13-35") == .exact)
        #expect(try level("1979-13-35", "1979-12-35") == .missing)
        #expect(try level("1979-02-31", "1979-02-21") == .missing)
        #expect(try level("1979-02-31", "1979-02-13") == .missing)
        // Calendar dates keep their levels.
        #expect(try level("1979-12-25", "1979-12-24") == .oneDigit)
    }
}
