import Testing
@testable import VigieText

@Suite struct PhonexTests {
    /// Yomguithereal/talisman `test/phonetics/french/phonex.js` (all 14 vectors), on the raw inputs.
    @Test(arguments: [
        ("PHYLAURHEIMSMET", "FILOR4SNY"), ("Martin", "NORTIN"), ("Bernard", "FYRNOR"), ("Faure", "FORE"),
        ("Perez", "TYRYZ"), ("Gros", "GROS"), ("Chapuis", "5OTUIS"), ("Boyer", "F2YR"), ("Gauthier", "KOTIYR"),
        ("Rey", "RY"), ("Barthélémy", "FORTILINI"), ("Henry", "H1RI"), ("Moulin", "N3LIN"), ("Rousseau", "R3SO"),
    ])
    func talismanVectors(_ input: String, _ expected: String) {
        #expect(FrenchPhonetic.phonex(input) == expected)
    }

    /// talisman maps É to Y (then Y to I); the Pennaforte/lovasoa port strips accents first and gives
    /// `FORTELENI` (research §1.4, verified). On INS forms (no accents) both agree: that is what Vigie feeds.
    @Test func accentedEIsTalismansYButINSFormsHaveNoAccent() throws {
        #expect(FrenchPhonetic.phonex("Barthélémy") == "FORTILINI")
        #expect(FrenchPhonetic.phonex(try INSForm.normalise("Barthélémy")) == "FORTELENI")
    }

    /// talisman codes SCH as one sound; Pennaforte/lovasoa does CH first and gives `TES51TS` (research §1.4).
    @Test func schIsOneSoundAsInTalisman() {
        #expect(FrenchPhonetic.phonex("DESCHAMPS") == "TE51TS")
    }

    /// talisman drops Ç (not in its accent table); the INS form turns it into C first (research §1.4).
    @Test func cedilla() throws {
        #expect(FrenchPhonetic.phonex("FRANÇOIS") == "FRON2S")
        #expect(FrenchPhonetic.phonex(try INSForm.normalise("FRANÇOIS")) == "FR1K2S")
    }

    /// Research §8 (talisman column), on INS forms.
    @Test(arguments: [
        ("DUBOIS", "TUF2S"), ("DUPONT", "TUT1"), ("DUPOND", "TUT1"), ("LEFEBVRE", "LEFEFRE"), ("LEFEVRE", "LEFEFRE"),
        ("GAUTIER", "KOTIYR"), ("ROUSSOT", "R3SO"), ("FORT", "FOR"), ("HENRI", "H1RI"), ("MULLER", "NULYR"),
        ("JEAN-PIERRE", "GE1TIYRE"), ("CATHERINE", "KOTYRINE"), ("KATHERINE", "KOTYRINE"), ("NATHALIE", "NOTOLIE"),
        ("DE LA FONTAINE", "TELOF1TYNE"), ("SAINT-MARTIN", "S4TNORTIN"), ("ST MARTIN", "STNORTIN"),
    ])
    func researchTable(_ input: String, _ expected: String) {
        #expect(FrenchPhonetic.phonex(input) == expected)
    }

    @Test func emptyInput() {
        #expect(FrenchPhonetic.phonex("") == "")
        #expect(FrenchPhonetic.phonex("-' ") == "")
    }
}

/// 4000 corpus names, coded by talisman itself (fixture `talisman-phonetics.csv`, generation described in
/// Fixtures/README.md). The three algorithms were also checked on all 243 842 corpus names the same way.
@Suite struct TalismanFixtureTests {
    static let rows = TestSupport.fixtureRows("talisman-phonetics.csv")

    @Test func fixtureIsThere() {
        #expect(Self.rows.count == 4000)
        #expect(Self.rows.allSatisfy { $0.count == 6 })
    }

    @Test func phonexMatchesTalisman() {
        let mismatches = Self.rows.filter { FrenchPhonetic.phonex($0[0]) != $0[1] }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func soundex2MatchesTalismanWithEverySeparatorRemoved() {
        let mismatches = Self.rows.filter { FrenchPhonetic.soundex2($0[0]) != $0[2] }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // Where talisman (first separator only) differs, the name has two separators or more.
        let differing = Self.rows.filter { $0[2] != $0[4] }
        #expect(!differing.isEmpty)
        #expect(differing.allSatisfy { row in row[0].filter { $0 == " " || $0 == "-" || $0 == "'" }.count >= 2 })
    }

    @Test func sonnexMatchesPatchedTalismanWordByWord() {
        let mismatches = Self.rows.filter { FrenchPhonetic.sonnex($0[0]) != $0[3] }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // Single words without an inner `ain` are coded exactly as unpatched talisman codes them.
        let plain = Self.rows.filter { row in
            !row[0].contains(" ") && !row[0].contains("-") && !row[0].dropFirst().contains("AIN")
        }
        #expect(plain.count > 3000)
        let plainMismatches = plain.filter { $0[3] != $0[5] }
        #expect(plainMismatches.isEmpty, "\(plainMismatches.prefix(10))")
    }
}
