import Testing
import VigieIdentity
@testable import VigieINSi

/// `vigie qualify` on a French export: `JJ/MM/AAAA` is the same date in another order and is read; nothing that
/// would need a guess is (INSi gets the trait as typed, or nothing).
@Suite struct QualificationBatchDateTests {
    @Test func aFrenchExportDateIsReadAsTheSameDate() throws {
        #expect(QualifyBatch.birthDate("28/03/1979") == (try BirthDate("1979-03-28")))
        #expect(QualifyBatch.birthDate(" 1979-03-28 ") == (try BirthDate("1979-03-28")))
        #expect(QualifyBatch.birthDate("00/00/1979") == (try BirthDate("1979-00-00")))
    }

    @Test func layoutsThatNeedAGuessAreRefused() {
        for text in ["28/03/79", "3/28/1979", "8/3/1979", "28-03-1979", "1979/03/28", "32/01/1979", "28/13/1979", "28/03/1979 00:00"] {
            #expect(QualifyBatch.birthDate(text) == nil, "\(text)")
        }
    }

    @Test func aRecordFromAFrenchExportBecomesAnIdentity() throws {
        let record = RawRecord(id: "1", birthName: "NESSI", firstNames: "NATHALIE", sex: "F", birthDate: "14/07/1977", birthPlace: "63220")
        let identity = try QualifyBatch.identity(from: record, normalise: false)
        #expect(identity.traits.birthDate == (try BirthDate("1977-07-14")))
    }
}
