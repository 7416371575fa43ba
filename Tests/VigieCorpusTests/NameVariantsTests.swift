import Testing
@testable import VigieCorpus

struct NameVariantsTests {
    /// Every variant of a particle name, over many draws: glued, dropped, or apostrophe as a space.
    @Test func particleVariants() {
        var r = CorpusRandom(seed: 1)
        var seen = Set<String>()
        for _ in 0 ..< 200 { if let v = NameVariants.particle("DE LA FONTAINE", &r) { seen.insert(v) } }
        #expect(seen == ["DELAFONTAINE", "FONTAINE"])
        seen = []
        for _ in 0 ..< 200 { if let v = NameVariants.particle("D'ARTAGNAN", &r) { seen.insert(v) } }
        #expect(seen == ["DARTAGNAN", "ARTAGNAN", "D ARTAGNAN"])
        // Breton LE is part of the name: glued, never dropped.
        seen = []
        for _ in 0 ..< 200 { if let v = NameVariants.particle("LE GALL", &r) { seen.insert(v) } }
        #expect(seen == ["LEGALL"])
        #expect(NameVariants.particle("MARTIN", &r) == nil)
        #expect(NameVariants.particle("DELMAS", &r) == nil)
    }

    @Test func saintVariants() {
        var r = CorpusRandom(seed: 2)
        var seen = Set<String>()
        for _ in 0 ..< 300 { if let v = NameVariants.saint("SAINT-MARTIN", &r) { seen.insert(v) } }
        #expect(seen == ["ST-MARTIN", "ST MARTIN", "SAINT MARTIN"])
        seen = []
        for _ in 0 ..< 300 { if let v = NameVariants.saint("DE SAINTE-CROIX", &r) { seen.insert(v) } }
        #expect(seen == ["DE STE-CROIX", "DE STE CROIX", "DE SAINTE CROIX"])
        // SAINTIGNY is not a SAINT word.
        #expect(NameVariants.saint("SAINTIGNY", &r) == nil)
    }

    @Test func keyboardSlipsUseAzertyNeighbours() {
        var r = CorpusRandom(seed: 3)
        for _ in 0 ..< 200 {
            let v = AzertyKeyboard.slip("MARTIN", &r)!
            #expect(v != "MARTIN")
            #expect(abs(v.count - 6) <= 1)
        }
        // A substitution of A (in second place) can only give Z or Q on AZERTY.
        #expect(Set(AzertyKeyboard.neighbours["A"]!) == ["Z", "Q"])
        #expect(AzertyKeyboard.slip("É", &r) == nil)
    }

    @Test func phoneticRespellingsSoundAlike() {
        var r = CorpusRandom(seed: 4)
        var seen = Set<String>()
        for _ in 0 ..< 400 { if let v = PhoneticRespelling.respell("PHILIPPE", &r) { seen.insert(v) } }
        #expect(seen.contains("FILIPPE"))
        #expect(seen.contains("PHILIPE"))
        seen = []
        for _ in 0 ..< 400 { if let v = PhoneticRespelling.respell("RENAULT", &r) { seen.insert(v) } }
        #expect(seen.contains("RENAUD"))
        seen = []
        for _ in 0 ..< 400 { if let v = PhoneticRespelling.respell("BOILEAU", &r) { seen.insert(v) } }
        #expect(seen.contains("BOILO"))
        #expect(PhoneticRespelling.respell("BB", &r) == nil)
    }

    @Test func surnameAccentRule() {
        let firstNames = ["ANDRE": "ANDRÉ", "GERARD": "GÉRARD"]
        #expect(SurnameAccents.restore("ANDRE", firstNames: firstNames) == "ANDRÉ")
        #expect(SurnameAccents.restore("RIVIERE", firstNames: firstNames) == "RIVIÈRE")
        #expect(SurnameAccents.restore("LEFEVRE", firstNames: firstNames) == "LEFÈVRE")
        #expect(SurnameAccents.restore("SAINT-GERARD", firstNames: firstNames) == "SAINT-GÉRARD")
        #expect(SurnameAccents.restore("MARTIN", firstNames: firstNames) == "MARTIN")
    }
}
