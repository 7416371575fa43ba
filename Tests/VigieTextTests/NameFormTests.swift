import Testing
@testable import VigieText

@Suite struct NameFormTests {
    @Test func particlesAreTaggedAndLeftOutOfCompact() throws {
        let name = try NameForm("de la Fontaine")
        #expect(name.insForm == "DE LA FONTAINE")
        #expect(name.tokens == [
            NameToken(text: "DE", isParticle: true), NameToken(text: "LA", isParticle: true),
            NameToken(text: "FONTAINE", isParticle: false),
        ])
        #expect(name.compact == Array("FONTAINE".utf8))
        #expect(name.alternateNames.isEmpty)
    }

    @Test func elidedParticle() throws {
        let name = try NameForm("D’Alembert")
        #expect(name.insForm == "D'ALEMBERT")
        #expect(name.tokens.map(\.text) == ["D", "ALEMBERT"])
        #expect(name.tokens.map(\.isParticle) == [true, false])
        #expect(name.compact == Array("ALEMBERT".utf8))
    }

    @Test(arguments: [
        ("VAN DER BERG", "BERG"), ("VON TRAPP", "TRAPP"), ("DA SILVA", "SILVA"), ("DI MARIA", "MARIA"),
        ("DOS SANTOS", "SANTOS"), ("DEL RIO", "RIO"), ("DU PONT", "PONT"), ("DES JARDINS", "JARDINS"),
        ("LE GALL", "GALL"), ("LES ESSARTS", "ESSARTS"),
    ])
    func foreignAndFrenchParticles(_ input: String, _ compact: String) throws {
        #expect(try NameForm(input).compact == Array(compact.utf8))
    }

    @Test func theLastWordIsNeverAParticle() throws {
        #expect(try NameForm("LE").tokens == [NameToken(text: "LE", isParticle: false)])
        #expect(try NameForm("DE LA").compact == Array("LA".utf8))
        #expect(try NameForm("MARTIN DE").tokens.map(\.isParticle) == [false, false])
    }

    @Test func saintFormsExpandOnlyAsWholeWords() throws {
        #expect(try NameForm("ST MARTIN").compact == Array("SAINTMARTIN".utf8))
        #expect(try NameForm("St.-Martin").compact == Array("SAINTMARTIN".utf8))
        #expect(try NameForm("Saint-Martin").compact == Array("SAINTMARTIN".utf8))
        #expect(try NameForm("STE MARIE").tokens.first?.text == "SAINTE")
        #expect(try NameForm("STEPHAN").compact == Array("STEPHAN".utf8))
        #expect(try NameForm("ST MARTIN").insForm == "ST MARTIN")  // the INS form stays as written
    }

    /// Markers and parentheses: the real-world drift reported by GCS Guyasis (research §10.5):
    /// "LOUIS, née DARK" and "LOUIS (DARK)".
    @Test func markersAndParenthesesSplitOffAlternateNames() throws {
        let nee = try NameForm("LOUIS, née DARK")
        #expect(nee.insForm == "LOUIS")
        #expect(nee.alternateNames == ["DARK"])
        let parenthesis = try NameForm("LOUIS (DARK)")
        #expect(parenthesis.insForm == "LOUIS")
        #expect(parenthesis.alternateNames == ["DARK"])
        let several = try NameForm("Martin épouse Dupont [de la Fontaine]")
        #expect(several.insForm == "MARTIN")
        #expect(several.alternateNames == ["DUPONT", "DE LA FONTAINE"])
    }

    @Test(arguments: ["EP", "EP.", "EPSE", "EPOUSE", "Épouse", "EPX", "EPOUX", "VVE", "VEUVE", "VEUF", "NEE", "NE",
                      "DIT", "DITE", "DIVORCEE"])
    func everyMarker(_ marker: String) throws {
        let name = try NameForm("DUPONT \(marker) MARTIN")
        #expect(name.insForm == "DUPONT")
        #expect(name.alternateNames == ["MARTIN"])
    }

    @Test func markersInsideWordsAreLetters() throws {
        #expect(try NameForm("NEEL").insForm == "NEEL")
        #expect(try NameForm("DUPONT-NEE").alternateNames.isEmpty)
        #expect(try NameForm("NE").insForm == "NE")  // a marker alone is a name
    }

    @Test func emptyMainPartTakesTheFirstAlternate() throws {
        let name = try NameForm("née Dupont")
        #expect(name.insForm == "DUPONT")
        #expect(name.alternateNames.isEmpty)
        #expect(try NameForm("(DARK)").insForm == "DARK")
        #expect(try NameForm("MARTIN EP").alternateNames.isEmpty)
        #expect(try NameForm("MARTIN ()").alternateNames.isEmpty)
    }

    @Test func errorsKeepOffsetsOfTheInput() {
        #expect(throws: TraitTextError.digit(offset: 12)) { try NameForm("MARTIN (DARK1)") }
        #expect(throws: TraitTextError.digit(offset: 13)) { try NameForm("MARTIN EP DUP0NT") }
        #expect(throws: TraitTextError.empty) { try NameForm(" ( ) ") }
        #expect(throws: TraitTextError.unsupportedCharacter(offset: 3)) { try NameForm("MAR*TIN") }
    }

    /// The byte fast path gives exactly the reference's form, or the reference's error, on generated and
    /// edge-case texts and on every corpus name.
    @Test func fastPathEqualsTheReference() {
        var fast = 0
        for text in TestSupport.edgeTexts(count: 20_000, seed: 16) {
            let got = TestSupport.result(text) { (t) throws(TraitTextError) in try NameForm(t) }
            let reference = TestSupport.result(text) { (t) throws(TraitTextError) in try NameForm(reference: t) }
            #expect(got == reference, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if NameForm.plainINSForm(text) != nil { fast += 1 }
        }
        #expect(fast > 10_000)  // the fast path is taken, not only checked
    }

    @Test func fastPathStepsAsideForMarkersBracketsAndSeparators() {
        for text in ["MARTIN EP DUPONT", "MARTIN -NEE DUPONT", "MARTIN (DUPONT)", "ST. MARTIN", "NE", "MARTIN\u{A0}VVE"] {
            #expect(NameForm.plainINSForm(text) == nil, "\(text)")
        }
        #expect(NameForm.plainINSForm("de la Fontaine") == Array("DE LA FONTAINE".utf8))
        #expect(NameForm.plainINSForm("NEEL") == Array("NEEL".utf8))
    }
}
