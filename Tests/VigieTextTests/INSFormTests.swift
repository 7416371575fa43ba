import Testing
@testable import VigieText

@Suite struct INSFormTests {
    /// The acceptance examples, and the research note's ICU table (§10.1, ICU 72.1).
    @Test(arguments: [
        ("Lætitia", "LAETITIA"),
        ("D’Alembert-Cœur", "D'ALEMBERT-COEUR"),
        ("Élodie Müller", "ELODIE MULLER"),
        ("Éléonore Œdipe", "ELEONORE OEDIPE"),
        ("Strauß", "STRAUSS"),
        ("François", "FRANCOIS"),
        ("Ørsted", "ORSTED"),
        ("Ñúñez", "NUNEZ"),
        ("Łukasz", "LUKASZ"),
        ("Jean\u{2011}Pierre", "JEAN-PIERRE"),
        ("l’Hôpital", "L'HOPITAL"),
        ("Đorđević", "DORDEVIC"),
        ("Þór", "THOR"),
        ("İsmail Mıhçı", "ISMAIL MIHCI"),
        ("Мария", "MARIA"),
        ("Jose\u{301}", "JOSE"),
        ("ǅ", "DZ"),
        ("ẞ", "SS"),
    ])
    func normalises(_ input: String, _ expected: String) throws {
        #expect(try INSForm.normalise(input) == expected)
    }

    /// CNDA test 2.03 case 3 (ins-domain research §1.7): `D’ÆION` / `CŒUR` are invalid as typed and must be
    /// transliterated before calling INSi.
    @Test func cndaLigaturesAndTypographicApostrophe() throws {
        #expect(!INSForm.isValid("D’ÆION"))
        #expect(!INSForm.isValid("CŒUR"))
        #expect(try INSForm.normalise("D’ÆION") == "D'AEION")
        #expect(try INSForm.normalise("CŒUR") == "COEUR")
    }

    @Test func exoticSpacesAndDashesAreSeparators() throws {
        #expect(try INSForm.normalise("JEAN\u{A0}PIERRE") == "JEAN PIERRE")
        #expect(try INSForm.normalise("JEAN\u{2003}PIERRE") == "JEAN PIERRE")
        #expect(try INSForm.normalise("JEAN\u{2014}PIERRE") == "JEAN-PIERRE")
        #expect(try INSForm.normalise("JEAN\u{2212}PIERRE") == "JEAN-PIERRE")
        #expect(try INSForm.normalise("O\u{2018}NEIL") == "O'NEIL")
        #expect(try INSForm.normalise("O`NEIL") == "O'NEIL")
    }

    @Test func invisibleFormattingIsDropped() throws {
        #expect(try INSForm.normalise("\u{FEFF}MARTIN") == "MARTIN")
        #expect(try INSForm.normalise("MAR\u{AD}TIN") == "MARTIN")
        #expect(try INSForm.normalise("MAR\u{200B}TIN") == "MARTIN")
    }

    @Test func typedErrors() {
        #expect(throws: TraitTextError.empty) { try INSForm.normalise("") }
        #expect(throws: TraitTextError.empty) { try INSForm.normalise(" - ' ") }
        #expect(throws: TraitTextError.digit(offset: 5)) { try INSForm.normalise("LOUIS14") }
        #expect(throws: TraitTextError.controlCharacter(offset: 0)) { try INSForm.normalise("\u{0}A") }
        #expect(throws: TraitTextError.unsupportedCharacter(offset: 7)) { try INSForm.normalise("DUPONT (NEE X)") }
        #expect(throws: TraitTextError.unsupportedCharacter(offset: 2)) { try INSForm.normalise("ST. MARTIN") }
    }

    @Test func lengthLimit() throws {
        let hundred = String(repeating: "A", count: 100)
        #expect(try INSForm.normalise(hundred) == hundred)
        #expect(throws: TraitTextError.tooLong(length: 101, limit: 100)) { try INSForm.normalise(hundred + "B") }
        #expect(throws: TraitTextError.tooLong(length: 6, limit: 5)) { try INSForm.normalise("MARTIN", limit: 5) }
        // The limit counts the normalised form: separators collapsed, ligatures expanded.
        #expect(throws: TraitTextError.tooLong(length: 101, limit: 100)) {
            try INSForm.normalise(String(repeating: "A", count: 99) + "Œ")
        }
    }

    @Test func bytesMatchTheString() throws {
        #expect(try INSForm.bytes("Cœur") == Array("COEUR".utf8))
    }

    /// PADOA's pattern `^[A-Z]+(?:(?:-{1,2}|[' ])[A-Z]+)*$` (padoa/tlsi-ins, ins-domain research §1.7).
    @Test(arguments: ["MARTIN", "D'ALEMBERT", "JEAN-PIERRE", "DUPONT--DURAND", "DE LA FONTAINE", "A"])
    func validForms(_ text: String) {
        #expect(INSForm.isValid(text))
    }

    @Test(arguments: ["", "martin", "MARTIN ", " MARTIN", "JEAN--", "JEAN---PIERRE", "D''A", "D' A", "É", "A1",
                      "-A", "JEAN -PIERRE", String(repeating: "A", count: 101)])
    func invalidForms(_ text: String) {
        #expect(!INSForm.isValid(text))
    }

    @Test func everyNormalisedFormIsValid() throws {
        for text in ["  d’  Alembert ", "JEAN - PIERRE", "Œdipe--Roi", "ŉ-A"] {
            #expect(INSForm.isValid(try INSForm.normalise(text)))
        }
    }
}
