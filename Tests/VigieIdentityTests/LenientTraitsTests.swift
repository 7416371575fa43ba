import Foundation
import Testing
@testable import VigieIdentity

/// Lenient readers for batch matching. Each case pairs the lenient reading with the strict one, which must
/// keep refusing (INSi, HL7 and the RI rely on it).
@Suite struct LenientTraitsTests {
    @Test(arguments: [
        ("12/05/1970", "1970-05-12"), ("12-05-1970", "1970-05-12"), ("12.05.1970", "1970-05-12"),
        ("2/5/1970", "1970-05-02"), ("19700512", "1970-05-12"), ("12051970", "1970-05-12"),
        ("1970/05/12", "1970-05-12"), ("1970-5-2", "1970-05-02"), (" 1970-05-12T00:00:00 ", "1970-05-12"),
        ("12/05/1970 00:00", "1970-05-12"), ("1970-05-12 00:00:00", "1970-05-12"),
        // US order only when the day/month order is impossible.
        ("05/13/1970", "1970-05-13"),
        // An impossible date keeps its digits (the swapped-date comparison needs them), as a lunar date does.
        ("13/13/1970", "1970-13-13"), ("00/00/1970", "1970-00-00"),
    ])
    func datesInOtherLayoutsAreRead(_ text: String, _ iso: String) throws {
        #expect(throws: BirthDateError.self) { try BirthDate(lunar: text) }
        #expect(LenientTraits.birthDate(text)?.iso == iso)
    }

    @Test(arguments: ["12/05/70", "1970", "12/05", "0000-00-00", "12//05/1970", "1970-05-12-01", "le 12 mai 1970", "", "/05/1970"])
    func datesThatCannotMeanOneDayAreRefused(_ text: String) {
        #expect(LenientTraits.birthDate(text) == nil)
    }

    @Test func aBirthPlaceWithItsLeadingZeroLostIsRestoredOnlyWhenTheCOGKnowsIt() throws {
        #expect(throws: BirthPlaceError.length(found: 4)) { try BirthPlace("1053") }
        #expect(LenientTraits.birthPlace("1053")?.code == "01053")
        #expect(LenientTraits.birthPlace("1053.0")?.code == "01053")
        #expect(LenientTraits.birthPlace(" 75 056 ")?.code == "75056")
        #expect(LenientTraits.birthPlace("75056,0")?.code == "75056")
        #expect(LenientTraits.birthPlace("9999") == nil)  // 09999 is no commune
        #expect(LenientTraits.birthPlace("756") == nil)
        #expect(LenientTraits.birthPlace("PARIS") == nil)
    }

    @Test func aMatriculeInGroupsIsReadOnlyWhenItsKeyChecks() throws {
        let printed = "2 97 02 2A 020 778 78"  // the public CNDA identity ADRTROIS, as on a carte Vitale
        #expect(throws: MatriculeError.self) { try Matricule(printed) }
        #expect(LenientTraits.matricule(printed)?.value == "297022A02077878")
        #expect(LenientTraits.matricule("2.97.02.2A.020.778.78")?.value == "297022A02077878")
        #expect(LenientTraits.matricule("2\u{A0}97\u{202F}02 2A 020 778 78")?.value == "297022A02077878")
        // A typo in the number: the key no longer checks, in any form.
        #expect(throws: MatriculeError.self) { try Matricule("297022A02077978") }
        #expect(LenientTraits.matricule("2 97 02 2A 020 779 78") == nil)
        #expect(LenientTraits.matricule("297022A020778") == nil)  // no key: nothing to check it with
        #expect(LenientTraits.matricule("2.97022020778E+14") == nil)  // digits lost: never padded
        // A spreadsheet number that kept all 15 digits (the Corsican 2A cannot become a number).
        let nir = "1700575056123"
        let key = try Matricule.expectedKey(forNumber: nir)
        let full = nir + (key < 10 ? "0" : "") + String(key)
        let excel = String(full.prefix(1)) + "." + full.dropFirst() + "E+14"
        #expect(LenientTraits.matricule(excel)?.value == full)
        #expect(LenientTraits.matricule(excel.replacingOccurrences(of: ".", with: ",").lowercased())?.value == full)
        #expect(LenientTraits.matricule(excel.replacingOccurrences(of: "E+14", with: "E+15")) == nil)
        #expect(LenientTraits.matricule(String(excel.dropLast(6)) + "E+14") == nil)  // 1.70057505612E+14
        #expect(LenientTraits.matricule("XXXX") == nil)
    }

    @Test func sexCodesAreMappedOnlyWhereTheyMeanOneThing() {
        for (code, sex) in [("1", Sex.male), ("H", .male), ("homme", .male), ("Masculin", .male), ("2", .female),
                            ("Femme", .female), ("FÉMININ", .female), ("female", .female)] {
            #expect(Sex(code: code) == .unknown)  // the strict reader (HL7, INSi) is unchanged
            #expect(LenientTraits.sex(code) == (sex, .mapped))
        }
        #expect(LenientTraits.sex(" M ") == (.male, .standard))
        #expect(LenientTraits.sex("f") == (.female, .standard))
        for code in ["", "U", "0", "9", "X", "I"] { #expect(LenientTraits.sex(code) == (.unknown, .standard)) }
        for code in ["3", "MF", "?"] { #expect(LenientTraits.sex(code) == (.unknown, .unrecognised)) }
    }
}
