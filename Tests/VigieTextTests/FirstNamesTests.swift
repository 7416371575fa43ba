import Testing
@testable import VigieText

@Suite struct FirstNamesTests {
    /// INSEE: "deux prénoms séparés par un tiret constituent un seul prénom composé" (research §10.4).
    @Test func compoundFirstNamesKeepTheirHyphen() throws {
        let names = try FirstNames("Jean-Pierre Marie")
        #expect(names.names == ["JEAN-PIERRE", "MARIE"])
        #expect(names.first == "JEAN-PIERRE")
        #expect(names.insForm == "JEAN-PIERRE MARIE")
    }

    @Test func spacesAroundAHyphenStillMakeOneCompound() throws {
        #expect(try FirstNames("Jean - Pierre").names == ["JEAN-PIERRE"])
    }

    @Test func commasAndSemicolonsSeparateFirstNames() throws {
        #expect(try FirstNames("Marie, Louise;Élodie").names == ["MARIE", "LOUISE", "ELODIE"])
    }

    @Test func apostrophesStayInsideAFirstName() throws {
        #expect(try FirstNames("N’Deye Awa").names == ["N'DEYE", "AWA"])
    }

    @Test func errors() {
        #expect(throws: TraitTextError.empty) { try FirstNames(" , ") }
        #expect(throws: TraitTextError.digit(offset: 5)) { try FirstNames("MARIE2") }
    }

    /// The byte fast path gives exactly the reference's names, or the reference's error.
    @Test func fastPathEqualsTheReference() {
        var fast = 0
        for text in TestSupport.edgeTexts(count: 20_000, seed: 17) {
            let got = TestSupport.result(text) { (t) throws(TraitTextError) in try FirstNames(t) }
            let reference = TestSupport.result(text) { (t) throws(TraitTextError) in try FirstNames(reference: t) }
            #expect(got == reference, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if FirstNames.fastNames(text) != nil { fast += 1 }
        }
        #expect(fast > 10_000)
    }
}
