import Testing
import Foundation
@testable import VigieIdentity

@Suite struct MatriculeCoherenceTests {
    static func traits(sex: Sex, date: String, place: String?) -> StrictTraits {
        StrictTraits(
            birthName: "ADRTROIS", firstNames: ["DOMINIQUE"], sex: sex, birthDate: try! BirthDate(date),
            birthPlace: place.map { try! BirthPlace($0) })
    }

    @Test func cndaIdentitiesAreCoherent() throws {
        // ADRTROIS DOMINIQUE F 1997-02-26 2A020 (padoa adrtrois-dominique.fixture.ts).
        let m = try Matricule("297022A02077878")
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1997-02-26", place: "2A020")).isEmpty)
        // CORSE ANTHONY M 1980-03-02 2B020 (CNDA TEST_2.08 cas 1).
        let corse = try Matricule("180032B02040123")
        #expect(MatriculeCoherence.check(corse, against: Self.traits(sex: .male, date: "1980-03-02", place: "2B020")).isEmpty)
    }

    @Test func mismatchesAreWarnings() throws {
        let m = try Matricule("297022A02077878")
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .male, date: "1997-02-26", place: "2A020")) == [.sexMismatch])
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1996-02-26", place: "2A020")) == [.yearMismatch])
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1997-03-26", place: "2A020")) == [.monthMismatch])
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1997-02-26", place: "2A004")) == [.communeMismatch])
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1997-02-26", place: "63220")) == [.departmentMismatch])
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1997-02-26", place: "99134")) == [.abroadMismatch])
        // Unknown parts are not compared.
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .unknown, date: "1997-00-00", place: nil)).isEmpty)
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1997-02-26", place: "99999")).isEmpty)
    }

    @Test func placeThroughHistoryIsCoherent() throws {
        // Born 1970 in Afa, registered 20001; the trait may hold today's code 2A001 (COG 1976 change).
        let number = "1700320001123"
        let m = try Matricule(number: number, key: String(format: "%02d", try Matricule.expectedKey(forNumber: number)))
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .male, date: "1970-03-10", place: "2A001")).isEmpty)
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .male, date: "1970-03-10", place: "20001")).isEmpty)
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .male, date: "1970-03-10", place: "2B002")) == [.departmentMismatch])
    }

    @Test func abroadAndOddFields() throws {
        let number = "2851399134045"  // month 13: out of range; born in Spain
        let m = try Matricule(number: number, key: String(format: "%02d", try Matricule.expectedKey(forNumber: number)))
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1985-01-01", place: "99134")) == [.monthOutOfRange])
        #expect(MatriculeCoherence.check(m, against: Self.traits(sex: .female, date: "1985-01-01", place: "99109")) == [.monthOutOfRange, .countryMismatch])
        let unknownMonth = "1852599134045"
        let u = try Matricule(number: unknownMonth, key: String(format: "%02d", try Matricule.expectedKey(forNumber: unknownMonth)))
        #expect(MatriculeCoherence.check(u, against: Self.traits(sex: .male, date: "1985-07-01", place: "99134")).isEmpty)
        let odd = "3850599134045"
        let o = try Matricule(number: odd, key: String(format: "%02d", try Matricule.expectedKey(forNumber: odd)))
        #expect(MatriculeCoherence.check(o, against: Self.traits(sex: .male, date: "1985-05-01", place: "99134")) == [.unusualSexDigit])
    }
}

@Test func bornInFrenchAlgeriaBefore1962() throws {
    // Department 91–94 in the matricule, birth place 99352 (Algérie) in the traits: coherent.
    let number = "1550591352017"
    let m = try Matricule(number: number, key: String(format: "%02d", try Matricule.expectedKey(forNumber: number)))
    let traits = StrictTraits(
        birthName: "X", firstNames: ["Y"], sex: .male, birthDate: try BirthDate("1955-05-01"), birthPlace: try BirthPlace("99352"))
    #expect(MatriculeCoherence.check(m, against: traits).isEmpty)
    var spain = traits
    spain.birthPlace = try BirthPlace("99134")
    #expect(MatriculeCoherence.check(m, against: spain) == [.abroadMismatch])
}
