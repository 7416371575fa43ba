import Testing
import Foundation
@testable import VigieIdentity

/// CNDA / ANS test matricules and their published keys (research file ins-domain.md §1.3 and §2.6; origins:
/// padoa/tlsi-ins src/ins/fixtures/*, CharlieLamatte/SAPA connecteur-java/example_data/*,
/// ansforge/hl7V2-exemples SGL-Referentiel-Minimal/admission.er7).
let publishedMatricules: [(number: String, key: Int, origin: String)] = [
    ("297022A020778", 78, "ADRTROIS DOMINIQUE, padoa adrtrois-dominique.fixture.ts"),
    ("180032B020401", 23, "CORSE ANTHONY, CNDA TEST_2.08 cas 1"),
    ("160012B020777", 13, "ADRTROIS TOUSSAINT, CNDA 2.03 cas 2"),
    ("2360663220836", 56, "TCHITCHI CATARINA, CNDA 2.07 cas 1"),
    ("1090763220834", 89, "ECETINSI PIERRE-ALAIN active INS, CNDA TEST_2.04"),
    ("2090763220834", 39, "ECETINSI INSHISTO, CNDA TEST_2.04"),
    ("2090663220123", 55, "ECETINSI INSHISTO, CNDA TEST_2.04"),
    ("1090763220888", 35, "PROVISOIRE MATRICULE (NIA), CNDA TEST_2.05"),
    ("2751263220749", 74, "ADRUN ZOE, padoa README"),
    ("1100863220830", 60, "NESSI MICHELANGELO, padoa virtual mode"),
    ("2770763220829", 10, "NESSI NATHALIE, CNDA TEST_3.05 cas 3"),
    ("2790351215189", 89, "PAT-TROIS DOMINIQUE, ANS admission.er7"),
    ("1810163220751", 40, "research file §1.3 list"),
]

@Test func publishedKeysMatch() throws {
    for vector in publishedMatricules {
        #expect(try Matricule.expectedKey(forNumber: vector.number) == vector.key, "\(vector.origin)")
        let key = vector.key < 10 ? "0\(vector.key)" : "\(vector.key)"
        let m = try Matricule(vector.number + key)
        #expect(m.number == vector.number)
        #expect(m.key == vector.key)
        #expect(m.value == vector.number + key)
        #expect(try Matricule(number: vector.number, key: key) == m)
    }
}

@Test func corsicaKeepsItsLettersAndUsesNineteenEighteen() throws {
    let m = try Matricule("297022A02077878")
    #expect(m.number == "297022A020778")  // never rewritten as 20
    // 2A → 19: the key is the one of 2970219020778; "20" instead would give another key.
    #expect(try Matricule.expectedKey(forNumber: "2970219020778") == 78)
    #expect(try Matricule.expectedKey(forNumber: "2970220020778") != 78)
    #expect(try Matricule.expectedKey(forNumber: "1800318020401") == 23)  // 2B → 18
    #expect(try Matricule("297022a02077878").number == "297022A020778")
}

@Test func hermannGatienKeysAreRejected() {
    // CNDA TEST_2.08 cas 2 (padoa/tlsi-ins src/ins/fixtures/TEST_2.08_cas2.xml): published keys fail mod 97.
    #expect(throws: MatriculeError.keyMismatch(found: 60, expected: 76)) { try Matricule("181036322045660") }
    #expect(throws: MatriculeError.keyMismatch(found: 10, expected: 26)) {
        try Matricule(number: "2810363220456", key: "10")
    }
    // PAM FR p.18 example NIA (illustrative data): correct key would be 33.
    #expect(throws: MatriculeError.keyMismatch(found: 44, expected: 33)) { try Matricule("260058815400244") }
}

@Test func shapeErrorsNamePosition() {
    #expect(throws: MatriculeError.length(found: 14, expected: 15)) { try Matricule("29702202077878") }
    #expect(throws: MatriculeError.length(found: 16, expected: 15)) { try Matricule("2970222A02077878") }
    #expect(throws: MatriculeError.character(position: 7)) { try Matricule("297022C02077878") }
    #expect(throws: MatriculeError.character(position: 6)) { try Matricule("29702A202077878") }
    #expect(throws: MatriculeError.character(position: 7)) { try Matricule("297023A02077878") }  // 3A
    #expect(throws: MatriculeError.character(position: 1)) { try Matricule(" 97022A02077878") }
    #expect(throws: MatriculeError.character(position: 15)) { try Matricule("297022A0207787x") }
    #expect(throws: MatriculeError.character(position: 3)) { try Matricule("29é022A02077878") }
    #expect(throws: MatriculeError.length(found: 13, expected: 15)) { try Matricule(number: "297022A020778", key: "") }
    #expect(throws: MatriculeError.character(position: 14)) { try Matricule(number: "297022A020778", key: "-8") }
    #expect(throws: MatriculeError.length(found: 12, expected: 13)) { try Matricule.expectedKey(forNumber: "97022A020778") }
}

@Test func errorDescriptionsDoNotRepeatTheNumber() {
    let errors: [MatriculeError] = [.length(found: 3, expected: 15), .character(position: 7), .keyMismatch(found: 1, expected: 2)]
    for e in errors { #expect(!e.description.contains("297022")) }
}

@Test func codableRoundTripChecksTheKey() throws {
    let m = try Matricule("297022A02077878")
    let data = try JSONEncoder().encode(m)
    #expect(String(decoding: data, as: UTF8.self) == "\"297022A02077878\"")
    #expect(try JSONDecoder().decode(Matricule.self, from: data) == m)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matricule.self, from: Data("\"297022A02077879\"".utf8)) }
}

@Test func keyOfNinetySevenAndSmallKeysAreTwoDigits() throws {
    // Numbers are built here so that N mod 97 = 0 (key 97) and = 92 (key 5): the arithmetic is the definition.
    var n = 1_000_000_000_000 as Int64
    while n % 97 != 0 { n += 1 }
    #expect(try Matricule.expectedKey(forNumber: String(n)) == 97)
    #expect(try Matricule(String(n) + "97").value.hasSuffix("97"))
    var m = 1_000_000_000_000 as Int64
    while m % 97 != 92 { m += 1 }
    #expect(try Matricule(String(m) + "05").value == String(m) + "05")
    #expect(throws: MatriculeError.keyMismatch(found: 0, expected: 5)) { try Matricule(String(m) + "00") }
}
